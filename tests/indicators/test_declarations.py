"""Reading the declarations against the rules: unknown ids, undeclared indicators, drafts.

Each error is asserted whole, with `==` on (file, row, column, value, code, expected), so a
spurious or missing error fails too.
"""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import Computed, IndicatorResult, Plan, load_evaluation_rules
from indicators._declarations import (
    SURVEY_NOT_COLLECTED,
    declared_statuses,
    justification_errors,
)
from indicators._messages import expected_words
from indicators._outcome import Unit
from loaders import InputErrors

RULES = load_evaluation_rules()
FILES = {"declarations": "自评结论.csv", "remediation": "整改计划.csv"}
PLAN_COLUMNS = ["indicator", "section_id", "measures", "responsible", "deadline", "status"]
PLAN_COLUMNS += ["status_date"]


def declarations(*ids: str, start: int = 2) -> pd.DataFrame:
    """Return a declarations table with Excel row numbers as its index (header = row 1)."""
    return pd.DataFrame(
        {"indicator": list(ids), "status": "met"}, index=range(start, start + len(ids))
    )


def plans(*ids: str) -> pd.DataFrame:
    rows = [[i, None, "新建学校", "区教委", "2026-12", "in_progress", "2026-11-28"] for i in ids]
    return pd.DataFrame(rows, columns=PLAN_COLUMNS, index=range(2, 2 + len(ids)))


EVERY = (*RULES.declarable,)


def errors(declared: pd.DataFrame, remediation: pd.DataFrame, draft: bool = False) -> list:
    with pytest.raises(InputErrors) as caught:
        declared_statuses(RULES, declared, remediation, FILES, draft)
    return [
        (e.file, e.row, e.column, e.value, e.code, e.expected) for e in caught.value.report.errors
    ]


def test_every_indicator_declared_reads_without_error():
    by_id, found = declared_statuses(RULES, declarations(*EVERY), plans("G5"), FILES, False)
    assert set(by_id) == set(EVERY)
    row, record = by_id["G5"]
    assert (row, record["status"]) == (2 + EVERY.index("G5"), "met")
    assert [(p.indicator, p.section_id, p.status) for p in found] == [("G5", None, "in_progress")]


def test_an_unknown_indicator_is_named_with_its_file_and_row():
    known = " ".join((*RULES.declarable, *RULES.verdicts))
    assert errors(declarations(*EVERY, "G16"), plans()) == [
        ("自评结论.csv", 2 + len(EVERY), "指标编号", "G16", "unknown-indicator", known)
    ]


def test_a_plan_for_an_unknown_indicator_is_named_with_its_row():
    assert errors(declarations(*EVERY), plans("G5", "X9")) == [
        ("整改计划.csv", 3, "指标编号", "X9", "unknown-indicator", " ".join(RULES.declarable))
    ]


def test_an_indicator_not_declared_stops_a_build_and_reads_as_undeclared_in_a_draft():
    missing = [i for i in EVERY if i not in ("G5", "V3")]
    assert errors(declarations(*missing), plans()) == [
        ("自评结论.csv", None, "指标编号", "G5", "undeclared", None),
        ("自评结论.csv", None, "指标编号", "V3", "undeclared", None),
    ]
    by_id, _ = declared_statuses(RULES, declarations(*missing), plans(), FILES, True)
    assert by_id["G5"][0] is None
    assert (by_id["G5"][1]["indicator"], by_id["G5"][1]["status"]) == ("G5", "undeclared")


def test_the_files_are_named_by_default_when_the_manifest_does_not_say():
    with pytest.raises(InputErrors) as caught:
        declared_statuses(RULES, declarations("G16"), plans("X9"), {}, True)
    assert [(e.file, e.value) for e in caught.value.report.errors] == [
        ("declarations.csv", "G16"),
        ("remediation.csv", "X9"),
    ]


def test_area_and_overall_verdicts_may_be_declared():
    by_id, _ = declared_statuses(
        RULES, declarations(*EVERY, "resources", "veto", "overall"), plans(), FILES, False
    )
    assert {"resources", "veto", "overall"} <= set(by_id)


# one declaration held to its justification ---------------------------------------------------

UNIT = Unit(
    "S1 甲小学 1 年级 1 班：46 人（上限 45 人）", "S1 grade 1 class 1: 46 (limit 45)", ("S1",)
)


def plan(section_id: str | None) -> Plan:
    return Plan("G5", section_id, "新建学校", "区教委", "2026-12", "in_progress", "2026-11-28")


def judged(ident, kind, computed, declared, area="guarantee", **fields) -> list[tuple]:
    outcome = IndicatorResult(ident, area, kind, computed, declared, **fields)
    record = pd.Series({"indicator": ident, "status": declared})
    found = justification_errors(outcome, 7, record, FILES)
    return [(e.file, e.code, e.row, e.column, e.value, e.expected_en, e.detail_en) for e in found]


NOT_MET = Computed(status="not_met", units=(UNIT,))
NOT_COLLECTED = Computed(status="no_data", note=SURVEY_NOT_COLLECTED)


def test_a_met_declaration_the_data_contradict_names_what_fails():
    assert judged("G5", "computed", NOT_MET, "met") == [
        (
            "自评结论.csv",
            "unjustified",
            7,
            "自评结论",
            "G5: 达标",
            expected_words("unjustified", "not_met", "en"),
            "what fails: S1 grade 1 class 1: 46 (limit 45)",
        )
    ]


