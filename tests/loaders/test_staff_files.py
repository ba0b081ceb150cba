"""Messages for what staff really produce (issue 14 §3): each named by its cause, located, in
both languages, with no library text. Runs on 柳河县 (tests/fixtures/county_small)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from loaders import InputErrors, load_county

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"


def errors_of(package: Path) -> list:
    with pytest.raises(InputErrors) as caught:
        load_county(package)
    return caught.value.report.errors


def located(package: Path) -> set[tuple]:
    return {(e.file, e.row, e.column, e.code) for e in errors_of(package)}


def test_toml_syntax_error_names_line_and_character(package):
    text = (package / "county.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("name_zh"))
    lines[at] = "name_zh = “柳河县”"  # Chinese quotes, as an IME types them
    (package / "county.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (error,) = errors_of(package)
    assert (error.file, error.row, error.code) == ("county.toml", at + 1, "toml-syntax")
    assert f"第 {at + 1} 行第 11 个字符" in error.message("zh")
    assert "character 11" in error.message("en")
    assert "Expected" not in error.message("en") and "Invalid" not in error.message("en")


def test_total_row_is_named_once_not_as_its_symptoms(package):
    workbook = load_workbook(package / "schools.xlsx")
    sheet = workbook.worksheets[0]
    last = sheet.max_row + 1
    sheet.cell(row=last, column=3, value="合计")  # 学校名称
    sheet.cell(row=last, column=13, value=5000)  # 在校学生数
    workbook.save(package / "schools.xlsx")
    assert located(package) == {("schools.xlsx", last, "学校名称", "total-row")}


@pytest.mark.parametrize("written", ["总计", "小计", "全县合计", "合 计："])
def test_every_spelling_of_a_total_row(package, written):
    path = package / "classes.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows.append([written, "", "", "6000"])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert located(package) == {("classes.csv", len(rows), "学部编号", "total-row")}


@pytest.mark.parametrize(("separator", "words"), [(";", "分号"), ("\t", "制表符")])
def test_csv_with_another_separator_says_so(package, separator, words):
    path = package / "classes.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=separator).writerows(rows)
    (error,) = errors_of(package)
    assert (error.file, error.row, error.code) == ("classes.csv", 1, "wrong-separator")
    assert words in error.message("zh") and "comma" in error.message("en")


def test_impossible_date_is_refused_where_it_is(package):
    path = package / "remediation.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[1][rows[0].index("状态更新日期")] = "2025-02-31"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert located(package) == {("remediation.csv", 2, "状态更新日期", "bad-date")}


def test_register_on_a_later_sheet_is_named_with_its_sheet(package):
    """Staff often keep a cover or notes sheet first: say where the table is, not that every
    column is missing."""
    workbook = load_workbook(package / "schools.xlsx")
    cover = workbook.create_sheet("填表说明", 0)
    cover["A1"] = "本表由县教育局填报"
    workbook.save(package / "schools.xlsx")
    (error,) = errors_of(package)
    assert (error.file, error.code, error.value) == (
        "schools.xlsx",
        "data-on-other-sheet",
        "学校登记表",
    )
    assert "填表说明" in error.message("zh") and "first sheet" in error.message("en")


def test_a_mistyped_section_in_the_classes_is_the_only_error(package):
    """The register's class count for that section is one short as a consequence: not listed."""
    path = package / "classes.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[5][0] = "LH1O"  # the letter O for the zero
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert located(package) == {("classes.csv", 6, "学部编号", "unknown-reference")}
