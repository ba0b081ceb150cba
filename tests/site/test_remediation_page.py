"""The remediation page: each measure's status and status date, overdue ones marked, a summary."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from indicators import count_plans
from publish import compute_results
from publish._format import fmt_int
from publish._labels import label

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


@cache
def demo_plans():
    return compute_results(DEMO).evaluation.plans


def plan_rows(site: Path, lang: str) -> list[str]:
    base = site if lang == "zh" else site / "en"
    html = (base / "remediation" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('ec-plans"') :]
    table = table[: table.index("</table>")]
    return re.findall(r"<tr>(.*?)</tr>", table)[1:]  # the header row first


def test_the_demo_has_completed_open_and_overdue_measures():
    counts = count_plans(demo_plans())
    assert counts.completed and counts.open_on_time and counts.overdue


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overdue_measures_are_marked_by_word_and_class(built_site, lang):
    rows = plan_rows(built_site, lang)
    plans = sorted(demo_plans(), key=lambda p: (p.deadline, p.indicator))
    assert len(rows) == len(plans)
    overdue_word = label("plan_status.overdue", lang)
    for row, plan in zip(rows, plans, strict=True):
        marked = f'<td class="ec-plan ec-plan--overdue">{overdue_word}</td>' in row
        assert marked is plan.overdue, (plan.section_id, plan.deadline)
        assert f"<td>{plan.status_date}</td>" in row  # the as-of date beside the progress
        if not plan.overdue:
            assert f"ec-plan--{plan.status}" in row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_counts_the_measures(built_site, lang):
    base = built_site if lang == "zh" else built_site / "en"
    html = (base / "remediation" / "index.html").read_text(encoding="utf-8")
    summary = html[: html.index('ec-plans"')]
    counts = count_plans(demo_plans())
    for value in (counts.total, counts.completed, counts.open_on_time, counts.overdue):
        assert fmt_int(value, lang) in summary
    assert counts.latest_status_date in summary


def test_open_data_carries_the_status_date_and_overdue_flag(built_site):
    text = (built_site / "data" / "remediation.csv").read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert {"status", "status_date", "overdue"} <= set(header)
    overdue = sum(
        line.split(",")[header.index("overdue")] == "True" for line in text.splitlines()[1:]
    )
    assert overdue == count_plans(demo_plans()).overdue
