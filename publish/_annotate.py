"""A copy of a staff workbook with each problem cell filled in a warning colour and commented.

Why a copy and not a list only: staff correct the workbook in Excel or WPS, and a marked cell is
found at a glance where "row 214, column 学生数" must be looked up. The original is never
written (the build and the check read a package and never write into it); the copy goes to
build/check/. The cells are found as the loaders name them: the row as Excel numbers it, the
column by the header text staff wrote, in the sheet the loaders read (the first, or the one
county.toml names: `数据.xlsx [学校名册]`).
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from loaders import HEADER_SEARCH_ROWS, InputError, hint, split_label

WARNING_FILL = "FFFFC7CE"  # Excel's own "bad" fill
AUTHOR = "数据包检查 / package check"


def _header_columns(sheet) -> dict[str, int]:
    """Map each header text in the first rows to its column number (1 = A)."""
    columns: dict[str, int] = {}
    for row in sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS):
        for cell in row:
            if cell.value is not None:
                columns.setdefault(str(cell.value).strip(), cell.column)
    return columns


def _note(error: InputError) -> str:
    lines = [error.message("zh"), error.message("en")]
    lines += [text for text in (hint(error.code, "zh"), hint(error.code, "en")) if text]
    return "\n".join(lines)


def annotate_workbook(source: Path, errors: list[InputError], target: Path) -> bool:
    """Write `target`, a copy of `source` with the located errors marked; False if unreadable.

    An error with a row and a known column marks that cell; with a row only, the row's first
    cell; with a column only (a missing or misheaded column), its header cell.
    """
    # imported here: a third of a second, spent only when a workbook has problems to mark
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    try:
        workbook = load_workbook(source)
    except Exception:  # an unreadable workbook is already reported as such; nothing to mark
        return False
    by_sheet: dict[str | None, list[InputError]] = defaultdict(list)
    for error in errors:
        by_sheet[split_label(error.file)[1]].append(error)
    for name, sheet_errors in by_sheet.items():
        if name is None or name in workbook.sheetnames:
            _mark(
                workbook[name] if name else workbook.worksheets[0],
                sheet_errors,
                Comment,
                PatternFill,
            )
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    workbook.save(partial)
    partial.replace(target)
    return True


def _mark(sheet, errors: list[InputError], comment_type, fill_type) -> None:
    """Fill and comment the cells of one sheet that `errors` locate."""
    headers = _header_columns(sheet)
    header_row = min((e.row for e in errors if e.code == "missing-column" and e.row), default=1)
    notes: dict[tuple[int, int], list[str]] = defaultdict(list)
    for error in errors:
        column = headers.get(str(error.column).strip()) if error.column else None
        if error.row is None and column is None:
            continue  # about the file as a whole: the report says it
        cell = _writable(sheet, error.row or header_row, column or 1)
        notes[(cell.row, cell.column)].append(_note(error))
    for (row, column), texts in notes.items():
        cell = sheet.cell(row=row, column=column)
        cell.fill = fill_type(fill_type="solid", fgColor=WARNING_FILL)
        text = "\n\n".join(texts)
        comment = comment_type(text, AUTHOR)
        comment.width, comment.height = 360, min(60 + 16 * text.count("\n") * 2, 600)
        cell.comment = comment


def _writable(sheet, row: int, column: int):
    """Return the cell, or the top-left cell of the merged range it lies in (only that one
    can carry a fill and a comment)."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return sheet.cell(row=merged.min_row, column=merged.min_col)
    return sheet.cell(row=row, column=column)
