"""The 社会认可度 page's tables and sentences (publish/_recognition.py): a score reads in points,
the sensitivity sentences follow the table, and every hidden cell says why where it is seen."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from loaders import InputErrors, SurveyResponses, SurveySource, load_survey_config
from publish import compute_results
from publish._cards import indicator_card
from publish._facts import FACTS
from publish._labels import label
from publish._recognition import (
    SURVEY_TABLES,
    breakdown_table,
    cross_table,
    method_words,
    not_collected,
    sensitivity_summary,
    sensitivity_table,
)
from survey import assess_survey, survey_labels

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


@cache
def demo_results():
    return compute_results(DEMO)


def _with_sensitivity(passes: list[bool]):
    """Return the demo results with the sensitivity verdicts replaced."""
    results = demo_results()
    table = results.survey.sensitivity.copy()
    table["passes"] = passes
    return dataclasses.replace(
        results, survey=dataclasses.replace(results.survey, sensitivity=table)
    )


def _rows(table: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", table, flags=re.S)[1:]


@pytest.mark.parametrize("lang, unit", [("zh", "分"), ("en", "points")])
def test_a_score_reads_in_points_and_a_rate_as_a_share(lang, unit):
    survey = demo_results().survey
    rows = _rows(sensitivity_table(demo_results(), lang))
    for row, (_, method) in zip(rows, survey.sensitivity.iterrows(), strict=True):
        if method["method"] == "score":
            points = method["estimate"] * survey.config.full_score
            assert f"{points:.2f} {unit}" in row
            assert f"{points:.2f}%" not in row
        else:
            assert f"{method['estimate'] * 100:.2f}%" in row
            assert f" {unit}<" not in row


def test_the_sensitivity_sentence_names_the_methods_that_reach_another_verdict():
    survey = demo_results().survey
    differ = survey.sensitivity[~survey.sensitivity["passes"]]
    assert len(differ) == 1  # the demo: only the score method fails
    zh = sensitivity_summary(demo_results(), "zh")
    en = sensitivity_summary(demo_results(), "en")
    assert "取决于" in zh and "depends on how" in en
    assert "得分（不加权）的结论" in zh
    assert "Only Score (unweighted) reaches a different verdict" in en
    rates = survey.sensitivity[survey.sensitivity["method"] == "rate"]["estimate"]
    assert f"{rates.min() * 100:.2f}%" in en and f"{rates.max() * 100:.2f}%" in en
    assert f"All {len(rates)} methods that give a rate pass" in en


def test_the_sensitivity_sentence_says_so_when_no_method_changes_the_verdict():
    results = _with_sensitivity([True] * len(demo_results().survey.sensitivity))
    assert "不取决于" in sensitivity_summary(results, "zh")
    en = sensitivity_summary(results, "en")
    assert "does not depend" in en and "different verdict" not in en


def test_the_sensitivity_sentence_counts_the_methods_that_differ():
    results = _with_sensitivity([True, False, False, True, True])
    en = sensitivity_summary(results, "en")
    assert "2 methods, Rate (group weights), Rate (post-stratified), reach" in en
    assert "Of the 4 methods that give a rate, 2 pass" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_hidden_cell_shows_its_reason_letter_explained_under_the_table(lang):
    survey = demo_results().survey
    grid = cross_table(demo_results(), "group_by_town", lang)
    county_only = set(survey.config.disclosure.county_only)
    frame = survey.group_by_town[~survey.group_by_town["group"].isin(county_only)]
    hidden = frame[frame["suppressed"]]
    assert len(hidden) > 0  # the demo hides some cells, so the test has something to check
    reasons = survey_labels()["suppression"]
    marks = re.findall(r"—<sup><abbr [^>]*>(\w)</abbr></sup>", grid)
    assert sorted(marks) == sorted(reasons[r]["mark"] for r in hidden["suppression"])
    legend = grid[grid.index("ec-table-note") :]
    for reason in set(hidden["suppression"]):
        words = reasons[reason][lang].format(min_n=survey.config.disclosure.min_n)
        assert f"{reasons[reason]['mark']} {words}" in legend


def test_towns_carry_their_english_names_on_english_pages():
    survey = demo_results().survey
    en = breakdown_table(demo_results(), "by_town", "en")
    zh = breakdown_table(demo_results(), "by_town", "zh")
    for town, english in zip(survey.config.towns, survey.config.town_en, strict=True):
        assert english in en and town not in en
        assert town in zh


def test_a_pass_mark_that_is_not_whole_keeps_its_decimals_in_the_sentence_and_table():
    results = demo_results()
    config = dataclasses.replace(results.survey.config, threshold=0.855)
    changed = dataclasses.replace(
        results, survey=dataclasses.replace(results.survey, config=config)
    )
    assert "85.50 points" in sensitivity_summary(changed, "en")
    assert "pass mark 85.50 points" in sensitivity_table(changed, "en")


# ------------------------------------------------------------------ a county without a survey yet

SMALL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "county_small"
ROOT = Path(__file__).resolve().parents[2]


def without_survey(folder: Path, declared: dict[str, str] | None = None) -> Path:
    """Copy 柳河县 without its survey: no file, no `survey` / `survey_config` lines."""
    package = folder / "no_survey"
    shutil.copytree(SMALL, package, ignore=shutil.ignore_patterns("survey.*"))
    manifest = package / "county.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.split("=")[0].strip() not in {"survey", "survey_config"}]
    manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    if declared:
        path = package / "declarations.csv"
        rows = path.read_text(encoding="utf-8-sig").splitlines()
        for i, row in enumerate(rows):
            ident = row.split(",")[0]
            if ident in declared:
                rows[i] = f"{ident},{declared[ident]}" + "," * row.count(",", len(ident) + 1)
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return package


@pytest.fixture(scope="module")
def no_survey(tmp_path_factory):
    return compute_results(without_survey(tmp_path_factory.mktemp("recognition")))


def test_without_a_survey_s_and_v7_have_no_data_and_never_pass(no_survey):
    evaluation = no_survey.evaluation
    assert no_survey.survey is None
    for result in (evaluation.indicators["S"], evaluation.veto["V7"]):
        assert result.computed.status == "no_data"
        assert result.computed.note == "survey_not_collected"
        assert result.declared == "met"  # 达标 declared, no reason: still builds
        assert result.differs  # … and the card flags it
    assert evaluation.areas["recognition"].computed == "no_data"
    assert evaluation.veto_computed == "no_data"
    assert evaluation.overall_computed != "met"


@pytest.mark.parametrize(
    "lang, status, note, flag",
    [
        ("zh", "无数据", "（尚未开展调查）", "尚未开展调查，自评结论暂无数据可以核对"),
        ("en", "No data", "(survey not yet collected)", "no data to check the declared status"),
    ],
)
def test_the_cards_of_s_and_v7_say_the_survey_is_not_collected(no_survey, lang, status, note, flag):
    for ident, declared in (("S", "达标" if lang == "zh" else "Met"), ("V7", None)):
        card = indicator_card(no_survey, ident, lang)
        assert f">{status}</span>" in card and note in card and flag in card
        assert "ec-card--differs" in card
        assert ("justification follows" not in card) and ("理由或化解方案见下" not in card)
        if declared:
            assert f">{declared}</span>" in card


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_survey_table_and_sentence_copes_without_a_survey(no_survey, lang):
    short = label("survey.not_collected_short", lang)
    for name, make in SURVEY_TABLES.items():
        text = make(no_survey, lang)
        assert short in text and "<table" not in text, name
    assert short in sensitivity_summary(no_survey, lang)
    assert short in sensitivity_summary(no_survey, lang, conclusion_only=True)
    assert method_words(no_survey, lang) == label("survey.method_not_collected", lang)
    notice = not_collected(lang)
    assert label("survey.not_collected_title", lang) in notice and "survey_config" in notice
    assert FACTS["satisfaction_threshold"].read(no_survey) == 0.85  # the rules set it
    with pytest.raises(KeyError, match="no survey"):
        FACTS["satisfaction"].read(no_survey)


@pytest.mark.parametrize(
    "declared, stops",
    [
        ("不达标", False),  # the data cannot contradict it: no reason needed
        ("综合评定达标", False),
        ("化解后达标", True),  # still claims a plan, which the package lacks
    ],
)
def test_declarations_of_s_against_a_survey_not_collected(tmp_path, declared, stops):
    package = without_survey(tmp_path, {"S": declared})
    if not stops:
        assert compute_results(package).evaluation.indicators["S"].computed.status == "no_data"
        return
    with pytest.raises(InputErrors) as caught:
        compute_results(package)
    assert [(e.code, e.value) for e in caught.value.report.errors] == [
        ("unjustified", "S: 化解后达标")
    ]


def _text(page: Path) -> str:
    body = page.read_text(encoding="utf-8")
    body = body[body.index("<article") : body.index("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_the_site_of_a_county_without_a_survey_says_so_on_its_pages(tmp_path, build_county):
    package = without_survey(tmp_path)
    site = build_county(package, tmp_path / "site")
    zh, en = (
        _text(site / "recognition" / "index.html"),
        _text(site / "en" / "recognition" / "index.html"),
    )
    assert "尚未开展满意度调查" in zh and "本县的计算结果： 无数据 自评结论： 达标" in zh
    assert "Satisfaction survey not yet collected" in en and "Computed status: No data" in en
    for page in (zh, en):
        assert "按受访群体" not in page and "By respondent group" not in page
    recognition = (site / "recognition" / "index.html").read_text(encoding="utf-8")
    assert recognition.count("<table") == 1  # only the figures of the S card
    assert "<figure" not in recognition  # and no chart
    assert "满意度调查：尚未开展" in _text(site / "index.html")
    assert "Satisfaction survey: not collected yet" in _text(site / "en" / "index.html")
    assert "尚未开展满意度调查，暂无结果" in _text(site / "veto" / "index.html")
    assert not list((site / "data").glob("survey_*"))  # no survey tables in the open data


# -------------------------------------------- small counties: what cannot be computed says why


@cache
def small_results():
    return compute_results(SMALL)


def _small_survey(keep=None, values=None, **changes):
    """Return 柳河县's results with a tiny survey scored on the small fixture config."""
    config = dataclasses.replace(
        load_survey_config(ROOT / "tests" / "fixtures" / "survey" / "small.yaml"), **changes
    )
    groups, towns = np.repeat(np.arange(3), 12), np.tile(np.arange(3), 12)
    keep = np.ones(36, bool) if keep is None else keep
    answers = np.zeros((36, 4), np.int8) if values is None else values
    responses = SurveyResponses(
        source=SurveySource("tiny.csv", "csv", "", "utf-8"),
        group=groups[keep].astype(np.int8),
        town=towns[keep].astype(np.int16),
        answers=answers[keep],
        duration_s=np.full(int(keep.sum()), 300.0),
        submitted=np.arange(int(keep.sum()), dtype=np.uint64),
    )
    return dataclasses.replace(small_results(), survey=assess_survey(responses, config))


