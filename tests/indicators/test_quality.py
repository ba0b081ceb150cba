"""Q1–Q4 and Q9: the report's own figures as worked examples, and both rule readings."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import load_evaluation_rules
from indicators._quality import QUALITY

from .test_guarantee import inputs, section

RULES = load_evaluation_rules()
# Q1 figures of the reference report (渝北区 2025, 教育质量指标一)
COHORT = {
    "junior_graduates": 11_587,
    "junior_entrants_3y_ago": 11_556,
    "transfers_in": 356,
    "returned": 121,
    "transfers_out": 323,
    "suspended": 122,
    "deceased": 1,
}


def figure(result, key):
    return next(f.value for f in result.values if f.key == key)


@pytest.mark.parametrize(
    "formula, expected",
    [
        ("full", 11_587 / 11_587),  # the report's 100 %
        ("simple", 11_587 / (11_556 + 356 - 323)),  # 99.98 %
    ],
)
def test_q1_retention_under_each_formula(formula, expected):
    result = QUALITY["Q1"](
        inputs([section("S1")], measures=COHORT, retention_formula=formula), RULES.indicators["Q1"]
    )
    assert figure(result, "q1_retention") == pytest.approx(expected, abs=1e-12)
    assert result.status == "met"


def test_q1_below_95_percent_is_not_met_and_a_missing_term_is_no_data():
    low = COHORT | {"junior_graduates": 11_000}  # 11,000 / 11,587 = 94.9 %
    rule = RULES.indicators["Q1"]
    assert QUALITY["Q1"](inputs([section("S1")], measures=low), rule).status == "not_met"
    partial = {k: v for k, v in COHORT.items() if k != "returned"}
    assert QUALITY["Q1"](inputs([section("S1")], measures=partial), rule).status == "no_data"


def test_q2_counts_all_four_placements():
    measures = {
        "disabled_children": 676,
        "disabled_in_special_school": 138,
        "disabled_home_delivered": 123,
        "disabled_inclusive": 369,
        "disabled_outside_district": 46,
    }
    result = QUALITY["Q2"](inputs([section("S1")], measures=measures), RULES.indicators["Q2"])
    assert figure(result, "q2_enrolled") == 676 and result.status == "met"
    fewer = measures | {"disabled_inclusive": 330}  # 637 / 676 = 94.2 %
    assert QUALITY["Q2"](
        inputs([section("S1")], measures=fewer), RULES.indicators["Q2"]
    ).status == ("not_met")


def test_q4_training_budget_share_of_the_report():
    measures = {"public_funds_budget_yuan": 220_950_000, "teacher_training_spend_yuan": 20_090_000}
    result = QUALITY["Q4"](inputs([section("S1")], measures=measures), RULES.indicators["Q4"])
    assert figure(result, "q4_required_yuan") == pytest.approx(11_047_500)  # the report's 1105 万
    assert figure(result, "q4_training_share") == pytest.approx(20.09 / 220.95)
    assert result.status == "met"


def test_q3_counts_schools_against_the_legal_schools_of_the_register():
    sections = [section("S1"), section("S2"), section("S3", school_id="S1")]  # two legal schools
    rule = RULES.indicators["Q3"]
    both = {"schools_with_charter": 2, "schools_informatised": 2}
    assert QUALITY["Q3"](inputs(sections, measures=both), rule).status == "met"
    one = {"schools_with_charter": 2, "schools_informatised": 1}
    assert QUALITY["Q3"](inputs(sections, measures=one), rule).status == "not_met"


def monitoring(between, levels=(None, None)) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "grade": [4, 8],
            "subject": ["科学", "科学"],
            "share_medium_or_above_pct": [89.6, 80.0],
            "between_school_pct": between,
            "level": list(levels),
        }
    )


@pytest.mark.parametrize(
    "between, levels, reading, status",
    [
        ([12.4, 10.0], (None, None), "variation", "met"),  # the report's 12.4 % < 15 %
        ([14.99, 10.0], (None, None), "variation", "met"),  # just below the line
        ([15.0, 10.0], (None, None), "variation", "not_met"),  # 低于: strictly below
        ([15.01, 10.0], (None, None), "variation", "not_met"),
        # a subject without its figure is no data, never a pass (the report gives grade 8 none)
        ([12.4, None], (None, None), "variation", "no_data"),
        ([None, None], (None, None), "variation", "no_data"),
        ([15.0, None], (None, None), "variation", "not_met"),  # a failing figure still fails
        ([12.4, 10.0], (None, None), "variation_and_level", "no_data"),  # grades not published
        ([12.4, 10.0], ("3", "4"), "variation_and_level", "met"),  # Ⅲ级以上: Ⅲ itself passes
        ([12.4, 10.0], ("3", "2"), "variation_and_level", "not_met"),
        ([12.4, 10.0], ("2", None), "variation_and_level", "not_met"),  # fails whatever is missing
        ([12.4, None], ("3", "4"), "variation_and_level", "no_data"),
        ([12.4, 10.0], ("3", "2"), "variation", "met"),  # levels do not count under `variation`
    ],
)
def test_q9_readings(between, levels, reading, status):
    data = inputs([section("S1")], q9_reading=reading)
    data = type(data)(**{**data.__dict__, "monitoring": monitoring(between, levels)})
    assert QUALITY["Q9"](data, RULES.indicators["Q9"]).status == status


@pytest.mark.parametrize(
    "between, levels, reading, note",
    [
        ([12.4, 10.0], (None, None), "variation", "q9_levels_unpublished"),
        ([12.4, 10.0], ("3", "4"), "variation", "q9_levels_not_required"),
        ([12.4, None], (None, None), "variation", "q9_between_school_missing"),  # the report
        ([None, None], (None, None), "variation", None),  # nothing checked: no data says it
        ([12.4, 10.0], ("3", "4"), "variation_and_level", None),  # both parts checked
        ([12.4, 10.0], ("3", None), "variation_and_level", "q9_levels_missing"),
    ],
)
def test_q9_says_when_only_the_between_school_part_was_checked(between, levels, reading, note):
    data = inputs([section("S1")], q9_reading=reading)
    data = type(data)(**{**data.__dict__, "monitoring": monitoring(between, levels)})
    assert QUALITY["Q9"](data, RULES.indicators["Q9"]).note == note


def test_q9_by_level_lists_the_subjects_that_fail_or_lack_a_figure():
    """Under `variation_and_level` the lowest grade is a figure with its threshold, and the
    failing table and the words of a declaration error name each subject that misses a part."""
    data = inputs([section("S1")], q9_reading="variation_and_level")
    rows = monitoring([12.4, None], ("2", "4"))
    data = type(data)(**{**data.__dict__, "monitoring": rows})
    result = QUALITY["Q9"](data, RULES.indicators["Q9"])
    assert result.status == "not_met"
    assert figure(result, "q9_lowest_level") == 2
    assert [(f.key, f.value, f.op) for f in result.thresholds] == [
        ("q9_max_between_school", 0.15, "<"),
        ("q9_lowest_level", 3, ">="),
    ]
    assert result.failing["grade"].tolist() == [4]  # graded Ⅱ
    assert "attainment_level" in result.failing and "level" not in result.failing
    assert [u.en for u in result.units] == [
        "grade 4 科学: level Ⅱ, standard ≥ Ⅲ",
        "grade 8 科学: no between-school figure",
    ]
    assert figure(result, "q9_subjects_without_between_school") == 1
