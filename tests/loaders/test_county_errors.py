"""Mistakes staff make in Excel: each gets a located, worded error, and every error is collected.

Each case starts from the demo package, applies one mistake, and asserts the (file, row, column,
code) the loader reports. Row numbers are the spreadsheet's (header = row 1).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from loaders import InputErrors, load_county

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def package_with(
    tmp_path: Path,
    change: Callable[[pd.DataFrame, pd.DataFrame], None],
    writer: Callable[[pd.DataFrame, Path], None] | None = None,
) -> Path:
    """Copy the demo package, apply `change` to (schools, classes) as text frames, write back."""
    root = tmp_path / "county"
    # the demo's generated survey is not needed: the registers are the point here, not 106 MB
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("survey.sav", "survey.csv"))
    for survey_file in ("survey.sav", "survey.csv"):  # never read by load_county: a stand-in
        (root / survey_file).write_bytes(b"")
    schools = pd.read_csv(
        root / "schools.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    classes = pd.read_csv(
        root / "classes.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    change(schools, classes)
    (writer or (lambda f, p: f.to_csv(p, index=False, encoding="utf-8-sig")))(
        schools, root / "schools.csv"
    )
    classes.to_csv(root / "classes.csv", index=False, encoding="utf-8-sig")
    return root


def errors_of(root: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        load_county(root)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def set_cell(column: str, row: int, value: str):
    """Return a change that writes `value` at spreadsheet row `row` (data row row − 2)."""

    def change(schools: pd.DataFrame, _classes: pd.DataFrame) -> None:
        schools.loc[row - 2, column] = value

    return change


CASES = {
    "unit typed into a number": (
        set_cell("在校学生数", 4, "1200人"),
        ("schools.csv", 4, "在校学生数", "number-with-unit"),
    ),
    "text in a number cell": (
        set_cell("专任教师数", 5, "不详"),
        ("schools.csv", 5, "专任教师数", "not-integer"),
    ),
    "decimal head count": (
        set_cell("班级数", 6, "12.5"),
        ("schools.csv", 6, "班级数", "not-integer"),
    ),
    "zero students": (
        set_cell("在校学生数", 7, "0"),
        ("schools.csv", 7, "在校学生数", "out-of-range"),
    ),
    "negative area": (
        set_cell("体育运动场馆面积（㎡）", 8, "-50"),
        ("schools.csv", 8, "体育运动场馆面积（㎡）", "out-of-range"),
    ),
    "unknown school type": (
        set_cell("学校类型", 9, "职业高中"),
        ("schools.csv", 9, "学校类型", "not-in-list"),
    ),
    "unknown level": (set_cell("学段", 10, "高中"), ("schools.csv", 10, "学段", "not-in-list")),
    "empty required cell": (set_cell("学校名称", 11, ""), ("schools.csv", 11, "学校名称", "empty")),
    "impossible year": (
        set_cell("建成年份", 12, "20015"),
        ("schools.csv", 12, "建成年份", "out-of-range"),
    ),
    "duplicate section id": (
        set_cell("学部编号", 13, "S001"),
        ("schools.csv", 13, "学部编号", "duplicate-id"),
    ),
    "more degree teachers than teachers": (
        set_cell("高于规定学历教师数", 14, "999"),
        ("schools.csv", 14, "高于规定学历教师数", "exceeds-whole"),
    ),
    "more migrants than students": (
        set_cell("随迁子女数", 15, "99999"),
        ("schools.csv", 15, "随迁子女数", "exceeds-whole"),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_mistake_is_located_and_named(tmp_path, name):
    change, expected = CASES[name]
    assert expected in errors_of(package_with(tmp_path, change))


def test_missing_header_is_reported(tmp_path):
    root = package_with(tmp_path, lambda s, c: s.pop("县级及以上骨干教师数"))
    assert ("schools.csv", 1, "县级及以上骨干教师数", "missing-column") in errors_of(root)


def test_class_of_unknown_section(tmp_path):
    def change(_schools, classes):
        classes.loc[0, "学部编号"] = "S999"

    assert ("classes.csv", 2, "学部编号", "unknown-reference") in errors_of(
        package_with(tmp_path, change)
    )


def test_class_register_disagreeing_with_school_register(tmp_path):
    def change(_schools, classes):
        classes.loc[0, "班级人数"] = str(int(classes.loc[0, "班级人数"]) + 1)

    section_row = 2  # S001 is the first data row of schools.csv
    assert ("schools.csv", section_row, "在校学生数", "inconsistent") in errors_of(
        package_with(tmp_path, change)
    )


def test_unreadable_encoding(tmp_path):
    root = package_with(
        tmp_path, lambda s, c: None, writer=lambda f, p: f.to_csv(p, index=False, encoding="utf-16")
    )
    assert ("schools.csv", None, None, "bad-encoding") in errors_of(root)


def test_every_error_is_collected_not_just_the_first(tmp_path):
    def change(schools, _classes):
        schools.loc[2, "在校学生数"] = "abc"
        schools.loc[30, "专任教师数"] = "—"
        schools.loc[60, "学段"] = "幼儿园"

    assert len(errors_of(package_with(tmp_path, change))) == 3


def test_messages_speak_both_languages(tmp_path):
    with pytest.raises(InputErrors) as caught:
        load_county(package_with(tmp_path, set_cell("在校学生数", 4, "1,2OO")))
    zh, en = caught.value.render("zh"), caught.value.render("en")
    assert zh.startswith('schools.csv, 第 4 行, 列「在校学生数」: "1,2OO"') and "整数" in zh
    assert en.startswith('schools.csv, row 4, column "在校学生数" (students): "1,2OO"')
    assert "whole number" in en


@pytest.mark.parametrize(
    "writer",
    [
        pytest.param(lambda f, p: f.to_csv(p, index=False, encoding="gb18030"), id="gb18030-csv"),
        pytest.param(lambda f, p: f.to_csv(p, index=False, encoding="utf-8"), id="utf8-no-bom"),
        pytest.param(lambda f, p: f.to_excel(p.with_suffix(".xlsx"), index=False), id="xlsx"),
    ],
)
def test_accepted_file_forms_give_identical_tables(tmp_path, writer):
    root = package_with(tmp_path, lambda s, c: None, writer=writer)
    if (root / "schools.xlsx").exists():
        manifest = root / "county.toml"
        manifest.write_text(manifest.read_text().replace('"schools.csv"', '"schools.xlsx"'))
    as_committed = package_with(tmp_path / "committed", lambda s, c: None)
    pd.testing.assert_frame_equal(
        load_county(root).schools, load_county(as_committed).schools, check_dtype=False
    )


def test_staff_spreadsheet_habits_are_accepted(tmp_path):
    """A title row above the header, full-width digits, a thousands separator, blank rows."""

    def writer(frame: pd.DataFrame, path: Path) -> None:
        frame.loc[0, "在校学生数"] = "１,２３４"  # full-width digits with a separator
        body = frame.to_csv(index=False)
        path.write_text("示例区学校登记表（2024 学年）\n" + body + ",,,\n\n", encoding="utf-8-sig")

    def fix_classes(schools, classes):
        first = classes["学部编号"] == "S001"
        sizes = [
            1234 // first.sum() + (1 if i < 1234 % first.sum() else 0) for i in range(first.sum())
        ]
        classes.loc[first, "班级人数"] = [str(x) for x in sizes]

    package = load_county(package_with(tmp_path, fix_classes, writer=writer))
    assert package.schools.loc[3, "students"] == 1234  # row 3: the title row pushed the header down


@pytest.mark.parametrize(
    "header, unit",
    [("教学仪器设备值（万元）", "万元"), ("教学及辅助用房面积(亩)", "亩")],
)
def test_a_header_in_another_unit_is_refused_not_misread(tmp_path, header, unit):
    """Figures in 万元 under a 元 column were read as 元: every section then failed R6."""
    column = header.split("（")[0].split("(")[0]

    def rename(schools: pd.DataFrame, _classes: pd.DataFrame) -> None:
        schools.columns = [header if c.startswith(column) else c for c in schools.columns]

    root = package_with(tmp_path, rename)
    with pytest.raises(InputErrors) as caught:
        load_county(root)
    errors = caught.value.report.errors
    assert [(e.file, e.row, e.column, e.code, e.value) for e in errors] == [
        ("schools.csv", 1, header, "wrong-unit", unit)
    ]
    assert "换算" in caught.value.render("zh") and "convert" in caught.value.render("en")


def test_headers_in_the_columns_own_unit_are_accepted(tmp_path):
    def rename(schools: pd.DataFrame, _classes: pd.DataFrame) -> None:
        own = {
            "教学及辅助用房面积（㎡）": "教学及辅助用房面积（平方米）",
            "教学仪器设备值（元）": "教学仪器设备值(元)",
        }
        schools.columns = [own.get(c, c) for c in schools.columns]

    assert len(load_county(package_with(tmp_path, rename)).schools) == 116
