"""Verdict badges and tables (publish/_cards.py): a veto item is met when its situation does not
occur, so it reads 不存在 / 存在 ("Does not occur" / "Occurs"), never 达标 / Met."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest

from publish import compute_results
from publish._cards import badge_kind, differences_table, indicator_card, verdicts_table
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
