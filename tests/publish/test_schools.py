"""The school directory (publish/_schools.py) and section names (publish/_labels.py)."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from publish import compute_results
from publish._labels import label, section_words
from publish._schools import school_directory, town_order

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
ENTRY = re.compile(r'<div class="ec-school-entry">(.*?)</div>\n', re.S)


@cache
def demo_results():
    return compute_results(DEMO)


@pytest.mark.parametrize(
    "name, english",
    [
        ("本部", "Main campus"),
        ("小学部", "Primary section"),
        ("初中部", "Junior secondary section"),
        ("分校区", "Branch campus"),
        ("分校区初中部", "Branch campus, junior secondary section"),  # a compound of two parts
        ("小学部、初中部", "Primary section, junior secondary section"),  # a list (G4 units)
        ("东校区", "东校区"),  # a county's own name is not guessed at
        ("", ""),
    ],
)
def test_section_names_in_english(name, english):
    assert section_words(name, "en") == english
    assert section_words(name, "zh") == name


def test_every_section_name_of_the_demo_register_has_english():
    names = set(demo_results().sections_register["section_name"])
    assert all(section_words(n, "en") != n for n in names), names


def test_towns_follow_the_county_order_not_the_code_points():
    """The survey configuration lists the towns as the county orders them; the directory
    follows it, and a town it does not list follows in the register's order."""
    results = demo_results()
    configured = list(results.survey.config.towns)
    assert town_order(results) == configured
    assert town_order(results) != sorted(configured)
    without_survey = dataclasses.replace(results, survey=None)
    register = list(dict.fromkeys(results.sections_register["town"]))
    assert town_order(without_survey) == register
    index = school_directory(results, "zh").split("\n", 1)[0]
    assert re.findall(r"\[([^\]]+)\]", index) == configured


def test_chinese_entries_use_full_width_punctuation():
    page = school_directory(demo_results(), "zh")
    facts = re.findall(r'<ul class="ec-school__facts">(.*?)</ul>', page)
    assert facts
    text = re.sub(r"<[^>]+>", "", "".join(facts))
    assert "：" in text
    assert not re.search(r"[:;()]", text.replace("2025-", "").replace("2026-", ""))
    assert "（完成时限 " in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_entries_name_the_resource_result_and_give_units(lang):
    results = demo_results()
    entry = ENTRY.search(school_directory(results, lang)).group(1)
    assert label("school.resource_result", lang) in entry
    assert f">{label('column.section_class', lang)}:" not in entry
    for standard in results.rules.standards.values():
        unit = standard.unit_zh if lang == "zh" else standard.unit_en
        assert entry.count(f'<span class="ec-unit"> {unit}</span>') >= 2, unit


def test_english_headings_translate_the_section_and_mark_the_school_name():
    page = school_directory(demo_results(), "en")
    headings = re.findall(r"<h3 [^>]*>(.*?)</h3>", page)
    assert headings
    assert all('<span lang="zh">' in h for h in headings)  # the school's Chinese name
    assert not any(
        re.search(r"本部|小学部|初中部|分校区", re.sub(r"<span.*?</span>", "", h)) for h in headings
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_school_entry_shows_each_measure_status_and_flags_the_overdue(lang):
    results = demo_results()
    html = school_directory(results, lang)
    sections = set(results.resources.sections.index)
    plans = [p for p in results.evaluation.plans if p.section_id in sections]
    overdue = sum(p.standing == "overdue" for p in plans)
    assert overdue > 0  # the demo has overdue measures, so the check can fail
    assert html.count(f"⚠ {label('plan_status.overdue', lang)}") == overdue
    for plan in plans:
        assert plan.status_date in html


def test_english_town_headings_use_the_survey_configs_english_names():
    results = demo_results()
    html = school_directory(results, "en")
    config = results.survey.config
    for town, english in zip(config.towns, config.town_en, strict=True):
        if town in town_order(results):
            assert f'{english} (<span lang="zh">{town}</span>)</h2>' in html
    assert "Subdistrict" not in school_directory(results, "zh")


def with_teaching_point(results, town: str):
    """Return the results with one teaching point of 23 students outside the resource rules."""
    point = pd.DataFrame(
        [
            {
                "section_id": "T001",
                "school_id": "99509999",
                "school_name": "示例山村教学点",
                "section_name": "本部",
                "school_type": "teaching_point",
                "level": "primary",
                "town": town,
                "students": 23,
                "teachers": 2,
            }
        ]
    )
    return dataclasses.replace(results, basic=dataclasses.replace(results.basic, outside=point))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_teaching_point_outside_the_rules_is_listed_under_its_town_and_marked(lang):
    results = demo_results()
    town = town_order(results)[1]
    html = school_directory(with_teaching_point(results, town), lang)
    assert 'id="t001"' in html
    after_town = html.split('<h2 id="town-2">')[1].split("<h2 ")[0]
    assert 'id="t001"' in after_town  # in its own town's part
    entry = html.split('id="t001"')[1].split("<h3 ")[0]
    assert label("school.outside_rules", lang).format(limit="50") in entry
    assert "23" in entry
    assert "<table>" not in entry  # no indicators for a point outside the rules
    assert 'id="t001"' not in school_directory(results, lang)


def test_a_town_with_only_a_teaching_point_gets_its_own_heading():
    results = demo_results()
    towns = town_order(with_teaching_point(results, "新设乡"))
    assert towns[-1] == "新设乡" and len(towns) == len(town_order(results)) + 1


def test_schools_within_a_town_follow_the_register_not_the_code_points():
    """A county lists its schools in an order its readers know (by district, by size, by
    tradition); sorting Chinese names by code point is no such order."""
    results = demo_results()
    register = results.sections_register
    evaluated = set(results.resources.sections.index)
    page = school_directory(results, "zh")
    for town in town_order(results):
        block = page.split(f">{town}</h2>", 1)[1].split("<h2 ", 1)[0]
        shown = [a.upper() for a in re.findall(r'<h3 id="([^"]+)"', block)]
        rows = register[register["town"] == town]
        expected = [s for s in rows["section_id"] if s in evaluated]
        assert shown[: len(expected)] == expected, town
    names = [r["school_name"] for r in register.to_dict("records")]
    assert names != sorted(names)  # the demo's register is not in code-point order already
