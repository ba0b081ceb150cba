"""Labels and codes: what each answer text or SPSS code means under the scoring config.

One place decides meaning, for the SPSS and the CSV reader alike: labels are compared after NFKC
and whitespace normalisation, value labels are mapped by code (in code order, never through
pyreadstat's category formatting), numeric CSV codes go through the configured `codes` map, and
anything that means nothing configured is an error located by row, never a silent gap.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from loaders._errors import MAX_ERRORS_PER_FILE, InputError, LoadReport
from loaders._survey_config_types import SurveyConfig

UNKNOWN = -2  # lookup marker: a code or text with no configured meaning


def _normalise(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


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


def _anchored(texts: list[str], config: SurveyConfig) -> bool:
    """True when the decoded labels contain a configured group or option label (not mojibake)."""
    anchors = {_normalise(g.label) for g in config.groups} | {
        _normalise(o.label) for o in config.options
    }
    return any(_normalise(t) in anchors for t in texts)
