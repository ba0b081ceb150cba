"""The methodology's worked example points at the right cells of the published files."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from publish._opendata import published_table
from publish._recompute_doc import recompute_example
from publish._results import compute_results

SMALL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "county_small"


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def cell(frame, address: str):
    letters, row = re.fullmatch(r"([A-Z]+)(\d+)", address).groups()
    return frame.iloc[int(row) - 2, column_index(letters)]  # row 1 is the header


@pytest.fixture(scope="module")
def results():
    return compute_results(SMALL)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_formulas_compute_the_published_value_and_cv(results, lang):
    text = html.unescape(recompute_example(results, lang))
    register = published_table(results, "school_register")
    sections = published_table(results, "sections")
    area, students = re.search(r"=([A-Z]+\d+)/([A-Z]+\d+)</code>", text).groups()
    section_id = cell(register, area.replace(area.rstrip("0123456789"), "A"))
    value = cell(register, area) / cell(register, students)
    published = sections.set_index("section_id").loc[section_id, "R4"]
    assert value == pytest.approx(published, rel=1e-12)
    mean = re.search(
        r"=SUMPRODUCT\(\(([A-Z]+)2:\1(\d+)=\"(\w+)\"\)\*([A-Z]+)2:\4\d+\*([A-Z]+)2", text
    )
    level_col, last, level, p_col, x_col = mean.groups()
    assert int(last) == len(sections) + 1
    rows = sections[sections.iloc[:, column_index(level_col)] == level]
    p, x = rows.iloc[:, column_index(p_col)], rows.iloc[:, column_index(x_col)]
    weighted = (p * x).sum() / p.sum()
    spread = (((x - weighted) ** 2 * p).sum() / p.sum()) ** 0.5
    cvs = published_table(results, "cvs").set_index(["level", "indicator"])
    assert spread / weighted == pytest.approx(cvs.loc[(level, "R4"), "cv"], rel=1e-12)
