"""School names in the page language: the register's English name where given, else the Chinese.

English pages show 英文学校名称 (school_name_en) where the register fills it in and the Chinese
name otherwise; indicator tables carry the Chinese name, so names are mapped, not looked up by id.
"""

from __future__ import annotations

import pandas as pd

from publish._results import Results


def english_names(results: Results) -> dict[str, str]:
    """Return Chinese school name → English name, for the schools whose register row has one."""
    frames = [results.sections_register, results.basic.outside]  # teaching points outside too
    register = pd.concat([f for f in frames if "school_name_en" in f], ignore_index=True)
    if register.empty:
        return {}
    named = register[register["school_name_en"].fillna("").astype(str).str.strip() != ""]
    return dict(zip(named["school_name"], named["school_name_en"].str.strip(), strict=True))


def school_name(name: str, results: Results, lang: str) -> str:
    """Return one school's name in `lang`."""
    return english_names(results).get(name, name) if lang == "en" else name


def school_names(names: pd.Series, results: Results, lang: str) -> pd.Series:
    """Return a column of Chinese school names in `lang`."""
    if lang != "en":
        return names
    mapping = english_names(results)
    return names.map(lambda n: mapping.get(n, n))
