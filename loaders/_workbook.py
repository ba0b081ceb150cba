"""Read one sheet of a staff workbook, with what its cells hide: merges, formulas, % formats.

calamine reads the values (fast, any format); what it cannot tell — a formula that has no
cached result, a cell formatted as a percentage — is read with openpyxl, and only when the
workbook's XML holds a formula or a percentage format at all, so an ordinary register pays
nothing for it.
"""

from __future__ import annotations

import difflib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from loaders._errors import InputError, LoadReport
from loaders._limits import scan_workbook

OPENPYXL_SUFFIXES = {".xlsx", ".xlsm"}
# (first row, first column, last row, last column), 0-based as in the frame: row 0 = Excel row 1
Merge = tuple[int, int, int, int]


@dataclass(frozen=True)
class Sheet:
    """The cells of one sheet as text (index 0 = Excel row 1), and what the text cannot show."""

    name: str
    cells: pd.DataFrame
    merged: tuple[Merge, ...] = ()
    formulas_without_value: tuple[tuple[int, int], ...] = ()


def cell_text(value: object) -> str:
    """Return a cell as staff see it: 120 not 120.0, no surrounding spaces, "" for empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def sheet_names(path: Path) -> list[str]:
    """Return the workbook's sheet names, [] when it cannot be opened."""
    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # an unreadable workbook is reported by whoever reads it
        return []


def read_sheet(path: Path, sheet: str | None, label: str, report: LoadReport) -> Sheet | None:
    """Return the configured sheet (the first when None), or None after reporting a missing one."""
    workbook = CalamineWorkbook.from_path(str(path))
    names = list(workbook.sheet_names)
    if sheet is not None and sheet not in names:
        listed = "、".join(f"「{n}」" for n in names)
        close = difflib.get_close_matches(sheet, names, n=1, cutoff=0.5)
        report.add(
            InputError(
                label,
                "sheet-missing",
                value=sheet,
                detail=f"工作簿中的工作表是 {listed}"
                + (f"；是否应为「{close[0]}」？" if close else ""),
                detail_en=f"the workbook's sheets are {', '.join(names)}"
                + (f"; did you mean {close[0]}?" if close else ""),
            )
        )
        return None
    name = sheet if sheet is not None else names[0]
    data = workbook.get_sheet_by_name(name)
    rows = data.to_python(skip_empty_area=False)
    merged = tuple((a[0], a[1], b[0], b[1]) for a, b in (data.merged_cell_ranges or ()))
    formulas, percent = _hidden_facts(path, name)
    for row, column in percent:  # shown as 89.6 %, stored as 0.896: staff mean 89.6
        if row < len(rows) and column < len(rows[row]):
            value = rows[row][column]
            if isinstance(value, int | float) and not isinstance(value, bool):
                rows[row][column] = round(value * 100, 9)
    width = max((len(r) for r in rows), default=0)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    cells = cells.map(cell_text)
    empty_formulas = tuple(
        (r, c) for r, c in formulas if r < len(cells) and c < width and cells.iat[r, c] == ""
    )
    return Sheet(name, cells, merged, empty_formulas)


def _may_hide_facts(path: Path) -> bool:
    """Whether the workbook holds any formula or percentage format: read from the limits'
    scan of the same file (`loaders._limits`), so its sheets are not decompressed again."""
    try:
        scan = scan_workbook(path, "table")
    except (OSError, zipfile.BadZipFile, KeyError):
        return False
    return scan.formulas or scan.percent_formats


def _hidden_facts(path: Path, sheet: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the (row, column) of formula cells and of cells formatted as a percentage."""
    if path.suffix.lower() not in OPENPYXL_SUFFIXES or not _may_hide_facts(path):
        return [], []
    from openpyxl import load_workbook  # a third of a second, only for such workbooks

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # calamine read it; without openpyxl's view the values stand as read
        return [], []
    formulas, percent = [], []
    try:
        for row in workbook[sheet].iter_rows():
            for cell in row:
                if cell.value is None:  # an empty cell (read-only mode gives no position)
                    continue
                if getattr(cell, "data_type", None) == "f":
                    formulas.append((cell.row - 1, cell.column - 1))
                if "%" in str(getattr(cell, "number_format", "")):
                    percent.append((cell.row - 1, cell.column - 1))
    finally:
        workbook.close()
    return formulas, percent
