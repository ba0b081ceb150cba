"""Properties that hold for any survey: bounds, invariances, composites, raking, chunking."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from loaders import DisclosureRules, RakeControl
from survey import assess_survey, assess_survey_chunks, rake_weights

from .conftest import responses

TABLES = ("by_group", "by_item", "by_town", "group_by_item", "group_by_town")
FIELDS = ("estimate", "se", "ci_low", "ci_high", "n", "n_eff", "dont_know_share")


@st.composite
def surveys(draw, min_rows=2, max_rows=60, every_cell=False):
    """Draw coded answers for the small config: 3 groups, 3 towns, 4 items, options −1…4."""
    rows = draw(st.integers(min_rows, max_rows))
    group = draw(arrays(np.int8, rows, elements=st.integers(0, 2)))
    town = draw(arrays(np.int16, rows, elements=st.integers(0, 2)))
    answers = draw(arrays(np.int8, (rows, 4), elements=st.integers(-1, 4)))
    if every_cell:  # one satisfied and one dissatisfied respondent in every group × town cell
        cells = np.arange(9).repeat(2)
        group = np.concatenate([cells // 3, group]).astype(np.int8)
        town = np.concatenate([cells % 3, town]).astype(np.int16)
        answers = np.concatenate([np.tile([[0], [3]], (9, 4)), answers]).astype(np.int8)
    answers[0, 0] = 0  # at least one valid answer
    return group, town, answers


def unweighted(config, method="rate", weighting="none"):
    """Return the config scored by (method, weighting) with no calibrated alternatives: data
    drawn at random may leave a population cell empty, which post-stratification rejects."""
    return dataclasses.replace(config.with_method(method, weighting), sensitivity=())


def frames_close(left, right, tolerance=1e-12):
    for name in TABLES:
        a, b = getattr(left, name), getattr(right, name)
        assert a[["suppressed", "suppression"]].equals(b[["suppressed", "suppression"]]), name
        for column in FIELDS:
            x, y = a[column].astype(float).to_numpy(), b[column].astype(float).to_numpy()
            np.testing.assert_allclose(x, y, rtol=tolerance, atol=tolerance, err_msg=name)


def overall_close(left, right, tolerance=1e-12):
    for name in FIELDS:
        assert getattr(left.overall, name) == pytest.approx(
            getattr(right.overall, name), rel=tolerance, abs=tolerance
        ), name


@settings(max_examples=40, deadline=None)
@given(surveys(), st.sampled_from(["rate", "score"]), st.sampled_from(["none", "group_weights"]))
def test_results_are_fractions_with_ordered_intervals(small_config, data, method, weighting):
    group, town, answers = data
    result = assess_survey(
        responses(group, answers, town), unweighted(small_config, method, weighting)
    )
    for table in (result.sensitivity, *(getattr(result, n) for n in TABLES)):
        shown = table.dropna(subset=["estimate"])
        assert ((shown.estimate >= 0) & (shown.estimate <= 1)).all()
        assert (shown.se >= 0).all()
        assert (shown.ci_low <= shown.estimate + 1e-15).all()
        assert (shown.estimate <= shown.ci_high + 1e-15).all()
    overall = result.overall
    assert 0 <= overall.estimate <= 1 and overall.se >= 0
    assert 0 <= overall.dont_know_share <= 1
    assert overall.n_eff <= overall.n + 1e-9


@pytest.mark.slow  # a property over many generated cases: full suite only
@settings(max_examples=30, deadline=None)
@given(surveys(every_cell=True), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(small_config, data, random):
    group, town, answers = data
    order = np.arange(len(group))
    random.shuffle(order)
    for weighting in ("none", "poststrat", "rake"):
        config = small_config.with_method("rate", weighting)
        before = assess_survey(responses(group, answers, town), config)
        after = assess_survey(responses(group[order], answers[order], town[order]), config)
        overall_close(before, after)
        frames_close(before, after)


@pytest.mark.slow  # a property over many generated cases: full suite only
@settings(max_examples=30, deadline=None)
@given(surveys(every_cell=True), st.floats(0.01, 1000))
def test_scaling_population_totals_changes_no_estimate(small_config, data, factor):
    group, town, answers = data
    population = small_config.population
    scaled = dataclasses.replace(
        small_config,
        population=dataclasses.replace(
            population, cells=tuple((g, t, n * factor) for g, t, n in population.cells)
        ),
    )
    for weighting in ("poststrat", "rake"):
        before = assess_survey(
            responses(group, answers, town), small_config.with_method("rate", weighting)
        )
        after = assess_survey(
            responses(group, answers, town), scaled.with_method("rate", weighting)
        )
        overall_close(before, after, 1e-9)
        frames_close(before, after, 1e-9)


@pytest.mark.slow  # a property over many generated cases: full suite only
@settings(max_examples=40, deadline=None)
@given(surveys(), st.data())
def test_dont_know_answers_change_nothing_but_their_share(small_config, data, more):
    group, town, answers = data
    skipped = np.argwhere(answers == -1)
    chosen = (
        more.draw(st.lists(st.sampled_from(list(range(len(skipped)))), unique=True))
        if len(skipped)
        else []
    )
    changed = answers.copy()
    for index in chosen:
        changed[tuple(skipped[index])] = 4  # a blank becomes 不了解
    for method in ("rate", "score"):
        config = unweighted(small_config, method)
        before = assess_survey(responses(group, answers, town), config)
        after = assess_survey(responses(group, changed, town), config)
        for name in ("estimate", "se", "n", "n_eff"):
            assert getattr(after.overall, name) == pytest.approx(getattr(before.overall, name))
        assert after.overall.dont_know_share >= before.overall.dont_know_share


@pytest.mark.slow  # a property over many generated cases: full suite only
@settings(max_examples=30, deadline=None)
@given(surveys(), st.integers(1, 20))
def test_all_dont_know_questionnaires_are_excluded_and_change_nothing(small_config, data, extra):
    group, town, answers = data
    more_group = np.concatenate([group, np.zeros(extra, np.int8)])
    more_town = np.concatenate([town, np.zeros(extra, np.int16)])
    more_answers = np.concatenate([answers, np.full((extra, 4), 4, np.int8)])
    config = unweighted(small_config)
    before = assess_survey(responses(group, answers, town), config)
    after = assess_survey(responses(more_group, more_answers, more_town), config)
    overall_close(before, after)
    frames_close(before, after)
    assert after.exclusions.removed.iloc[3] == before.exclusions.removed.iloc[3] + extra


@settings(max_examples=40, deadline=None)
@given(surveys())
def test_group_weighted_result_lies_between_the_groups(small_config, data):
    group, town, answers = data
    config = dataclasses.replace(
        unweighted(small_config, "rate", "group_weights"),
        # every group shown (no minimum, no county-only group, no uniform-answer rule)
        disclosure=DisclosureRules(min_n=1, min_n_eff=1, county_only=(), min_n_uniform=1),
    )
    result = assess_survey(responses(group, answers, town), config)
    groups = result.by_group.estimate.dropna()
    assert groups.min() - 1e-12 <= result.overall.estimate <= groups.max() + 1e-12


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, (3, 4), elements=st.integers(1, 50).map(float)),
    arrays(np.float64, (3, 4), elements=st.integers(0, 500).map(float)),
)
def test_raking_reproduces_both_margins(sample, population):
    population[:, 0] += 1  # every row and column margin positive
    population[0, :] += 1
    rows, columns = population.sum(axis=1), population.sum(axis=0)
    factors = rake_weights(sample, rows, columns, RakeControl(1e-12, 1000))
    weighted = sample * factors
    np.testing.assert_allclose(weighted.sum(axis=1), rows, rtol=1e-10)
    np.testing.assert_allclose(weighted.sum(axis=0), columns, rtol=1e-10)


@pytest.mark.slow  # a property over many generated cases: full suite only
@settings(max_examples=30, deadline=None)
@given(surveys(every_cell=True), st.lists(st.integers(1, 80), min_size=1, max_size=4))
def test_chunks_give_the_in_memory_result(small_config, data, cuts):
    group, town, answers = data
    duration = np.full(len(group), 300.0)
    duration[::7] = 30.0  # some too fast
    submitted = np.arange(len(group), dtype=np.uint64)
    submitted[5::6] = submitted[4::6][: len(submitted[5::6])]
    answers = answers.copy()
    answers[5::6] = answers[4::6][: len(answers[5::6])]  # duplicates, some across chunk borders
    group = group.copy()
    group[5::6] = group[4::6][: len(group[5::6])]
    town = town.copy()
    town[5::6] = town[4::6][: len(town[5::6])]

    def part(start, stop):
        return responses(
            group[start:stop],
            answers[start:stop],
            town[start:stop],
            duration[start:stop],
            submitted[start:stop],
        )

    bounds = sorted({0, len(group), *(c for c in cuts if c < len(group))})
    for weighting in ("none", "group_weights", "poststrat", "rake"):
        config = small_config.with_method("rate", weighting)
        whole = assess_survey(part(0, len(group)), config)
        chunked = assess_survey_chunks((part(a, b) for a, b in itertools.pairwise(bounds)), config)
        overall_close(whole, chunked)
        frames_close(whole, chunked)
        assert whole.exclusions.equals(chunked.exclusions)