@pytest.mark.parametrize(
    "lang, words, reason",
    [
        ("zh", "无法计算", "「家长 × 丙镇」有总体人数，却没有受访者，无法加权"),
        ("en", "Cannot be computed", "“Parents × Bing Town” has a population but no respondents"),
    ],
)
def test_an_alternative_that_cannot_be_computed_shows_why(lang, words, reason):
    groups, towns = np.repeat(np.arange(3), 12), np.tile(np.arange(3), 12)
    results = _small_survey(keep=~((groups == 1) & (towns == 2)))  # no parent in 丙镇
    rows = _rows(sensitivity_table(results, lang))
    assert len(rows) == 5
    poststrat = [r for r in rows if words in r]
    assert len(poststrat) == 1 and html.unescape(reason) in html.unescape(poststrat[0])
    assert poststrat[0].count("<td>—</td>") == 2  # no value, no interval
    summary = sensitivity_summary(results, lang)
    assert ("在 4 种算法中" if lang == "zh" else "Of 4 methods") in summary
    assert ("另有 1 种算法" if lang == "zh" else "1 more cannot be computed") in summary


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_group_that_only_answered_dont_know_reads_no_valid_answers(lang):
    values = np.zeros((36, 4), np.int8)
    values[:12] = 4  # every student: 不了解
    results = _small_survey(values=values, quality_rules=())
    table = html.unescape(breakdown_table(results, "by_group", lang))
    reasons = survey_labels()["suppression"]
    assert f"{reasons['no_valid_answers']['mark']} {reasons['no_valid_answers'][lang]}" in table
    assert reasons["empty"][lang] not in table