def test_a_qualitative_item_without_its_document_points_at_the_document_column():
    assert judged("G1", "qualitative", Computed(status="qualitative"), "met") == [
        (
            "自评结论.csv",
            "missing-document",
            7,
            "依据文件",
            "G1: 达标",
            "the document named in 依据文件",
            None,
        )
    ]


def test_a_veto_item_is_declared_met_or_not_met_only():
    found = judged(
        "V1",
        "qualitative",
        Computed(status="qualitative"),
        "met_by_judgement",
        "veto",
        document="文件",
    )
    assert [(code, column) for _, code, _, column, *_ in found] == [("not-in-list", "自评结论")]
    ok = judged("V1", "qualitative", Computed(status="qualitative"), "met", "veto", document="x")
    assert ok == []


def test_an_undeclared_draft_item_is_not_checked():
    assert judged("G5", "computed", NOT_MET, "undeclared") == []


@pytest.mark.parametrize(
    "declared, plans, codes",
    [
        ("met", (), []),  # no survey yet: the data cannot contradict 达标
        ("not_met", (), []),
        ("met_by_judgement", (), []),
        ("met_after_remediation", (), ["unjustified"]),  # it claims a plan: the plan must exist
    ],
)
def test_social_recognition_without_a_survey(declared, plans, codes):
    found = judged("S", "computed", NOT_COLLECTED, declared, "recognition", plans=plans)
    assert [code for _, code, *_ in found] == codes


def test_the_same_no_data_with_a_survey_needs_its_reason():
    found = judged("S", "computed", Computed(status="no_data"), "met", "recognition")
    assert [code for _, code, *_ in found] == ["unjustified"]


@pytest.mark.parametrize(
    "plans, errors",
    [
        ((plan("S1"),), []),
        ((plan(None),), []),  # a county-wide plan covers every unit
        (
            (plan("S2"),),
            [
                (
                    "整改计划.csv",
                    "plans-incomplete",
                    None,
                    "学部编号",
                    "G5: 化解后达标",
                    "a plan for each failing unit (its section id in 学部编号), or a county-wide "
                    "plan with no section id",
                    "not covered: S1 grade 1 class 1: 46 (limit 45)",
                )
            ],
        ),
    ],
)
def test_a_remediation_declaration_must_cover_every_failing_unit(plans, errors):
    assert judged("G5", "computed", NOT_MET, "met_after_remediation", plans=plans) == errors


def test_a_met_declaration_with_its_plan_already_written_is_told_to_declare_remediation():
    outcome = IndicatorResult("G5", "guarantee", "computed", NOT_MET, "met", plans=(plan("S1"),))
    record = pd.Series({"indicator": "G5", "status": "met"})
    (error,) = justification_errors(outcome, 7, record, FILES)
    assert (error.code, error.expected, error.expected_en) == (
        "unjustified",
        "整改计划中已有该指标的化解方案：把自评结论改为 化解后达标 即可",
        "a remediation plan for it is already in the remediation file: declare 化解后达标",
    )
    assert error.detail == "未达标的是 S1 甲小学 1 年级 1 班：46 人（上限 45 人）"


def test_without_a_plan_the_error_lists_the_three_declarations_that_could_stand():
    outcome = IndicatorResult("G5", "guarantee", "computed", NOT_MET, "met")
    record = pd.Series({"indicator": "G5", "status": "met"})
    (error,) = justification_errors(outcome, 7, record, FILES)
    assert error.expected == expected_words("unjustified", "not_met")
    assert "综合评定达标" in error.expected and "不达标" in error.expected


def test_only_an_unjustified_declaration_lists_what_fails():
    """A veto item declared 综合评定达标 is not in its list: the message says so, and does not
    list the item's failing figures as if a reason could cover them."""
    outcome = IndicatorResult("V7", "veto", "computed", NOT_MET, "met_by_judgement", reason="x")
    record = pd.Series({"indicator": "V7", "status": "met_by_judgement"})
    (error,) = justification_errors(outcome, 7, record, FILES)
    assert (error.code, error.detail, error.detail_en) == ("not-in-list", None, None)


def test_the_files_are_named_by_default_in_justification_errors_too():
    record = pd.Series({"indicator": "G5", "status": "met"})
    unjustified = IndicatorResult("G5", "guarantee", "computed", NOT_MET, "met")
    assert [e.file for e in justification_errors(unjustified, 7, record, {})] == [
        "declarations.csv"
    ]
    uncovered_plan = IndicatorResult(
        "G5", "guarantee", "computed", NOT_MET, "met_after_remediation", plans=(plan("S2"),)
    )
    remediation = pd.Series({"indicator": "G5", "status": "met_after_remediation"})
    (error,) = justification_errors(uncovered_plan, 7, remediation, {})
    assert (error.file, error.code, error.value) == (
        "remediation.csv",
        "plans-incomplete",
        "G5: 化解后达标",
    )
    assert error.expected == (
        "每个未达标单位一条化解方案（填其学部编号），或一条不填学部编号、覆盖全域的方案"
    )
    assert error.detail == "未覆盖：S1 甲小学 1 年级 1 班：46 人（上限 45 人）"
