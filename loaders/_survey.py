"""Read a survey export (问卷星, 腾讯问卷: SPSS .sav/.zsav or CSV) into coded answer arrays.

The traps this module handles on purpose (each verified with pyreadstat): declared-missing codes
(不了解) vanish without `user_missing=True`; value labels must be mapped by code, in code order,
never through pyreadstat's category formatting; a .sav may be tagged with the wrong encoding and a
CSV may be UTF-8 or GB18030, and a decoding is accepted only when the configured labels appear in
it; positions are checked against a configured label fragment; codes never labelled are errors.

Personal data (来自IP, 来源详情, 昵称, 用户标识, free text) never enters memory beyond the reader:
only the columns the scoring config names are read (an allow-list, not a deny-list), so a new
identifying column in next year's export is dropped too.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from loaders._county import file_sha256
from loaders._errors import MAX_ERRORS_PER_FILE, InputError, LoadReport
from loaders._survey_config import Question, SurveyConfig

SPSS_SUFFIXES = {".sav", ".zsav"}
SNIFF_BYTES = 1 << 16
CHUNK_ROWS = 250_000
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*秒?\s*$")
UNKNOWN = -2  # lookup marker: a code or text with no configured meaning


@dataclass(frozen=True)
class SurveySource:
    """Provenance of one survey file: name, format, SHA-256, the encoding that decoded it."""

    file: str
    format: str  # sav | zsav | csv
    sha256: str
    encoding: str


@dataclass(frozen=True)
class SurveyResponses:
    """Coded answers of one file or one chunk of it; row-level, held only while scoring.

    `group`: int8 index into `config.groups`; `town`: int16 index into `config.towns`, or None.
    `answers`: int8 (rows × items) index into `config.options`, −1 where no answer was given.
    `duration_s`: completion time in seconds; `submitted`: a 64-bit hash of the submission time
    (enough to find duplicate submissions, and not a timestamp anyone could read back).
    `first_row`: the file row of the first response (SPSS case number; CSV line, header = 1).
    """

    source: SurveySource
    group: np.ndarray
    town: np.ndarray | None
    answers: np.ndarray
    duration_s: np.ndarray | None
    submitted: np.ndarray | None
    first_row: int = 1

    @property
    def rows(self) -> int:
        return len(self.group)


def _normalise(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def _questions(config: SurveyConfig) -> dict[str, Question]:
    """Return every configured column by role key: group, town, submitted, duration, item ids."""
    found = {"group": config.group}
    for key in ("town", "submitted", "duration"):
        if getattr(config, key) is not None:
            found[key] = getattr(config, key)
    found.update({f"item:{item.id}": item.question for item in config.items})
    return found


def _resolve(
    names: list[str],
    labels: list[str],
    config: SurveyConfig,
    file: str,
    report: LoadReport,
    headers: bool = True,
) -> dict[str, int] | None:
    """Return the column position of every configured question, or None after reporting why.

    SPSS variable names are stable, so a configured name must be found by name. CSV headers are
    question text (问卷星: "3、您对……"), so a CSV falls back to the configured position.
    """
    positions: dict[str, int] = {}
    for key, question in _questions(config).items():
        by_position = question.variable is None or headers
        if question.variable is not None and question.variable in names:
            position = names.index(question.variable)
        elif by_position and question.position is not None and question.position <= len(names):
            position = question.position - 1
        else:
            report.add(
                InputError(
                    file,
                    "missing-column",
                    row=1,
                    column=question.describe(),
                    expected=" / ".join(
                        str(x) for x in (question.variable, question.position) if x is not None
                    ),
                )
            )
            continue
        if question.label and _normalise(question.label) not in _normalise(labels[position]):
            report.add(
                InputError(
                    file,
                    "question-mismatch",
                    row=1,
                    column=names[position],
                    value=str(labels[position])[:40],
                    expected=question.label,
                )
            )
            continue
        positions[key] = position
    taken: dict[int, str] = {}
    for key, position in positions.items():
        if position in taken:
            report.add(
                InputError(file, "duplicate-column", row=1, column=names[position], value=key)
            )
        taken[position] = key
    return positions if len(positions) == len(_questions(config)) else None


def _meanings(config: SurveyConfig, key: str) -> dict[str, int]:
    """Return label → index for a question: groups, towns, or answer options."""
    if key == "group":
        return {_normalise(g.label): i for i, g in enumerate(config.groups)}
    if key == "town":
        return {_normalise(t): i for i, t in enumerate(config.towns)}
    return {_normalise(o.label): i for i, o in enumerate(config.options)}


def _expected(config: SurveyConfig, key: str) -> str:
    if key == "group":
        return "、".join(g.label for g in config.groups)
    if key == "town":
        return "、".join(config.towns)
    return "、".join(config.option_labels)


def _report_rows(
    report: LoadReport,
    bad: np.ndarray,
    values: pd.Series | np.ndarray,
    first_row: int,
    error: InputError,
) -> None:
    """Add one located error per bad row, the first MAX_ERRORS_PER_FILE of them, then a count."""
    rows = np.flatnonzero(bad)
    for position in rows[:MAX_ERRORS_PER_FILE]:
        value = values.iloc[position] if isinstance(values, pd.Series) else values[position]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        report.add(
            InputError(
                error.file,
                error.code,
                row=first_row + int(position),
                column=error.column,
                value=None if pd.isna(value) else str(value),
                expected=error.expected,
                expected_en=error.expected_en,
            )
        )
    if len(rows) > MAX_ERRORS_PER_FILE:
        report.truncated[error.file] = (
            report.truncated.get(error.file, 0) + len(rows) - MAX_ERRORS_PER_FILE
        )


def _text_lookup(
    categories: pd.Index, config: SurveyConfig, key: str, numeric_codes: bool
) -> np.ndarray:
    """Return the index meant by each distinct text, UNKNOWN where it means nothing configured.

    Answer columns of a numeric CSV export hold codes ("1" … "5"): those go through the
    configured `codes` map, never an assumed option order.
    """
    meanings = _meanings(config, key)
    lookup = np.full(len(categories), UNKNOWN, dtype=np.int16)
    for position, text in enumerate(categories):
        norm = _normalise(text)
        if norm in meanings:
            lookup[position] = meanings[norm]
        elif numeric_codes and config.codes and norm.lstrip("-").isdigit():
            label = config.codes.get(int(norm))
            if label is not None:
                lookup[position] = meanings[_normalise(label)]
    return lookup


def _code_text(
    values: pd.Series | np.ndarray,
    config: SurveyConfig,
    key: str,
    column: str,
    first_row: int,
    file: str,
    report: LoadReport,
) -> np.ndarray:
    """Map a text (or categorical) column to indices; −1 where empty, errors where unknown."""
    categorical = pd.Categorical(values)
    lookup = _text_lookup(categorical.categories, config, key, key.startswith("item:"))
    codes = np.asarray(categorical.codes)
    result = np.where(codes >= 0, lookup[np.maximum(codes, 0)], -1).astype(np.int16)
    _report_rows(
        report,
        result == UNKNOWN,
        values,
        first_row,
        InputError(file, "unknown-label", column=column, expected=_expected(config, key)),
    )
    return result


def _label_lookup(
    value_labels: dict, config: SurveyConfig, key: str, column: str, file: str, report: LoadReport
) -> dict[int, int]:
    """Check every value label of an SPSS variable against the config; return code → index."""
    meanings = _meanings(config, key)
    lookup: dict[int, int] = {}
    for code, label in sorted(value_labels.items()):
        if not float(code).is_integer():
            report.add(InputError(file, "not-integer", row=1, column=column, value=str(code)))
            continue
        index = meanings.get(_normalise(label))
        if index is None:
            report.add(
                InputError(
                    file,
                    "unknown-label",
                    row=1,
                    column=column,
                    value=f"{int(code)} = {label}",
                    expected=_expected(config, key),
                )
            )
            continue
        if key.startswith("item:") and config.codes is not None:
            wanted = config.codes.get(int(code))
            if wanted is not None and _normalise(wanted) != _normalise(label):
                report.add(
                    InputError(
                        file,
                        "label-mismatch",
                        row=1,
                        column=column,
                        value=f"{int(code)} = {label}",
                        expected=f"{int(code)} = {wanted}",
                    )
                )
        lookup[int(code)] = index
    return lookup


def _code_numbers(
    values: np.ndarray,
    lookup: dict[int, int],
    column: str,
    first_row: int,
    file: str,
    report: LoadReport,
    expected: str,
) -> np.ndarray:
    """Map numeric SPSS codes through their value labels; −1 where system-missing."""
    values = np.asarray(values, dtype=np.float64)
    present = ~np.isnan(values)
    whole = present & (values == np.round(values))
    result = np.full(len(values), -1, dtype=np.int16)
    if lookup:
        low, high = min(lookup), max(lookup)
        table = np.full(high - low + 1, UNKNOWN, dtype=np.int16)
        for code, index in lookup.items():
            table[code - low] = index
        inside = whole & (values >= low) & (values <= high)
        result[inside] = table[values[inside].astype(np.int64) - low]
        result[present & ~inside] = UNKNOWN
    else:
        result[present] = UNKNOWN
    _report_rows(
        report,
        result == UNKNOWN,
        values,
        first_row,
        InputError(file, "unknown-code", column=column, expected=expected),
    )
    return result


def _distinct(values: pd.Series | np.ndarray) -> tuple[list, dict]:
    """Return (values as a list, their distinct values in first-seen order → None)."""
    listed = values.tolist()
    return listed, dict.fromkeys(listed)


def _durations(
    values: pd.Series | np.ndarray, column: str, first_row: int, file: str, report: LoadReport
) -> np.ndarray:
    """Return seconds from numbers or 问卷星's "123秒"; NaN where empty, errors where unreadable.

    Each distinct text is parsed once: a survey has a few thousand distinct durations.
    """
    if np.asarray(values).dtype.kind in "fiu":
        return np.asarray(values, dtype=np.float64)
    listed, distinct = _distinct(values)
    for text in distinct:
        if text is None or (isinstance(text, float) and np.isnan(text)) or text == "":
            distinct[text] = np.nan
            continue
        match = _DURATION.match(str(text))
        distinct[text] = float(match.group(1)) if match else -1.0
    seconds = np.fromiter(map(distinct.__getitem__, listed), np.float64, count=len(listed))
    _report_rows(
        report,
        seconds < 0,
        values,
        first_row,
        InputError(file, "not-number", column=column, expected="秒数，如 123秒"),
    )
    return np.where(seconds < 0, np.nan, seconds)


def _submission_hash(values: pd.Series | np.ndarray) -> np.ndarray:
    """Return a 64-bit hash per submission time: duplicates need equality, not the time."""
    values = np.asarray(values)
    if values.dtype.kind in "fiu":
        return pd.util.hash_array(values.astype(np.float64))
    text = values.astype(object)
    text[pd.isna(text)] = ""
    return pd.util.hash_array(text, categorize=False)


def _responses(
    columns: dict[str, np.ndarray],
    names: dict[str, str],
    value_labels: dict[str, dict[int, int]] | None,
    config: SurveyConfig,
    source: SurveySource,
    first_row: int,
    report: LoadReport,
) -> SurveyResponses:
    """Build coded arrays from raw columns keyed by role (group, town, …, item:<id>)."""
    file = source.file
    coded: dict[str, np.ndarray] = {}
    for key in ("group", "town", *(f"item:{i.id}" for i in config.items)):
        if key not in columns:
            continue
        values = columns[key]
        numeric = np.asarray(values).dtype.kind in "fiu"
        if numeric and value_labels is not None:
            coded[key] = _code_numbers(
                values,
                value_labels.get(key, {}),
                names[key],
                first_row,
                file,
                report,
                _expected(config, key),
            )
        else:
            if numeric:  # a numeric CSV: read the codes as text and map them through `codes`
                values = pd.Series(values).astype("Int64").astype(str).replace("<NA>", None)
            coded[key] = _code_text(values, config, key, names[key], first_row, file, report)
    for key in ("group", "town"):
        if key in coded:
            _report_rows(
                report,
                coded[key] == -1,
                columns[key],
                first_row,
                InputError(file, "empty", column=names[key], expected=_expected(config, key)),
            )
    items = [coded[f"item:{i.id}"] for i in config.items]
    answers = np.column_stack(items).astype(np.int8) if items else np.empty((0, 0), np.int8)
    duration = None
    if "duration" in columns:
        duration = _durations(columns["duration"], names["duration"], first_row, file, report)
    return SurveyResponses(
        source=source,
        group=coded["group"].astype(np.int8),
        town=coded["town"].astype(np.int16) if "town" in coded else None,
        answers=answers,
        duration_s=duration,
        submitted=_submission_hash(columns["submitted"]) if "submitted" in columns else None,
        first_row=first_row,
    )


def _anchored(texts: list[str], config: SurveyConfig) -> bool:
    """True when the decoded labels contain a configured group or option label (not mojibake)."""
    anchors = {_normalise(g.label) for g in config.groups} | {
        _normalise(o.label) for o in config.options
    }
    return any(_normalise(t) in anchors for t in texts)


# ---------------------------------------------------------------------------------------- SPSS


def _sav_metadata(path: Path, config: SurveyConfig, report: LoadReport):
    """Return (metadata, encoding argument, encoding name) or None after reporting why.

    The file's own encoding first, then GB18030, then UTF-8: a decoding counts only when the
    value labels contain the configured anchors, because a wrong code page decodes silently.
    """
    failure: Exception | None = None
    decoded = False
    for encoding in (None, "GB18030", "UTF-8"):
        try:
            _, meta = pyreadstat.read_sav(
                path, metadataonly=True, encoding=encoding, user_missing=True
            )
        except Exception as exc:  # pyreadstat raises several types for unreadable files
            failure = exc
            continue
        decoded = True
        texts = [
            label for labels in meta.variable_value_labels.values() for label in labels.values()
        ]
        if _anchored(texts, config):
            return meta, encoding, encoding or meta.file_encoding or "unknown"
    if decoded:
        report.add(InputError(path.name, "bad-encoding", expected=_expected(config, "group")))
    else:
        report.add(
            InputError(
                path.name, "file-unreadable", expected=f"{type(failure).__name__}: {failure}"
            )
        )
    return None


def _sav_plan(path: Path, config: SurveyConfig, report: LoadReport):
    """Return (metadata, encoding arg, encoding name, positions, value-label lookups) or None."""
    found = _sav_metadata(path, config, report)
    if found is None:
        return None
    meta, encoding, encoding_name = found
    names = list(meta.column_names)
    labels = [meta.column_names_to_labels.get(n) or n for n in names]
    positions = _resolve(names, labels, config, path.name, report, headers=False)
    if positions is None:
        return None
    lookups: dict[str, dict[int, int]] = {}
    for key, position in positions.items():
        if key in {"submitted", "duration"}:
            continue
        name = names[position]
        value_labels = meta.variable_value_labels.get(name, {})
        lookups[key] = _label_lookup(value_labels, config, key, name, path.name, report)
        if key.startswith("item:"):
            _check_missing_declarations(meta, name, value_labels, config, path.name, report)
    if not report.ok:
        return None
    return meta, encoding, encoding_name, {k: names[p] for k, p in positions.items()}, lookups


def _check_missing_declarations(meta, name, value_labels, config, file, report) -> None:
    """A code declared missing must mean 不了解 or skip: a missing 满意 would drop real answers."""
    roles = {_normalise(o.label): o.role for o in config.options}
    for declared in meta.missing_ranges.get(name, []):
        for code, label in value_labels.items():
            role = roles.get(_normalise(label))  # an unknown label is reported on its own
            if declared["lo"] <= code <= declared["hi"] and role not in {None, "dont_know", "skip"}:
                report.add(
                    InputError(
                        file,
                        "inconsistent",
                        row=1,
                        column=name,
                        value=f"{code:g} = {label}",
                        expected="仅 不了解 / 跳过 可声明为缺失值",
                        expected_en="only don't-know or skip codes declared missing",
                    )
                )


def _sav_chunks(
    path: Path, config: SurveyConfig, report: LoadReport, rows: int | None
) -> Iterator[SurveyResponses]:
    plan = _sav_plan(path, config, report)
    if plan is None:
        return
    meta, encoding, encoding_name, names, lookups = plan
    source = SurveySource(path.name, path.suffix.lower()[1:], file_sha256(path), encoding_name)
    options = dict(
        usecols=sorted(set(names.values()), key=list(meta.column_names).index),
        user_missing=True,  # or 不了解, declared missing, silently becomes NaN
        encoding=encoding,
        disable_datetime_conversion=True,
    )
    try:
        if rows is None:
            chunks = [pyreadstat.read_sav(path, **options)]
        else:
            chunks = pyreadstat.read_file_in_chunks(
                pyreadstat.read_sav, path, chunksize=rows, **options
            )
        first_row = 1  # SPSS case numbers start at 1
        for data, _ in chunks:
            columns = {key: data[name].to_numpy() for key, name in names.items()}
            yield _responses(columns, names, lookups, config, source, first_row, report)
            first_row += len(columns["group"])
        if meta.number_rows is not None and first_row - 1 != meta.number_rows:
            report.add(
                InputError(
                    path.name,
                    "file-unreadable",
                    value=f"{first_row - 1} / {meta.number_rows}",
                    expected="文件头声明的个案数（文件可能被截断）",
                    expected_en="the number of cases the header declares (truncated file?)",
                )
            )
    except Exception as exc:  # a truncated or corrupt body fails inside pyreadstat
        report.add(
            InputError(path.name, "file-unreadable", expected=f"{type(exc).__name__}: {exc}")
        )


# ----------------------------------------------------------------------------------------- CSV


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
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError) as exc:
        code = "bad-encoding" if isinstance(exc, UnicodeDecodeError) else "file-unreadable"
        report.add(InputError(path.name, code, expected=f"{type(exc).__name__}: {exc}"))


# ------------------------------------------------------------------------------------- entries


def _filled(lines: list[str]) -> list[str]:
    """Return the lines with content: a spreadsheet saves empty rows as bare commas."""
    return [line for line in lines if line.strip(" \t,;\ufeff")]


def _no_questionnaires(file: str, code: str) -> InputError:
    """Return the error of a survey file without responses, saying what to do instead."""
    return InputError(
        file,
        code,
        expected="含答卷的导出文件；尚未开展调查时，"
        "删去 county.toml 中 survey 与 survey_config 两行",
        expected_en="an export that includes the responses; if the survey has not been "
        "collected yet, remove the survey and survey_config lines from county.toml",
    )


def _counted(
    chunks: Iterator[SurveyResponses], file: str, report: LoadReport
) -> Iterator[SurveyResponses]:
    """Yield the chunks; a readable file without a single response is an error of its own
    (a header-only CSV, a .sav with zero cases), never an empty result."""
    rows = 0
    for chunk in chunks:
        rows += chunk.rows
        if chunk.rows:
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
    if path.suffix.lower() in SPSS_SUFFIXES:
        return _counted(_sav_chunks(path, config, report, rows), path.name, report)
    return _counted(_csv_chunks(path, config, report, rows), path.name, report)


def load_survey(path: Path | str, config: SurveyConfig) -> SurveyResponses:
    """Read a whole survey file; raise `InputErrors` with every problem, located by row.

    Rows are SPSS case numbers, or CSV lines with the header as line 1 (a quoted free-text cell
    that spans lines would shift the count; exports put comments on one line).
    """
    report = LoadReport()
    parts = list(_chunks(Path(path), config, report, None))
    report.raise_if_errors()
    return parts[0]


def iter_survey_chunks(
    path: Path | str, config: SurveyConfig, rows: int = CHUNK_ROWS
) -> Iterator[SurveyResponses]:
    """Yield the survey in chunks of `rows` responses, for files too large to hold at once.

    Every error is collected across the whole file and raised once after the last chunk, so a
    caller that scores chunk by chunk never returns a result from a bad file.
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
