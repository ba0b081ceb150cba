"""Write one table's sheet of the template: header, example row, rows, drop-downs, validations.

Why validations in the workbook and not only in the check: staff work in Excel or WPS, and a
drop-down or a refused "三百" at the moment of typing saves a round of check reports. Each
validation repeats what the loaders enforce (the schema's type, minimum and maximum), so a value
Excel accepts is one the check accepts too. openpyxl is imported inside the functions, so
`python -m publish build` never pays for it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from loaders import ColumnSpec
from publish._template_sheets import (
    LISTS_SHEET,
    SheetPlan,
    comment_text,
    header_text,
    is_date,
    list_values,
    prompt_text,
)

LAST_ROW = 1_048_576  # Excel's last row: validations cover the whole column below the header
LIST_LIMIT = 255  # Excel's limit on an inline list (the characters between the quotes)
HEADER_FILL = "FFDDEBF7"
EXAMPLE_COLOUR = "FF808080"
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
NUMBER_FORMATS = {"integer": "0", "number": "General", "choice": "General"}
MAX_WIDTH = 40  # a long example or name widens its column this far at most
MIN_WIDTH = 8


def display_width(text: object) -> int:
    """Return the width of a cell's text in Excel columns (a 中文 character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _bounds(spec: ColumnSpec) -> tuple[str, str | None, str | None] | None:
    """Return (operator, formula1, formula2) for the schema's minimum and maximum, or None."""
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        return "between", f"{low:g}", f"{high:g}"
    if low is not None:
        return "greaterThanOrEqual", f"{low:g}", None
    if high is not None:
        return "lessThanOrEqual", f"{high:g}", None
    return None


class ListsSheet:
    """The hidden sheet holding drop-down lists too long for an inline list, one per column."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.sheet = None
        self.columns: dict[tuple[str, ...], str] = {}

    def reference(self, values: tuple[str, ...]) -> str:
        """Return the formula of a list: inline when short enough, else a range of this sheet."""
        inline = ",".join(values)
        if values and len(inline) <= LIST_LIMIT and not any("," in v or '"' in v for v in values):
            return f'"{inline}"'
        if values not in self.columns:
            from openpyxl.utils import get_column_letter

            if self.sheet is None:
                self.sheet = self.workbook.create_sheet(LISTS_SHEET)
                self.sheet.sheet_state = "hidden"
            column = len(self.columns) + 1
            for row, value in enumerate(values, start=1):
                self.sheet.cell(row=row, column=column, value=value)
            letter = get_column_letter(column)
            self.columns[values] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(values)}"
        return self.columns[values]


def _validation(plan: SheetPlan, spec: ColumnSpec, lists: ListsSheet, row_type: str | None):
    """Return the data validation of one column (or of the measures rows of one item type)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    kind = row_type or spec.type
    choices = list_values(plan.schema, spec)
    if choices is not None:
        rule = DataValidation(type="list", formula1=lists.reference(choices), allow_blank=True)
        error = ("请从下拉列表中选择。", "Choose a value from the drop-down list.")
    elif is_date(plan.schema, spec):
        rule = DataValidation(
            type="date",
            operator="between",
            formula1=str(_excel_serial(FIRST_DAY)),
            formula2=str(_excel_serial(LAST_DAY)),
            allow_blank=True,
        )
        error = ("请填写日期，如 2025-06-30。", "Enter a date, such as 2025-06-30.")
    elif kind in {"integer", "number"}:
        unbounded = ("-2147483648", "2147483647") if kind == "integer" else ("-1E+300", "1E+300")
        operator, low, high = _bounds(spec) or ("between", *unbounded)
        rule = DataValidation(
            type="whole" if kind == "integer" else "decimal",
            operator=operator,
            formula1=low,
            formula2=high,
            allow_blank=True,
        )
        expected = (spec.expected("zh"), spec.expected("en"))
        if row_type:  # measures: the item's type, within the schema's range of 数值
            expected = ("整数 ≥ 0", "a whole number ≥ 0") if kind == "integer" else expected
        error = (f"应为{expected[0]}。", f"Expected {expected[1]}.")
    else:  # free text: the validation carries the input message only
        rule = DataValidation(allow_blank=True)
        error = None
    prompt = prompt_text(plan.schema, spec)
    if row_type == "integer":
        prompt = prompt.replace("数字", "整数").replace("a number", "a whole number")
    rule.promptTitle = spec.zh[:32]
    rule.prompt = prompt
    rule.showInputMessage = True
    if error:
        rule.errorTitle = "输入有误 / Invalid entry"
        rule.error = f"{error[0]}\n{error[1]}"
        rule.showErrorMessage = True
        rule.errorStyle = "stop"
    return rule


