"""Verdict badges and tables (publish/_cards.py): a veto item is met when its situation does not
occur, so it reads 不存在 / 存在 ("Does not occur" / "Occurs"), never 达标 / Met."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from indicators import Figure
from publish import compute_results
from publish._cards import (
    badge_kind,
    differences_table,
    figure_label,
    format_figure,
    indicator_card,
    labelled,
    verdicts_table,
)
from publish._format import fmt_int
from publish._labels import label

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
BADGE = re.compile(r'<span class="ec-status [^"]*">([^<]*)</span>')
MET_WORDS = {"zh": "达标", "en": "met"}  # also inside 未达标, 不达标, "Not met"


@cache
def demo_results():
    return compute_results(DEMO)


def _veto_row(table: str, lang: str) -> list[str]:
    """Return the badge words of the verdicts table's veto row."""
    start = table.index(f'<th scope="row">{label("ui.veto_items", lang)}</th>')
    return BADGE.findall(table[start : table.index("</tr>", start)])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("computed, declared", [("met", "met"), ("not_met", "not_met")])
def test_verdicts_veto_row_uses_the_veto_words(lang, computed, declared):
    results = demo_results()
    evaluation = dataclasses.replace(
        results.evaluation, veto_computed=computed, veto_declared=declared
    )
    table = verdicts_table(dataclasses.replace(results, evaluation=evaluation), lang)
    words = _veto_row(table, lang)
    assert words == [label(f"veto.{computed}", lang), label(f"veto.{declared}", lang)]
    assert not any(MET_WORDS[lang].casefold() in w.casefold() for w in words)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verdicts_area_rows_keep_the_met_words(lang):
    results = demo_results()
    table = verdicts_table(results, lang)
    rows = table[table.index("<tbody>") :].split("</tr>")
    for area, row in zip(results.evaluation.areas.values(), rows, strict=False):
        words = [label(f"computed.{area.computed}", lang), label(f"declared.{area.declared}", lang)]
        assert BADGE.findall(row) == words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_veto_cards_never_say_met(lang):
    results = demo_results()
    allowed = {label(f"veto.{k}", lang) for k in ("met", "not_met", "no_data", "qualitative")}
    for ident in results.evaluation.veto:
        words = BADGE.findall(indicator_card(results, ident, lang))
        assert len(words) == 2 and set(words) <= allowed, (ident, words)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_veto_item_that_differs_is_listed_with_the_veto_words(lang):
    results = demo_results()
    v7 = results.evaluation.veto["V7"]
    computed = dataclasses.replace(v7.computed, status="not_met")
    differing = dataclasses.replace(v7, computed=computed, reason="理由", reason_en="Reason")
    veto = {**results.evaluation.veto, "V7": differing}
    evaluation = dataclasses.replace(results.evaluation, veto=veto)
    table = differences_table(dataclasses.replace(results, evaluation=evaluation), lang)
    row = table[table.index(">V7 ") :]
    words = BADGE.findall(row[: row.index("</tr>")])
    assert words == [label("veto.not_met", lang), label("veto.met", lang)]


def test_badge_kind_picks_the_veto_words_for_veto_items_only():
    evaluation = demo_results().evaluation
    assert badge_kind(evaluation.veto["V1"], "declared") == "veto"
    assert badge_kind(evaluation.veto["V7"], "computed") == "veto"
    assert badge_kind(evaluation.indicators["G5"], "computed") == "computed"
    assert badge_kind(evaluation.indicators["G5"], "declared") == "declared"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_veto_items_the_data_cannot_show_cite_their_basis(lang):
    """V1–V6 are declarations: each card names the document it rests on, like G1 does; English
    cards give the English gloss and keep the Chinese title for looking the document up."""
    results = demo_results()
    qualitative = [r for r in results.evaluation.veto.values() if r.kind == "qualitative"]
    assert len(qualitative) == len(results.evaluation.veto) - 1  # all but V7
    for result in qualitative:
        card = indicator_card(results, result.id, lang)
        assert 'class="ec-document"' in card, result.id
        assert html.escape(result.document) in card, result.id
        if lang == "en":
            assert result.document_en and html.escape(result.document_en) in card, result.id


