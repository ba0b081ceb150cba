"""The 社会认可度 page's tables and sentences (publish/_recognition.py): a score reads in points,
the sensitivity sentences follow the table, and every hidden cell says why where it is seen."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest

from publish import compute_results
from publish._recognition import (
    breakdown_table,
    cross_table,
    sensitivity_summary,
    sensitivity_table,
)
from survey import survey_labels

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


@cache
def demo_results():
    return compute_results(DEMO)


def _with_sensitivity(passes: list[bool]):
    """Return the demo results with the sensitivity verdicts replaced."""
    results = demo_results()
    table = results.survey.sensitivity.copy()
    table["passes"] = passes
    return dataclasses.replace(
        results, survey=dataclasses.replace(results.survey, sensitivity=table)
    )


def _rows(table: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", table, flags=re.S)[1:]


@pytest.mark.parametrize("lang, unit", [("zh", "分"), ("en", "points")])
def test_a_score_reads_in_points_and_a_rate_as_a_share(lang, unit):
    survey = demo_results().survey
    rows = _rows(sensitivity_table(demo_results(), lang))
    for row, (_, method) in zip(rows, survey.sensitivity.iterrows(), strict=True):
        if method["method"] == "score":
            points = method["estimate"] * survey.config.full_score
            assert f"{points:.2f} {unit}" in row
            assert f"{points:.2f}%" not in row
        else:
            assert f"{method['estimate'] * 100:.2f}%" in row
            assert f" {unit}<" not in row


def test_the_sensitivity_sentence_names_the_methods_that_reach_another_verdict():
    survey = demo_results().survey
    differ = survey.sensitivity[~survey.sensitivity["passes"]]
    assert len(differ) == 1  # the demo: only the score method fails
    zh = sensitivity_summary(demo_results(), "zh")
    en = sensitivity_summary(demo_results(), "en")
    assert "取决于" in zh and "depends on how" in en
    assert "得分（不加权）的结论" in zh
    assert "Only Score (unweighted) reaches a different verdict" in en
    rates = survey.sensitivity[survey.sensitivity["method"] == "rate"]["estimate"]
    assert f"{rates.min() * 100:.2f}%" in en and f"{rates.max() * 100:.2f}%" in en
    assert f"All {len(rates)} methods that give a rate pass" in en


def test_the_sensitivity_sentence_says_so_when_no_method_changes_the_verdict():
    results = _with_sensitivity([True] * len(demo_results().survey.sensitivity))
    assert "不取决于" in sensitivity_summary(results, "zh")
    en = sensitivity_summary(results, "en")
    assert "does not depend" in en and "different verdict" not in en


def test_the_sensitivity_sentence_counts_the_methods_that_differ():
    results = _with_sensitivity([True, False, False, True, True])
    en = sensitivity_summary(results, "en")
    assert "2 methods, Rate (group weights), Rate (post-stratified), reach" in en
    assert "Of the 4 methods that give a rate, 2 pass" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_hidden_cell_shows_its_reason_letter_explained_under_the_table(lang):
    survey = demo_results().survey
    grid = cross_table(demo_results(), "group_by_town", lang)
    county_only = set(survey.config.disclosure.county_only)
    frame = survey.group_by_town[~survey.group_by_town["group"].isin(county_only)]
    hidden = frame[frame["suppressed"]]
    assert len(hidden) > 0  # the demo hides some cells, so the test has something to check
    reasons = survey_labels()["suppression"]
    marks = re.findall(r"—<sup><abbr [^>]*>(\w)</abbr></sup>", grid)
    assert sorted(marks) == sorted(reasons[r]["mark"] for r in hidden["suppression"])
    legend = grid[grid.index("ec-table-note") :]
    for reason in set(hidden["suppression"]):
        words = reasons[reason][lang].format(min_n=survey.config.disclosure.min_n)
        assert f"{reasons[reason]['mark']} {words}" in legend


def test_towns_carry_their_english_names_on_english_pages():
    survey = demo_results().survey
    en = breakdown_table(demo_results(), "by_town", "en")
    zh = breakdown_table(demo_results(), "by_town", "zh")
    for town, english in zip(survey.config.towns, survey.config.town_en, strict=True):
        assert english in en and town not in en
        assert town in zh


def test_a_pass_mark_that_is_not_whole_keeps_its_decimals_in_the_sentence_and_table():
    results = demo_results()
    config = dataclasses.replace(results.survey.config, threshold=0.855)
    changed = dataclasses.replace(
        results, survey=dataclasses.replace(results.survey, config=config)
    )
    assert "85.50 points" in sensitivity_summary(changed, "en")
    assert "pass mark 85.50 points" in sensitivity_table(changed, "en")
