"""What a workbook's layout does to its cells (issue 14 §1, §3): a table on a named sheet of one
workbook, the template's example row, merged cells, formulas without results, percentage cells
and identifiers that lost their leading zeros. Runs on 柳河县 (tests/fixtures/county_small)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from loaders import InputErrors, load_county

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"


def errors_of(package: Path) -> list:
    with pytest.raises(InputErrors) as caught:
        load_county(package)
    return caught.value.report.errors


def set_file(package: Path, key: str, value: str) -> None:
    text = (package / "county.toml").read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
    (package / "county.toml").write_text(text, encoding="utf-8")


def schools_sheet(package: Path):
    workbook = load_workbook(package / "schools.xlsx")
    return workbook, workbook.worksheets[0]


def column_of(sheet, header: str) -> int:
    return next(c.column for c in sheet[2] if c.value == header)


def test_two_tables_on_named_sheets_of_one_workbook(package):
    workbook, sheet = schools_sheet(package)
    sheet.title = "学校名册"
    classes = workbook.create_sheet("班级名册")
    for line in (package / "classes.csv").read_text(encoding="utf-8-sig").splitlines():
        classes.append(line.split(","))
    workbook.move_sheet("班级名册", offset=-1)  # the classes first: the sheet name must count
    workbook.save(package / "数据.xlsx")
    set_file(package, "schools", '{ file = "数据.xlsx", sheet = "学校名册" }')
    set_file(package, "classes", '{ file = "数据.xlsx", sheet = "班级名册" }')
    loaded = load_county(package)
    assert len(loaded.classes) == 152
    assert loaded.files["schools"] == "数据.xlsx [学校名册]"
    assert loaded.schools["section_id"].tolist()[0] == "LH01"


def test_a_sheet_name_the_workbook_lacks_lists_its_sheets(package):
    set_file(package, "schools", '{ file = "schools.xlsx", sheet = "学校" }')
    (error,) = errors_of(package)
    assert (error.file, error.code, error.value) == ("schools.xlsx [学校]", "sheet-missing", "学校")
    assert "「学校登记表」" in error.message("zh") and "did you mean 学校登记表?" in error.message(
        "en"
    )


def test_an_inline_table_with_a_wrong_key_is_refused(package):
    set_file(package, "schools", '{ path = "schools.xlsx" }')
    (error,) = errors_of(package)
    assert (error.file, error.column, error.code) == ("county.toml", "files.schools", "bad-config")
    assert 'sheet = "sheet name"' in error.message("en")


def test_the_example_row_of_a_template_is_not_data(package):
    workbook, sheet = schools_sheet(package)
    sheet.insert_rows(3)
    for column, cell in enumerate(sheet[4], start=1):
        sheet.cell(row=3, column=column, value=cell.value)
    sheet.cell(row=3, column=1, value="样例：LH99")
    workbook.save(package / "schools.xlsx")
    assert "样例：LH99" not in load_county(package).schools["section_id"].tolist()


def test_merged_town_cells_are_filled_down(package):
    workbook, sheet = schools_sheet(package)
    town = column_of(sheet, "镇街")
    assert sheet.cell(row=8, column=town).value == sheet.cell(row=11, column=town).value
    for row in range(9, 12):
        sheet.cell(row=row, column=town, value=None)
    sheet.merge_cells(start_row=8, end_row=11, start_column=town, end_column=town)
    workbook.save(package / "schools.xlsx")
    schools = load_county(package).schools
    assert schools.loc[8:11, "town"].tolist() == [sheet.cell(row=8, column=town).value] * 4


def test_merged_figures_are_named_as_merged_cells(package):
    workbook, sheet = schools_sheet(package)
    area = column_of(sheet, "体育运动场馆面积（㎡）")
    sheet.merge_cells(start_row=5, end_row=6, start_column=area, end_column=area)
    workbook.save(package / "schools.xlsx")
    errors = errors_of(package)
    merged = [e for e in errors if e.code == "merged-cells"]
    assert [(e.file, e.row, e.column) for e in merged] == [
        ("schools.xlsx", 5, "体育运动场馆面积（㎡）")
    ]
    assert "合并单元格" in merged[0].message("zh") and "merged" in merged[0].message("en")
    assert [e for e in errors if e.code != "merged-cells"] == []  # not "empty" on row 6 too


def test_formulas_without_results_are_said_once(package):
    workbook, sheet = schools_sheet(package)
    students = column_of(sheet, "在校学生数")
    for row in range(3, sheet.max_row + 1):  # a program wrote formulas, nobody opened the file
        sheet.cell(row=row, column=students, value=f"=100+{row}")
    workbook.save(package / "schools.xlsx")
    (error,) = errors_of(package)
    assert (error.file, error.row, error.column, error.code) == (
        "schools.xlsx",
        3,
        "在校学生数",
        "formula-no-value",
    )
    assert "Excel" in error.message("zh") and "never opened" in error.message("en")


def test_formulas_with_cached_results_are_read(package):
    workbook, sheet = schools_sheet(package)
    students = column_of(sheet, "在校学生数")
    wanted = sheet.cell(row=3, column=students).value
    sheet.cell(row=3, column=students, value=f"={wanted}+0")
    workbook.save(package / "schools.xlsx")
    _put_cached_value(package / "schools.xlsx", f"{wanted}+0", str(wanted))  # as Excel saves it
    assert load_county(package).schools.loc[3, "students"] == wanted


def _put_cached_value(path: Path, formula: str, value: str) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = re.sub(
        rf"<f>{re.escape(formula)}</f><v\s*/?>(</v>)?".encode(),
        f"<f>{formula}</f><v>{value}</v>".encode(),
        members[sheet],
    )
    assert f"<v>{value}</v>".encode() in members[sheet]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_cell_shown_as_a_percentage_is_read_as_shown(package):
    lines = (package / "monitoring.csv").read_text(encoding="utf-8-sig").splitlines()
    workbook = Workbook()
    sheet = workbook.active
    for line in lines:
        sheet.append(
            [float(v) if re.fullmatch(r"-?\d+(\.\d+)?", v) else v for v in line.split(",")]
        )
    sheet.cell(row=2, column=5, value=0.825).number_format = "0.0%"  # shown 82.5 %
    workbook.save(package / "monitoring.xlsx")
    set_file(package, "monitoring", '"monitoring.xlsx"')
    monitoring = load_county(package).monitoring
    assert monitoring.loc[2, "share_medium_or_above_pct"] == pytest.approx(82.5)
    assert monitoring.loc[3, "share_medium_or_above_pct"] == pytest.approx(78.1)


def test_identifiers_that_lost_their_leading_zeros_are_said_once(package):
    workbook, sheet = schools_sheet(package)
    ids = {}
    for row in range(3, sheet.max_row + 1):
        old = sheet.cell(row=row, column=1).value
        ids[old] = "0" + old[2:]  # LH01 → 001, kept as text in the register
        sheet.cell(row=row, column=1, value=ids[old])
    workbook.save(package / "schools.xlsx")
    for name, lost in (("classes.csv", True), ("remediation.csv", False)):
        text = (package / name).read_text(encoding="utf-8-sig")
        for old, new in ids.items():  # the classes as Excel shows a number: 1, not 001
            text = re.sub(rf"\b{old}\b", str(int(new)) if lost else new, text)
        (package / name).write_text(text, encoding="utf-8-sig")
    (error,) = errors_of(package)
    assert (error.file, error.row, error.column, error.code) == (
        "classes.csv",
        2,
        "学部编号",
        "leading-zeros-lost",
    )
    assert "共 152 行" in error.message("zh") and "classes.csv lost them" in error.message("en")


def test_an_optional_figure_left_empty_on_every_row_is_no_figure(package):
    """A template carries every optional column; left empty, it must not break the split."""
    workbook, sheet = schools_sheet(package)
    sheet.cell(row=2, column=sheet.max_column + 1, value="同校区高中学生数")
    workbook.save(package / "schools.xlsx")
    from publish._results import results_from_package

    loaded = load_county(package)
    assert loaded.schools["senior_students"].dtype == float
    assert results_from_package(loaded) is not None
