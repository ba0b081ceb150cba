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