def _number_format(plan: SheetPlan, spec: ColumnSpec) -> str:
    """Text ("@") for ids and text, so Excel keeps 3.10 and 0012 as written and 2026-08 a month."""
    if is_date(plan.schema, spec):
        return "yyyy-mm-dd"
    return NUMBER_FORMATS.get(spec.type, "@")


def _row_ranges(letter: str, rows: list[int]) -> list[str]:
    """Return the ranges of consecutive rows, e.g. D2:D5 D7."""
    ranges, start = [], None
    for index, row in enumerate(rows):
        if start is None:
            start = row
        if index + 1 == len(rows) or rows[index + 1] != row + 1:
            ranges.append(f"{letter}{start}" + (f":{letter}{row}" if row != start else ""))
            start = None
    return ranges


def _add_validations(sheet, plan: SheetPlan, lists: ListsSheet, first: int) -> None:
    from openpyxl.utils import get_column_letter

    for position, spec in enumerate(plan.schema.columns, start=1):
        letter = get_column_letter(position)
        if plan.row_types and spec.name == "value":  # measures: whole or decimal per item
            by_type: dict[str, list[int]] = {}
            for offset, kind in enumerate(plan.row_types):
                by_type.setdefault(kind, []).append(first + offset)
            after = first + len(plan.row_types)
            by_type.setdefault("number", [])
            for kind, rows in by_type.items():
                rule = _validation(plan, spec, lists, kind)
                sheet.add_data_validation(rule)
                for cells in _row_ranges(letter, rows):
                    rule.add(cells)
                if kind == "number":
                    rule.add(f"{letter}{after}:{letter}{LAST_ROW}")
            continue
        rule = _validation(plan, spec, lists, None)
        sheet.add_data_validation(rule)
        rule.add(f"{letter}{first}:{letter}{LAST_ROW}")


def write_table_sheet(workbook, plan: SheetPlan, lists: ListsSheet) -> None:
    """Add the sheet of one table: header in row 1 (frozen), the example row, then the rows."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(plan.name)
    formats = [_number_format(plan, spec) for spec in plan.schema.columns]
    widths = [display_width(header_text(spec)) for spec in plan.schema.columns]
    for position, spec in enumerate(plan.schema.columns, start=1):
        cell = sheet.cell(row=1, column=position, value=header_text(spec))
        cell.font = Font(bold=spec.required)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center")
        note = Comment(comment_text(plan.schema, spec), "数据模板 / template")
        note.width, note.height = 320, 180
        cell.comment = note
    body = ([plan.example] if plan.example else []) + list(plan.rows)
    for row, values in enumerate(body, start=2):
        for position, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=position, value=value)
            cell.number_format = formats[position - 1]
            if value is not None:
                widths[position - 1] = max(
                    widths[position - 1], min(display_width(value), MAX_WIDTH)
                )
            if plan.example and row == 2:
                cell.font = Font(italic=True, color=EXAMPLE_COLOUR)
    for position, width in enumerate(widths, start=1):
        dimension = sheet.column_dimensions[get_column_letter(position)]
        dimension.width = max(width + 3, MIN_WIDTH)
        dimension.number_format = formats[position - 1]
    sheet.freeze_panes = "A2"
    _add_validations(sheet, plan, lists, first=3 if plan.example else 2)
