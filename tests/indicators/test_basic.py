"""Basic facts count every compulsory-education student: evaluated sections and the teaching
points the resource rules leave out, but not the special-education school."""

from __future__ import annotations

import pandas as pd

from indicators import basic_facts, in_scope

from .test_guarantee import section


def county() -> pd.DataFrame:
    return pd.DataFrame(
        [
            section("S1", students=900, teachers=50, classes=20),
            section("S2", level="junior", school_type="junior", students=700, teachers=45),
            section("T1", school_type="teaching_point", students=30, teachers=3, classes=2),
            section("T2", school_type="teaching_point", students=60, teachers=5, classes=3),
            section("X1", school_type="special", students=120, teachers=30, classes=12),
        ]
    )


def test_teaching_points_outside_the_rules_count_in_the_totals_not_in_the_sections():
    schools = county()
    facts = basic_facts(schools, in_scope(schools, exclude_small_points=True, small_point_limit=50))
    assert facts.students == 900 + 700 + 30 + 60  # the special school apart
    assert facts.teachers == 50 + 45 + 3 + 5
    assert facts.sections == 3  # S1, S2 and T2 (60 ≥ 50) are evaluated
    assert facts.points_outside == 1
    assert facts.outside["section_id"].tolist() == ["T1"]
    assert facts.by_level.loc["primary", "points_outside"] == 1
    assert facts.by_level.loc["primary", "classes"] == 20 + 2 + 3  # S1 + T1 + T2
    assert facts.legal_schools == 5


def test_with_every_point_evaluated_nothing_is_outside():
    schools = county()
    facts = basic_facts(schools, in_scope(schools, exclude_small_points=False))
    assert facts.points_outside == 0
    assert facts.sections == 4
    assert facts.students == 900 + 700 + 30 + 60