SUMMARY_COUNT = re.compile(r"<summary>(.*?)[（(]([\d,]+)[）)]</summary>")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_g4_card_totals_match_its_tables_and_their_titles(lang):
    """The card's two totals are the row counts of its two tables; the table of every school
    above the base limit says so in its title (limits from the rules) and marks those that
    exceed the limit that applies to them."""
    results = demo_results()
    g4 = results.evaluation.indicators["G4"]
    figures = {f.key: f.value for f in g4.computed.values}
    card = indicator_card(results, "G4", lang)
    (_, failing), (detail_title, detail) = SUMMARY_COUNT.findall(card)
    assert int(failing.replace(",", "")) == figures["g4_noncompliant"] == len(g4.computed.failing)
    assert int(detail.replace(",", "")) == figures["g4_oversized"] == len(g4.computed.detail)
    thresholds = results.evaluation_rules.indicators["G4"].thresholds
    for key in ("single_level_max", "through_max"):
        assert fmt_int(thresholds[key], lang) in detail_title
    detail_table = card[card.rindex("<summary>") :]
    marked_yes = detail_table.count(f"<td>{label('ui.yes', lang)}</td>")
    assert marked_yes == figures["g4_noncompliant"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_q9_card_says_beside_its_status_that_only_the_variation_was_checked(lang):
    results = demo_results()
    card = indicator_card(results, "Q9", lang)
    first_status = card[card.index("<dd>") : card.index("</dd>")]
    note = label(f"computed_note.{results.evaluation.indicators['Q9'].computed.note}", lang)
    assert html.escape(note) in first_status


@pytest.mark.parametrize(
    "lang, expected",
    [("zh", "<strong>理由：</strong>x"), ("en", "<strong>Reason:</strong> x")],
)
def test_a_chinese_label_takes_no_space_after_its_full_width_colon(lang, expected):
    assert labelled("ui.reason", "x", lang) == expected


def test_differences_table_counts_measures_without_a_stray_space():
    table = differences_table(demo_results(), "zh")
    assert f"{label('ui.plans_count', 'zh')}2" in table  # 化解方案条数：25, not "： 25"


@pytest.mark.parametrize(
    "figure, lang, text",
    [
        (Figure("g9_trained_share", 1.0, "share", ">="), "zh", "100%"),  # a threshold as written
        (Figure("q9_max_between_school", 0.15, "share", "<"), "en", "15%"),
        (Figure("satisfaction", 0.85, "share", ">="), "zh", "85%"),
        (Figure("satisfaction", 0.8651, "share"), "zh", "86.51%"),  # as the survey reports it
        (Figure("g11_rotated_share", 0.13055, "share"), "en", "13.1%"),  # a share: one place
        (Figure("x", 0.125, "share", ">="), "en", "12.5%"),  # a threshold is never rounded
    ],
)
def test_shares_and_thresholds_follow_the_stated_rounding(figure, lang, text):
    assert format_figure(figure, lang) == text


def test_county_measures_read_as_labels_on_english_cards():
    assert figure_label("special_school_funds_yuan_per_student", "en") == (
        "Special-school operating funds per student"
    )
    assert figure_label("small_school_public_funds_yuan", "en").startswith("Operating funds")
    assert figure_label("primary_zoned_entrants", "en").startswith("of whom")  # a sub-row
    assert figure_label("small_school_public_funds_yuan", "zh").startswith("不足 100 名")


def with_computed(results, ident: str, computed):
    """Return the results with one indicator's computed side replaced."""
    evaluation = results.evaluation
    changed = dataclasses.replace(evaluation.indicators[ident], computed=computed)
    indicators = {**evaluation.indicators, ident: changed}
    return dataclasses.replace(
        results, evaluation=dataclasses.replace(evaluation, indicators=indicators)
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_g7_card_without_a_special_school_says_not_applicable_and_why(lang):
    from indicators import load_evaluation_rules
    from indicators._guarantee import g7_special_funds
    from tests.indicators.test_guarantee import inputs, section

    computed = g7_special_funds(inputs([section("S1")]), load_evaluation_rules().indicators["G7"])
    card = indicator_card(with_computed(demo_results(), "G7", computed), "G7", lang)
    first_status = card[card.index("<dd>") : card.index("</dd>")]
    assert label("computed.not_applicable", lang) in BADGE.findall(first_status)
    assert html.escape(label("computed_note.g7_no_special_school", lang)) in first_status
    assert "ec-card--differs" not in card  # 达标 declared, nothing to fail


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_b_card_with_one_junior_section_judges_the_primary_level_and_says_so(lang):
    from indicators import assess_resources, load_resource_rules
    from indicators._verdicts import _balance_computed
    from tests.indicators.test_resources import small_county

    county = small_county(["primary", "primary", "junior"])
    computed = _balance_computed(assess_resources(county, load_resource_rules()))
    card = indicator_card(with_computed(demo_results(), "B", computed), "B", lang)
    first_status = card[card.index("<dd>") : card.index("</dd>")]
    assert label("computed.met", lang) in BADGE.findall(first_status)
    assert html.escape(label("computed_note.b_levels_not_meaningful", lang)) in first_status
    assert label("level.junior", lang) not in card.split("ec-figures")[1]


SMALL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "county_small"


@pytest.mark.parametrize("written, shown", [("Ⅲ", "Ⅲ"), ("Ⅲ级", "Ⅲ"), ("4", "Ⅳ"), ("", "—")])
def test_q9_card_shows_the_attainment_level_as_the_report_writes_it(tmp_path, written, shown):
    """The monitoring's 学业水平等级 is not a school level (学段): its column used to be looked
    up among the school levels and crashed the build (KeyError '3')."""
    import shutil

    package = tmp_path / "liuhe"
    shutil.copytree(SMALL, package)
    monitoring = package / "monitoring.csv"
    lines = monitoring.read_text("utf-8-sig").splitlines()
    lines[1] = lines[1].rstrip(",") + "," + written if lines[1].endswith(",") else lines[1]
    monitoring.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    results = compute_results(package)
    for lang in ("zh", "en"):
        card = indicator_card(results, "Q9", lang)
        assert html.escape(label("column.attainment_level", lang)) in card
        rows = re.findall(r"<tr>(.*?)</tr>", card[card.rindex("<table") :], flags=re.S)
        assert f"<td>{shown}</td>" in rows[1]


def liuhe_with_monitoring(tmp_path, levels: tuple[str, str], between=None, reading=None):
    """Return the small county's results with its 学业水平等级 (and 校间差异) filled in as a
    county would type them, under the Q9 reading given."""
    import csv
    import shutil

    package = tmp_path / "liuhe"
    shutil.copytree(SMALL, package)
    monitoring = package / "monitoring.csv"
    rows = list(csv.reader(monitoring.read_text("utf-8-sig").splitlines()))
    for row, level in zip(rows[1:], levels, strict=True):
        row[-1] = level
    if between is not None:
        for row, value in zip(rows[1:], between, strict=True):
            row[-2] = value
    monitoring.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    if reading:
        toml = package / "county.toml"
        toml.write_text(toml.read_text("utf-8") + f'q9_reading = "{reading}"\n', "utf-8")
    return compute_results(package, draft=True)  # the declared 达标 would stop a full build


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_q9_card_under_the_level_reading_shows_the_lowest_level_against_level_iii(tmp_path, lang):
    """`variation_and_level` (county.toml q9_reading): the card gives the lowest grade beside
    its threshold, written as the monitoring writes it, and a grade below Ⅲ fails."""
    results = liuhe_with_monitoring(tmp_path, ("Ⅱ级", "4"), reading="variation_and_level")
    card = indicator_card(results, "Q9", lang)
    first_status = card[card.index("<dd>") : card.index("</dd>")]
    assert BADGE.findall(first_status) == [label("computed.not_met", lang)]
    lowest = html.escape(figure_label("q9_lowest_level", lang))
    assert re.search(rf"<th scope=\"row\">{re.escape(lowest)}</th><td>Ⅱ</td>", card)
    assert "<td>≥ Ⅲ</td>" in card
    failing = card[card.index(html.escape(label("ui.units_failing_q9", lang))) :]
    assert "<td>Ⅱ</td>" in failing and "<td>Ⅳ</td>" not in failing.split("</details>")[0]


@pytest.mark.parametrize("reading", ["variation", "variation_and_level"])
def test_q9_card_with_a_subject_without_its_between_school_figure_says_no_data(tmp_path, reading):
    """A subject whose 校间差异 is empty is no data under either reading, never a pass."""
    results = liuhe_with_monitoring(tmp_path, ("3", "4"), between=("11.2", ""), reading=reading)
    for lang in ("zh", "en"):
        card = indicator_card(results, "Q9", lang)
        first_status = card[card.index("<dd>") : card.index("</dd>")]
        assert BADGE.findall(first_status) == [label("computed.no_data", lang)]
        note = label("computed_note.q9_between_school_missing", lang)
        assert html.escape(note) in first_status


def test_a_difference_that_needs_no_reason_says_why(tmp_path):
    """Without a survey, S declared 达标 needs no reason yet; its row in the differences says
    the survey is not collected instead of leaving the reason empty."""
    package = tmp_path / "county"
    shutil.copytree(DEMO.parents[1] / "tests" / "fixtures" / "county_small", package)
    toml = package / "county.toml"
    kept = [
        line
        for line in toml.read_text(encoding="utf-8").splitlines()
        if line.split("=")[0].strip() not in {"survey", "survey_config"}
    ]
    toml.write_text("\n".join(kept) + "\n", encoding="utf-8")
    results = compute_results(package)
    for lang in ("zh", "en"):
        row = next(r for r in differences_table(results, lang).split("<tr>") if ">S " in r)
        assert html.escape(label("computed_note.survey_not_collected", lang)) in row
