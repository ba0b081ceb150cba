"""Every figure of the reference report's sections 一 and 二 reaches a page, from the package.

The demo package is rendered page by page with the site's own macros and Markdown settings (its
generated survey left out: the fast tier never reads it); each expected value is worked out here
from the package's CSV, TOML and YAML files, never copied from a page. The small county gives
none of the optional figures and renders the same pages without their sentences.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml

from loaders import measure_items
from publish import compute_results
from publish._document_pages import render_page
from publish._tables import measure_name

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
SMALL = ROOT / "tests" / "fixtures" / "county_small"
RATES = ("primary_enrolment_rate_pct", "primary_to_junior_rate_pct", "junior_enrolment_rate_pct")
RATE_WORDS = {
    "zh": ("小学适龄儿童入学率 ", "小学毕业生升入初中的比例 ", "初中入学率 "),
    "en": (
        "the enrolment rate of primary-age children is ",
        "the share of primary leavers going on to junior secondary school is ",
        "the junior secondary enrolment rate is ",
    ),
}
# the optional measures added for the report's figures, shown on their indicator's card
CARD_MEASURES = [
    i.key for i in measure_items().values() if not i.required and i.indicator[0] in "GQ"
]


def copy_package(tmp_path: Path, source: Path, survey: bool = True) -> Path:
    """Copy a package; without `survey`, drop the survey and its config from county.toml."""
    root = tmp_path / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("survey.sav", "survey.csv"))
    if source == SMALL:
        shutil.copy(SMALL / "survey.csv", root)
    if not survey:
        manifest = root / "county.toml"
        lines = manifest.read_text(encoding="utf-8").splitlines()
        kept = [ln for ln in lines if ln.split("=")[0].strip() not in {"survey", "survey_config"}]
        manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return compute_results(copy_package(tmp_path_factory.mktemp("demo"), DEMO, survey=False))


@pytest.fixture(scope="module")
def small():
    return compute_results(SMALL)


def visible(markup: str) -> str:
    """Return the words a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def page(results, name: str, lang: str) -> str:
    return visible(render_page(ROOT, name, lang, results))


def card(results, name: str, ident: str, lang: str) -> str:
    """Return the words of one indicator's card (from its heading to the next heading)."""
    markup = render_page(ROOT, name, lang, results)
    start = markup.index(f'id="{ident.lower()}"')
    end = markup.find("<h3", start)
    return visible(markup[start : end if end > 0 else None])


