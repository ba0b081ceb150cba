"""Labels and codes: what each answer text or SPSS code means under the scoring config.

One place decides meaning, for the SPSS, Excel and CSV readers alike: labels are compared after
NFKC and whitespace normalisation; value labels are mapped by code, numeric or string ("F"), in
code order, never through pyreadstat's category formatting; the codes of a numeric ("按选项序号")
export go through the config (`codes`, each group's and town's `code`, else the list order); the
configured skip markers ("(跳过)", −2, −3) mean no answer; anything else that means nothing
configured is an error located by row, never a silent gap.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from loaders._errors import MAX_ERRORS_PER_FILE, InputError, LoadReport
from loaders._survey_config_types import SurveyConfig

UNKNOWN = -2  # lookup marker: a code or text with no configured meaning
_INTEGER = re.compile(r"^-?\d+(\.0+)?$")


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


def _skip_texts(config: SurveyConfig) -> set[str]:
    """Return the normalised skip markers: "(跳过)" and "（跳过）" are one text after NFKC."""
    return {_normalise(marker) for marker in config.skip_markers}


def _skip_numbers(config: SurveyConfig) -> np.ndarray:
    """Return the skip markers that are numbers (问卷星: −2 skipped, −3 not shown), as floats."""
    numbers = [float(m) for m in _skip_texts(config) if _INTEGER.match(m)]
    return np.asarray(sorted(numbers), dtype=np.float64)


def _code_meanings(config: SurveyConfig, key: str) -> dict[int, int]:
    """Return code → index for a numeric ("按选项序号") export, where every choice is a code.

    Groups and towns: their configured `code`, else their 1-based place in the config list (the
    platform numbers options in questionnaire order). Answers: the `codes` map when given, else
    the option order 1..n. Why the config's order and not a guess from the data: a code means
    nothing by itself, and the list in the config is the questionnaire's own order.
    """
    if key == "group":
        codes = config.group_codes or tuple(range(1, len(config.groups) + 1))
        return {code: index for index, code in enumerate(codes)}
    if key == "town":
        codes = config.town_codes or tuple(range(1, len(config.towns) + 1))
        return {code: index for index, code in enumerate(codes)}
    if config.codes:
        meanings = _meanings(config, key)
        return {code: meanings[_normalise(label)] for code, label in config.codes.items()}
    return {index + 1: index for index in range(len(config.options))}


def _text_lookup(categories: pd.Index, config: SurveyConfig, key: str) -> np.ndarray:
    """Return the index meant by each distinct text, −1 for a skip, UNKNOWN for anything else.

    A text export holds the labels; a numeric export holds codes ("1" … "5", the group and town
    questions too), read through `_code_meanings`; a skip marker means no answer.
    """
    meanings = _meanings(config, key)
    skips = _skip_texts(config)
    codes = _code_meanings(config, key)
    lookup = np.full(len(categories), UNKNOWN, dtype=np.int16)
    for position, text in enumerate(categories):
        norm = _normalise(text)
        if norm in meanings:
            lookup[position] = meanings[norm]
        elif _INTEGER.match(norm) and int(float(norm)) in codes:
            lookup[position] = codes[int(float(norm))]
        elif norm in skips:
            lookup[position] = -1
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
    lookup = _text_lookup(categorical.categories, config, key)
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


def _code_strings(
    values: pd.Series | np.ndarray,
    lookup: dict,
    config: SurveyConfig,
    column: str,
    first_row: int,
    file: str,
    report: LoadReport,
    expected: str,
) -> np.ndarray:
    """Map string-coded SPSS values ("F", "M") through their value labels; −1 where empty.

    SPSS pads strings with blanks, so codes are compared stripped, as in the value labels.
    """
    categorical = pd.Categorical(values)
    skips = _skip_texts(config)
    table = np.full(len(categorical.categories), UNKNOWN, dtype=np.int16)
    for position, code in enumerate(categorical.categories):
        text = str(code).strip()
        if text in lookup:
            table[position] = lookup[text]
        elif text == "" or _normalise(text) in skips:
            table[position] = -1
    codes = np.asarray(categorical.codes)
    result = np.where(codes >= 0, table[np.maximum(codes, 0)], -1).astype(np.int16)
    _report_rows(
        report,
        result == UNKNOWN,
        values,
        first_row,
        InputError(file, "unknown-code", column=column, expected=expected),
    )
    return result


def _code_order(pair: tuple) -> tuple:
    """Sort value labels by code: numbers by value, then string codes by text."""
    code = pair[0]
    return (1, 0.0, code) if isinstance(code, str) else (0, float(code), "")


def _label_lookup(
    value_labels: dict, config: SurveyConfig, key: str, column: str, file: str, report: LoadReport
) -> dict:
    """Check every value label of an SPSS variable against the config; return code → index.

    Codes are numbers, or texts for a string variable ("F" = Female). A skip code (−2, −3)
    whose label is no configured answer ("跳过", "不显示") maps to −1: no answer, not an error;
    a file that labels −2 as a real answer keeps it.
    """
    meanings = _meanings(config, key)
    skips = set(_skip_numbers(config).tolist())
    lookup: dict = {}
    for code, label in sorted(value_labels.items(), key=_code_order):
        if isinstance(code, str):
            shown = code = code.strip()
        elif not float(code).is_integer():
            report.add(InputError(file, "not-integer", row=1, column=column, value=str(code)))
            continue
        else:
            code = int(code)
            shown = str(code)
        index = meanings.get(_normalise(label))
        if index is None and code in skips:
            lookup[code] = -1
            continue
        if index is None:
            report.add(
                InputError(
                    file,
                    "unknown-label",
                    row=1,
                    column=column,
                    value=f"{shown} = {label}",
                    expected=_expected(config, key),
                )
            )
            continue
        if key.startswith("item:") and config.codes is not None and isinstance(code, int):
            wanted = config.codes.get(code)
            if wanted is not None and _normalise(wanted) != _normalise(label):
                report.add(
                    InputError(
                        file,
                        "label-mismatch",
                        row=1,
                        column=column,
                        value=f"{code} = {label}",
                        expected=f"{code} = {wanted}",
                    )
                )
        lookup[code] = index
    return lookup


def _code_numbers(
    values: np.ndarray,
    lookup: dict[int, int],
    column: str,
    first_row: int,
    file: str,
    report: LoadReport,
    expected: str,
    skips: np.ndarray | None = None,
) -> np.ndarray:
    """Map numeric SPSS codes through their value labels; −1 where system-missing or a skip."""
    values = np.asarray(values, dtype=np.float64)
    present = ~np.isnan(values)
    if skips is not None and len(skips):  # a skip code the value labels do not claim
        present &= ~(
            np.isin(values, skips) & ~np.isin(values, [c for c, i in lookup.items() if i >= 0])
        )
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
    """True when the decoded text holds a configured label (not mojibake).

    A cell equal to a group or option label anchors a text export; a header cell containing a
    configured question label (身份, 镇街, an item's label) anchors a numeric export too, whose
    cells are codes only.
    """
    anchors = {_normalise(g.label) for g in config.groups} | {
        _normalise(o.label) for o in config.options
    }
    questions = [config.group, config.town, *(item.question for item in config.items)]
    fragments = [_normalise(q.label) for q in questions if q is not None and q.label]
    normalised = [_normalise(t) for t in texts]
    return any(t in anchors for t in normalised) or any(
        f in t for f in fragments for t in normalised
    )
