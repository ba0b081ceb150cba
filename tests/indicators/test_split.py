"""Splitting a shared school total between its sections (option split_rule)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import split_shared_resources
from indicators._split import SHARED_COLUMNS


def school(primary: int, junior: int, senior: int = 0, total: float = 12_000.0) -> pd.DataFrame:
    rows = [
        {"section_id": "A-p", "school_id": "A", "level": "primary", "students": primary},
        {"section_id": "A-j", "school_id": "A", "level": "junior", "students": junior},
        {"section_id": "B", "school_id": "B", "level": "primary", "students": 500},
    ]
    frame = pd.DataFrame(rows)
    for column in SHARED_COLUMNS:
        frame[column] = [total, total, 999.0]
    frame["shared_resources"] = ["yes", "yes", "no"]
    frame["senior_students"] = [senior, senior, 0]
    return frame


@pytest.mark.parametrize(
    "rule, primary, junior, senior, expected_primary",
    [
        ("students", 600, 400, 0, 12_000 * 600 / 1000),
        # weighted 1 : 1.1 → 600 / (600 + 440)
        ("weighted", 600, 400, 0, 12_000 * 600 / 1040),
        # senior students take their share out: 600 / (600 + 1.1 · 400 + 1.32 · 500)
        ("weighted", 600, 400, 500, 12_000 * 600 / 1700),
        ("students", 600, 400, 500, 12_000 * 600 / 1500),
    ],
)
def test_split_worked_examples(rule, primary, junior, senior, expected_primary):
    out = split_shared_resources(school(primary, junior, senior), rule).set_index("section_id")
    assert out.loc["A-p", "teaching_area_m2"] == pytest.approx(expected_primary)
    assert out.loc["B", "teaching_area_m2"] == 999.0  # unshared rows are left alone


@given(st.integers(1, 3000), st.integers(1, 3000), st.sampled_from(["students", "weighted"]))
def test_split_preserves_the_school_total_without_senior_students(primary, junior, rule):
    out = split_shared_resources(school(primary, junior), rule)
    shared = out[out["school_id"] == "A"]
    for column in SHARED_COLUMNS:
        assert shared[column].sum() == pytest.approx(12_000.0)


def test_register_without_shared_rows_is_unchanged():
    frame = school(600, 400).assign(shared_resources="no")
    assert split_shared_resources(frame, "weighted") is frame
