"""Worked examples of the pooled ratio, its Taylor SE, Kish n_eff and the 不了解 share.

Four respondents, two answered items; options 0 满意 1 比较满意 2 基本满意 3 不满意 4 不了解,
−1 blank. Students (group 0) answer [满意, 不满意] and [比较满意, 不了解]; parents (group 1) answer
[不满意, 不满意] and [满意, 满意]. Satisfied a = 1, 1, 0, 2 and valid b = 2, 1, 2, 2, so
R = 4/7. With B = 7, z = (a − R b)/B = −1/49, 3/49, −8/49, 6/49; the students' stratum gives
2 · (2² + 2²)/49² = 16/2401, the parents' 2 · (7² + 7²)/49² = 196/2401; SE = √212 / 49.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from loaders import DisclosureRules
from survey import assess_survey

from .conftest import responses

GROUP = [0, 0, 1, 1]
TOWN = [0, 1, 0, 1]
ANSWERS = [[0, 3, -1, -1], [1, 4, -1, -1], [3, 3, -1, -1], [0, 0, -1, -1]]  # items 3, 4 blank


@pytest.fixture
def config(small_config):
    return dataclasses.replace(
        small_config,
        disclosure=DisclosureRules(min_n=1, min_n_eff=1, county_only=(), min_n_uniform=1),
        sensitivity=(),
        variance=dataclasses.replace(small_config.variance, interval="normal"),
    )


@pytest.mark.parametrize(
    "method, weighting, estimate, se",
    [
        ("rate", "none", 4 / 7, math.sqrt(212) / 49),
        # points 100 + 0, 80, 0 + 0, 100 + 100 over 7 valid answers, as a fraction of 100
        ("score", "none", 380 / 7 / 100, None),
        # students 2/3, parents 2/4; weights 0.3 and 0.5 renormalised over the groups present
        ("rate", "group_weights", 0.375 * 2 / 3 + 0.625 * 0.5, None),
    ],
)
def test_overall(config, method, weighting, estimate, se):
    result = assess_survey(responses(GROUP, ANSWERS, TOWN), config.with_method(method, weighting))
    assert result.overall.estimate == pytest.approx(estimate, abs=1e-15)
    if se is not None:
        assert result.overall.se == pytest.approx(se, abs=1e-15)
    low = result.overall.estimate - 1.959963984540054 * result.overall.se
    assert result.overall.ci_low == pytest.approx(max(low, 0.0))  # clipped to a fraction


def test_counts_and_dont_know_share(config):
    result = assess_survey(responses(GROUP, ANSWERS, TOWN), config)
    assert (result.overall.n, result.overall.n_eff) == (4, 4.0)
    assert result.overall.dont_know_share == 1 / 8  # one 不了解 among eight answered items
    assert result.overall.passes is False and result.overall.margin == pytest.approx(4 / 7 - 0.85)


def test_group_weighted_se_adds_the_groups_variances(config):
    """V = Σ W_g² V_g, with each group's V from its own (by-group) row."""
    result = assess_survey(
        responses(GROUP, ANSWERS, TOWN), config.with_method("rate", "group_weights")
    )
    groups = result.by_group.set_index("group").se
    expected = math.sqrt(0.375**2 * groups["student"] ** 2 + 0.625**2 * groups["parent"] ** 2)
    assert result.overall.se == pytest.approx(expected, abs=1e-15)
    # n_eff with implied respondent weights W_g / n_g: 1 / (0.375²/2 + 0.625²/2)
    assert result.overall.n_eff == pytest.approx(1 / (0.375**2 / 2 + 0.625**2 / 2))


def test_item_and_group_rows(config):
    result = assess_survey(responses(GROUP, ANSWERS, TOWN), config)
    items = result.by_item.set_index("item")
    assert items.loc["facilities", "estimate"] == pytest.approx(
        3 / 4
    )  # 满意, 比较满意, 不满意, 满意
    assert items.loc["teaching", "estimate"] == pytest.approx(1 / 3)  # 不满意, 不了解, 不满意, 满意
    assert items.loc["teaching", "n"] == 3
    groups = result.by_group.set_index("group")
    assert groups.loc["student", "estimate"] == pytest.approx(2 / 3)
    assert groups.loc["parent", "estimate"] == pytest.approx(2 / 4)
    assert math.isnan(groups.loc["teacher", "estimate"])
    assert groups.loc["teacher", "suppression"] == "empty"


@pytest.mark.parametrize(
    "satisfied_answers, passes",
    [
        (68, True),  # 68 of 80 valid answers: exactly 85 %, which 达到 85 % accepts
        (67, False),  # 83.75 %: below 85 % (a pass mark of 80 % would accept it)
        (69, True),
    ],
)
def test_the_pass_mark_is_85_percent_at_the_line(config, satisfied_answers, passes):
    """20 respondents × 4 items answered: the pooled rate is satisfied / 80, and the county
    passes from exactly 85 % on."""
    answers = [[0] * 4] * (satisfied_answers // 4) + [[3] * 4] * (20 - satisfied_answers // 4)
    if satisfied_answers % 4:
        answers[satisfied_answers // 4] = [0] * (satisfied_answers % 4) + [3] * (
            4 - satisfied_answers % 4
        )
    result = assess_survey(responses([0] * 20, answers, [0] * 20), config)
    assert result.overall.estimate == satisfied_answers / 80
    assert (result.overall.threshold, result.overall.passes) == (0.85, passes)
