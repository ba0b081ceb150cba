"""Formatting: value → string tables per locale."""

from __future__ import annotations

import pytest

from publish import fmt_decimal, fmt_int, fmt_percent


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda: fmt_int(144965, "zh"), "144,965"),
        (lambda: fmt_int(144965, "en"), "144,965"),
        (lambda: fmt_decimal(0.4512, 3, "en"), "0.451"),
        (lambda: fmt_decimal(0.4515, 3, "zh"), "0.452"),
        (lambda: fmt_decimal(2000, 0, "en"), "2,000"),
        (lambda: fmt_percent(0.493, 1, "zh"), "49.3%"),
        (lambda: fmt_percent(0.8651, 2, "en"), "86.51%"),
        (lambda: fmt_percent(float("nan"), 1, "en"), "—"),
    ],
)
def test_formats(call, expected):
    assert call() == expected


def test_unknown_locale_is_an_error():
    with pytest.raises(ValueError, match="unknown page language"):
        fmt_int(1, "fr")
