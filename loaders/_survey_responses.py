"""The coded survey records, and how raw columns become them.

Both readers (SPSS and CSV) and the in-memory frame end here, so the column resolution, the
label checks, the duration and submission-time handling are the same whatever the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._survey_codes import _code_numbers, _code_text, _expected, _normalise, _report_rows
from loaders._survey_config_types import Question, SurveyConfig

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*秒?\s*$")


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
