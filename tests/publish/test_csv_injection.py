"""Open-data CSV cells cannot become spreadsheet formulas (issue 15 §2); the JSON keeps the text.
Runs on 柳河县 (tests/fixtures/county_small) with a school name typed as a formula."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from loaders import load_county
from publish._csv_safe import neutralised
from publish._opendata_files import write_open_data
from publish._results import results_from_package

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"
PAYLOAD = '=HYPERLINK("http://example.invalid","点击")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_is_neutralised(start):
    assert neutralised(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("text", ["第一小学", "1-2", "", None, 3.5])
def test_other_values_are_left_alone(text):
    assert neutralised(text) == text


def test_a_formula_in_a_school_name_is_text_in_every_csv(tmp_path):
    package = tmp_path / "county"
    shutil.copytree(SMALL, package)
    workbook = load_workbook(package / "schools.xlsx")
    sheet = workbook.worksheets[0]
    column = next(c.column for c in sheet[2] if c.value == "学校名称")
    cell = sheet.cell(row=3, column=column, value=PAYLOAD)
    cell.data_type = "s"  # text typed with a leading =, as a '= in Excel stores it
    workbook.save(package / "schools.xlsx")
    written = write_open_data(results_from_package(load_county(package)), tmp_path / "site")
    csv_cells = [
        cell
        for path in written
        if path.suffix == ".csv"
        for row in csv.reader(path.open(encoding="utf-8-sig"))
        for cell in row
    ]
    assert "'" + PAYLOAD in csv_cells
    assert not [cell for cell in csv_cells if cell.startswith("=")]
    json_text = "".join(p.read_text(encoding="utf-8") for p in written if p.suffix == ".json")
    assert json.dumps(PAYLOAD, ensure_ascii=False) in json_text  # exact in JSON
