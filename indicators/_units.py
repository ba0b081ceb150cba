"""Failing units in words (学部编号, school, what fails), for declaration and plan errors.

Why here and not on the site: a declaration that the data contradict stops the build, and the
error must already name the classes or schools that fail, so staff can write the plan (or
correct the register) without a site to look at.
"""

from __future__ import annotations

import pandas as pd

from indicators._outcome import Computed, Figure, Unit
from indicators._remediation import Plan
from loaders import measure_items

OPS = {">=": "≥", "<=": "≤", "<": "<"}
LEVEL_WORDS = {
    "primary": ("小学", "primary"),
    "junior": ("初中", "junior"),
    "through": ("一贯制", "through-school"),
}


def _n(value: float) -> str:
    """Return a whole number with thousands separators (2,300), as both languages write it."""
    return f"{round(float(value)):,}"


def _names(sections: pd.DataFrame) -> dict[str, str]:
    """Return section id → "school name（section name）" as the register writes them."""
    names = {}
    for row in sections.to_dict("records"):  # iterrows builds a Series a row: slow
        school, part = str(row.get("school_name", "")), row.get("section_name")
        names[str(row["section_id"])] = (
            f"{school}（{part}）" if isinstance(part, str) and part else school
        )
    return names


def resource_units(failing: pd.DataFrame, sections: pd.DataFrame, standards) -> tuple[Unit, ...]:
    """Return R's failing sections: which standards each misses, and which fall below 85 %.

    `failing`: resources.sections rows that fail (index section_id, R1_met … columns and the
    values); `standards`: ResourceRules.standards; `floor`: given as `failing["floor_R1"]`…
    when known, else only the standards missed are named.
    """
    names = _names(sections)
    units = []
    for sid, row in failing.iterrows():
        missed = [i for i in standards if not bool(row.get(f"{i}_met", True))]
        low = [i for i in missed if not bool(row.get(f"{i}_above_floor", True))]
        zh = f"{sid} {names.get(str(sid), '')}：{'、'.join(missed)} 未达标"
        en = f"{sid} {names.get(str(sid), '')}: {', '.join(missed)} not met"
        if low:
            zh += f"（{'、'.join(low)} 低于标准的 85%）"
            en += f" ({', '.join(low)} below 85% of the standard)"
        units.append(Unit(zh, en, (str(sid),)))
    return tuple(units)


def g3_units(failing: pd.DataFrame, sections: pd.DataFrame, minimums: pd.DataFrame) -> tuple:
    """Return G3's failing sections: rooms needed and present, and undersized rooms.

    `minimums`: index section_id; columns music, art (the smallest area allowed, m²).
    """
    names = _names(sections)
    units = []
    for _, row in failing.iterrows():
        sid = str(row["section_id"])
        need = int(row["rooms_needed"])
        zh_parts, en_parts = [], []
        for kind, zh_kind in (("music", "音乐"), ("art", "美术")):
            have = int(row[f"{kind}_rooms"])
            if have < need:
                zh_parts.append(f"{zh_kind}教室 {have} 间，需 {need} 间")
                en_parts.append(f"{have} {kind} room{'' if have == 1 else 's'}, {need} needed")
            area, least = row[f"{kind}_room_min_area_m2"], minimums.loc[sid, kind]
            if area < least:
                zh_parts.append(f"最小{zh_kind}教室 {area:g} ㎡，应不小于 {least:g} ㎡")
                en_parts.append(f"smallest {kind} room {area:g} m², at least {least:g} needed")
        units.append(
            Unit(
                f"{sid} {names.get(sid, '')}：{'；'.join(zh_parts)}",
                f"{sid} {names.get(sid, '')}: {'; '.join(en_parts)}",
                (sid,),
            )
        )
    return tuple(units)


def g4_units(failing: pd.DataFrame, sections: pd.DataFrame) -> tuple[Unit, ...]:
    """Return G4's oversized units; a 一贯制 school is covered by a plan for any of its sections."""
    units = []
    for _, row in failing.iterrows():
        uid = str(row["unit_id"])
        if row["level"] == "through":
            covered = tuple(sections.loc[sections["school_id"] == uid, "section_id"].astype(str))
        else:
            covered = (uid,)
        zh_level, en_level = LEVEL_WORDS[row["level"]]
        name = f"{row['school_name']}（{row['section_name']}）"
        units.append(
            Unit(
                f"{uid} {name}，{zh_level}：{_n(row['students'])} 人，上限 {_n(row['limit'])} 人",
                f"{uid} {name}, {en_level}: {_n(row['students'])} students, "
                f"limit {_n(row['limit'])}",
                covered,
            )
        )
    return tuple(units)


def class_zh(class_no: object) -> str:
    """Name a class as staff number it: 3 → 3 班, and 3班 or 三班 stays as written."""
    text = str(class_no).strip()
    return text if text.endswith("班") else f"{text} 班"


