"""The overview's key findings follow the data: each shortfall with its own figures, the
plans, and nothing about indicators that are met."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from publish import compute_results, fmt_int
from publish._cards import format_figure
from publish._findings import key_findings
from publish._page import Page

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"


def lines(results, lang: str = "zh") -> list[str]:
    url = "" if lang == "zh" else "en/"
    return re.findall(r"<li>(.*?)</li>", key_findings(results, Page(lang, url)))


def figures(results, ident: str, lang: str) -> dict[str, str]:
    computed = results.evaluation.indicators[ident].computed
    # a value and its threshold may share a key: the value is the figure a sentence names
    return {f.key: format_figure(f, lang) for f in (*computed.thresholds, *computed.values)}


def rewrite(path: Path, change) -> None:
    """Rewrite a CSV of the package through `change(rows)` (rows as lists, header first)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    target = tmp_path / "county"
    shutil.copytree(SMALL, target)
    return target


@pytest.fixture(scope="module")
def small():
    return compute_results(SMALL)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_class_size_shortfall_is_told_with_its_own_figures(small, lang):
    g5 = figures(small, "G5", lang)
    line = next(x for x in lines(small, lang) if "#g5" in x)
    for key in ("g5_primary_classes", "g5_primary_oversized", "g5_primary_class_max"):
        assert g5[key] in line
    assert g5["g5_primary_oversized"] == fmt_int(1, lang)  # the one class of 48 in 柳河县


def test_only_indicators_that_fall_short_get_a_line(small):
    linked = re.findall(r'href="[^"]*#(\w+)"', "".join(lines(small)))
    short = [
        r.id.lower() for r in small.evaluation.indicators.values() if r.computed.status == "not_met"
    ]
    assert linked == short == ["g5"]


def test_the_plans_line_counts_every_plan_and_gives_the_last_deadline(small):
    plans = small.evaluation.plans
    line = lines(small)[-1]
    assert f"化解方案 {fmt_int(len(plans), 'zh')} 项" in line
    assert max(p.deadline for p in plans) in line


def test_an_indicator_without_a_sentence_of_its_own_compares_value_and_standard(package):
    """G9 falls short when a teacher fewer than the threshold needs has done the training."""
    rewrite(
        package / "measures.csv",
        lambda rows: next(r for r in rows if r[1] == "teachers_trained_360h").__setitem__(3, "300"),
    )
    rewrite(
        package / "declarations.csv",
        lambda rows: next(r for r in rows if r[0] == "G9").__setitem__(
            slice(1, 3), ["不达标", "培训尚未完成"]
        ),
    )
    results = compute_results(package)
    g9 = figures(results, "G9", "en")
    line = next(x for x in lines(results, "en") if "#g9" in x)
    assert line.startswith("G9 ")
    assert f"is {g9['g9_trained_share']}; the standard is ≥" in line
    assert "Declared" not in line  # declared not met: nothing to set beside it


def test_a_county_that_meets_everything_is_told_so(package):
    def within_limit(rows):  # LH02's class of 48 loses three pupils to its class of 41
        for row in rows:
            if row[0] == "LH02" and row[3] in {"48", "41"}:
                row[3] = {"48": "45", "41": "44"}[row[3]]

    rewrite(package / "classes.csv", within_limit)
    rewrite(
        package / "declarations.csv",
        lambda rows: [r.__setitem__(1, "达标") for r in rows if r[0] == "G5"],
    )
    rewrite(package / "remediation.csv", lambda rows: rows.__delitem__(slice(1, None)))
    results = compute_results(package)
    assert results.evaluation.overall_computed == "met"
    found = lines(results, "en")
    assert "Every indicator that can be computed from the data is met." in found
    assert not any("href" in x for x in found) and not any("Remediation" in x for x in found)
