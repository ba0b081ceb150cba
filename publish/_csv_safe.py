"""CSV cells that a spreadsheet would run as formulas are written as text (OWASP CSV injection).

Why: a school name typed as `=HYPERLINK("http://…","点击")` in a register would become a live
formula in the Excel of everyone who opens the download. A text cell beginning with `=`, `+`,
`-`, `@`, a tab or a carriage return gets a leading `'`, which Excel and WPS show as text; the
JSON twin keeps the exact text, and the open-data page says so.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: object) -> object:
    """Return `text` with a leading `'` when a spreadsheet would read it as a formula."""
    if isinstance(text, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot be formulas; numbers and missing values stay."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralised)
    return safe
