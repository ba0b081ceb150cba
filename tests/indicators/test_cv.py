"""weighted_cv: worked examples with known answers, then properties that hold for any input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators import weighted_cv


@pytest.mark.parametrize(
    "values, students, expected",
    [
        ([5, 5], [10, 30], 0.0),
        # mean = (1·1 + 3·1)/2 = 2; sd = sqrt((1 + 1)/2) = 1 → CV 0.5
        ([1, 3], [1, 1], 0.5),
        # weights 1:3 → mean = (2 + 12)/4 = 3.5; var = (1·2.25 + 3·0.25)/4 = 0.75 → CV √0.75 / 3.5
        ([2, 4], [100, 300], math.sqrt(0.75) / 3.5),
        # denominator P, not n − 1: three equal weights, values 1, 2, 3 → sd sqrt(2/3), mean 2
        ([1, 2, 3], [50, 50, 50], math.sqrt(2 / 3) / 2),
    ],
)
def test_weighted_cv_worked_examples(values, students, expected):
    assert weighted_cv(pd.Series(values), pd.Series(students)) == pytest.approx(expected, rel=1e-12)


values_and_weights = st.integers(min_value=1, max_value=40).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0.01, 1e5, allow_nan=False), min_size=n, max_size=n),
        st.lists(st.integers(1, 5000), min_size=n, max_size=n),
    )
)


@given(values_and_weights, st.floats(0.001, 1000))
def test_cv_unchanged_when_values_scaled(data, factor):
    values, students = map(pd.Series, data)
    assert weighted_cv(values * factor, students) == pytest.approx(
        weighted_cv(values, students), rel=1e-9, abs=1e-12
    )


@given(values_and_weights, st.randoms())
def test_cv_unchanged_when_rows_shuffled(data, random):
    values, students = data
    order = list(range(len(values)))
    random.shuffle(order)
    shuffled = weighted_cv(
        pd.Series([values[i] for i in order]), pd.Series([students[i] for i in order])
    )
    assert shuffled == pytest.approx(
        weighted_cv(pd.Series(values), pd.Series(students)), rel=1e-9, abs=1e-12
    )


@given(values_and_weights)
def test_cv_unchanged_when_every_section_duplicated(data):
    values, students = map(pd.Series, data)
    doubled = weighted_cv(pd.concat([values, values]), pd.concat([students, students]))
    assert doubled == pytest.approx(weighted_cv(values, students), rel=1e-9, abs=1e-12)


@given(st.floats(0.01, 1e5), st.lists(st.integers(1, 5000), min_size=1, max_size=30))
@settings(max_examples=50)
def test_cv_is_zero_when_all_values_equal(value, students):
    assert weighted_cv(pd.Series([value] * len(students)), pd.Series(students)) == pytest.approx(
        0, abs=1e-9
    )


@given(st.floats(0.01, 1e5), st.floats(0.01, 1e5), st.integers(1, 5000))
def test_two_sections_of_equal_size_have_cv_spread_over_sum(a, b, students):
    """Replaces "the CV is never negative" (true of any square root): with two sections of
    equal size X̄ = (a + b)/2 and S = |a − b|/2, so CV = |a − b| / (a + b) — which the sample
    form (n − 1) or an unweighted mean of another size would miss."""
    cv = weighted_cv(pd.Series([a, b]), pd.Series([students, students]))
    assert cv == pytest.approx(abs(a - b) / (a + b), rel=1e-9, abs=1e-12)


def test_cv_rejects_empty_input():
    with pytest.raises(ValueError):
        weighted_cv(pd.Series([], dtype=float), pd.Series([], dtype=float))


def test_cv_matches_numpy_weighted_formula():
    rng = np.random.default_rng(1)
    x, p = rng.uniform(1, 10, 50), rng.integers(10, 3000, 50)
    mean = np.average(x, weights=p)
    expected = math.sqrt(np.average((x - mean) ** 2, weights=p)) / mean
    assert weighted_cv(pd.Series(x), pd.Series(p)) == pytest.approx(expected, rel=1e-12)
