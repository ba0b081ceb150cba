"""The exclusion flow: received → duplicates → too fast → no valid answer → analysed."""

from __future__ import annotations

import dataclasses

import numpy as np

from survey import apply_quality_rules, assess_survey, option_totals

from .conftest import responses

# row: 0 ok; 1 repeats 0 (same second, same answers); 2 same answers as 0 but another second;
# 3 too fast; 4 all 不了解; 5 blank; 6 too fast *and* all 不了解 (counted once, as too fast);
# 7 repeats 3 (a duplicate of a too-fast row: removed as a duplicate, the earlier rule)
GROUP = [0, 0, 0, 1, 1, 2, 2, 1]
TOWN = [0, 0, 0, 1, 1, 2, 2, 1]
ANSWERS = [
    [0, 0, 3, 1],
    [0, 0, 3, 1],
    [0, 0, 3, 1],
    [0, 0, 0, 0],
    [4, 4, 4, 4],
    [-1, -1, -1, -1],
    [4, 4, 4, 4],
    [0, 0, 0, 0],
]
DURATION = [300, 300, 300, 20, 300, 300, 20, 20]
SUBMITTED = [1, 1, 2, 3, 4, 5, 6, 3]


def test_each_rule_counts_its_own_rows(small_config):
    data = responses(GROUP, ANSWERS, TOWN, DURATION, SUBMITTED)
    totals = option_totals(data.answers, len(small_config.options))
    keep, removed, _ = apply_quality_rules(data, small_config, totals)
    assert keep.tolist() == [True, False, True, False, False, False, False, False]
    assert removed == [2, 2, 2]  # duplicates 1, 7; too fast 3, 6; no valid answer 4, 5


def test_flow_table(small_config):
    config = dataclasses.replace(small_config, sensitivity=())
    result = assess_survey(responses(GROUP, ANSWERS, TOWN, DURATION, SUBMITTED), config)
    flow = result.exclusions
    assert flow.step.tolist() == [
        "received",
        "duplicate_submissions",
        "min_duration",
        "no_valid_answers",
        "analysed",
    ]
    assert flow.removed.tolist() == [0, 2, 2, 2, 0]
    assert flow.remaining.tolist() == [8, 6, 4, 2, 2]
    assert (result.received, result.analysed) == (8, 2)
    assert flow.step_zh.iloc[2] == "答题用时过短" and flow.step_en.iloc[0]


def test_rules_follow_the_configured_order(small_config):
    import dataclasses

    reordered = dataclasses.replace(
        small_config, quality_rules=tuple(reversed(small_config.quality_rules))
    )
    data = responses(GROUP, ANSWERS, TOWN, DURATION, SUBMITTED)
    totals = option_totals(data.answers, len(small_config.options))
    keep, removed, _ = apply_quality_rules(data, reordered, totals)
    # no valid answer first: 4, 5, 6; then too fast: 3, 7; duplicates: 1
    assert removed == [3, 2, 1]
    assert keep.sum() == 2


def test_missing_duration_is_kept(small_config):
    data = responses([0, 0], [[0, 0, 0, 0], [3, 3, 3, 3]], [0, 0], [np.nan, 10])
    totals = option_totals(data.answers, len(small_config.options))
    keep, removed, _ = apply_quality_rules(data, small_config, totals)
    assert keep.tolist() == [True, False] and removed == [0, 1, 0]
