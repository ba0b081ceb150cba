"""Splitting a shared school total between its sections (option split_rule): worked examples.

Fast tier (test_split.py, which builds on the demo package, is in the full suite only).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import split_shared_resources, split_shares
from indicators._split import LEVEL_WEIGHTS, SHARED_COLUMNS


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


def nine_year_school() -> pd.DataFrame:
    """A 九年一贯制 school whose two sections share one campus, as the register carries it.

    Both rows give the whole school's totals: 10,000 m² and 20 classrooms (an integer column,
    as loaders read it — the dtype that crashed the split before, issue 13 §3).
    """
    frame = pd.DataFrame(
        {
            "section_id": ["N-p", "N-j"],
            "school_id": ["N", "N"],
            "level": ["primary", "junior"],
            "students": [600, 400],
            "teaching_area_m2": [10_000.0, 10_000.0],
            "sports_area_m2": [10_000.0, 10_000.0],
            "equipment_value_yuan": [10_000.0, 10_000.0],
            "multimedia_classrooms": [20, 20],
            "shared_resources": ["yes", "yes"],
        }
    )
    assert frame["multimedia_classrooms"].dtype == "int64"
    return frame


# By hand. students: shares 600 / 1000 = 0.6 and 400 / 1000 = 0.4, so 10,000 m² → 6,000 and
# 4,000 m², 20 classrooms → 12 and 8.
# weighted (1 : 1.1): weights 600 · 1 = 600 and 400 · 1.1 = 440, total 1,040; shares
# 600 / 1,040 = 0.576923… and 440 / 1,040 = 0.423076…, so 10,000 m² → 5,769.23 and 4,230.77 m²,
# 20 classrooms → 11.538… and 8.461… (a share of a room, kept unrounded for the per-student value).
@pytest.mark.parametrize(
    "rule, area, rooms",
    [
        ("students", (6_000.0, 4_000.0), (12.0, 8.0)),
        ("weighted", (5_769.2308, 4_230.7692), (11.538462, 8.461538)),
    ],
)
def test_nine_year_school_worked_example(rule, area, rooms):
    out = split_shared_resources(nine_year_school(), rule).set_index("section_id")
    assert tuple(out["teaching_area_m2"]) == pytest.approx(area)
    assert tuple(out["multimedia_classrooms"]) == pytest.approx(rooms)
    assert tuple(out["sports_area_m2"]) == pytest.approx(area)


def test_level_weights_are_one_to_1_1_to_1_32():
    assert LEVEL_WEIGHTS == {"primary": 1.0, "junior": 1.1, "senior": 1.32}


def test_shares_name_each_sections_weight_and_its_campus():
    shares = split_shares(school(600, 400, 500), "weighted").set_index("section_id")
    columns = ["school_id", "level", "students", "weight", "campus_weight", "share"]
    assert list(shares.columns) == columns
    assert list(shares.index) == ["A-p", "A-j"]  # the unshared school B has no share
    assert shares["weight"].tolist() == pytest.approx([600.0, 440.0])
    # the senior students are counted once for the campus (both rows carry them), at 1.32
    assert shares["campus_weight"].tolist() == pytest.approx([1700.0, 1700.0])
    assert shares["share"].tolist() == pytest.approx([600 / 1700, 440 / 1700])


def test_a_register_without_the_shared_column_has_no_shares_and_is_unchanged():
    frame = school(600, 400).drop(columns="shared_resources")
    assert split_shares(frame, "students").empty
    assert list(split_shares(frame, "students").columns)[-1] == "share"
    assert split_shared_resources(frame, "students") is frame


def test_an_unknown_split_rule_is_refused():
    with pytest.raises(ValueError, match="unknown split_rule 'area'"):
        split_shares(school(600, 400), "area")


def test_a_school_without_senior_students_column_counts_none():
    frame = school(600, 400).drop(columns="senior_students")
    out = split_shared_resources(frame, "students").set_index("section_id")
    assert out.loc["A-p", "teaching_area_m2"] == pytest.approx(7_200.0)


def test_under_the_students_rule_every_student_weighs_one():
    shares = split_shares(school(600, 400, 500), "students").set_index("section_id")
    assert shares["weight"].tolist() == pytest.approx([600.0, 400.0])
    assert shares["campus_weight"].tolist() == pytest.approx([1500.0, 1500.0])


def test_an_empty_senior_students_cell_counts_no_senior_student():
    frame = school(600, 400).astype({"senior_students": float})
    frame.loc[frame["school_id"] == "A", "senior_students"] = float("nan")
    shares = split_shares(frame, "weighted").set_index("section_id")
    assert shares["campus_weight"].tolist() == pytest.approx([1040.0, 1040.0])
    out = split_shared_resources(frame, "weighted").set_index("section_id")
    assert out.loc["A-p", "teaching_area_m2"] == pytest.approx(12_000 * 600 / 1040)
