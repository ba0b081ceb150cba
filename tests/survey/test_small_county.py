"""Small counties: an alternative definition that cannot be computed is a row saying why; the
configured one failing is an input error naming the cell; no valid answer is not no respondent.

Tiny frames on the small fixture config (3 groups × 3 towns, 4 items, min_n 3, teachers county
only); each case removes the respondents a small county lacks.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from loaders import InputErrors
from survey import assess_survey

from .conftest import responses

GROUPS = np.repeat(np.arange(3), 12)  # 12 students, 12 parents, 12 teachers
TOWNS = np.tile(np.arange(3), 12)  # 4 of each group in each town
SATISFIED, DISSATISFIED, DONT_KNOW = 0, 3, 4


def answers(rows: int, value: int = SATISFIED) -> list[list[int]]:
    return [[value] * 4] * rows


def without(keep: np.ndarray, values=None):
    """Return responses of the kept rows (all satisfied unless `values` is given)."""
    values = answers(len(GROUPS)) if values is None else values
    return responses(GROUPS[keep], np.asarray(values)[keep], TOWNS[keep])


NO_PARENT_IN_BING = ~((GROUPS == 1) & (TOWNS == 2))  # a town with no junior school


def test_an_alternative_that_cannot_be_weighted_is_a_row_with_its_reason(small_config):
    result = assess_survey(without(NO_PARENT_IN_BING), small_config)
    table = result.sensitivity.set_index(["method", "weighting"])
    assert table["computable"].tolist() == [True, True, False, True, True]
    poststrat = table.loc[("rate", "poststrat")]
    assert np.isnan(poststrat["estimate"]) and not poststrat["passes"]
    assert poststrat["reason_zh"] == "「家长 × 丙镇」有总体人数，却没有受访者，无法加权"
    assert poststrat["reason_en"] == (
        "“Parents × Bing Town” has a population but no respondents, so it cannot be weighted"
    )
    # raking only needs each group and each town to have respondents: it still computes
    assert table.loc[("rate", "rake"), "estimate"] == pytest.approx(1.0)
    assert table.loc[("rate", "none"), "configured"]
    assert result.overall.estimate == pytest.approx(1.0)


def test_the_configured_weighting_that_cannot_be_computed_names_the_cell(small_config):
    config = small_config.with_method("rate", "poststrat")
    with pytest.raises(InputErrors) as caught:
        assess_survey(without(NO_PARENT_IN_BING), config)
    [error] = caught.value.report.errors
    assert (error.file, error.value, error.code) == (
        "small_population.csv",
        "家长 × 丙镇",
        "empty-cell",
    )
    assert "380" not in error.message("en") and "population 310" in error.message("en")
    assert "总体 310 人" in error.message("zh")


def test_a_failing_alternative_never_hides_a_configured_rake(small_config):
    config = small_config.with_method("rate", "rake")
    result = assess_survey(without(NO_PARENT_IN_BING), config)
    table = result.sensitivity
    assert table[table["configured"]]["weighting"].tolist() == ["rake"]
    assert table.set_index("weighting").loc["poststrat", "computable"] == False  # noqa: E712


def test_a_group_of_three_respondents_is_scored_with_every_definition(small_config):
    keep = (GROUPS != 2) | (np.arange(len(GROUPS)) < 27)  # teachers: 3, one in each town
    # everyone is satisfied here: the uniform-answer rule would hide the groups' rows
    rules = dataclasses.replace(small_config.disclosure, min_n_uniform=3)
    result = assess_survey(without(keep), dataclasses.replace(small_config, disclosure=rules))
    assert result.by_group.set_index("group").loc["teacher", "n"] == 3
    assert result.sensitivity["computable"].all()
    assert (result.sensitivity["reason_en"] == "").all()


def test_a_group_whose_respondents_all_answered_dont_know_has_no_valid_answers(small_config):
    config = dataclasses.replace(small_config, quality_rules=())  # keep them: nothing removed
    values = np.asarray(answers(len(GROUPS)))
    values[GROUPS == 0] = DONT_KNOW
    result = assess_survey(responses(GROUPS, values, TOWNS), config)
    student = result.by_group.set_index("group").loc["student"]
    assert student["suppressed"] and student["suppression"] == "no_valid_answers"
    by_town = result.group_by_town.set_index(["group", "town"])
    # four students per town: at least min_n (3), so the cell says why it is blank
    assert by_town.loc[("student", "甲镇"), "suppression"] == "no_valid_answers"
    # a group nobody answered for still reads 无受访者
    alone = assess_survey(
        responses(GROUPS[GROUPS != 0], values[GROUPS != 0], TOWNS[GROUPS != 0]), config
    )
    assert alone.by_group.set_index("group").loc["student", "suppression"] == "empty"


def test_fewer_than_min_n_without_valid_answers_reads_as_too_few(small_config):
    config = dataclasses.replace(small_config, quality_rules=())
    keep = (GROUPS != 0) | (np.arange(len(GROUPS)) < 2)  # two students, both 不了解
    values = np.asarray(answers(len(GROUPS)))
    values[GROUPS == 0] = DONT_KNOW
    result = assess_survey(responses(GROUPS[keep], values[keep], TOWNS[keep]), config)
    assert result.by_group.set_index("group").loc["student", "suppression"] == "small_n"


def test_a_survey_without_any_valid_answer_computes_nothing_and_says_why(small_config):
    config = dataclasses.replace(small_config, quality_rules=())
    result = assess_survey(responses(GROUPS, answers(len(GROUPS), DONT_KNOW), TOWNS), config)
    assert np.isnan(result.overall.estimate) and not result.overall.passes
    table = result.sensitivity
    assert not table["computable"].any() and not table["passes"].any()
    assert set(table["reason_en"]) == {"No valid answers (all don't know or blank)"}
