"""Results tables (publish/_tables.py): floors shown exactly, whole yuan without decimals."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest

from indicators import assess_resources, basic_facts, in_scope, load_resource_rules
from publish import compute_results
from publish._labels import label
from publish._table_html import exact_places
from publish._tables import (
    basic_by_level_table,
    cv_table,
    rule_options_table,
    standards_table,
)

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


@cache
def demo_results():
    return compute_results(DEMO)


@pytest.mark.parametrize(
    "value, at_least, expected",
    [
        (2.3 * 0.85, 3, 3),  # 1.955 (1.9549999999999998 in binary): three places, not "1.95"
        (4.2 * 0.85, 3, 3),  # 3.57 shown as 3.570
        (4.21 * 0.85, 3, 4),  # 3.5785 needs a fourth place
        (2000 * 0.85, 0, 0),  # whole yuan
        (2125.5, 0, 1),
        (1 / 3, 2, 6),  # capped
    ],
)
def test_exact_places(value, at_least, expected):
    assert exact_places(value, at_least) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_standards_table_shows_floors_unrounded_and_yuan_whole(lang):
    cells = re.findall(r"<td>([^<]*)</td>", standards_table(demo_results(), lang))
    assert "1.955" in cells and "0.765" in cells  # R7 and R3 floors, primary
    assert "2,000" in cells and "2,125" in cells  # R6 standard and junior floor
    assert not any(c.endswith(".00") and "," in c for c in cells)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_options_name_the_small_point_limit_instead_of_a_cross_reference(lang):
    html = rule_options_table(demo_results(), lang)
    row = html[html.index("exclude_small_points") :]
    row = row[: row.index("</tr>")]
    assert str(demo_results().rules.small_point_limit) in row
    assert "{" not in html and "见上文" not in html and "above" not in row


def small_results(levels: list[str]) -> SimpleNamespace:
    """Return what the CV table reads, for a county of one section per entry of `levels`."""
    from tests.indicators.test_resources import small_county

    rules = load_resource_rules()
    return SimpleNamespace(resources=assess_resources(small_county(levels), rules), rules=rules)


@pytest.mark.parametrize(
    "lang, one, none",
    [
        ("zh", "不适用：仅一个学部", "不适用：没有学部"),
        ("en", "Not meaningful with one section", "No sections"),
    ],
)
def test_a_level_with_one_section_or_none_shows_why_it_has_no_cv(lang, one, none):
    cells = re.findall(r"<td>([^<]*)</td>", cv_table(small_results(["primary", "junior"]), lang))
    assert cells.count(one) == 14 and "0.000" not in cells
    assert cells.count("—") == 14  # no coefficient printed, the limit still is
    cells = re.findall(r"<td>([^<]*)</td>", cv_table(small_results(["primary", "primary"]), lang))
    assert cells.count(none) == 7
    assert cells.count("0.000") == 7  # two equal primary sections: a real 0, met
    assert cells.count("达标" if lang == "zh" else "Met") == 7


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_basic_table_counts_the_teaching_points_outside_the_rules_only_when_there_are_any(lang):
    from tests.indicators.test_basic import county

    schools = county()
    outside = basic_facts(schools, in_scope(schools, True, 50))
    html = basic_by_level_table(SimpleNamespace(basic=outside), lang)
    assert label("column.points_outside", lang) in html
    assert "<td>1,690</td>" in html  # total students, the teaching point under 50 included
    inside = basic_facts(schools, in_scope(schools, False))
    assert label("column.points_outside", lang) not in basic_by_level_table(
        SimpleNamespace(basic=inside), lang
    )
