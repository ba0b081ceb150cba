"""The Excel reader (.xlsx, .xls): 问卷星's usual download, read with calamine, in chunks.

问卷星 and 腾讯问卷 write one sheet: the header row (question text) and one row per
questionnaire, answers as option text ("按选项文本") or as codes ("按选项序号"), laid out like
their CSV. So the column resolution, label checks and codes are the CSV's; only the cells differ
(numbers arrive as floats, times as `datetime.time`), and are turned into the text a CSV holds.

Personal data: a workbook cannot be read by column, so calamine (Rust) holds the sheet while it is
read; rows cross into Python one at a time and only the configured cells of each are kept, so
identifying columns never reach a chunk. Memory bound: the file's bytes and the sheet's cells
inside calamine (about the unzipped size of the sheet; an .xlsx holds at most 1,048,576 rows)
plus one chunk of the configured columns in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from python_calamine import CalamineWorkbook

from loaders._county import file_sha256
from loaders._errors import LoadReport
from loaders._survey_config_types import SurveyConfig
from loaders._survey_format import truncated
from loaders._survey_responses import SurveyResponses, SurveySource, _resolve, _responses


def _cell(value: object) -> object:
    """Return a cell as a CSV would hold it: text, None where empty; durations stay as read."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.time | dt.timedelta):
        return value  # a duration cell formatted as a clock: read as seconds, not text
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    text = str(value).strip()
    return text or None


def _xlsx_chunks(
    path: Path, config: SurveyConfig, report: LoadReport, rows: int | None
) -> Iterator[SurveyResponses]:
    try:
        # from the bytes, not the path: calamine then tells .xlsx from .xls by content, so a
        # workbook saved under the other extension is read
        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
        sheet = workbook.get_sheet_by_index(0)
        cells = iter(sheet.iter_rows())
        first = next(cells, [])
    except Exception:  # a workbook of the right kind that cannot be opened: cut off
        report.add(truncated(path))
        return
    header = ["" if c is None else str(_cell(c) or "") for c in first]
    positions = _resolve(header, header, config, path.name, report)
    if positions is None:
        return
    names = {key: header[p] for key, p in positions.items()}
    source = SurveySource(path.name, path.suffix.lower()[1:], file_sha256(path), "")
    wanted = sorted(set(positions.values()))
    width = len(header)
    first_row = 2  # header = row 1, as Excel numbers it
    buffer: list[list[object]] = []
    try:
        for row in cells:
            row = list(row) + [None] * (width - len(row))
            buffer.append([_cell(row[p]) for p in wanted])  # the rest of the row is dropped
            if rows is not None and len(buffer) == rows:
                yield _chunk(buffer, wanted, positions, names, config, source, first_row, report)
                first_row += len(buffer)
                buffer = []
    except Exception:  # calamine fails inside a damaged sheet
        report.add(truncated(path))
        return
    if buffer or rows is None:
        yield _chunk(buffer, wanted, positions, names, config, source, first_row, report)


def _chunk(buffer, wanted, positions, names, config, source, first_row, report):
    """Build one chunk of coded responses from the kept cells of `buffer`'s rows."""
    table = np.empty((len(buffer), len(wanted)), dtype=object)
    if buffer:
        table[:, :] = buffer
    column_of = {p: i for i, p in enumerate(wanted)}
    columns = {key: table[:, column_of[p]] for key, p in positions.items()}
    return _responses(columns, names, None, config, source, first_row, report)
