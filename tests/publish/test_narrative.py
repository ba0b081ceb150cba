"""The narrative as HTML: staff Markdown with HTML shown as text, no images or script links,
headings under the page's title, figures inserted formatted with their units."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pandas as pd

from loaders import Narrative
from publish._cards import reported_value
from publish._document_pages import render_page
from publish._narrative import narrative_html
from publish._results import compute_results

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"


@cache
def small():
    return compute_results(SMALL)


def _with(zh: str, en: str = "x", figures: pd.DataFrame | None = None):
    base = small().narrative
    narrative = Narrative(zh, en, base.figures if figures is None else figures)
    return dataclasses.replace(small(), narrative=narrative)


def test_the_small_countys_figures_and_measure_are_inserted_in_each_language():
    zh, en = narrative_html(small(), "zh"), narrative_html(small(), "en")
    assert '<span class="ec-figure">4 所</span>' in zh
    assert '<span class="ec-figure">1,350 个</span>' in zh
    assert '<span class="ec-figure">98,600 元</span>' in zh  # the measure teacher_pay_yuan
    assert '<span class="ec-figure">98,600 yuan</span>' in en
    assert '<span class="ec-figure">4 schools</span>' in en
    assert "<h2>改善办学条件</h2>" in zh and "<h1>" not in zh  # under the page's own title
    assert "\n" not in zh  # one HTML block when the page's Markdown runs


def test_html_script_links_and_images_stay_inert():
    results = _with(
        "<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
        "[click](javascript:alert(3)) ![tracker](http://example.com/t.png) [ok](https://example.com)"
    )
    html = narrative_html(results, "zh")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://example.com"' in html
    assert "example.com/t.png" not in html and "tracker" in html  # its words, no request


def test_a_figure_cannot_smuggle_markup():
    figures = small().narrative.figures.copy()
    figures.loc["new_places", "unit"] = "<b>个</b>"
    html = narrative_html(_with('新增 {{ figure("new_places") }}', figures=figures), "zh")
    assert "&lt;b&gt;个&lt;/b&gt;" in html and "<b>" not in html


def test_chinese_soft_breaks_join_without_a_space_and_english_with_one():
    results = _with("第一行\n第二行", "first line\nsecond line")
    assert "第一行第二行" in narrative_html(results, "zh")
    assert "first line second line" in narrative_html(results, "en")


def test_the_page_says_when_the_package_has_no_narrative():
    results = dataclasses.replace(small(), narrative=None)
    zh = render_page(ROOT, "measures", "zh", results)
    en = render_page(ROOT, "measures", "en", results)
    assert "尚未提供这一部分的文字" in zh and "ec-narrative" not in zh
    assert "does not yet include this part" in en
    assert "ec-narrative" in render_page(ROOT, "measures", "en", small())


def test_a_measure_mark_prints_its_unit_as_the_indicator_card_does():
    results = _with(
        '工资 {{ measure("teacher_pay_yuan") }}', 'pay {{ measure("teacher_pay_yuan") }}'
    )
    value = results.measures.get("teacher_pay_yuan")
    for lang in ("zh", "en"):
        shown = reported_value(value, "yuan", lang)
        assert f'<span class="ec-figure">{shown}</span>' in narrative_html(results, lang)
    assert "98,600 元" in narrative_html(results, "zh")


def test_a_percent_figure_joins_its_sign_in_both_languages():
    figures = small().narrative.figures.copy()
    figures.loc["new_places", ["value", "unit", "unit_en"]] = [96.4, "%", "%"]
    results = _with(
        '达到 {{ figure("new_places") }}', 'reached {{ figure("new_places") }}', figures
    )
    assert '<span class="ec-figure">96.4%</span>' in narrative_html(results, "zh")
    assert '<span class="ec-figure">96.4%</span>' in narrative_html(results, "en")


def test_a_mark_in_single_quotes_without_spaces_is_inserted():
    html = narrative_html(_with("新增 {{figure('new_places')}}"), "zh")
    assert '<span class="ec-figure">1,350 个</span>' in html and "{{" not in html
