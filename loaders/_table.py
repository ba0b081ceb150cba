"""Read one staff table (CSV or XLSX) into typed columns, collecting every problem into a report.

Staff spreadsheets carry title rows above the header, units in headers, full-width digits,
thousands separators, trailing blank rows and either UTF-8 or GB18030: each is handled on purpose
or named in the error.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from loaders._cell_checks import fill_merged, formulas_reported, without_example_rows
from loaders._errors import InputError, LoadReport
from loaders._limits import text_within_limits, within_size, workbook_within_limits
from loaders._personal_data import scan_table
from loaders._schema import ColumnSpec, TableSchema, normalise_header
from loaders._sources import NamedFile
from loaders._table_values import plain_column, range_and_key_errors
from loaders._workbook import Sheet, cell_text, read_sheet, sheet_names

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
HEADER_SEARCH_ROWS = 6
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_NUMBER_WITH_TEXT = re.compile(r"^[+-]?\d[\d.]*\s*\D+$|^\D+\s*\d[\d.]*$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def decode_text(data: bytes) -> tuple[str, str] | None:
    """Return (text, encoding). UTF-8 first, then GB18030: GB18030 misreads UTF-8 silently."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def read_raw(path: Path, report: LoadReport, sheet: str | None = None) -> Sheet | None:
    """Return the file's cells as strings with no header applied, or None after reporting why."""
    name = NamedFile(path, sheet).name
    if not path.is_file():
        report.add(InputError(name, "file-missing", value=str(path)))
        return None
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            if not workbook_within_limits(path, "table", name, report):
                return None
            return read_sheet(path, sheet, name, report)
        else:
            if not within_size(path, "table", name, report):
                return None
            decoded = decode_text(path.read_bytes())
            if decoded is None:
                report.add(InputError(name, "bad-encoding"))
                return None
            if not text_within_limits(decoded[0], "table", name, report):
                return None
            first = next((ln for ln in decoded[0].splitlines() if ln.strip()), "")
            if "," not in first and ("\t" in first or ";" in first):
                tabs = "\t" in first
                report.add(
                    InputError(
                        name,
                        "wrong-separator",
                        row=1,
                        detail="各列之间用的是制表符" if tabs else "各列之间用的是分号",
                        detail_en="its columns are separated by tabs" if tabs else "by semicolons",
                    )
                )
                return None
            # csv.reader, not read_csv: a title row above the header has fewer fields
            rows = list(csv.reader(io.StringIO(decoded[0])))
            width = max((len(r) for r in rows), default=0)
            raw = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    except Exception as exc:  # any parser failure is a user-facing "cannot read" error
        report.add(
            InputError(name, "file-unreadable", expected=type(exc).__name__ + ": " + str(exc))
        )
        return None
    return Sheet("", raw.map(cell_text))


_TOTAL = re.compile(r"^(全[县区市旗])?(合计|总计|小计)[:：]?$")


def _without_total_rows(
    name: str, body: pd.DataFrame, headers: pd.Series, report: LoadReport
) -> pd.DataFrame:
    """Report and drop the rows that are totals (合计 / 总计 / 小计), not records.

    Why one error per row and not the cascade: a total row also fails every id and choice
    column; staff need to hear the cause (delete the row), not its twenty symptoms.
    """
    totals = []
    cells = body.to_numpy(dtype=str) if len(body) else np.empty((0, 0), dtype=str)
    candidates = pd.Series(
        (np.char.find(cells, "计") >= 0).any(axis=1) if cells.size else False, index=body.index
    )
    for index, row in body[candidates].iterrows():  # a handful of rows at most: fast
        for position, text in enumerate(row.tolist()):
            if text and _TOTAL.match(re.sub(r"\s+", "", text)):
                report.add(
                    InputError(
                        name,
                        "total-row",
                        row=int(index) + 1,
                        column=str(headers.iloc[position]),
                        value=text,
                    )
                )
                totals.append(index)
                break
    return body.drop(index=totals)


def _missing_required(schema: TableSchema, positions: dict[str, int]) -> bool:
    return any(spec.required and spec.name not in positions for spec in schema.columns)


def _sheet_with_the_table(path: Path, schema: TableSchema) -> tuple[str, str] | None:
    """Return (first sheet, the later sheet whose header has every required column), if any."""
    names = sheet_names(path)
    for sheet in names[1:]:
        top = pd.read_excel(
            path, sheet_name=sheet, header=None, nrows=HEADER_SEARCH_ROWS, engine="calamine"
        ).map(cell_text)
        if not _missing_required(schema, _find_header(top, schema)[1]):
            return names[0], sheet
    return None


def _find_header(raw: pd.DataFrame, schema: TableSchema) -> tuple[int, dict[str, int]]:
    """Return the header row index and the column position of each schema column found in it."""
    best_row, best = 0, {}
    for row in range(min(HEADER_SEARCH_ROWS, len(raw))):
        found: dict[str, int] = {}
        for position, header in enumerate(raw.iloc[row].tolist()):
            key = normalise_header(header)
            for spec in schema.columns:
                if key and key in spec.headers() and spec.name not in found:
                    found[spec.name] = position
        if len(found) > len(best):
            best_row, best = row, found
    return best_row, best


# how staff write the unit a schema column is in; a header naming another unit (万元 for 元)
# would have its figures read in the wrong unit, so it is refused rather than ignored
UNIT_SPELLINGS = {"yuan": {"元"}, "m2": {"㎡", "m2", "m²", "平方米"}}
UNIT_WORDS = {"yuan": "元", "m2": "㎡"}
_BRACKETED = re.compile(r"[（(]([^）)]*)[）)]")


