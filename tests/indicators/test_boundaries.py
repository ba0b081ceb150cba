"""Every threshold of the resource rules at, just above and just below its value (standards.yaml).

Each case asserts a concrete outcome at a concrete value, so a flipped comparison (`>=` to
`>`), a changed standard (4.2 → 4.3), a changed floor (85 % → 80 %), a changed section rule
(6 → 5 of 7) or a changed CV limit (0.45 → 0.50) fails a test. The standards are written out
here on purpose: reading them from standards.yaml would let a wrong value there pass.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from indicators import assess_resources, load_resource_rules, section_values
from indicators._verdicts import _balance_computed, _recognition_computed, _resources_computed

RULES = load_resource_rules()
# 教督〔2017〕6号, 资源配置: (primary, junior) standards, each a `>=` (达到)
STANDARDS = {
    "R1": (4.2, 5.3),
    "R2": (1.0, 1.0),
    "R3": (0.9, 0.9),
    "R4": (4.5, 5.8),
    "R5": (7.5, 10.2),
    "R6": (2000, 2500),
    "R7": (2.3, 2.4),
}
LEVEL_INDEX = {"primary": 0, "junior": 1}


def _count(value: float, students: float) -> float:
    """Return the register count that gives `value` per student (or per 100) exactly."""
    return float(Decimal(str(value)) * Decimal(str(students)))


def resource_row(sid: str, level: str, students: int = 100, **values: float) -> dict:
    """Return a register row whose R1–R7 are the standards of its level, or `values`.

    With 100 students a per-100 count is the value itself and an area is value × 100, so every
    R value below is the decimal written in the test, not a rounded neighbour.
    """
    r = {k: v[LEVEL_INDEX[level]] for k, v in STANDARDS.items()} | values
    per100 = students / 100
    return {
        "section_id": sid,
        "level": level,
        "students": students,
        "teachers_above_degree": _count(r["R1"], per100),
        "backbone_teachers": _count(r["R2"], per100),
        "pe_teachers": _count(r["R3"], per100),
        "music_teachers": 0.0,
        "art_teachers": 0.0,
        "teaching_area_m2": _count(r["R4"], students),
        "sports_area_m2": _count(r["R5"], students),
        "equipment_value_yuan": _count(r["R6"], students),
        "multimedia_classrooms": _count(r["R7"], per100),
    }


def assess(*rows: dict):
    return assess_resources(pd.DataFrame(list(rows)), RULES)


def test_the_standards_are_those_of_the_measures():
    assert {
        k: (s.by_level["primary"], s.by_level["junior"]) for k, s in RULES.standards.items()
    } == (STANDARDS)
    assert (RULES.min_met, RULES.floor_share, dict(RULES.cv_limits)) == (
        6,
        0.85,
        {"primary": 0.50, "junior": 0.45},
    )


CASES = [
    (ident, level, factor, klass)
    for ident in STANDARDS
    for level in LEVEL_INDEX
    for factor, klass in (
        (Decimal("1"), "all7"),  # exactly at the standard: met (达到 = >=)
        (Decimal("1.000001"), "all7"),
        (Decimal("0.999999"), "six_plus"),  # just below: missed, but above 85 %
        (Decimal("0.85"), "six_plus"),  # exactly 85 % of the standard: still at the floor
        (Decimal("0.849999"), "fail_below85"),  # just below the floor
        (Decimal("0.80"), "fail_below85"),  # a floor of 80 % would pass this one
    )
]


@pytest.mark.parametrize("ident, level, factor, klass", CASES)
def test_each_standard_at_above_and_below_its_value_and_its_floor(ident, level, factor, klass):
    value = float(Decimal(str(STANDARDS[ident][LEVEL_INDEX[level]])) * factor)
    result = assess(resource_row("S1", level, **{ident: value}))
    row = result.sections.loc["S1"]
    assert row[ident] == pytest.approx(value, rel=1e-12)
    assert row["klass"] == klass
    assert bool(row[f"{ident}_met"]) == (factor >= 1)
    assert bool(row[f"{ident}_above_floor"]) == (factor >= Decimal("0.85"))
    assert row["met"] == (7 if factor >= 1 else 6)


@pytest.mark.parametrize("level", LEVEL_INDEX)
def test_the_other_levels_standard_does_not_apply(level):
    """A junior section at the primary standard misses R1 (5.3); a primary section at the
    junior standard meets it: each level is judged by its own column."""
    other = "primary" if level == "junior" else "junior"
    r1 = STANDARDS["R1"][LEVEL_INDEX[other]]
    row = assess(resource_row("S1", level, R1=r1)).sections.loc["S1"]
    assert bool(row["R1_met"]) == (level == "primary")


@pytest.mark.parametrize(
    "missed, klass",
    [
        ((), "all7"),
        (("R4",), "six_plus"),  # at least 6 of 7 met, the 7th ≥ 85 %: passes
        (("R4", "R7"), "fail_two_or_more"),  # 5 met: fails however close the other two are
        (("R1", "R4", "R7"), "fail_two_or_more"),
    ],
)
def test_at_least_six_of_seven_standards(missed, klass):
    values = {i: STANDARDS[i][0] * 0.99 for i in missed}  # each within 1 % of its standard
    row = assess(resource_row("S1", "primary", **values)).sections.loc["S1"]
    assert (row["met"], row["above_floor"], row["klass"]) == (7 - len(missed), 7, klass)


@pytest.mark.parametrize(
    "students, backbone",
    [(4900, 49), (700, 7), (300, 3), (1000, 10), (2900, 29)],
)
def test_a_section_exactly_at_one_per_hundred_meets_r2(students, backbone):
    """49 backbone teachers for 4,900 students is exactly 1.0 per 100: met, whatever the order
    in which the per-100 value is computed (49 × (100 / 4900) is 0.9999999999999999)."""
    row = resource_row("S1", "primary", students=students) | {"backbone_teachers": backbone}
    values = section_values(pd.DataFrame([row]))
    assert values.loc["S1", "R2"] == 1.0
    assert bool(assess(row).sections.loc["S1", "R2_met"])


# the coefficient of variation: two sections of equal size with R4 = a and b have
# CV = (b − a) / (a + b) exactly: 1 and 3 give 0.50, 11 and 29 give 0.45


@pytest.mark.parametrize(
    "level, low, high, cv, passes",
    [
        ("primary", 1.0, 3.0, 0.50, True),  # exactly at the limit: passes (不超过)
        ("primary", 1.0, 3.001, 0.50012, False),  # just above
        ("primary", 11.0, 29.0, 0.45, True),
        ("primary", 1.0, 2.9, 0.48718, True),  # above the junior limit, within the primary one
        ("junior", 11.0, 29.0, 0.45, True),  # exactly at the junior limit
        ("junior", 11.0, 29.01, 0.45014, False),
        ("junior", 1.0, 2.9, 0.48718, False),  # 0.487: within 0.50 but not within 0.45
        ("junior", 1.0, 3.0, 0.50, False),
    ],
)
def test_cv_limits_at_and_above(level, low, high, cv, passes):
    rows = [resource_row("A", level, R4=low), resource_row("B", level, R4=high)]
    result = assess(*rows)
    row = result.cvs.loc[(level, "R4")]
    assert row["cv"] == pytest.approx(cv, abs=1e-5)
    assert (bool(row["passes"]), row["limit"]) == (passes, {"primary": 0.5, "junior": 0.45}[level])
    assert result.all_cvs_pass == passes


def test_cv_is_weighted_by_students():
    """Sections of 100 and 300 students with R4 = 4 and 8: X̄ = 7, S = sqrt(3), CV = 0.2474;
    the unweighted form would give 2 / 6 = 0.333."""
    rows = [resource_row("A", "primary", R4=4.0), resource_row("B", "primary", 300, R4=8.0)]
    cv = assess(*rows).cvs.loc[("primary", "R4"), "cv"]
    assert cv == pytest.approx(3**0.5 / 7, rel=1e-12)


@pytest.mark.parametrize(
    "satisfaction, status",
    [
        (0.85, "met"),  # 达到 85 %: at the line passes
        (0.8500001, "met"),
        (0.8499999, "not_met"),
        (0.84, "not_met"),  # a pass mark of 80 % would pass this one
        (float("nan"), "no_data"),
        (None, "no_data"),
    ],
)
def test_social_recognition_at_and_below_85_percent(satisfaction, status):
    from indicators import load_evaluation_rules

    minimum = load_evaluation_rules().indicators["S"].thresholds["min_share"]
    assert minimum == 0.85
    assert _recognition_computed(satisfaction, minimum).status == status


def test_class_counts_and_whether_every_section_passes():
    rows = [
        resource_row("A", "primary"),
        resource_row("B", "primary", R4=4.0),  # R4 missed, above 85 %: six_plus
        resource_row("C", "junior", R4=4.0, R7=2.0),  # two missed
    ]
    result = assess(*rows)
    assert result.class_counts() == {
        "all7": 1,
        "six_plus": 1,
        "fail_below85": 0,
        "fail_two_or_more": 1,
    }
    assert not result.all_sections_pass
    assert assess(*rows[:2]).all_sections_pass


def test_r_as_an_indicator_counts_each_class_and_lists_the_failing_sections():
    rows = [
        resource_row("A", "primary"),
        resource_row("B", "primary", R4=4.0),
        resource_row("C", "junior", R4=4.0, R7=2.0),
        resource_row("D", "junior", R1=4.0),  # 4.0 < 85 % of 5.3 (4.505)
    ]
    register = pd.DataFrame(rows).assign(school_name="学校", section_name="本部")
    computed = _resources_computed(assess(*rows), RULES, register)
    assert computed.status == "not_met"
    assert [(f.key, f.value) for f in computed.values] == [
        ("sections", 4),
        ("sections_all7", 1),
        ("sections_six_plus", 1),
        ("sections_fail_below85", 1),
        ("sections_fail_two_or_more", 1),
    ]
    assert [(f.key, f.value, f.op) for f in computed.thresholds] == [
        ("min_met", 6, ">="),
        ("floor_share", 0.85, ">="),
    ]
    assert computed.failing.to_dict("records") == [
        {
            "section_id": "C",
            "level": "junior",
            "klass": "fail_two_or_more",
            "met": 5,
            "above_floor": 5,
        },
        {"section_id": "D", "level": "junior", "klass": "fail_below85", "met": 6, "above_floor": 6},
    ]
    assert [u.en for u in computed.units] == [
        "C 学校（本部）: R4, R7 not met (R4, R7 below 85% of the standard)",
        "D 学校（本部）: R1 not met (R1 below 85% of the standard)",
    ]
    assert _resources_computed(assess(*rows[:2]), RULES, register).status == "met"


def test_b_as_an_indicator_reports_the_largest_cv_per_level_and_those_above_the_limit():
    rows = [
        resource_row("A", "primary", R4=1.0),
        resource_row("B", "primary", R4=3.0),  # 0.50: at the primary limit
        resource_row("C", "junior", R4=1.0),
        resource_row("D", "junior", R4=3.0),  # 0.50 > 0.45
    ]
    computed = _balance_computed(assess(*rows))
    assert computed.status == "not_met"
    assert [(f.key, round(f.value, 6)) for f in computed.values] == [
        ("cv_max_primary", 0.5),
        ("cv_max_junior", 0.5),
    ]
    assert [(f.key, f.value, f.op) for f in computed.thresholds] == [
        ("cv_limit_primary", 0.5, "<="),
        ("cv_limit_junior", 0.45, "<="),
    ]
    assert computed.failing[["level", "indicator"]].values.tolist() == [["junior", "R4"]]
    assert computed.note is None
    assert [u.en for u in computed.units] == [
        "junior R4: coefficient of variation 0.500, limit 0.45"
    ]
    one_level = _balance_computed(assess(*rows[:2]))
    assert (one_level.status, one_level.note) == ("met", "b_levels_not_meaningful")
    assert [f.key for f in one_level.values] == ["cv_max_primary"]
    none = _balance_computed(assess(rows[0], rows[2]))  # one section per level
    assert (none.status, none.values, none.note) == (
        "not_applicable",
        (),
        "b_levels_not_meaningful",
    )


def test_social_recognition_figures_and_note():
    met = _recognition_computed(0.9, 0.85)
    assert [(f.key, f.value, f.unit, f.op) for f in (*met.values, *met.thresholds)] == [
        ("satisfaction", 0.9, "share", None),
        ("satisfaction", 0.85, "share", ">="),
    ]
    assert met.note is None
    missing = _recognition_computed(None, 0.85)
    assert (missing.values[0].value, missing.note) == (None, "survey_not_collected")
    empty = _recognition_computed(float("nan"), 0.85)  # a survey without one valid answer
    assert (empty.status, empty.values[0].value, empty.note) == ("no_data", None, None)
