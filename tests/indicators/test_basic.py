"""Basic facts count every compulsory-education student: evaluated sections and the teaching
points the resource rules leave out, but not the special-education school."""

from __future__ import annotations

import pandas as pd
import pytest

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


def test_every_head_count_by_level_and_school_type():
    schools = county()
    schools.loc[schools["section_id"] == "S2", "migrant_students"] = 250
    facts = basic_facts(schools, in_scope(schools, exclude_small_points=True, small_point_limit=50))
    assert facts.by_level.to_dict("index") == {
        "primary": {
            "sections": 2,
            "students": 990,
            "migrant_students": 300,
            "classes": 25,
            "teachers": 58,
            "points_outside": 1,
        },
        "junior": {
            "sections": 1,
            "students": 700,
            "migrant_students": 250,
            "classes": 24,
            "teachers": 45,
            "points_outside": 0,
        },
    }
    assert list(facts.by_level.index) == ["primary", "junior"]  # rule order, not alphabetical
    assert list(facts.by_level.columns) == [
        "sections",
        "students",
        "migrant_students",
        "classes",
        "teachers",
        "points_outside",
    ]
    assert (facts.by_level.dtypes == "int64").all()  # head counts, never 990.0
    assert facts.migrant_students == 550
    assert facts.schools_by_type == {"primary": 1, "junior": 1, "teaching_point": 2, "special": 1}
    assert list(facts.outside.columns) == [
        "section_id",
        "school_id",
        "school_name",
        "section_name",
        "school_type",
        "level",
        "students",
        "teachers",
    ]
    assert facts.outside.loc[0, "students"] == 30


def test_a_legal_school_is_one_school_code_whatever_its_sections():
    schools = pd.DataFrame(
        [
            section("P", school_id="N1", school_type="nine_year"),
            section("J", school_id="N1", school_type="nine_year", level="junior"),
            section("S3"),
        ]
    )
    facts = basic_facts(schools, in_scope(schools, exclude_small_points=True))
    assert (facts.legal_schools, facts.schools_by_type) == (2, {"nine_year": 1, "primary": 1})
    assert facts.sections == 3


@pytest.mark.parametrize(
    "students, exclude, evaluated",
    [
        (49, True, False),  # below 50: left out of the resource rules
        (50, True, True),  # 50 itself is evaluated (不足 50 人 only are left out)
        (49, False, True),  # the option off: every point evaluated
    ],
)
def test_small_teaching_points_below_50_students(students, exclude, evaluated):
    schools = pd.DataFrame(
        [
            section("S1"),
            section("T1", school_type="teaching_point", students=students),
            section("X1", school_type="special", students=10),
            section("P1", students=10),  # a small primary school is not a teaching point
        ]
    )
    kept = in_scope(schools, exclude_small_points=exclude)["section_id"].tolist()
    assert kept == ["S1", *(["T1"] if evaluated else []), "P1"]  # never the special school


@pytest.mark.parametrize("limit, evaluated", [(30, True), (40, True), (41, False)])
def test_a_small_point_limit_given_replaces_the_standard_one(limit, evaluated):
    """40 students: below the standard 50, but a limit of 30 or 40 keeps the point."""
    schools = pd.DataFrame(
        [section("S1"), section("T1", school_type="teaching_point", students=40)]
    )
    kept = in_scope(schools, exclude_small_points=True, small_point_limit=limit)
    assert kept["section_id"].tolist() == ["S1", *(["T1"] if evaluated else [])]
