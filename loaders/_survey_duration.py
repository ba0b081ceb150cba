"""Completion times (所用时间 / 答题时长) as the platforms write them, in seconds.

问卷星 writes "123秒", and also "2分3秒", "2分钟3秒" or "1小时2分3秒" for long sessions; some
exports and spreadsheets write a clock "00:02:03" (or "02:03"); 腾讯问卷 and a numeric download
write plain seconds ("123", or a number cell). Full-width digits and colons are read too (NFKC).
A text none of these fit is an error located by row, never a silent NaN: a wrong duration would
drop or keep questionnaires under the min_duration rule without anyone seeing why.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._survey_codes import _report_rows

_NUMBER = r"(\d+(?:\.\d+)?)"
_PLAIN = re.compile(rf"^{_NUMBER}$")
_UNITS = re.compile(
    rf"^(?:{_NUMBER}(?:小时|时))?(?:{_NUMBER}(?:分钟|分))?(?:{_NUMBER}(?:秒钟|秒))?$"
)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
EXPECTED = "秒数，如 123秒、123、2分3秒 或 00:02:03"
EXPECTED_EN = "seconds, such as 123秒, 123, 2分3秒 or 00:02:03"


def duration_seconds(value: object) -> float | None:
    """Return the seconds a duration cell means, NaN when empty, None when it means nothing.

    A clock with two parts is minutes:seconds (a survey takes minutes, not hours).
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return np.nan
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
    if text == "":
        return np.nan
    if match := _PLAIN.match(text):
        return float(match.group(1))
    if (match := _UNITS.match(text)) and any(match.groups()):
        hours, minutes, seconds = (float(x) if x else 0.0 for x in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    if match := _CLOCK.match(text):
        hours, minutes, seconds = match.groups()
        if float(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
            return None  # "12:75" is no clock: a typo, not 13 minutes 15 seconds
        return float(hours or 0) * 3600 + float(minutes) * 60 + float(seconds)
    return None


def _durations(
    values: pd.Series | np.ndarray, column: str, first_row: int, file: str, report: LoadReport
) -> np.ndarray:
    """Return seconds per row; NaN where empty, a located `not-number` error where unreadable.

    Each distinct text is parsed once: a survey has a few thousand distinct durations.
    """
    if np.asarray(values).dtype.kind in "fiu":
        return np.asarray(values, dtype=np.float64)
    listed = values.tolist()
    distinct = {}
    for text in dict.fromkeys(listed):
        seconds = duration_seconds(text)
        distinct[text] = -1.0 if seconds is None or seconds < 0 else seconds
    seconds = np.fromiter(map(distinct.__getitem__, listed), np.float64, count=len(listed))
    _report_rows(
        report,
        seconds < 0,
        values,
        first_row,
        InputError(file, "not-number", column=column, expected=EXPECTED, expected_en=EXPECTED_EN),
    )
    return np.where(seconds < 0, np.nan, seconds)
