"""The build command: both languages written, strict macros, atomic publishing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from publish import compute_results
from publish._labels import label

PAGES = [
    "index",
    "basic-facts",
    "resources",
    "balance",
    "government",
    "quality",
    "recognition",
    "veto",
    "measures",
    "remediation",
    "methodology",
    "open-data",
    "about-data",
    "glossary",
    "schools",
    "releases",
]


@cache
def demo_results():
    """Return the demo county's results, computed directly (the site must show the same)."""
    return compute_results(Path(__file__).resolve().parents[2] / "data" / "demo")


def page_path(site: Path, page: str, lang: str) -> Path:
    base = site if lang == "zh" else site / "en"
    return base / "index.html" if page == "index" else base / page / "index.html"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built_in_both_languages(built_site, page, lang):
    html = page_path(built_site, page, lang).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert "{{" not in html and "{%" not in html  # no macro shipped literally


def test_overview_shows_figures_computed_from_data(built_site):
    zh = page_path(built_site, "index", "zh").read_text(encoding="utf-8")
    en = page_path(built_site, "index", "en").read_text(encoding="utf-8")
    assert "144,965" in zh and "144,965" in en  # students, from the school register
    assert "17.8%" in zh and "17.8%" in en  # migrant share, computed
    assert zh.count('class="ec-chart"') >= 1 and en.count('class="ec-chart"') >= 1


def test_chart_csv_holds_exactly_the_plotted_numbers(built_site):
    zh = (built_site / "data" / "charts" / "students_by_level.csv").read_bytes()
    en = (built_site / "en" / "data" / "charts" / "students_by_level.csv").read_bytes()
    assert zh.startswith(b"\xef\xbb\xbf") and en.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    assert zh.decode("utf-8-sig").splitlines() == ["学段,在校学生数", "小学,101188", "初中,43777"]
    assert en.decode("utf-8-sig").splitlines() == [
        "Level,Students",
        "Primary,101188",
        "Junior secondary,43777",
    ]


def test_no_external_resources_referenced(built_site):
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text, path
        for tag in ('<script src="http', '<link rel="stylesheet" href="http'):
            assert tag not in text, path


def test_vega_bundle_is_self_hosted(built_site):
    bundle = built_site / "assets" / "javascripts" / "vega-bundle.js"
    assert bundle.stat().st_size > 500_000
    page = page_path(built_site, "index", "en").read_text(encoding="utf-8")
    # the page loads only the small deferred chart script, which fetches the bundle on demand
    tag = (
        '<script defer src="../assets/javascripts/charts.js" '
        'data-bundle="../assets/javascripts/vega-bundle.js"></script>'
    )
    assert tag in page
    assert '<script src="../assets/javascripts/vega-bundle.js">' not in page


def test_pages_without_charts_load_no_chart_library(built_site):
    page = page_path(built_site, "veto", "zh").read_text(encoding="utf-8")
    assert "vega-bundle.js" not in page and "charts.js" not in page


