"""The words of a declaration error: what the declaration should say instead, in both languages.

Golden text on purpose: these sentences tell staff how to correct a declaration, and a changed
word must be a decision, not an accident.
"""

from __future__ import annotations

import pytest

from indicators._messages import declared_words, expected_words

NOT_MET_ZH = (
    "计算结果为不达标：请填 化解后达标（并在整改计划中列出化解方案）、"
    "综合评定达标（并填写理由）或 不达标"
)
NOT_MET_EN = (
    "the data say not met: declare 化解后达标 with a remediation plan, 综合评定达标 with a reason, "
    "or 不达标"
)


@pytest.mark.parametrize(
    "problem, computed, has_plan, zh, en",
    [
        (
            "missing-document",
            "qualitative",
            False,
            "在「依据文件」中注明文件名称",
            "the document named in 依据文件",
        ),
        (
            "not-in-list",
            "qualitative",
            False,
            "达标（不存在该情形）或 不达标（存在）",
            "达标 (does not occur) or 不达标 (occurs)",
        ),
        ("unjustified", "not_met", False, NOT_MET_ZH, NOT_MET_EN),
        (
            "unjustified",
            "no_data",
            False,
            "填写理由；化解后达标须在整改计划中列出化解方案",
            "a reason; 化解后达标 needs a remediation plan",
        ),
        (
            "unjustified",
            "met",
            True,  # a plan exists, but the data say met: the plan is not what is missing
            "填写理由；化解后达标须在整改计划中列出化解方案",
            "a reason; 化解后达标 needs a remediation plan",
        ),
        (
            "unjustified",
            "not_met",
            True,
            "整改计划中已有该指标的化解方案：把自评结论改为 化解后达标 即可",
            "a remediation plan for it is already in the remediation file: declare 化解后达标",
        ),
    ],
)
def test_expected_words_in_both_languages(problem, computed, has_plan, zh, en):
    assert expected_words(problem, computed, "zh", has_plan=has_plan) == zh
    assert expected_words(problem, computed, "en", has_plan=has_plan) == en
    assert expected_words(problem, computed, has_plan=has_plan) == zh  # Chinese first


@pytest.mark.parametrize(
    "status, words",
    [
        ("met", "达标"),
        ("met_after_remediation", "化解后达标"),
        ("met_by_judgement", "综合评定达标"),
        ("not_met", "不达标"),
    ],
)
def test_declared_words(status, words):
    assert declared_words(status) == words
