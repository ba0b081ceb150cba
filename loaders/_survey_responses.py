"""The coded survey records, and how raw columns become them.

Both readers (SPSS and CSV) and the in-memory frame end here, so the column resolution, the
label checks, the duration and submission-time handling are the same whatever the source.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._survey_codes import (
    _code_numbers,
    _code_strings,
    _code_text,
    _expected,
    _normalise,
    _report_rows,
    _skip_numbers,
)
from loaders._survey_config_types import Question, SurveyConfig
from loaders._survey_duration import _durations


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

    SPSS variable names are stable, so a configured name must be found by name. CSV and Excel
    headers are question text (问卷星: "3、您对……"), so they fall back to the configured position.
    A question whose label is in no header at all is one `missing-column` error naming it; the
    mismatches of the questions after it are then its consequence (every column has shifted), so
    they are not listed: staff hear the cause, not twenty symptoms. With every label present, a
    label at the wrong position is a `question-mismatch` (two swapped columns).
    """
    positions: dict[str, int] = {}
    mismatched: list[InputError] = []
    missing = False
    normalised = [_normalise(text) for text in labels]
    for key, question in _questions(config).items():
        by_position = question.variable is None or headers
        if question.variable is not None and question.variable in names:
            position = names.index(question.variable)
        elif by_position and question.position is not None and question.position <= len(names):
            position = question.position - 1
        else:
            report.add(_missing(file, question))
            missing = True
            continue
        wanted = _normalise(question.label) if question.label else ""
        if wanted and wanted not in normalised[position]:
            if headers and not any(wanted in text for text in normalised):
                report.add(_missing(file, question))
                missing = True
            else:
                mismatched.append(
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
    if not missing:
        for error in mismatched:
            report.add(error)
    taken: dict[int, str] = {}
    for key, position in positions.items():
        if position in taken:
            report.add(
                InputError(file, "duplicate-column", row=1, column=names[position], value=key)
            )
        taken[position] = key
    return positions if len(positions) == len(_questions(config)) else None


def _missing(file: str, question: Question) -> InputError:
    """Return the one error of a configured question that the file does not have."""
    where = " / ".join(str(x) for x in (question.variable, question.position) if x is not None)
    label = f"「{question.label}」" if question.label else ""
    return InputError(
        file,
        "missing-column",
        row=1,
        column=question.describe(),
        expected=where,
        detail=f"文件中没有题目{label}（配置：{where}）",
        detail_en=f"the file has no question {label or where} (configured as {where})",
    )


def _submission_hash(values: pd.Series | np.ndarray) -> np.ndarray:
    """Return a 64-bit hash per submission time: duplicates need equality, not the time."""
    values = np.asarray(values)
    if values.dtype.kind in "fiu":
        return pd.util.hash_array(values.astype(np.float64))
    text = values.astype(object)
    text[pd.isna(text)] = ""
    return pd.util.hash_array(text, categorize=False)


def _code_as_text(value: object) -> str | None:
    """Return a numeric cell as the text a CSV would hold: 3.0 → "3", NaN → None."""
    if pd.isna(value):
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _responses(
    columns: dict[str, np.ndarray],
    names: dict[str, str],
    value_labels: dict[str, dict] | None,
    config: SurveyConfig,
    source: SurveySource,
    first_row: int,
    report: LoadReport,
) -> SurveyResponses:
    """Build coded arrays from raw columns keyed by role (group, town, …, item:<id>)."""
    file = source.file
    skips = _skip_numbers(config)
    coded: dict[str, np.ndarray] = {}
    for key in ("group", "town", *(f"item:{i.id}" for i in config.items)):
        if key not in columns:
            continue
        values = columns[key]
        numeric = np.asarray(values).dtype.kind in "fiu"
        lookup = value_labels.get(key, {}) if value_labels is not None else {}
        expected = _expected(config, key)
        if numeric and value_labels is not None:
            coded[key] = _code_numbers(
                values, lookup, names[key], first_row, file, report, expected, skips
            )
        elif lookup:  # a string-coded SPSS variable: "F" = Female
            coded[key] = _code_strings(
                values, lookup, config, names[key], first_row, file, report, expected
            )
        else:
            if numeric:  # a numeric CSV: read the codes as text and map them as codes
                values = pd.Series(values).map(_code_as_text)
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
