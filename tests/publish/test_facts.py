"""Named figures (publish/_facts.py): the overview's section counts account for every section."""

from __future__ import annotations

from pathlib import Path

from publish import compute_results
from publish._facts import FACTS

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def test_section_classes_add_up_to_the_evaluated_sections():
    results = compute_results(DEMO)

    def read(name: str) -> float | str:
        return FACTS[name].read(results)

    failing = read("sections_fail_below85") + read("sections_fail_two_or_more")
    assert read("sections_failing") == failing
    passing = read("sections_all7") + read("sections_six_plus")
    assert passing + read("sections_failing") == read("sections")


def test_the_student_total_includes_teaching_points_outside_the_rules():
    """The demo has none (its total stays the report's 144,965); a county with one counts its
    students in the headline total and the point in its own fact."""
    import dataclasses

    import pandas as pd

    results = compute_results(DEMO)
    assert FACTS["students"].read(results) == 144_965
    assert FACTS["teaching_points_outside"].read(results) == 0
    assert FACTS["teaching_points_outside_students"].read(results) == 0

    from indicators import basic_facts, in_scope
    from tests.indicators.test_basic import county

    schools = county()
    basic = basic_facts(schools, in_scope(schools, True, 50))
    small = dataclasses.replace(results, basic=basic)
    assert FACTS["students"].read(small) == 1690
    assert FACTS["teaching_points_outside"].read(small) == 1
    assert FACTS["teaching_points_outside_students"].read(small) == 30
    assert isinstance(basic.outside, pd.DataFrame)
