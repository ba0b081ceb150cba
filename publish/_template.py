"""`python -m publish template`: the Excel workbook staff fill in, one sheet per table.

Why a generated template: the loaders accept a header only as the schema names it and a cell
only as its type and range allow; a workbook written from the same schemas, with drop-downs,
validations and an example row, lets staff in Excel or WPS get it right the first time. With
`--county` the sheets are pre-filled from a package that loads, so a county can move its CSV
files into one workbook. Only `publish` writes, and never into a county package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import loaders
from loaders import CountyPackage, InputErrors
from publish._check import in_reading_order
from publish._check_report import plural
from publish._template_excel import ListsSheet, display_width, write_table_sheet
from publish._template_sheets import (
    DEFAULT_NAME,
    EXAMPLE_MARK,
    INSTRUCTIONS_SHEET,
    SHEETS,
    SheetPlan,
    sheet_plans,
)

TEMPLATE_DIR = "build/template"
DEFAULT_OUT = f"{TEMPLATE_DIR}/{DEFAULT_NAME}"
MONOSPACE = "Consolas"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def files_lines(workbook_name: str) -> list[str]:
    """Return the county.toml [files] lines that point each table at its sheet of the workbook."""
    return [
        f"{key} = {{ file = {_toml_string(workbook_name)}, sheet = {_toml_string(sheet)} }}"
        for key, sheet in SHEETS.items()
    ]


def _instructions(plans: list[SheetPlan], workbook_name: str, package: CountyPackage | None):
    """Return the instruction rows: (中文, English, style) with style title, head, text or code."""
    name = package.info.name_zh if package else ""
    title_en = "data template for the evaluation of quality-balanced compulsory education"
    title_en = f"{package.info.name_en}: {title_en}" if package else title_en.capitalize()
    rows: list[tuple[str, str, str]] = [
        (f"{name}义务教育优质均衡发展评估 数据模板", title_en, "title"),
        ("", "", "text"),
        ("填写方法", "How to fill it in", "head"),
        (
            "每张表一个工作表，表头在第 1 行：不要改动表头文字，不要删除或合并列；"
            "单位写在表头的括号中，单元格只填数字。",
            "One sheet per table, its header in row 1: keep the header text, and do not delete or "
            "merge columns; units are in the headers' brackets, cells hold the figure only.",
            "text",
        ),
        (
            "选中单元格时会显示该列的填写说明；表头单元格的批注列出可选值和表头的其他写法。",
            "Selecting a cell shows what its column takes; the note on each header lists the "
            "choices and the other headers accepted.",
            "text",
        ),
        (
            "带下拉箭头的列请从列表中选择；数字、日期列会拒绝超出范围的值。",
            "Columns with a drop-down arrow take a value from the list; number and date columns "
            "refuse values out of range.",
            "text",
        ),
        (
            "每行一条记录，不要加合计行；资源共用的学校，各学部行都填全校合计数。",
            "One record per row, with no total rows; for a shared campus each section's row "
            "carries the whole school's totals.",
            "text",
        ),
        (
            "「指标数据」「自评结论」已按项目预填了编号和名称：只需填写数值、结论、理由和依据。",
            "「指标数据」 (measures) and 「自评结论」 (declarations) come with one row per item, "
            "ids and names filled in: type only the figures, statuses, reasons and sources.",
            "text",
        ),
    ]
    if package is None:
        rows.append(
            (
                f"各表第 2 行（灰色斜体）是样例，第一格以“{EXAMPLE_MARK}”开头，"
                "检查和生成网站时会跳过；可保留或删除。",
                f"Row 2 of each table (grey italics) is an example: its first cell starts with "
                f"{EXAMPLE_MARK}, and the check and the build skip it. Keep it or delete it.",
                "text",
            )
        )
    else:
        rows.append(
            (
                f"本模板已由数据包 {package.root.name} 的数据预填（没有样例行）。",
                f"This template is pre-filled from the package {package.root.name} "
                "(no example rows).",
                "text",
            )
        )
    rows += [("", "", "text"), ("工作表", "Sheets", "head")]
    described = {f.key: f for f in loaders.PACKAGE_FILES}
    for plan in plans:
        file = described[plan.key]
        need = ("必需", "required") if file.required else ("可选", "optional")
        rows.append(
            (
                f"{plan.name}（{plan.key}，{need[0]}）— {file.zh}",
                f"{plan.name} ({plan.key}, {need[1]}) — {file.en}",
                "text",
            )
        )
    rows += [
        ("", "", "text"),
        ("county.toml", "county.toml", "head"),
        (
            f"把本工作簿（{workbook_name}）放入数据包文件夹，"
            "在 county.toml 的 [files] 中写入下列各行，使每张表指向本工作簿的工作表；"
            "问卷数据 survey 和问卷配置 survey_config 仍是单独的文件。",
            f"Put this workbook ({workbook_name}) in the package folder and write these lines "
            "under [files] in county.toml, so that each table points at its sheet; the survey "
            "and its config (survey, survey_config) stay files of their own.",
            "text",
        ),
        ("[files]", "", "code"),
        *((line, "", "code") for line in files_lines(workbook_name)),
        (
            "然后检查：nox -s check -- --county <数据包文件夹>",
            "Then check it: nox -s check -- --county <package folder>",
            "text",
        ),
        (
            "请保存为 .xlsx；不要另存为 CSV（CSV 只能保存一个工作表）。",
            "Keep it as .xlsx; do not save it as CSV (a CSV holds one sheet only).",
            "text",
        ),
    ]
    return rows


def _write_instructions(sheet, rows: list[tuple[str, str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    fonts = {
        "title": Font(bold=True, size=14),
        "head": Font(bold=True, size=12),
        "code": Font(name=MONOSPACE),
        "text": Font(),
    }
    for row, (zh, en, style) in enumerate(rows, start=1):
        for column, text in ((1, zh), (2, en)):
            cell = sheet.cell(row=row, column=column, value=text or None)
            cell.font = fonts[style]
            cell.alignment = Alignment(wrap_text=style != "code", vertical="top")
    code_width = max(display_width(zh) for zh, _, style in rows if style == "code")
    sheet.column_dimensions["A"].width = max(70, code_width + 2)
    sheet.column_dimensions["B"].width = 80


def build_workbook(workbook_name: str, package: CountyPackage | None = None):
    """Return the template as an openpyxl workbook: instructions first, then one sheet per table."""
    from openpyxl import Workbook

    plans = sheet_plans(package)
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions, _instructions(plans, workbook_name, package))
    lists = ListsSheet(workbook)
    for plan in plans:
        write_table_sheet(workbook, plan, lists)
    if lists.sheet is not None:  # keep the hidden lists sheet last, out of the staff's way
        workbook.move_sheet(lists.sheet, offset=len(workbook.sheetnames))
    workbook.active = 0
    return workbook


def write_template(out: Path, package: CountyPackage | None = None) -> Path:
    """Write the workbook to `out` through a temporary file renamed into place; return `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook = build_workbook(out.name, package)
    partial = out.with_name(f".{out.name}.partial")
    try:
        workbook.save(partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return out


def _refusal(out: Path, county: Path | None) -> str | None:
    """Say why `out` may not be written: inside a county package, or not an .xlsx file."""
    if out.suffix.lower() != ".xlsx":
        return (
            f"{out}：模板须保存为 .xlsx 文件，请改用以 .xlsx 结尾的 --out。\n"
            f"{out}: the template is an .xlsx workbook; give an --out ending in .xlsx."
        )
    inside = county if county is not None and out.is_relative_to(county) else None
    inside = inside or next((p for p in out.parents if (p / "county.toml").is_file()), None)
    if inside is None:
        return None
    return (
        f"{out} 位于数据包 {inside} 内：模板从不写入数据包，请另选 --out（默认 {DEFAULT_OUT}），"
        "填好后再把它复制到数据包中。\n"
        f"{out} is inside the package {inside}: the template is never written into a package; "
        f"choose another --out (default: {DEFAULT_OUT}) and copy the workbook in once filled."
    )


def _print_errors(errors: InputErrors) -> None:
    """Print every problem in both languages, as `python -m publish check` does."""
    problems = in_reading_order(errors.report.errors)
    left_out = errors.report.left_out()
    parts = [f"数据包有 {len(problems)} 处问题，未生成模板："]
    parts += [e.message("zh") for e in problems]
    parts += [loaders.left_out(f, c, n, "zh") for f, c, n in left_out]
    parts += ["", f"The data package has {plural(len(problems), 'problem')}; no template written:"]
    parts += [e.message("en") for e in problems]
    parts += [loaders.left_out(f, c, n, "en") for f, c, n in left_out]
    parts += ["", "详细报告 / Full report: nox -s check -- --county <数据包 / package>"]
    print("\n".join(parts), file=sys.stderr)


def template(out: Path, county: Path | None = None) -> int:
    """Write the template (pre-filled from `county` when given); 0 when written, else 1."""
    out, county = out.resolve(), county.resolve() if county is not None else None
    refusal = _refusal(out, county)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    package = None
    if county is not None:
        try:
            package = loaders.load_county(county)
        except InputErrors as errors:
            _print_errors(errors)
            return 1
    write_template(out, package)
    print(f"数据模板已写入 / Template written: {out}")
    return 0
