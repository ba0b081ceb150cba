"""What `evaluate` hands the site beyond the statuses: R's and B's figures, V7 as S, the English
texts of a declaration, stated and derived verdicts, the plans, and drafts (a tiny county)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from indicators import assess_resources, evaluate
from loaders import InputErrors

from .test_declaration_errors import (
    RESOURCE_RULES,
    RULES,
    TWO_SECTIONS,
    classes,
    declarations,
    full_section,
    plans,
)
from .test_evaluate import MEASURES
from .test_guarantee import inputs


def run(
    sections=TWO_SECTIONS,
    declared=None,
    remediation=None,
    satisfaction=0.9,
    draft=False,
    rules=RULES,
    class_rows=(("S1", 1, "1", 45),),
):
    data = inputs(sections, classes=classes(list(class_rows)), measures=MEASURES)
    return evaluate(
        data,
        assess_resources(data.sections, RESOURCE_RULES),
        RESOURCE_RULES,
        rules,
        declarations() if declared is None else declared,
        plans() if remediation is None else remediation,
        satisfaction=satisfaction,
        files={},
        draft=draft,
    )


def described(figures) -> list[tuple]:
    return [(f.key, f.value, f.unit, f.op) for f in figures]


def with_rows(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    """Return the declarations with rows added below, numbered on as Excel rows."""
    extra = pd.DataFrame(rows, index=range(frame.index[-1] + 1, frame.index[-1] + 1 + len(rows)))
    return pd.concat([frame, extra])


# R and B: the figures of the resource cards ---------------------------------------------------


def test_r_counts_the_sections_of_each_class_against_6_of_7_and_85_percent():
    sections = [
        full_section("S1"),
        full_section("S2"),
        full_section("S3", sports_area_m2=7000),  # R5 7.0 < 7.5 but ≥ 85 %: six of seven
        full_section("S4", sports_area_m2=6000),  # R5 6.0 < 6.375: below 85 %
        full_section("S5", sports_area_m2=7000, teaching_area_m2=4000),  # R4 and R5 missed
    ]
    r = run(sections, draft=True).indicators["R"].computed
    assert r.status == "not_met"
    assert described(r.values) == [
        ("sections", 5, "count", None),
        ("sections_all7", 2, "count", None),
        ("sections_six_plus", 1, "count", None),
        ("sections_fail_below85", 1, "count", None),
        ("sections_fail_two_or_more", 1, "count", None),
    ]
    assert described(r.thresholds) == [
        ("min_met", 6, "count", ">="),
        ("floor_share", 0.85, "share", ">="),
    ]
    assert r.failing.to_dict("records") == [
        {
            "section_id": "S4",
            "level": "primary",
            "klass": "fail_below85",
            "met": 6,
            "above_floor": 6,
        },
        {
            "section_id": "S5",
            "level": "primary",
            "klass": "fail_two_or_more",
            "met": 5,
            "above_floor": 7,
        },
    ]


def test_b_shows_each_levels_largest_cv_against_its_limit_and_names_the_failing_one():
    # junior R6 9,000 and 2,000 yuan per student, equal weights: CV = 7,000 / 11,000 > 0.45
    sections = [
        full_section("S1"),
        full_section("S2"),
        full_section("J1", level="junior", equipment_value_yuan=9_000_000),
        full_section("J2", level="junior", equipment_value_yuan=2_000_000),
    ]
    b = run(sections, draft=True).indicators["B"].computed
    assert (b.status, b.note) == ("not_met", None)  # both levels judged: nothing left out
    assert described(b.values) == [
        ("cv_max_primary", pytest.approx(0.0, abs=1e-12), "ratio", None),
        ("cv_max_junior", pytest.approx(7 / 11), "ratio", None),
    ]
    assert described(b.thresholds) == [
        ("cv_limit_primary", 0.5, "ratio", "<="),
        ("cv_limit_junior", 0.45, "ratio", "<="),
    ]
    assert b.failing.to_dict("records") == [
        {
            "level": "junior",
            "indicator": "R6",
            "cv": pytest.approx(7 / 11),
            "limit": 0.45,
            "passes": False,
        }
    ]


# V7 is S: the survey's satisfaction, its figure, threshold and note --------------------------


@pytest.mark.parametrize(
    "satisfaction, status, note",
    [(0.9, "met", None), (None, "no_data", "survey_not_collected")],
)
def test_v7_carries_the_figures_and_the_note_of_s(satisfaction, status, note):
    result = run(satisfaction=satisfaction)
    v7, s = result.veto["V7"].computed, result.indicators["S"].computed
    assert (v7.status, v7.note) == (status, note)
    assert described(v7.values) == [("satisfaction", satisfaction, "share", None)]
    assert described(v7.thresholds) == [("satisfaction", 0.85, "share", ">=")]
    assert (v7.values, v7.thresholds, v7.note) == (s.values, s.thresholds, s.note)


# what a declaration says, in both languages -------------------------------------------------


def test_the_english_reason_and_document_are_carried_and_an_empty_cell_is_none():
    declared = declarations()
    g1 = declared["indicator"] == "G1"
    declared["reason_en"] = [("why" if x else None) for x in g1]
    # an empty spreadsheet cell reads as NaN
    declared["document_en"] = [("the notice" if x else float("nan")) for x in g1]
    result = run(declared=declared)
    g1, g2 = result.indicators["G1"], result.indicators["G2"]
    assert (g1.reason, g1.reason_en, g1.document, g1.document_en) == (
        "理由",
        "why",
        "文件",
        "the notice",
    )
    assert (g2.reason_en, g2.document_en) == (None, None)


def test_an_unjustified_declaration_is_named_with_its_row():
    declared = declarations()
    row = int(declared.index[declared["indicator"] == "G5"][0])
    with pytest.raises(InputErrors) as caught:
        run(declared=declared, class_rows=(("S1", 1, "1", 46),))
    g5 = [e for e in caught.value.report.errors if str(e.value).startswith("G5")]
    assert [(e.file, e.row, e.column, e.code) for e in g5] == [
        ("declarations.csv", row, "自评结论", "unjustified")
    ]


def test_a_draft_reads_an_indicator_not_yet_declared_as_undeclared():
    declared = declarations()
    declared = declared[declared["indicator"] != "G2"]
    assert run(declared=declared, draft=True).indicators["G2"].declared == "undeclared"
    with pytest.raises(InputErrors):
        run(declared=declared)


# verdicts: stated by the declarations, or derived from their parts ---------------------------


def test_verdicts_the_declarations_state_are_taken_as_stated():
    declared = with_rows(
        declarations(),
        [
            {"indicator": "resources", "status": "met_by_judgement"},
            {"indicator": "veto", "status": "not_met"},
            {"indicator": "overall", "status": "met_after_remediation"},
        ],
    )
    result = run(declared=declared)
    resources, guarantee = result.areas["resources"], result.areas["guarantee"]
    assert (resources.id, resources.declared, resources.declared_stated) == (
        "resources",
        "met_by_judgement",
        True,
    )
    assert (guarantee.id, guarantee.declared, guarantee.declared_stated) == (
        "guarantee",
        "met",
        False,
    )
    assert (result.veto_declared, result.veto_declared_stated) == ("not_met", True)
    assert (result.overall_declared, result.overall_declared_stated) == (
        "met_after_remediation",
        True,
    )


def test_verdicts_not_stated_are_the_weakest_of_their_parts():
    # G5 declared 综合评定达标 with its reason, everything else 达标
    result = run(declared=declarations(G5="met_by_judgement"))
    assert (result.areas["guarantee"].declared, result.areas["guarantee"].declared_stated) == (
        "met_by_judgement",
        False,
    )
    assert (result.veto_declared, result.veto_declared_stated) == ("met", False)
    assert (result.overall_declared, result.overall_declared_stated) == ("met_by_judgement", False)


def test_the_evaluation_keeps_every_plan_in_the_order_of_the_file():
    result = run(remediation=plans(("G5", "S1"), ("G3", None)))
    assert [(p.indicator, p.section_id) for p in result.plans] == [("G5", "S1"), ("G3", None)]
    assert [p.indicator for p in result.indicators["G5"].plans] == ["G5"]


def test_an_indicator_outside_every_area_has_no_area():
    areas = {
        a.id: replace(a, parts=tuple(p for p in a.parts if p != "G1")) for a in RULES.areas.values()
    }
    result = run(rules=replace(RULES, areas=areas))
    assert result.indicators["G1"].area == ""
    assert result.indicators["G2"].area == "guarantee"