def measures(package: Path = DEMO) -> dict[str, float]:
    with (package / "measures.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {r["项目代码"]: float(r["数值"]) for r in csv.DictReader(handle) if r["数值"]}


def as_reported(value: float, unit: str, lang: str) -> str:
    """The figure as the county wrote it: 100 → 100%, 2023, 1 hour, 31,470."""
    words = {"hours": ("小时", "hour"), "weeks": ("周", "week")}
    if unit == "percent":
        return f"{value:g}%"
    if unit == "year":
        return str(int(value))
    if unit in words:
        zh, en = words[unit]
        return f"{value:g} " + (zh if lang == "zh" else en + ("" if value == 1 else "s"))
    return f"{value:,.0f}"


def percent1(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_enrolment_rates_and_retention_are_on_the_basic_facts(demo, lang):
    given = measures()
    text = page(demo, "basic-facts", lang)
    for key, words in zip(RATES, RATE_WORDS[lang], strict=True):
        assert f"{words}{given[key]:.1f}%" in text, key
    # the report's 初中三年巩固率, recomputed from the cohort flows (formula full)
    base = given["junior_entrants_3y_ago"] + given["transfers_in"] + given["returned"]
    base -= given["transfers_out"] + given["suspended"] + given["deceased"]
    retention = percent1(given["junior_graduates"], base)
    words = "初中三年巩固率（由数据计算）为 " if lang == "zh" else "junior retention is "
    assert words + retention in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sections_are_counted_by_kind_from_the_register(demo, lang):
    with (DEMO / "schools.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [(r["学校类型"], r["学段"]) for r in csv.DictReader(handle)]
    through = {"九年一贯制学校", "十二年一贯制学校"}
    counts = {
        "primary": sum(t == "小学" and lv == "小学" for t, lv in rows),
        "primary_through": sum(t in through and lv == "小学" for t, lv in rows),
        "junior": sum(t == "初中" for t, lv in rows),
        "junior_through": sum(t in through and lv == "初中" for t, lv in rows),
        "complete": sum(t == "完全中学" for t, lv in rows),
    }
    text = page(demo, "basic-facts", lang)
    phrases = {
        "zh": (
            f"单设小学 {counts['primary']} 个、九年一贯制和十二年一贯制学校的小学部 "
            f"{counts['primary_through']} 个",
            f"单设初中 {counts['junior']} 个、一贯制学校的初中部 {counts['junior_through']} 个、"
            f"完全中学的初中部 {counts['complete']} 个",
        ),
        "en": (
            f"{counts['primary']} of primary schools, {counts['primary_through']} of nine- and "
            "twelve-year schools",
            f"{counts['junior']} of junior schools, {counts['junior_through']} of nine- and "
            f"twelve-year schools, {counts['complete']} of complete secondary schools",
        ),
    }
    for phrase in phrases[lang]:
        assert phrase in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_statistics_year_and_the_number_of_indicators(demo, lang):
    county = tomllib.loads((DEMO / "county.toml").read_text(encoding="utf-8"))["county"]
    year = str(county["statistics_year"])
    areas = yaml.safe_load((ROOT / "indicators" / "evaluation.yaml").read_text("utf-8"))["areas"]
    for name, area in (("government", "guarantee"), ("quality", "quality")):
        n = len(areas[area]["parts"])
        words = f"共 {n} 项指标" if lang == "zh" else f"has {n} indicators"
        assert words in page(demo, name, lang), name
    words = f"{year} 年的统计数据" if lang == "zh" else f"statistics of {year}"
    for name in ("basic-facts", "government"):
        assert words in page(demo, name, lang), name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monitoring_year_is_on_the_quality_page(demo, lang):
    with (DEMO / "monitoring.csv").open(encoding="utf-8-sig", newline="") as handle:
        year = max(int(r["监测年份"]) for r in csv.DictReader(handle))
    words = f"取自 {year} 年的国家义务教育质量监测" if lang == "zh" else f"monitoring of {year}."
    assert words in page(demo, "quality", lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", CARD_MEASURES)
def test_each_reported_figure_is_on_its_indicators_card(demo, key, lang):
    item, given = measure_items()[key], measures()
    if key not in given:
        pytest.fail(f"the demo gives no {key}: the report's figure is missing")
    name = "government" if item.indicator.startswith("G") else "quality"
    words = card(demo, name, item.indicator, lang)
    assert f"{measure_name(item, lang)} {as_reported(given[key], item.unit, lang)}" in words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_g15_judges_the_rules_share_and_shows_the_reports_enrolment_rate(demo, lang):
    given = measures()
    eligible = given["migrant_children_eligible"]
    words = card(demo, "government", "G15", lang)
    public = percent1(given["migrant_children_public"], eligible)
    rate = percent1(given["migrant_children_enrolled"], eligible)
    if lang == "zh":
        assert f"随迁子女在公办和购买学位学校就读比例 {public}" in words
        assert f"随迁子女入学率（只列出，不参与判定） {rate}" in words
        assert "标准：随迁子女在公办和购买学位学校就读比例 ≥ 85%" in words
        assert "不是入学率" in words
    else:
        assert f"Share in public or purchased places {public}" in words
        assert f"Enrolment rate of migrant children (shown, not judged) {rate}" in words
        assert "Standard: Share in public or purchased places ≥ 85%" in words
        assert "not on their enrolment rate" in words
    met = given["migrant_children_public"] / eligible >= 0.85
    assert demo.evaluation.indicators["G15"].computed.status == ("met" if met else "not_met")


def fieldwork_package(tmp_path: Path, fieldwork: dict) -> Path:
    """The small county (its small survey) with a `fieldwork` block in its scoring config."""
    root = copy_package(tmp_path, SMALL)
    config = root / "survey.yaml"
    block = yaml.safe_dump({"fieldwork": fieldwork}, allow_unicode=True)
    config.write_text(config.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")
    return root


def demo_fieldwork() -> dict:
    return yaml.safe_load((DEMO / "survey.yaml").read_text(encoding="utf-8"))["fieldwork"]


def test_the_demos_survey_fieldwork_is_on_the_recognition_page(tmp_path):
    work = demo_fieldwork()
    results = compute_results(fieldwork_package(tmp_path, work))
    by, to = work["commissioned_by"], work["conducted_by"]
    zh = (
        f"调查由{by['zh']}于 {work['year']} 年委托{to['zh']}开展，"
        f"共发放问卷 {work['issued']:,} 份。"
    )
    assert zh in page(results, "recognition", "zh")
    en = (
        f"The survey was commissioned by {by['en']} in {work['year']} and carried out by "
        f"{to['en']}; {work['issued']:,} questionnaires were handed out."
    )
    assert en in page(results, "recognition", "en")


def test_fieldwork_without_its_optional_keys_reads_whole(tmp_path):
    work = demo_fieldwork()
    short = {"year": work["year"], "commissioned_by": work["commissioned_by"]}
    results = compute_results(fieldwork_package(tmp_path, short))
    by = work["commissioned_by"]
    zh = page(results, "recognition", "zh")
    assert f"调查由{by['zh']}于 {work['year']} 年开展。本次调查" in zh
    assert "委托" not in zh.split("调查由")[1][:40] and "发放" not in zh
    en = page(results, "recognition", "en")
    assert f"The survey was run by {by['en']} in {work['year']}. The survey returned" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_county_without_the_optional_figures_gets_no_sentence_about_them(small, lang):
    given = measures(SMALL)
    absent = [k for k in CARD_MEASURES if k not in given]  # the fixture gives none of them
    assert not any(k in given for k in RATES) and len(absent) > len(CARD_MEASURES) // 2
    facts = page(small, "basic-facts", lang)
    assert ("填报的入学和升学情况" if lang == "zh" else "reports them") not in facts
    assert ("初中三年巩固率（由数据计算）为 " if lang == "zh" else "Computed from the data, ") in (
        facts
    )
    recognition = page(small, "recognition", lang)
    assert ("调查由" if lang == "zh" else "The survey was") not in recognition
    names = [measure_name(measure_items()[k], lang) for k in absent]
    for name in ("government", "quality"):
        text = page(small, name, lang)
        assert not [n for n in names if n in text], name


def test_one_rate_given_alone_reads_as_a_sentence(tmp_path):
    root = copy_package(tmp_path, SMALL)
    with (root / "measures.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("B,primary_enrolment_rate_pct,小学适龄儿童入学率,99.5,县教育局\n")
    results = compute_results(root)
    zh = page(results, "basic-facts", "zh")
    assert "本县填报的入学和升学情况：小学适龄儿童入学率 99.5%；初中三年巩固率" in zh
    assert "升入初中" not in zh and "初中入学率" not in zh
    en = page(results, "basic-facts", "en")
    assert "As the county reports them: the enrolment rate of primary-age children is 99.5%; " in en
    assert "and computed from the data, three-year junior retention" in en


def test_monitoring_results_of_several_years_name_the_latest(tmp_path, small):
    root = copy_package(tmp_path, SMALL)
    path = root / "monitoring.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("监测年份")
    latest = int(rows[1][column])
    rows[2][column] = str(latest - 2)  # the second subject from an earlier round
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    zh = page(compute_results(root), "quality", "zh")
    assert f"取自 {latest} 年的国家义务教育质量监测（最近一次；部分科目取自更早的监测）。" in zh
    assert "最近一次" not in page(small, "quality", "zh")  # one year: no such words