def _check_header_units(
    name: str,
    header_row: int,
    headers: pd.Series,
    positions: dict[str, int],
    schema: TableSchema,
    report: LoadReport,
) -> None:
    """Report a header whose bracketed unit is not the column's (教学仪器设备值（万元）)."""
    for spec in schema.columns:
        if spec.unit not in UNIT_SPELLINGS or spec.name not in positions:
            continue
        header = str(headers.iloc[positions[spec.name]])
        for written in _BRACKETED.findall(unicodedata.normalize("NFKC", header)):
            unit = written.strip()
            if unit and unit not in UNIT_SPELLINGS[spec.unit]:
                word = UNIT_WORDS[spec.unit]
                report.add(
                    InputError(
                        name,
                        "wrong-unit",
                        row=header_row + 1,
                        column=header,
                        value=unit,
                        expected=f"以{word}为单位：请把这一列换算为{word}，表头写成「{spec.zh}（{word}）」",
                        expected_en=f"figures in {word}: convert the column to {word} and head it "
                        f"「{spec.zh}（{word}）」",
                    )
                )


def parse_cell(text: str, spec: ColumnSpec) -> tuple[object, str | None]:
    """Return (value, error code or None) for one cell, per the column type."""
    if text == "":
        return None, "empty"
    if spec.type in {"id", "text"}:
        return unicodedata.normalize("NFKC", text) if spec.type == "id" else text, None
    if spec.type == "choice":
        wanted = normalise_header(text)
        for code, labels in spec.choices.items():
            if wanted in {normalise_header(label) for label in labels}:
                return code, None
        return None, "not-in-list"
    plain = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text)).replace(" ", "")
    if not _NUMBER.match(plain):
        return None, "number-with-unit" if _NUMBER_WITH_TEXT.match(plain) else (
            "not-integer" if spec.type == "integer" else "not-number"
        )
    number = float(plain)
    if spec.type == "integer":
        if not number.is_integer():
            return None, "not-integer"
        return int(number), None
    return number, None


def read_table(
    source: Path | NamedFile, schema: TableSchema, report: LoadReport
) -> pd.DataFrame | None:
    """Return the typed table indexed by the spreadsheet row number, or None when it has errors.

    `source`: a file, or a file and the sheet of it county.toml names. Parsing (types, units,
    encodings) is ours because the messages must speak the staff's terms; every failing cell
    is reported, ranges and repeated keys included, in one run.
    """
    named = source if isinstance(source, NamedFile) else NamedFile(source)
    path, name = named.path, named.name
    sheet = read_raw(path, report, named.sheet)
    if sheet is None:
        return None
    raw = sheet.cells
    header_row, positions = _find_header(raw, schema)
    headers = raw.iloc[header_row] if len(raw) else pd.Series(dtype=str)
    if (
        _missing_required(schema, positions)
        and path.suffix.lower() in EXCEL_SUFFIXES
        and named.sheet is None
    ):
        other = _sheet_with_the_table(path, schema)
        if other is not None:  # the cause, not the symptom (every column "missing")
            first, found = other
            report.add(
                InputError(
                    name,
                    "data-on-other-sheet",
                    value=found,
                    detail=f"第一个工作表「{first}」中没有这张表，它在工作表「{found}」中",
                    detail_en=f"the first sheet, 「{first}」, does not hold it; 「{found}」 does",
                )
            )
            return None
    for spec in schema.columns:
        if spec.required and spec.name not in positions:
            report.add(
                InputError(
                    name,
                    "missing-column",
                    row=header_row + 1,
                    column=spec.zh,
                    expected=f"{spec.zh} / {spec.en}",
                )
            )
    if _missing_required(schema, positions):
        return None
    _check_header_units(name, header_row, headers, positions, schema, report)
    if formulas_reported(sheet, name, header_row, headers, report):
        return None  # every such cell would read as empty: the cause is said once
    raw = fill_merged(sheet, name, header_row, headers, positions, schema, report)
    body = raw.iloc[header_row + 1 :]
    body = body[(body != "").any(axis=1)]  # trailing or interleaved blank rows are not data
    body = without_example_rows(body)
    body = _without_total_rows(name, body, headers, report)
    # free text scanned as typed, before parsing; a hit does not void the table's other checks
    scan_table(name, body, headers, positions, schema, report)
    typed: dict[str, list[object]] = {}
    errors_before = len(report.errors)
    for spec in schema.columns:
        if spec.name not in positions:
            continue
        position = positions[spec.name]
        header = headers.iloc[position]
        plain = plain_column(body.iloc[:, position], spec)
        if plain is not None:  # every cell already in its simplest form: no cell-by-cell parse
            typed[spec.name] = plain
            continue
        values = []
        for index, text in body.iloc[:, position].items():
            value, code = parse_cell(text, spec)
            if code and not (code == "empty" and not spec.required):
                report.add(
                    InputError(
                        name,
                        code,
                        row=int(index) + 1,
                        column=header,
                        value=text or None,
                        expected=spec.expected("zh"),
                        expected_en=spec.expected("en", glossed=True),
                    )
                )
            values.append(value)
        typed[spec.name] = values
    frame = pd.DataFrame(
        typed,
        index=pd.Index([int(i) + 1 for i in body.index], name="row", dtype=int),
        dtype=None if len(body) else object,  # a header-only file: no rows, no guessed types
    )
    for spec in schema.columns:  # an optional figure left empty on every row is "no figure"
        numeric = spec.type in {"integer", "number"} and spec.name in frame and len(frame)
        if numeric and frame[spec.name].isna().all():
            frame[spec.name] = frame[spec.name].astype(float)
    # the range and uniqueness checks run on the cells that did parse, in the same run: staff
    # get "三百 is not a number" and "-4 is out of range" together, not in two rounds
    range_and_key_errors(frame, schema, name, raw, headers, positions, report)
    return None if len(report.errors) > errors_before else frame
