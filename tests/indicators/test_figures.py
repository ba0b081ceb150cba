"""Every figure of G7, G8, G11, G13, Q1 and Q4: its key, value, unit and comparison.

Why whole tuples: a figure's key is its label on the card and its column in the open data, its
unit decides how it is printed (yuan, per cent, a count), and a threshold's `op` is the
comparison the card states; a figure dropped, renamed, given another unit or the wrong value
would reach the site unnoticed by a status check.
"""

from __future__ import annotations

import pytest

from indicators import load_evaluation_rules
from indicators._guarantee import GUARANTEE
from indicators._quality import QUALITY

from .test_guarantee import inputs, section

RULES = load_evaluation_rules()
COMPUTE = {**GUARANTEE, **QUALITY}


def computed(ident: str, measures: dict, **options):
    rows = [section("S1"), section("T1", school_type="special", teachers=0)]
    return COMPUTE[ident](inputs(rows, measures=measures, **options), RULES.indicators[ident])


def described(figures) -> list[tuple]:
    return [(f.key, f.value, f.unit, f.op) for f in figures]


def test_g7_shows_the_special_school_funds_the_inclusive_funds_and_the_6000_yuan_minimum():
    measures = {
        "special_school_funds_yuan_per_student": 7100,
        "inclusive_funds_yuan_per_student": 6500,
    }
    result = computed("G7", measures)
    assert described(result.values) == [
        ("special_school_funds_yuan_per_student", 7100, "yuan", None),
        ("inclusive_funds_yuan_per_student", 6500, "yuan", None),
    ]
    assert described(result.thresholds) == [
        ("special_school_funds_yuan_per_student", 6000, "yuan", ">=")
    ]


def test_g8_shows_both_pays_and_their_gap_against_the_civil_servants_pay():
    result = computed("G8", {"teacher_pay_yuan": 160_000, "civil_servant_pay_yuan": 150_000})
    assert described(result.values) == [
        ("teacher_pay_yuan", 160_000, "yuan", None),
        ("civil_servant_pay_yuan", 150_000, "yuan", None),
        ("g8_pay_gap_yuan", 10_000, "yuan", None),
    ]
    # the standard is the civil servants' pay itself: 不低于
    assert described(result.thresholds) == [("teacher_pay_yuan", 150_000, "yuan", ">=")]


@pytest.mark.parametrize(
    "measures",
    [{"civil_servant_pay_yuan": 150_000}, {"teacher_pay_yuan": 160_000}, {}],
)
def test_g8_without_one_of_the_pays_has_no_gap_and_no_data(measures):
    result = computed("G8", measures)
    gap = {f.key: f.value for f in result.values}["g8_pay_gap_yuan"]
    assert (result.status, gap) == ("no_data", None)


def test_g11_shows_the_rotated_and_backbone_teachers_and_both_shares():
    measures = {
        "rotation_eligible_teachers": 1000,
        "rotated_teachers": 150,
        "rotated_backbone_teachers": 30,
    }
    result = computed("G11", measures)
    assert described(result.values) == [
        ("rotation_eligible_teachers", 1000, "count", None),
        ("rotated_teachers", 150, "count", None),
        ("rotated_backbone_teachers", 30, "count", None),
        ("g11_rotated_share", 150 / 1000, "share", None),
        ("g11_backbone_share", 30 / 150, "share", None),
    ]
    assert described(result.thresholds) == [
        ("g11_rotated_share", 0.10, "share", ">="),  # 10 % of the eligible
        ("g11_backbone_share", 0.20, "share", ">="),  # 20 % of those rotated
    ]


def test_g13_shows_the_entrants_of_each_level_and_their_zoned_share():
    measures = {
        "primary_entrants": 200,
        "primary_zoned_entrants": 198,
        "junior_entrants": 80,
        "junior_zoned_entrants": 76,
    }
    result = computed("G13", measures)
    assert described(result.values) == [
        ("primary_entrants", 200, "count", None),
        ("primary_zoned_entrants", 198, "count", None),
        ("g13_primary_share", 198 / 200, "share", None),
        ("junior_entrants", 80, "count", None),
        ("junior_zoned_entrants", 76, "count", None),
        ("g13_junior_share", 76 / 80, "share", None),
    ]
    assert described(result.thresholds) == [
        ("g13_primary_share", 1.0, "share", ">="),  # every primary entrant zoned
        ("g13_junior_share", 0.95, "share", ">="),
    ]
    assert result.status == "not_met"  # 99 % of the primary entrants


COHORT = {
    "junior_graduates": 960,
    "junior_entrants_3y_ago": 1000,
    "transfers_in": 30,
    "returned": 5,
    "transfers_out": 20,
    "suspended": 10,
    "deceased": 5,
}


@pytest.mark.parametrize(
    "formula, base",
    [("full", 1000 + 30 + 5 - 20 - 10 - 5), ("simple", 1000 + 30 - 20)],
)
def test_q1_shows_every_movement_of_the_cohort_its_base_and_the_retention(formula, base):
    result = computed("Q1", COHORT, retention_formula=formula)
    assert described(result.values) == [
        ("junior_graduates", 960, "count", None),
        # every term of the full formula is shown, whichever formula the option chose
        ("junior_entrants_3y_ago", 1000, "count", None),
        ("transfers_in", 30, "count", None),
        ("returned", 5, "count", None),
        ("transfers_out", 20, "count", None),
        ("suspended", 10, "count", None),
        ("deceased", 5, "count", None),
        ("q1_cohort_base", base, "count", None),
        ("q1_retention", 960 / base, "share", None),
    ]
    assert described(result.thresholds) == [("q1_retention", 0.95, "share", ">=")]


def test_q4_shows_the_budget_the_5_percent_due_and_the_training_spend():
    measures = {
        "public_funds_budget_yuan": 1_000_000,
        "fiscal_public_funds_yuan": 800_000,
        "teacher_training_spend_yuan": 60_000,
    }
    result = computed("Q4", measures)
    assert described(result.values) == [
        ("public_funds_budget_yuan", 1_000_000, "yuan", None),
        ("fiscal_public_funds_yuan", 800_000, "yuan", None),
        ("q4_required_yuan", pytest.approx(50_000), "yuan", None),
        ("teacher_training_spend_yuan", 60_000, "yuan", None),
        ("q4_training_share", 60_000 / 1_000_000, "share", None),
    ]
    assert described(result.thresholds) == [("q4_training_share", 0.05, "share", ">=")]


def test_q4_without_a_budget_has_nothing_due():
    result = computed("Q4", {"teacher_training_spend_yuan": 60_000})
    values = {f.key: f.value for f in result.values}
    assert (result.status, values["q4_required_yuan"], values["q4_training_share"]) == (
        "no_data",
        None,
        None,
    )
