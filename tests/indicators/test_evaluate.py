"""The whole evaluation of a tiny county: both statuses of every indicator, areas, overall."""

from __future__ import annotations

import pytest

from indicators import assess_resources, evaluate

from .test_declaration_errors import (
    RESOURCE_RULES,
    RULES,
    TWO_SECTIONS,
    classes,
    declarations,
    plans,
)
from .test_guarantee import inputs

MEASURES = {
    "special_school_funds_yuan_per_student": 7100,
    "teacher_pay_yuan": 160_000,
    "civil_servant_pay_yuan": 150_000,
    "teachers_trained_360h": 120,
    "certified_teachers": 120,
    "rotation_eligible_teachers": 100,
    "rotated_teachers": 10,
    "rotated_backbone_teachers": 2,
    "primary_entrants": 100,
    "primary_zoned_entrants": 100,
    "junior_entrants": 100,
    "junior_zoned_entrants": 95,
    "quality_senior_places": 100,
    "allocated_senior_places": 50,
    "migrant_children_eligible": 100,
    "migrant_children_public": 85,
}


def run(satisfaction, class_rows=(("S1", 1, "1", 45),), draft=False, **statuses):
    data = inputs(TWO_SECTIONS, classes=classes(list(class_rows)), measures=MEASURES)
    return evaluate(
        data,
        assess_resources(data.sections, RESOURCE_RULES),
        RESOURCE_RULES,
        RULES,
        declarations(**statuses),
        plans(),
        satisfaction=satisfaction,
        files={},
        draft=draft,
    )


def test_every_indicator_and_veto_item_in_rule_order_with_both_statuses():
    result = run(0.85)
    assert list(result.indicators) == list(RULES.indicators)
    assert list(result.veto) == list(RULES.veto)
    computed = {i: r.computed.status for i, r in result.indicators.items()}
    assert computed["R"] == "met" and computed["B"] == "met"  # two primary sections
    assert computed["G1"] == "qualitative" and computed["Q1"] == "no_data"  # no cohort figures
    assert computed["S"] == "met"  # 85 % exactly
    assert result.veto["V7"].computed.status == "met"  # V7 mirrors S
    assert result.veto["V7"].kind == "computed" and result.veto["V1"].kind == "qualitative"
    assert {r.area for r in result.indicators.values()} == set(RULES.areas)
    assert all(r.area == "veto" for r in result.veto.values())
    assert all(r.declared == "met" for r in result.indicators.values())
    assert result.indicators["G1"].document == "文件" and result.indicators["G1"].reason == "理由"


@pytest.mark.parametrize(
    "satisfaction, recognition, overall",
    # the quality figures are missing, so the overall verdict is at best no data
    [(0.85, "met", "no_data"), (0.8499, "not_met", "not_met"), (None, "no_data", "no_data")],
)
def test_recognition_decides_its_area_the_veto_and_the_overall_verdict(
    satisfaction, recognition, overall
):
    result = run(satisfaction, draft=True)
    assert result.areas["recognition"].computed == recognition
    assert result.veto_computed == recognition
    assert result.areas["guarantee"].computed == "met"
    assert result.areas["quality"].computed == "no_data"
    assert result.overall_computed == overall
    assert result.areas["recognition"].parts == ("S",)
    assert not result.areas["recognition"].declared_stated
    assert result.overall_declared == "met" and not result.overall_declared_stated


def test_an_oversized_class_fails_g5_guarantee_and_overall():
    result = run(0.9, class_rows=(("S1", 1, "1", 46),), draft=True)
    assert result.indicators["G5"].computed.status == "not_met"
    assert result.indicators["G5"].differs
    # the quality figures are missing (no data): declared 达标 with a reason, also differences
    assert [r.id for r in result.differences] == ["G5", "Q1", "Q2", "Q3", "Q4", "Q9"]
    assert result.areas["guarantee"].computed == "not_met"
    assert result.overall_computed == "not_met"
    assert result.draft_notes  # a full build would stop on the unjustified 达标
