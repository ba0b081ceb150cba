"""Computed versus declared: which declarations stand, and how verdicts combine their parts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import (
    COMPUTED_STATUSES,
    DECLARED_STATUSES,
    Computed,
    IndicatorResult,
    combine_computed,
    combine_declared,
    justification_problem,
    load_evaluation_rules,
)
from indicators._messages import AGREES
from indicators._verdicts import _stand_in


@pytest.mark.parametrize(
    "kind, computed, declared, reason, plan, document, problem",
    [
        ("computed", "met", "met", False, False, False, None),
        ("computed", "not_met", "not_met", False, False, False, None),
        # G5 of the report: computed not met, declared met after remediation, with its plan
        ("computed", "not_met", "met_after_remediation", False, True, False, None),
        ("computed", "not_met", "met_after_remediation", True, False, False, "unjustified"),
        # G4 of the report: met by overall judgement, with its reason
        ("computed", "not_met", "met_by_judgement", True, False, False, None),
        ("computed", "not_met", "met_by_judgement", False, True, False, "unjustified"),
        # the data contradict a plain 达标: nothing can justify it
        ("computed", "not_met", "met", True, True, True, "unjustified"),
        ("computed", "no_data", "met", False, False, False, "unjustified"),
        ("computed", "no_data", "met", True, False, False, None),
        ("computed", "met", "not_met", False, False, False, "unjustified"),
        ("qualitative", "qualitative", "met", False, False, True, None),
        ("qualitative", "qualitative", "met", True, False, False, "missing-document"),
    ],
)
def test_which_declarations_stand(kind, computed, declared, reason, plan, document, problem):
    assert justification_problem(kind, computed, declared, reason, plan, document) == problem


computed_parts = st.lists(st.sampled_from(COMPUTED_STATUSES[:4]), min_size=1, max_size=12)


@given(computed_parts)
def test_a_computed_verdict_is_met_only_if_all_its_parts_are(parts):
    verdict = combine_computed(parts)
    counted = [p for p in parts if p != "not_applicable"]
    assert (verdict == "met") == all(p == "met" for p in counted)
    assert (verdict == "not_met") == ("not_met" in counted)


@given(computed_parts, st.sampled_from(COMPUTED_STATUSES[:4]))
def test_adding_a_failing_part_fails_the_verdict(parts, extra):
    if extra == "not_met":
        assert combine_computed([*parts, extra]) == "not_met"
    if combine_computed(parts) == "not_met":
        assert combine_computed([*parts, extra]) == "not_met"


@given(st.lists(st.sampled_from(DECLARED_STATUSES), min_size=1, max_size=12))
def test_a_declared_verdict_is_its_weakest_part(parts):
    verdict = combine_declared(parts)
    assert verdict in parts
    if "not_met" in parts:
        assert verdict == "not_met"
    assert (verdict == "met") == all(p == "met" for p in parts)


@pytest.mark.parametrize(
    "kind, computed, declared, part",
    [
        # a qualitative item cannot be computed: its declaration stands in, 达标 or not
        ("qualitative", "qualitative", "met", "met"),
        ("qualitative", "qualitative", "met_after_remediation", "not_met"),
        ("qualitative", "qualitative", "met_by_judgement", "not_met"),
        ("qualitative", "qualitative", "not_met", "not_met"),
        ("qualitative", "qualitative", "undeclared", "no_data"),  # a draft's open item
        # a computed indicator contributes what the data show, whatever is declared
        ("computed", "not_met", "met_after_remediation", "not_met"),
        ("computed", "met", "not_met", "met"),
        ("computed", "no_data", "undeclared", "no_data"),
        ("computed", "not_applicable", "met", "not_applicable"),
    ],
)
def test_what_each_part_contributes_to_a_computed_verdict(kind, computed, declared, part):
    result = IndicatorResult("X", "guarantee", kind, Computed(status=computed), declared)
    assert _stand_in(result) == part
    assert result.differs == (kind == "computed" and AGREES.get(computed) != declared)


def test_each_indicator_belongs_to_its_area_and_a_veto_item_to_none():
    rules = load_evaluation_rules()
    assert [rules.area_of(i) for i in ("R", "B", "G1", "G15", "Q9", "S", "V7")] == [
        "resources",
        "resources",
        "guarantee",
        "guarantee",
        "quality",
        "recognition",
        None,
    ]
