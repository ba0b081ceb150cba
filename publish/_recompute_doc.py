"""The methodology's worked example: one section's value and one CV, recomputed in a spreadsheet.

Why generated: the cell addresses, the section and the figures are this county's, taken from the
very files the open-data page publishes (their column order comes from the data dictionary), so
a reader can open the downloads and type the formulas exactly as shown.
"""

from __future__ import annotations

import math

from publish._escape import page_text
from publish._format import fmt_decimal, fmt_int, text_html
from publish._names import school_name
from publish._opendata_dictionary import dictionary
from publish._results import Results

INDICATOR = "R4"  # floor area per student: one division, no per-100 factor
AREA = "teaching_area_m2"
LEVEL_NAMES = {"primary": ("小学", "primary"), "junior": ("初中", "junior")}


def _letters(index: int) -> str:
    """Return the spreadsheet letters of a column by its position from 0 (A, B, …, AA …)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column(table: str, field: str) -> str:
    return _letters([f.name for f in dictionary()[table].fields].index(field))


def _example_section(results: Results) -> str | None:
    """The first evaluated section whose floor area is its own (not a shared campus's share)."""
    register = results.schools.set_index("section_id")
    shared = register.get("shared_resources")
    for section_id in results.resources.sections.index:
        if shared is None or shared.get(section_id) != "yes":
            return section_id
    return None


def recompute_example(results: Results, lang: str) -> str:
    """Return the worked example as HTML paragraphs and formulas, in the page language."""
    section_id = _example_section(results)
    if section_id is None:
        return ""
    register = results.schools.reset_index(drop=True)
    row = int(register.index[register["section_id"] == section_id][0]) + 2  # header is row 1
    school = register.iloc[row - 2]
    value = float(results.resources.sections.loc[section_id, INDICATOR])
    level = str(school["level"])
    sections = results.resources.sections
    at_level = sections[sections["level"] == level]
    shares = at_level["students"] / at_level["students"].sum()
    mean = float((shares * at_level[INDICATOR]).sum())
    spread = math.sqrt(float((shares * (at_level[INDICATOR] - mean) ** 2).sum()))
    cv = float(results.resources.cvs.loc[(level, INDICATOR), "cv"])
    last = len(sections) + 1
    col = {
        "area": _column("school_register", AREA),
        "students": _column("school_register", "students"),
        "level": _column("sections", "level"),
        "p": _column("sections", "students"),
        "x": _column("sections", INDICATOR),
    }
    rng = {k: f"{col[k]}2:{col[k]}{last}" for k in ("level", "p", "x")}
    free = _letters(len(dictionary()["sections"].fields) + 1)  # a column the table leaves empty
    cells = [f"{free}{i}" for i in (1, 2, 3)]
    where = f'({rng["level"]}="{level}")'
    formulas = {
        "value": f"={col['area']}{row}/{col['students']}{row}",
        "mean": f'=SUMPRODUCT({where}*{rng["p"]}*{rng["x"]})/SUMIF({rng["level"]},"{level}",'
        f"{rng['p']})",
        "spread": f"=SQRT(SUMPRODUCT({where}*{rng['p']}*({rng['x']}-{cells[0]})^2)"
        f'/SUMIF({rng["level"]},"{level}",{rng["p"]}))',
        "cv": f"={cells[1]}/{cells[0]}",
    }
    code = {k: f"<code>{page_text(v)}</code>" for k, v in formulas.items()}
    named = school_name(str(school["school_name"]), results, lang)
    name = text_html(
        f"{named}（{section_id}）" if lang == "zh" else f"{named} ({section_id})", lang
    )
    level_word = LEVEL_NAMES.get(level, (level, level))[0 if lang == "zh" else 1]
    area = fmt_decimal(float(school[AREA]), 2, lang)
    students = fmt_int(float(school["students"]), lang)
    shown = {k: fmt_decimal(v, 4, lang) for k, v in (("value", value), ("mean", mean))}
    if lang == "zh":
        return (
            f"<p>以{name}为例。下载 <code>school_register.csv</code>，它在第 {row} 行："
            f"教学及辅助用房面积 {area} 平方米（{col['area']} 列），在校学生数 {students} 人"
            f"（{col['students']} 列）。{INDICATOR} 生均教学及辅助用房面积就是二者相除，"
            f"在空白单元格输入 {code['value']}，得到 {shown['value']}，与 "
            f"<code>sections.csv</code> 中这一学部的 {INDICATOR} 相同。</p>"
            f"<p>{level_word} {INDICATOR} 的校际差异系数用 <code>sections.csv</code> 计算："
            f"{col['level']} 列是学段，{col['p']} 列是在校学生数，{col['x']} 列是 {INDICATOR}。"
            f"在 {cells[0]} 输入 {code['mean']}，得到按学生数加权的平均值 {shown['mean']}；"
            f"在 {cells[1]} 输入 {code['spread']}，得到加权标准差 {fmt_decimal(spread, 4, lang)}；"
            f"在 {cells[2]} 输入 {code['cv']}，得到差异系数 {fmt_decimal(cv, 4, lang)}，"
            f"与 <code>cvs.csv</code> 中的数值相同。</p>"
        )
    return (
        f"<p>Take {name}. Download <code>school_register.csv</code>: the section is on row {row}, "
        f"with a teaching and auxiliary floor area of {area} m² (column {col['area']}) and "
        f"{students} students (column {col['students']}). {INDICATOR}, the floor area per "
        f"student, is the one divided by the other: type {code['value']} into an empty cell to "
        f"get {shown['value']}, the {INDICATOR} of this section in <code>sections.csv</code>.</p>"
        f"<p>The coefficient of variation of {INDICATOR} between {level_word} sections comes "
        f"from <code>sections.csv</code>, whose column {col['level']} is the level, "
        f"{col['p']} the students and {col['x']} the {INDICATOR} value. Type {code['mean']} "
        f"into {cells[0]} for the student-weighted mean, {shown['mean']}; {code['spread']} "
        f"into {cells[1]} for the weighted standard deviation, {fmt_decimal(spread, 4, lang)}; "
        f"and {code['cv']} into {cells[2]} for the coefficient, {fmt_decimal(cv, 4, lang)}, "
        "as in <code>cvs.csv</code>.</p>"
    )
