"""A school section's answer in one sentence (publish/_school_answer.py), on 柳河县 and altered
copies of it: what it meets, what it misses and by how much, and the plans that cover it."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest

from publish import compute_results
from publish._school_answer import _truncated, school_answer
from publish._schools import school_directory

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"


@cache
def small():
    return compute_results(SMALL)


def words(results, section_id: str, lang: str) -> str:
    return re.sub(r"<[^>]+>", "", school_answer(results, section_id, lang))


def with_values(results, section_id: str, **values):
    """Return results whose section has other resource values, marks and class."""
    sections = results.resources.sections.copy()
    for column, value in values.items():
        sections.loc[section_id, column] = value
    resources = dataclasses.replace(results.resources, sections=sections)
    return dataclasses.replace(results, resources=resources)


def answers_with(ident: str, share: float, klass: str) -> tuple[str, str]:
    """Return LH01's answers in both languages with one value at `share` of its standard."""
    results = small()
    level = results.resources.sections.loc["LH01", "level"]
    value = results.rules.standards[ident].by_level[level] * share
    altered = with_values(results, "LH01", **{ident: value, f"{ident}_met": False, "klass": klass})
    return words(altered, "LH01", "zh"), words(altered, "LH01", "en")


def test_a_section_that_meets_everything_says_so_in_both_languages():
    assert words(small(), "LH01", "zh") == "该学部达到适用于它的全部标准。"
    assert words(small(), "LH01", "en") == "This section meets every standard that applies to it."


def test_oversized_classes_are_counted_with_their_limit_and_the_plan_that_covers_them():
    results = small()
    detail = results.evaluation.indicators["G5"].computed.detail.set_index("section_id")
    entry = detail.loc["LH02"]
    (plan,) = [p for p in results.evaluation.plans if p.section_id == "LH02"]
    zh, en = words(results, "LH02", "zh"), words(results, "LH02", "en")
    assert f"{entry['classes']} 个班中 {entry['oversized']} 个超过 45 人" in zh
    assert f"整改方案 1 项，完成时限 {plan.deadline}" in zh
    assert entry["oversized"] == 1 and f"1 of its {entry['classes']} classes has more than 45" in en
    assert f"One remediation plan covers it, due {plan.deadline}." in en


def test_a_resource_value_below_its_standard_is_named_with_the_standard_and_its_share():
    zh, en = answers_with("R1", 0.5, "below")
    assert zh.startswith("该学部未达到全部标准：资源配置未达标（R1 为 ")
    assert "为标准的 50.0%" in zh and "50.0% of it" in en
    assert "没有针对该学部的整改方案" in zh and "No remediation plan covers it." in en


def test_a_value_within_the_floor_still_passes_and_is_named():
    zh, en = answers_with("R2", 0.9, "six_plus")
    assert zh.startswith("该学部达到适用于它的全部标准（其中 R2 为 ")
    assert "不低于标准值的 85%，资源配置仍为达标）。" in zh
    assert en.startswith("This section meets every standard that applies to it (R2 ")
    assert "at least 85% of it, which the resource rules allow)." in en


@pytest.mark.parametrize(
    "share, shown", [(0.8496, 0.849), (0.85, 0.85), (0.999, 0.999), (0.12345, 0.123)]
)
def test_a_share_is_cut_never_rounded_up_to_the_floor(share, shown):
    assert _truncated(share) == pytest.approx(shown)


def test_a_county_wide_plan_of_an_indicator_the_section_fails_covers_it():
    results = small()
    county_wide = [dataclasses.replace(p, section_id=None) for p in results.evaluation.plans]
    evaluation = dataclasses.replace(results.evaluation, plans=tuple(county_wide))
    altered = dataclasses.replace(results, evaluation=evaluation)
    assert "One remediation plan covers it" in words(altered, "LH02", "en")
    assert "meets every standard" in words(altered, "LH01", "en")  # a G5 plan: not LH01's


def test_the_directory_entry_opens_with_the_answer():
    for lang in ("zh", "en"):
        page = school_directory(small(), lang)
        entries = re.findall(r'<div class="ec-school-entry">(<p[^>]*>)', page)
        assert entries and all(p == '<p class="ec-school__answer">' for p in entries)


def test_a_section_with_one_oversized_class_speaks_of_its_only_class():
    results = small()
    g5 = results.evaluation.indicators["G5"]
    detail = g5.computed.detail.copy()
    detail.loc[detail["section_id"] == "LH02", ["classes", "oversized"]] = 1
    computed = dataclasses.replace(g5.computed, detail=detail)
    indicators = dict(results.evaluation.indicators) | {
        "G5": dataclasses.replace(g5, computed=computed)
    }
    evaluation = dataclasses.replace(results.evaluation, indicators=indicators)
    altered = dataclasses.replace(results, evaluation=evaluation)
    assert "its only class has more than 45 students" in words(altered, "LH02", "en")
    assert "仅有的 1 个班超过 45 人" in words(altered, "LH02", "zh")
