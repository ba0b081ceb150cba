"""Weights: post-stratification and raking, and the loud failures that keep a bad one out."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from loaders import InputErrors, RakeControl
from survey import assess_survey, rake_weights

from .conftest import responses

EVERY_CELL = (np.arange(9) // 3, np.arange(9) % 3)


def errors(caught) -> list[tuple[str, str | None, str]]:
    return [(e.file, e.value, e.code) for e in caught.value.report.errors]


def test_poststrat_weights_are_population_over_sample(small_config):
    group, town = EVERY_CELL
    answers = [[0, 0, 0, 0]] * 8 + [[3, 3, 3, 3]]  # the last cell (教师 × 丙镇) is dissatisfied
    config = dataclasses.replace(small_config.with_method("rate", "poststrat"), sensitivity=())
    result = assess_survey(responses(group, answers, town), config)
    # one respondent per cell: each answer weighs its cell's population, 30 of 2,002 people
    assert result.overall.estimate == pytest.approx(1 - 30 / 1992)
    assert result.overall.n_eff == pytest.approx(1992**2 / sum(n * n for n in (
        400, 250, 300, 380, 260, 310, 40, 22, 30)))  # fmt: skip


def test_empty_cell_with_population_fails(small_config):
    group, town = EVERY_CELL
    keep = np.arange(9) != 4  # no parent in 乙街道
    config = dataclasses.replace(small_config.with_method("rate", "poststrat"), sensitivity=())
    with pytest.raises(InputErrors) as caught:
        assess_survey(responses(group[keep], [[0, 0, 0, 0]] * 8, town[keep]), config)
    assert errors(caught) == [("small_population.csv", "家长 × 乙街道", "empty-cell")]


def test_respondents_without_population_fail(small_config):
    group, town = EVERY_CELL
    population = dataclasses.replace(
        small_config.population,
        cells=tuple(c for c in small_config.population.cells if c[:2] != ("teacher", "丙镇")),
    )
    config = dataclasses.replace(
        small_config.with_method("rate", "poststrat"), population=population, sensitivity=()
    )
    with pytest.raises(InputErrors) as caught:
        assess_survey(responses(group, [[0, 0, 0, 0]] * 9, town), config)
    assert errors(caught) == [("small_population.csv", "教师 × 丙镇", "absent-from-population")]


def test_raking_with_an_empty_margin_level_fails(small_config):
    group, town = EVERY_CELL
    keep = group != 2  # no teacher at all
    config = dataclasses.replace(small_config.with_method("rate", "rake"), sensitivity=())
    with pytest.raises(InputErrors) as caught:
        assess_survey(responses(group[keep], [[0, 0, 0, 0]] * 6, town[keep]), config)
    assert errors(caught) == [("small_population.csv", "教师", "empty-cell")]


def test_raking_tolerates_empty_joint_cells(small_config):
    # raking needs only the margins: a missing 家长 × 乙街道 cell is fine
    group, town = EVERY_CELL
    keep = np.arange(9) != 4
    config = dataclasses.replace(small_config.with_method("rate", "rake"), sensitivity=())
    result = assess_survey(responses(group[keep], [[0, 0, 0, 0]] * 8, town[keep]), config)
    assert result.overall.estimate == 1.0


def test_inconsistent_margins_fail():
    with pytest.raises(InputErrors) as caught:
        rake_weights(np.ones((2, 2)), np.array([10.0, 10.0]), np.array([10.0, 11.0]), RakeControl())
    assert errors(caught) == [("population", "20 ≠ 21", "inconsistent-margins")]


def test_raking_that_cannot_converge_in_time_fails():
    sample = np.array([[5.0, 1.0], [1.0, 5.0]])
    with pytest.raises(InputErrors) as caught:
        rake_weights(sample, np.array([30.0, 10.0]), np.array([10.0, 30.0]), RakeControl(1e-12, 2))
    assert [code for *_, code in errors(caught)] == ["not-converged"]
    assert "2 iterations" in caught.value.render("en")
