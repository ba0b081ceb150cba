"""What a sheet's layout does to its cells: example rows, merged cells, formulas without results.

Each is reported as its cause, once, because its symptoms (every merged row "empty", every
formula cell "must not be empty") would bury the one thing staff must do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._schema import TableSchema
from loaders._workbook import Sheet

# the first cell of a template's example row starts with this; such a row is never data
EXAMPLE_MARK = "样例"
# columns whose merged cells may be filled down: a name or a category applies to every row it
# spans, while a merged figure (one area over two sections) has no single reading
FILLABLE_TYPES = {"id", "text", "choice"}


def without_example_rows(body: pd.DataFrame) -> pd.DataFrame:
    """Drop the rows whose first filled cell starts with 样例 (the template's example row)."""
    if not len(body):
        return body
    cells = body.to_numpy(dtype=object)
    first = cells[np.arange(len(cells)), (cells != "").argmax(axis=1)]  # the first filled cell
    return body[~np.char.startswith(first.astype(str), EXAMPLE_MARK)]


def cell_name(row: int, column: int) -> str:
    """Return the A1 name of a 0-based cell (row 0, column 27 → AB1)."""
    letters, number = "", column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def formulas_reported(
    sheet: Sheet, label: str, header_row: int, headers: pd.Series, report: LoadReport
) -> bool:
    """Report, once, formula cells below the header that hold no result; True if there are any.

    A workbook written by a program and never opened in Excel/WPS stores formulas without
    their values: the loaders would read every such cell as empty.
    """
    cells = [(r, c) for r, c in sheet.formulas_without_value if r > header_row]
    if not cells:
        return False
    row, column = cells[0]
    report.add(
        InputError(
            label,
            "formula-no-value",
            row=row + 1,
            column=str(headers.iloc[column]) if column < len(headers) else None,
            detail=f"共 {len(cells)} 个公式单元格没有计算结果（第一个是 {cell_name(row, column)}）",
            detail_en=(
                f"{len(cells)} formula cells have no result (the first is {cell_name(row, column)})"
                if len(cells) > 1
                else f"the formula in {cell_name(row, column)} has no result"
            ),
        )
    )
    return True


def fill_merged(
    sheet: Sheet,
    label: str,
    header_row: int,
    headers: pd.Series,
    positions: dict[str, int],
    schema: TableSchema,
    report: LoadReport,
) -> pd.DataFrame:
    """Return the cells with merged names and categories filled down; report other merges.

    A merge over the rows of one identifying column (镇街 merged over its schools) means the
    same text on every row it spans, so it is filled in. A merge over figures or over several
    columns has no single reading: it is reported with its range, and left as read.
    """
    cells = sheet.cells.copy()
    kinds = {positions[c.name]: c.type for c in schema.columns if c.name in positions}
    for first_row, first_col, last_row, last_col in sheet.merged:
        if first_row <= header_row or not any(first_col <= p <= last_col for p in kinds):
            continue  # a merged title or header, or a merge outside the table's columns
        if first_col == last_col and kinds.get(first_col) in FILLABLE_TYPES:
            cells.iloc[first_row + 1 : last_row + 1, first_col] = cells.iat[first_row, first_col]
            continue
        if first_row == last_row and first_col == last_col:
            continue
        for column in range(first_col, last_col + 1):  # not also "empty" on every row it spans
            cells.iloc[first_row + 1 : last_row + 1, column] = cells.iat[first_row, column]
        span = f"{cell_name(first_row, first_col)}:{cell_name(last_row, last_col)}"
        report.add(
            InputError(
                label,
                "merged-cells",
                row=first_row + 1,
                column=str(headers.iloc[first_col]) if first_col < len(headers) else None,
                value=cells.iat[first_row, first_col] or None,
                detail=f"单元格 {span} 是合并单元格",
                detail_en=f"cells {span} are merged",
            )
        )
    return cells