def class_en(class_no: object) -> str:
    """Name a class in English: 3 and 3班 → class 3; a name that is not a number stays whole."""
    text = str(class_no).strip()
    bare = text.removesuffix("班").strip()
    return f"class {bare}" if bare.isascii() else f"class {text}"


def g5_units(oversized: pd.DataFrame, sections: pd.DataFrame) -> tuple[Unit, ...]:
    """Return G5's oversized classes, largest first (columns section_id, grade, class_no,
    students, limit)."""
    names = _names(sections)
    order = oversized.sort_values(["students", "section_id"], ascending=[False, True])
    return tuple(
        Unit(
            f"{row['section_id']} {names.get(str(row['section_id']), '')} "
            f"{int(row['grade'])} 年级 {class_zh(row['class_no'])}：{int(row['students'])} 人"
            f"（上限 {int(row['limit'])} 人）",
            f"{row['section_id']} {names.get(str(row['section_id']), '')} grade "
            f"{int(row['grade'])} {class_en(row['class_no'])}: {int(row['students'])} students "
            f"(limit {int(row['limit'])})",
            (str(row["section_id"]),),
        )
        for row in order.to_dict("records")
    )


def balance_units(failing: pd.DataFrame) -> tuple[Unit, ...]:
    """Return B's coefficients above their limit (columns level, indicator, cv, limit)."""
    return tuple(
        Unit(
            f"{LEVEL_WORDS[row['level']][0]} {row['indicator']}：差异系数 {row['cv']:.3f}，"
            f"上限 {row['limit']:g}",
            f"{LEVEL_WORDS[row['level']][1]} {row['indicator']}: coefficient of variation "
            f"{row['cv']:.3f}, limit {row['limit']:g}",
        )
        for _, row in failing.iterrows()
    )


def _figure_text(figure: Figure) -> str:
    """Return a figure's value as staff read it: shares in per cent, money and counts whole."""
    if figure.value is None or pd.isna(figure.value):
        return "—"
    if figure.unit == "share":
        return f"{figure.value * 100:.4g}%"
    if figure.unit == "ratio":
        return f"{figure.value:.3f}"
    return _n(figure.value) if float(figure.value).is_integer() else f"{figure.value:,.2f}"


def figure_units(computed: Computed, names: dict[str, tuple[str, str]]) -> tuple[Unit, ...]:
    """Return an indicator's thresholds its figures fail, or the figures it lacks.

    `names`: figure key → (zh, en) words where known (the county measure catalogue); other
    keys are shown as the code the open data use.
    """
    values = {f.key: f for f in computed.values}
    units = []
    for threshold in computed.thresholds:
        value = values.get(threshold.key)
        zh, en = names.get(threshold.key, (threshold.key, threshold.key))
        if value is None or value.value is None or pd.isna(value.value):
            units.append(Unit(f"缺少数据：{zh}", f"no figure: {en}"))
            continue
        fails = {
            ">=": value.value < threshold.value,
            "<=": value.value > threshold.value,
            "<": value.value >= threshold.value,
        }.get(threshold.op or "", False)
        if fails:
            shown, limit = _figure_text(value), _figure_text(threshold)
            units.append(
                Unit(
                    f"{zh} {shown}，标准 {OPS[threshold.op]} {limit}",
                    f"{en} {shown}, standard {OPS[threshold.op]} {limit}",
                )
            )
    return tuple(units)


def listing(units: tuple[Unit, ...], lang: str, cap: int = 20) -> str:
    """Return up to `cap` units joined as one sentence, with "and N more" for the rest."""
    words = [u.zh if lang == "zh" else u.en for u in units[:cap]]
    more = len(units) - cap
    if lang == "zh":
        return "；".join(words) + (f"；另有 {more} 个" if more > 0 else "")
    return "; ".join(words) + (f"; and {more} more" if more > 0 else "")


def failing_units(computed: Computed) -> tuple[Unit, ...]:
    """Return what fails an indicator in words: its units (sections, schools, classes, CVs)
    when it is judged unit by unit, else the thresholds its figures miss or the figures it
    lacks."""
    if computed.units:
        return computed.units
    if computed.status not in ("not_met", "no_data"):
        return ()
    names = {k: (item.zh, item.en) for k, item in measure_items().items()}
    return figure_units(computed, names)


def uncovered(units: tuple[Unit, ...], plans: tuple[Plan, ...]) -> tuple[Unit, ...]:
    """Return the failing units no plan covers: a plan covers the units of its section, a plan
    that names no section covers them all (see the module docstring)."""
    named = {p.section_id for p in plans}
    if None in named:
        return ()
    return tuple(u for u in units if not named.intersection(u.sections))


def failing_detail(units: tuple[Unit, ...]) -> dict[str, str]:
    """Return the InputError detail naming what fails, so staff can write the plan."""
    if not units:
        return {}
    return {
        "detail": f"未达标的是 {listing(units, 'zh')}",
        "detail_en": f"what fails: {listing(units, 'en')}",
    }
