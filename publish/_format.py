"""Locale-aware formatting of single values (Babel); tables and charts call these."""

from __future__ import annotations

import math
import re

from babel.numbers import format_decimal, format_percent

from publish._escape import page_text

BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en_US"}


def babel_locale(lang: str) -> str:
    """Return the Babel locale for a page language; an unknown language is an error."""
    try:
        return BABEL_LOCALES[lang]
    except KeyError:
        raise ValueError(
            f"unknown page language {lang!r}; expected one of {sorted(BABEL_LOCALES)}"
        ) from None


def fmt_int(value: float, lang: str) -> str:
    """Return a whole number with the locale's grouping: 144965 → "144,965"."""
    return format_decimal(round(value), format="#,##0", locale=babel_locale(lang))


def fmt_decimal(value: float, places: int, lang: str) -> str:
    """Return value rounded half-even to `places` decimals: (0.4512, 3, "en") → "0.451"."""
    if math.isnan(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=babel_locale(lang))


def fmt_percent(share: float, places: int, lang: str) -> str:
    """Return a share (0.493) as a percentage ("49.3%")."""
    if math.isnan(share):
        return "—"
    pattern = "#,##0" + ("." + "0" * places if places else "") + "%"
    return format_percent(share, format=pattern, locale=babel_locale(lang))


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def mark_chinese(escaped: str, lang: str) -> str:
    """Return already-escaped text wrapped in `<span lang="zh">` on English pages when it holds
    Chinese (school names, document titles, staff headers), so screen readers switch voice and
    the build checks can tell names from untranslated prose."""
    if lang == "zh" or not _CJK.search(escaped):
        return escaped
    return f'<span lang="zh">{escaped}</span>'


def text_html(value: str, lang: str) -> str:
    """Return text escaped for HTML, with Chinese marked on English pages (see mark_chinese)."""

    return mark_chinese(page_text(value), lang)
