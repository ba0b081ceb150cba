"""Results tables (publish/_tables.py): floors shown exactly, whole yuan without decimals."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from publish import compute_results
from publish._tables import exact_places, rule_options_table, standards_table

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