@pytest.fixture
def project_copy(tmp_path: Path, project_root: Path) -> Path:
    """A copy of the site sources (not the code) where a test may break a page."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(project_root / "mkdocs.yml", copy)
    shutil.copytree(project_root / "docs", copy / "docs")
    shutil.copytree(project_root / "data" / "demo", copy / "data" / "demo")
    shutil.copytree(project_root / "overrides", copy / "overrides")
    return copy


def run_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publish", "build"], cwd=root, capture_output=True, text=True
    )


def test_undefined_name_fails_build_and_keeps_previous_site(project_copy):
    first = run_build(project_copy)
    assert first.returncode == 0, first.stderr[-2000:]
    index = project_copy / "build" / "site" / "index.html"
    before = index.read_bytes()
    page = project_copy / "docs" / "veto.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ studnets }}\n", encoding="utf-8")
    second = run_build(project_copy)
    assert second.returncode != 0
    assert "studnets" in second.stdout + second.stderr
    assert (
        "previous" in second.stderr
        and "Traceback" not in second.stderr.split("The site build failed")[-1]
    )
    assert index.read_bytes() == before
    assert not list((project_copy / "build").glob(".site-*"))  # no half-built folder left behind


def test_bad_input_is_reported_without_traceback_and_publishes_nothing(project_copy):
    first = run_build(project_copy)
    assert first.returncode == 0
    index = project_copy / "build" / "site" / "index.html"
    before = index.read_bytes()
    schools = project_copy / "data" / "demo" / "schools.csv"
    lines = schools.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[3].split(",")
    cells[11] = "1200人"  # students with a unit typed in
    lines[3] = ",".join(cells)
    schools.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    result = run_build(project_copy)
    assert result.returncode == 1
    assert "schools.csv, 第 4 行, 列「在校学生数」" in result.stderr
    assert "Traceback" not in result.stderr
    assert index.read_bytes() == before


def test_resource_pages_show_computed_figures(built_site):
    zh = page_path(built_site, "resources", "zh").read_text(encoding="utf-8")
    en = page_path(built_site, "resources", "en").read_text(encoding="utf-8")
    for html in (zh, en):
        assert html.count('<tr id="section-S') == 115  # every evaluated section, with an anchor
        assert "ec-status--not_met" in html  # sections fail before remediation
    balance = page_path(built_site, "balance", "en").read_text(encoding="utf-8")
    largest = demo_results().resources.cvs["cv"].max()
    assert "ec-status--met" in balance and f">{largest:.3f}<" in balance  # the largest CV


def test_data_package_is_documented_from_the_schema(built_site):
    zh = page_path(built_site, "about-data", "zh").read_text(encoding="utf-8")
    en = page_path(built_site, "about-data", "en").read_text(encoding="utf-8")
    assert "县级及以上骨干教师数" in zh and "leading teachers" in en.lower()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_government_and_quality_pages_have_one_card_per_indicator(built_site, lang):
    rules = demo_results().evaluation_rules
    for page, area in (("government", "guarantee"), ("quality", "quality")):
        html = page_path(built_site, page, lang).read_text(encoding="utf-8")
        for ident in rules.areas[area].parts:
            assert f'id="{ident.lower()}"' in html, (page, ident)
        assert html.count('<div class="ec-card') == len(rules.areas[area].parts)
    government = page_path(built_site, "government", lang).read_text(encoding="utf-8")
    g5 = government[government.index('id="g5"') : government.index('id="g6"')]
    assert "ec-card--differs" in g5 and 'class="ec-flag"' in g5  # the report's tension, flagged
    assert "ec-status--not_met" in g5 and "ec-status--pending" in g5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_remediation_plan_is_listed_with_its_deadline(built_site, lang):
    html = page_path(built_site, "remediation", lang).read_text(encoding="utf-8")
    plans = demo_results().evaluation.plans
    table = html[html.index('ec-plans"') :]
    assert table.count("<tr>") == len(plans) + 1  # header row + one per measure
    for plan in plans:
        assert f'<th scope="row">{plan.deadline}</th>' in table
    differences = html[html.index('ec-differences"') : html.index('ec-plans"')]
    for result in demo_results().evaluation.differences:
        assert f">{result.id} " in differences


def test_overview_shows_the_four_areas_and_the_overall_verdict(built_site):
    for lang, overall in (("zh", "总体结论"), ("en", "Overall verdict")):
        html = page_path(built_site, "index", lang).read_text(encoding="utf-8")
        table = html[html.index('ec-verdicts"') :]
        table = table[: table.index("</table>")]
        assert table.count('<th scope="row">') == 6  # four areas, veto items, overall
        assert overall in table


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_veto_items_read_occurs_or_does_not_occur_never_met(built_site, lang):
    """A veto item is met when its situation does not occur: the veto page, and the veto row of
    the verdicts summary, say 不存在 / 存在 ("Does not occur" / "Occurs"), never 达标 / Met."""
    words = {label(f"veto.{k}", lang) for k in ("met", "not_met", "no_data", "qualitative")}
    badge = re.compile(r'<span class="ec-status [^"]*">([^<]*)</span>')
    veto = page_path(built_site, "veto", lang).read_text(encoding="utf-8")
    assert badge.findall(veto) and set(badge.findall(veto)) <= words
    for page in ("index", "methodology"):
        html = page_path(built_site, page, lang).read_text(encoding="utf-8")
        row = html[html.index(f'<th scope="row">{label("ui.veto_items", lang)}</th>') :]
        shown = badge.findall(row[: row.index("</tr>")])
        assert len(shown) == 2 and set(shown) <= words, (page, shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_veto_page_shows_the_basis_of_every_declared_item(built_site, lang):
    veto = page_path(built_site, "veto", lang).read_text(encoding="utf-8")
    declared = [r for r in demo_results().evaluation.veto.values() if r.kind == "qualitative"]
    assert veto.count('class="ec-document"') == len(declared) > 0


def _marks(css: str) -> dict[str, str]:
    """Return the symbol site.css appends to each marked cell class (td.ec-below …)."""
    return dict(re.findall(r'td\.(ec-below\w*)::after \{ content: " (.)"; \}', css))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_below_standard_and_below_the_floor_differ_by_symbol_and_the_legend_says_which(
    built_site, lang
):
    """Colour alone must not tell the two marks apart: each has its own symbol, and the legend
    above the section table names both."""
    marks = _marks((built_site / "assets" / "site.css").read_text(encoding="utf-8"))
    assert set(marks) == {"ec-below", "ec-below85"}
    assert marks["ec-below"] != marks["ec-below85"]
    html = page_path(built_site, "resources", lang).read_text(encoding="utf-8")
    legend = html[: html.index('class="ec-table ec-sections"')]
    legend = legend[legend.rindex("<p>") :]
    assert marks["ec-below"] in legend and marks["ec-below85"] in legend
    assert "浅色" not in legend and "Lightly" not in legend


def test_methodology_prints_every_rule_option_in_force(built_site):
    html = page_path(built_site, "methodology", "en").read_text(encoding="utf-8")
    for option in (
        "split_rule",
        "exclude_small_points",
        "retention_formula",
        "q9_reading",
        "g4_exceptions",
    ):
        assert f'<th scope="row">{option}</th>' in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_school_section_has_an_entry_with_its_seven_indicators(built_site, lang):
    html = page_path(built_site, "schools", lang).read_text(encoding="utf-8")
    register = demo_results().sections_register
    for _, entry in register.iterrows():
        anchor = f'id="{entry["section_id"].lower()}"'
        assert anchor in html, entry["section_id"]
        assert entry["school_name"] in html
    assert html.count('<div class="ec-school-entry">') == len(register)


def test_release_notes_list_every_release_and_the_data_version(built_site):
    results = demo_results()
    for lang in ("zh", "en"):
        html = page_path(built_site, "releases", lang).read_text(encoding="utf-8")
        assert results.provenance.data_version in html
        for version in results.releases["version"]:
            assert f'<th scope="row">{version}</th>' in html


def test_recognition_page_shows_the_survey_result_and_every_method(built_site):
    survey = demo_results().survey
    zh = page_path(built_site, "recognition", "zh").read_text(encoding="utf-8")
    en = page_path(built_site, "recognition", "en").read_text(encoding="utf-8")
    shown = f"{survey.overall.estimate * 100:.2f}%"
    assert shown in zh and shown in en  # 86.51%, computed from the questionnaires
    assert f"{survey.received:,}" in zh and f"{survey.received:,}" in en
    for html, lang in ((zh, "zh"), (en, "en")):
        table = html[html.index('id="chart-survey_sensitivity"') :]
        table = table[table.index('<div class="ec-table ec-survey">') :]
        table = table[: table.index("</table>")]
        assert table.count("<tr>") == len(survey.sensitivity) + 1  # header + every method
        for _, row in survey.sensitivity.iterrows():
            if row["method"] == "score":  # in points: tests/publish/test_recognition.py
                continue
            assert f"{row['estimate'] * 100:.2f}%" in table
        assert table.count("ec-status--not_met") == int((~survey.sensitivity["passes"]).sum())
        for chart in ("survey_by_group", "survey_by_item", "survey_sensitivity"):
            assert f'id="chart-{chart}"' in html, (lang, chart)


def test_recognition_grid_hides_what_disclosure_control_hides(built_site):
    survey = demo_results().survey
    html = page_path(built_site, "recognition", "en").read_text(encoding="utf-8")
    grid = html[html.index("ec-survey--grid") :]
    grid = grid[: grid.index("</table>")]  # the first grid: group × town
    county_only = survey.config.disclosure.county_only
    for group in survey.config.groups:
        assert (f">{group.en}</th>" in grid) == (group.id not in county_only)
    published = survey.group_by_town[~survey.group_by_town["group"].isin(county_only)]
    assert grid.count("<td>—<sup>") == int(published["suppressed"].sum())
