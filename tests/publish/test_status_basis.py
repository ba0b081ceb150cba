"""Every status says what it rests on, and a verdict the declarations do not state is marked as
the site's own derivation (issue 16 §2). Runs on 柳河县 (tests/fixtures/county_small)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from indicators import load_evaluation_rules
from publish._cards import indicator_card, verdicts_table
from publish._labels import label
from publish._opendata import published_table
from publish._results import compute_results

SMALL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "county_small"


@pytest.fixture(scope="module")
def small():
    return compute_results(SMALL)


@pytest.mark.parametrize(
    "ident, basis",
    [
        ("R", "school_rows"),
        ("B", "school_rows"),
        ("G3", "school_rows"),
        ("G4", "school_rows"),
        ("G5", "class_rows"),
        ("G8", "county_figure"),
        ("Q1", "county_figure"),
        ("Q9", "monitoring"),
        ("S", "survey"),
        ("V7", "survey"),
        ("G1", "declared"),
        ("Q5", "declared"),
        ("V1", "declared"),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_card_says_what_its_status_rests_on(small, ident, basis, lang):
    card = html.unescape(indicator_card(small, ident, lang))
    shown = re.search(r'<dd class="ec-card__basis">(.*?)</dd>', card)
    assert shown, card[:400]
    assert shown.group(1) == label(f"basis.{basis}", lang)


def test_every_indicator_and_veto_item_has_a_basis_that_fits_its_kind():
    rules = load_evaluation_rules()
    for rule in rules.indicators.values():
        assert (rule.basis == "declared") == (rule.kind == "qualitative"), rule.id
    assert {v.id: v.basis for v in rules.veto.values()}["V7"] == "survey"


def test_a_basis_that_does_not_fit_the_kind_is_refused(tmp_path):
    import indicators

    text = (Path(indicators.__file__).with_name("evaluation.yaml")).read_text(encoding="utf-8")
    wrong = tmp_path / "evaluation.yaml"
    wrong.write_text(text.replace("basis: class_rows", "basis: declared", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="G5: basis 'declared'"):
        load_evaluation_rules(wrong)


def test_the_open_data_says_the_basis_of_every_status(small):
    table = published_table(small, "indicators").set_index("indicator")
    assert table.loc["G5", "basis"] == "class_rows" and table.loc["G1", "basis"] == "declared"


def test_verdicts_the_declarations_do_not_state_are_marked_as_derived(small):
    assert not any(a.declared_stated for a in small.evaluation.areas.values())
    for lang in ("zh", "en"):
        table = verdicts_table(small, lang)
        assert table.count('class="ec-derived"') == 6  # four areas, veto, overall
        assert label("basis.derived", lang) in html.unescape(table)
    verdicts = published_table(small, "verdicts")
    assert not verdicts["declared_stated"].any()


def test_a_verdict_stated_in_the_declarations_is_shown_as_stated(tmp_path):
    package = tmp_path / "liuhe"
    shutil.copytree(SMALL, package)
    declarations = package / "declarations.csv"
    text = declarations.read_text(encoding="utf-8-sig")
    columns = text.splitlines()[0].count(",")
    declarations.write_text(
        text.rstrip("\n") + "\n" + "quality,综合评定达标" + "," * (columns - 1) + "\n"
        "overall,达标" + "," * (columns - 1) + "\n",
        encoding="utf-8",
    )
    results = compute_results(package)
    quality = results.evaluation.areas["quality"]
    assert quality.declared == "met_by_judgement" and quality.declared_stated
    assert results.evaluation.overall_declared == "met"
    assert results.evaluation.overall_declared_stated
    assert not results.evaluation.areas["guarantee"].declared_stated
    table = verdicts_table(results, "zh")
    assert table.count('class="ec-derived"') == 4  # guarantee, resources, recognition, veto
    stated = published_table(results, "verdicts").set_index("scope")["declared_stated"]
    assert stated["quality"] and stated["overall"] and not stated["veto"]
