"""A table's values once parsed: whole columns at once when plain, then ranges and repeated keys.

Split from `_table` (which finds the header and parses cell by cell): these rules look at a
parsed column or the whole frame, not at one cell.
"""

from __future__ import annotations

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._schema import ColumnSpec, TableSchema

_PLAIN_INTEGER = r"[+-]?\d+"
_PLAIN_NUMBER = r"[+-]?\d+(?:\.\d+)?"


def plain_column(texts: pd.Series, spec: ColumnSpec) -> list[object] | None:
    """Return a column's values at once when every cell is plain (ASCII digits, or ASCII text
    that NFKC leaves as it is) and none is empty; None sends it cell by cell to `parse_cell`.

    Why: a class register has tens of thousands of cells, nearly all plain, and the cell-by-cell
    parse that names each mistake need only run on a column that has one.
    """
    if not len(texts) or (texts == "").any():
        return None
    if spec.type in {"integer", "number"}:
        pattern = _PLAIN_INTEGER if spec.type == "integer" else _PLAIN_NUMBER
        if not texts.str.fullmatch(pattern).all():
            return None
        numbers = pd.to_numeric(texts)
        return (
            [int(v) for v in numbers] if spec.type == "integer" else numbers.astype(float).tolist()
        )
    if spec.type in {"id", "text"} and texts.map(str.isascii).all():
        return texts.tolist()  # NFKC leaves ASCII as it is
    return None


def _out_of_range(frame: pd.DataFrame, spec: ColumnSpec) -> pd.Series:
    """Return the parsed cells of one column that fall outside its [min, max]."""
    values = pd.to_numeric(frame[spec.name], errors="coerce")
    wrong = pd.Series(False, index=frame.index)
    if spec.minimum is not None:
        wrong |= values < spec.minimum
    if spec.maximum is not None:
        wrong |= values > spec.maximum
    return frame.loc[wrong, spec.name]


def range_and_key_errors(
    frame: pd.DataFrame,
    schema: TableSchema,
    name: str,
    raw: pd.DataFrame,
    headers: pd.Series,
    positions: dict[str, int],
    report: LoadReport,
) -> None:
    """Report parsed values out of their range, and rows that repeat an earlier row's key.

    Why not a validation library: these two rules are a few lines of pandas, and the one we
    used cost a quarter of the check's time in imports alone (issue 14: check ≤ 2× a bare read).
    """
    for spec in schema.columns:
        if spec.name not in frame or (spec.minimum is None and spec.maximum is None):
            continue
        for row, _value in _out_of_range(frame, spec).items():
            report.add(
                InputError(
                    name,
                    "out-of-range",
                    row=int(row),
                    column=headers.iloc[positions[spec.name]],
                    value=str(raw.iat[int(row) - 1, positions[spec.name]]),
                    expected=spec.expected("zh"),
                    expected_en=spec.expected("en", glossed=True),
                )
            )
    key = [k for k in schema.key if k in frame]
    if not key or not len(frame):
        return
    keyed = frame[key].dropna()
    repeated = keyed.duplicated(keep="first")
    if not repeated.any():
        return
    first_rows = keyed.reset_index().groupby(key, sort=False)["row"].transform("first")
    first_rows.index = keyed.index
    for row, first in first_rows[repeated].items():
        column = key[0]
        report.add(
            InputError(
                name,
                "duplicate-id",
                row=int(row),
                column=headers.iloc[positions[column]],
                value=" / ".join(str(raw.iat[int(row) - 1, positions[k]]) for k in key),
                detail=f"与第 {first} 行相同",
                detail_en=f"the same as row {first}",
                expected="唯一",
                expected_en="unique",
            )
        )
