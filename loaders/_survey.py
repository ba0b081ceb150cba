"""Read a survey export (问卷星, 腾讯问卷: SPSS .sav/.zsav, Excel .xlsx/.xls or CSV) into codes.

The traps the reader handles on purpose (each verified with pyreadstat): declared-missing codes
(不了解) vanish without `user_missing=True`; value labels must be mapped by code, in code order,
never through pyreadstat's category formatting; a .sav may be tagged with the wrong encoding and a
CSV may be UTF-8 or GB18030, and a decoding is accepted only when the configured labels appear in
it; positions are checked against a configured label fragment; codes never labelled are errors.
This module holds the public entry points; the meanings of labels and codes are in
`_survey_codes`, the coded records in `_survey_responses`, the readers in `_survey_sav`,
`_survey_xlsx` and `_survey_csv`; what a file really is (whatever its name) in `_survey_format`.

Personal data (来自IP, 来源详情, 昵称, 用户标识, free text) never enters memory beyond the reader:
only the columns the scoring config names are read (an allow-list, not a deny-list), so a new
identifying column in next year's export is dropped too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._limits import survey_within_limits
from loaders._survey_config_types import SurveyConfig
from loaders._survey_csv import _csv_chunks
from loaders._survey_format import EXCEL_SUFFIXES, SPSS_SUFFIXES, wrong_kind
from loaders._survey_responses import (
    SurveyResponses,
    SurveySource,
    _no_questionnaires,
    _resolve,
    _responses,
)
from loaders._survey_xlsx import _xlsx_chunks

CHUNK_ROWS = 250_000


def _counted(
    chunks: Iterator[SurveyResponses], file: str, report: LoadReport
) -> Iterator[SurveyResponses]:
    """Yield the chunks that are free of errors, up to the first error; then read on to the end
    without yielding, so every error of the file is collected and raised once.

    Why stop yielding: a chunk with an unknown code or an empty group holds marker values that
    the scorer would index with (a crash, or a wrong figure); a caller scoring chunk by chunk gets
    only clean chunks, then the exception, never a result. A readable file without a single
    response is an error of its own (a header-only CSV, a .sav with zero cases).
    """
    rows = 0
    for chunk in chunks:
        rows += chunk.rows
        if chunk.rows and report.ok:
            yield chunk
    if rows == 0 and report.ok:
        report.add(_no_questionnaires(file, "no-questionnaires"))


def _chunks(
    path: Path, config: SurveyConfig, report: LoadReport, rows: int | None
) -> Iterator[SurveyResponses]:
    if not path.is_file():
        report.add(InputError(path.name, "file-missing", value=str(path)))
        return iter(())
    if path.stat().st_size == 0:
        report.add(_no_questionnaires(path.name, "empty-file"))
        return iter(())
    mismatch = wrong_kind(path)
    if mismatch is not None:
        report.add(mismatch)
        return iter(())
    if not survey_within_limits(path, path.name, report):
        return iter(())
    suffix = path.suffix.lower()
    if suffix in SPSS_SUFFIXES:
        from loaders._survey_sav import _sav_chunks  # pyreadstat: only when an SPSS file is read

        return _counted(_sav_chunks(path, config, report, rows), path.name, report)
    if suffix in EXCEL_SUFFIXES:
        return _counted(_xlsx_chunks(path, config, report, rows), path.name, report)
    return _counted(_csv_chunks(path, config, report, rows), path.name, report)


def load_survey(path: Path | str, config: SurveyConfig) -> SurveyResponses:
    """Read a whole survey file; raise `InputErrors` with every problem, located by row.

    Rows are SPSS case numbers, Excel row numbers, or CSV lines with the header as line 1 (a
    quoted free-text cell that spans lines would shift the count; exports put comments on one
    line).
    """
    report = LoadReport()
    parts = list(_chunks(Path(path), config, report, None))
    report.raise_if_errors()
    return parts[0]


def iter_survey_chunks(
    path: Path | str, config: SurveyConfig, rows: int = CHUNK_ROWS
) -> Iterator[SurveyResponses]:
    """Yield the survey in chunks of `rows` responses, for files too large to hold at once.

    Every error is collected across the whole file and raised once after the last chunk, and no
    chunk is yielded from the first error on, so a caller that scores chunk by chunk never
    returns a result from a bad file, and never scores a chunk holding an unknown code. Errors
    carry the file's row numbers, not the chunk's. An Excel workbook is held by calamine while
    it is read (see `_survey_xlsx`); chunks bound the memory of the coded rows.
    """
    report = LoadReport()
    yield from _chunks(Path(path), config, report, rows)
    report.raise_if_errors()


def survey_responses_from_frame(
    frame: pd.DataFrame, config: SurveyConfig, file: str = "<frame>"
) -> SurveyResponses:
    """Code an in-memory frame laid out like a text CSV export (headers, answer labels).

    For the demo generator and tests: the same column resolution and label checks as a file.
    """
    report = LoadReport()
    header = [str(c) for c in frame.columns]
    positions = _resolve(header, header, config, file, report)
    report.raise_if_errors()
    assert positions is not None
    names = {key: header[p] for key, p in positions.items()}
    columns = {key: frame.iloc[:, p] for key, p in positions.items()}
    source = SurveySource(file, "frame", "", "")
    responses = _responses(columns, names, None, config, source, 2, report)
    report.raise_if_errors()
    return responses
