"""The CSV reader: UTF-8 or GB18030, question-text headers, answer labels or codes, chunks.

The encoding is sniffed from the first bytes and accepted only when a configured label appears
in the sample (a wrong decoding is silent mojibake); only the configured columns are read
(`usecols`), so identifying columns never enter memory.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from loaders._county import file_sha256
from loaders._errors import InputError, LoadReport
from loaders._survey_codes import _anchored
from loaders._survey_config_types import SurveyConfig
from loaders._survey_responses import (
    SurveyResponses,
    SurveySource,
    _no_questionnaires,
    _resolve,
    _responses,
)

SNIFF_BYTES = 1 << 16


def _csv_encoding(path: Path, config: SurveyConfig, report: LoadReport) -> tuple[str, str] | None:
    """Return (encoding, header line) from the first bytes: UTF-8 (± BOM) first, then GB18030.

    Never the reverse: UTF-8 bytes read as GB18030 decode silently into mojibake, with no error.
    A decoding is accepted only when the sample contains a configured label.
    """
    with path.open("rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(sample, final=False)  # a character cut at the end is fine
        except UnicodeDecodeError:
            continue
        lines = text.splitlines()
        if len(sample) < SNIFF_BYTES and len(_filled(lines)) == 1:
            # the whole file is one line: the questions without a single answer to anchor on
            report.add(_no_questionnaires(path.name, "no-questionnaires"))
            return None
        cells = [cell for line in lines[:200] for cell in next(csv.reader([line]), [])]
        if lines and _anchored(cells, config):
            return encoding, lines[0]
    report.add(InputError(path.name, "bad-encoding"))
    return None


def _csv_chunks(
    path: Path, config: SurveyConfig, report: LoadReport, rows: int | None
) -> Iterator[SurveyResponses]:
    found = _csv_encoding(path, config, report)
    if found is None:
        return
    encoding, header_line = found
    header = next(csv.reader(io.StringIO(header_line)), [])
    positions = _resolve(header, header, config, path.name, report)
    if positions is None:
        return
    names = {key: header[p] for key, p in positions.items()}
    source = SurveySource(path.name, "csv", file_sha256(path), encoding)
    labelled = [p for k, p in positions.items() if k not in {"submitted", "duration"}]
    by_position = {p: k for k, p in positions.items()}
    try:
        reader = pd.read_csv(
            path,
            encoding=encoding,
            usecols=sorted(by_position),
            header=0,
            dtype={p: "category" for p in labelled}
            | {p: object for k, p in positions.items() if k in {"submitted", "duration"}},
            chunksize=rows,
            keep_default_na=False,
            na_values=[""],
        )
        chunks = [reader] if rows is None else reader
        first_row = 2  # header = line 1
        for frame in chunks:
            columns = {by_position[p]: frame.iloc[:, i] for i, p in enumerate(sorted(by_position))}
            yield _responses(columns, names, None, config, source, first_row, report)
            first_row += len(frame)
    except UnicodeDecodeError:  # a byte past the sniffed sample that the encoding lacks
        report.add(InputError(path.name, "bad-encoding"))
    except (pd.errors.ParserError, ValueError):  # said in plain words, not the parser's
        report.add(
            InputError(
                path.name,
                "file-unreadable",
                expected="每行的列数与表头相同、用逗号分隔的 CSV 文件",
                expected_en="a comma-separated CSV file with as many columns in each row as "
                "in its header",
            )
        )


def _filled(lines: list[str]) -> list[str]:
    """Return the lines with content: a spreadsheet saves empty rows as bare commas."""
    return [line for line in lines if line.strip(" \t,;\ufeff")]
