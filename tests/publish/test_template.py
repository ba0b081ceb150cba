"""`python -m publish template` (issue 14 §1): the workbook staff fill in, one sheet per table,
with the schema's headers, drop-downs, validations and an example row; filled in, it is a
package the check accepts and the build publishes; pre-filled from 柳河县 it reproduces its
rows; it is never written into a package.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import indicators
import loaders
from loaders import LoadReport, load_schema, read_table
from publish._cli import main
from publish._template import files_lines, write_template
from publish._template_excel import ListsSheet, display_width
from publish._template_sheets import (
    EXAMPLE_MARK,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEETS,
    header_text,
    is_date,
)

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"
NAME = "数据模板.xlsx"
TABLES = (
    "schools",
    "classes",
    "measures",
    "monitoring",
    "declarations",
    "remediation",
    "releases",
    "narrative_figures",
)
SMALL_SCHOOLS_HEADER_ROW = 2  # schools.xlsx has a title row above its header
_UNIT = re.compile(r"[（(][^）)]*[）)]")


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("template") / NAME)


@pytest.fixture(scope="module")
def book(blank: Path):
    return openpyxl.load_workbook(blank)


def run(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "publish", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def column_validations(sheet) -> dict[int, list]:
    """Map each column number to the validations whose ranges cover it."""
    found: dict[int, list] = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in rule.sqref.ranges:
            for column in range(cells.min_col, cells.max_col + 1):
                found.setdefault(column, []).append(rule)
    return found


def validation_at(sheet, column: int, row: int):
    """Return the one validation of a cell (a test fails if two overlap)."""
    rules = [
        rule
        for rule in sheet.data_validations.dataValidation
        for cells in rule.sqref.ranges
        if cells.min_col <= column <= cells.max_col and cells.min_row <= row <= cells.max_row
    ]
    assert len(rules) == 1, (sheet.title, column, row, rules)
    return rules[0]


def list_of(book, rule) -> list[str]:
    """Return the values a list validation offers, inline or from the hidden lists sheet."""
    assert rule.type == "list"
    formula = rule.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, cells = formula.rsplit("!", 1)
    assert sheet_name.strip("'") == LISTS_SHEET
    return [c.value for row in book[LISTS_SHEET][cells.replace("$", "")] for c in row]


def test_one_sheet_per_table_after_the_instructions(book):
    assert book.sheetnames == [INSTRUCTIONS_SHEET, *SHEETS.values(), LISTS_SHEET]
    assert SHEETS == {
        "schools": "学校名册",
        "classes": "班级名册",
        "measures": "指标数据",
        "monitoring": "质量监测",
        "declarations": "自评结论",
        "remediation": "化解方案",
        "releases": "发布记录",
        "narrative_figures": "正文数字",
    }
    # the survey and the narrative's text are not tables: no sheet
    text_files = {"survey", "survey_config", "narrative", "narrative_en"}
    tables = {f.key for f in loaders.PACKAGE_FILES} - text_files
    assert set(SHEETS) == tables
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert book[LISTS_SHEET].sheet_state == "hidden"
    assert book.active.title == INSTRUCTIONS_SHEET


@pytest.mark.parametrize("key", TABLES)
def test_headers_are_the_schema_columns(book, key):
    sheet = book[SHEETS[key]]
    headers = [c.value for c in sheet[1]]
    assert headers == [header_text(spec) for spec in load_schema(key).columns]
    assert [_UNIT.sub("", h) for h in headers] == [s.zh for s in load_schema(key).columns]


def test_units_are_written_as_the_loaders_read_them(book):
    schools = [c.value for c in book[SHEETS["schools"]][1]]
    assert "教学及辅助用房面积（㎡）" in schools and "教学仪器设备值（元）" in schools
    assert "在校学生数" in schools  # a count carries no unit
    monitoring = [c.value for c in book[SHEETS["monitoring"]][1]]
    assert "中等及以上比例（%）" in monitoring and "高于全市（百分点）" in monitoring


@pytest.mark.parametrize("key", TABLES)
def test_every_choice_column_has_a_drop_down_of_its_labels(book, key):
    sheet = book[SHEETS[key]]
    rules = column_validations(sheet)
    for position, spec in enumerate(load_schema(key).columns, start=1):
        if spec.type == "choice":
            (rule,) = rules[position]
            assert list_of(book, rule) == [labels[0] for labels in spec.choices.values()]
            assert rule.showErrorMessage and rule.errorStyle == "stop"


def test_the_school_type_list_in_words(book):
    sheet = book[SHEETS["schools"]]
    (rule,) = column_validations(sheet)[6]  # 学校类型
    assert list_of(book, rule) == [
        "小学",
        "初中",
        "九年一贯制学校",
        "十二年一贯制学校",
        "完全中学",
        "特殊教育学校",
        "教学点",
    ]
    (status,) = column_validations(book[SHEETS["remediation"]])[8]  # 进展状态
    assert list_of(book, status) == ["未开始", "进行中", "已完成"]


def test_lists_too_long_for_excel_go_through_the_hidden_sheet(book):
    (codes,) = column_validations(book[SHEETS["measures"]])[2]  # 项目代码
    assert not codes.formula1.startswith('"')
    assert list_of(book, codes) == list(loaders.measure_items())
    (ids,) = column_validations(book[SHEETS["declarations"]])[1]  # 指标编号
    assert list_of(book, ids) == list(indicators.load_evaluation_rules().declarable)


def test_a_list_of_more_than_255_characters_is_a_range():
    workbook = openpyxl.Workbook()
    lists = ListsSheet(workbook)
    assert lists.reference(("是", "否")) == '"是,否"'
    assert lists.sheet is None
    long = tuple(f"选项{i:03d}" for i in range(60))  # 60 × 5 characters + commas > 255
    assert lists.reference(long) == f"'{LISTS_SHEET}'!$A$1:$A$60"
    assert lists.reference(long) == f"'{LISTS_SHEET}'!$A$1:$A$60"  # written once
    assert lists.reference(("a,b", "c")) == f"'{LISTS_SHEET}'!$B$1:$B$2"  # a comma in a label
    assert [c.value for c in workbook[LISTS_SHEET]["A"]] == list(long)


@pytest.mark.parametrize("key", TABLES)
def test_numbers_are_validated_with_the_schema_bounds(book, key):
    sheet = book[SHEETS[key]]
    rules = column_validations(sheet)
    for position, spec in enumerate(load_schema(key).columns, start=1):
        if spec.type not in {"integer", "number"} or key == "measures":
            continue
        (rule,) = rules[position]
        assert rule.type == ("whole" if spec.type == "integer" else "decimal")
        bounds = [b for b in (spec.minimum, spec.maximum) if b is not None]
        assert [float(f) for f in (rule.formula1, rule.formula2) if f is not None] == bounds
        operator = {2: "between", 0: None}.get(len(bounds))
        if len(bounds) == 1:
            operator = "greaterThanOrEqual" if spec.minimum is not None else "lessThanOrEqual"
        assert rule.operator == operator


def test_bounds_in_words(book):
    def rule(key: str, column: int):
        return validation_at(book[SHEETS[key]], column, 3)

    grade = rule("classes", 2)
    assert (grade.type, grade.operator, grade.formula1, grade.formula2) == (
        "whole",
        "between",
        "1",
        "9",
    )
    built = rule("schools", 12)
    assert (built.formula1, built.formula2) == ("1900", "2100")
    students = rule("schools", 13)
    assert (students.type, students.operator, students.formula1) == (
        "whole",
        "greaterThanOrEqual",
        "1",
    )
    share = rule("monitoring", 5)
    assert (share.type, share.formula1, share.formula2) == ("decimal", "0", "100")
    above = rule("monitoring", 6)
    assert (above.formula1, above.formula2) == ("-100", "100")


def test_each_measure_row_takes_its_items_kind_of_number(book):
    sheet = book[SHEETS["measures"]]
    rows = {sheet.cell(row, 2).value: row for row in range(3, sheet.max_row + 1)}
    for key, item in loaders.measure_items().items():
        rule = validation_at(sheet, 4, rows[key])
        assert rule.type == ("whole" if item.type == "integer" else "decimal"), key
        assert (rule.operator, rule.formula1) == ("greaterThanOrEqual", "0")
    assert validation_at(sheet, 4, rows["left_behind_children"]).type == "whole"
    assert validation_at(sheet, 4, rows["teacher_pay_yuan"]).type == "decimal"
    assert validation_at(sheet, 4, sheet.max_row + 1).type == "decimal"  # a row staff add


def test_dates_are_validated_as_days(book):
    for key, column in (("releases", 2), ("remediation", 9)):
        sheet = book[SHEETS[key]]
        rule = validation_at(sheet, column, 3)
        assert rule.type == "date" and rule.operator == "between"
        assert sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].number_format == (
            "yyyy-mm-dd"
        )
    deadline = validation_at(book[SHEETS["remediation"]], 7, 3)  # 完成时限: a month is allowed
    assert deadline.type is None and "2026-08" in deadline.prompt


@pytest.mark.parametrize("key", TABLES)
def test_every_column_has_a_bilingual_input_message_and_note(book, key):
    sheet = book[SHEETS[key]]
    schema = load_schema(key)
    for position, spec in enumerate(schema.columns, start=1):
        rule = validation_at(sheet, position, sheet.max_row + 1)
        assert rule.showInputMessage
        assert 0 < len(rule.prompt) <= 255 and len(rule.promptTitle) <= 32
        assert spec.zh in rule.prompt and spec.en in rule.prompt
        note = sheet.cell(1, position).comment.text
        assert spec.zh in note and spec.en in note
        if spec.type == "choice":
            assert all(labels[0] in note for labels in spec.choices.values())


@pytest.mark.parametrize("key", TABLES)
def test_header_row_frozen_and_columns_wide_enough(book, key):
    sheet = book[SHEETS[key]]
    assert sheet.freeze_panes == "A2"
    for cell in sheet[1]:
        width = sheet.column_dimensions[cell.column_letter].width
        assert width >= display_width(cell.value), cell.value
    for position, spec in enumerate(load_schema(key).columns, start=1):
        format_ = sheet.column_dimensions[openpyxl.utils.get_column_letter(position)].number_format
        if spec.type in {"id", "text"} and not is_date(load_schema(key), spec):
            assert format_ == "@", spec.name  # Excel keeps 3.10 and 2026-08 as written


@pytest.mark.parametrize("key", TABLES)
def test_the_example_row_is_marked(book, key):
    sheet = book[SHEETS[key]]
    first = sheet.cell(2, 1)
    assert str(first.value).startswith(EXAMPLE_MARK)
    for cell in sheet[2]:
        if cell.value is not None:
            assert cell.font.i and cell.font.color.rgb == "FF808080"
    assert not str(sheet.cell(3, 1).value or "").startswith(EXAMPLE_MARK)
    assert validation_at(sheet, 1, 3).showInputMessage  # validations start below the example


@pytest.mark.parametrize("key", TABLES)
def test_example_values_pass_the_loader(book, key, tmp_path):
    """The example row, its mark taken off, is a row the loader accepts."""
    sheet = book[SHEETS[key]]
    workbook = openpyxl.Workbook()
    copy = workbook.active
    copy.append([c.value for c in sheet[1]])
    example = [c.value for c in sheet[2]]
    example[0] = example[0].removeprefix(EXAMPLE_MARK + "：")
    copy.append(example)
    workbook.save(tmp_path / "one.xlsx")
    report = LoadReport()
    table = read_table(tmp_path / "one.xlsx", load_schema(key), report)
    assert report.errors == [] and len(table) == 1
    days = {"releases": ("date", "2025-06-30"), "remediation": ("status_date", "2026-06-30")}
    if key in days:  # the date cell reads back as the day it shows
        column, day = days[key]
        assert loaders.parse_deadline(str(table.iloc[0][column])) == day


def test_measures_and_declarations_come_with_their_ids(book):
    measures = book[SHEETS["measures"]]
    rows = list(measures.iter_rows(min_row=3, values_only=True))
    items = loaders.measure_items()
    assert [r[1] for r in rows] == list(items)
    assert [r[0] for r in rows] == [i.indicator for i in items.values()]
    assert rows[list(items).index("teacher_pay_yuan")][2] == "教师年平均工资收入（元）"
    assert all(r[3] is None for r in rows)  # staff type only the figures
    declarations = book[SHEETS["declarations"]]
    ids = [r[0] for r in declarations.iter_rows(min_row=3, values_only=True)]
    assert ids == list(indicators.load_evaluation_rules().declarable)


def instruction_lines(workbook) -> list[str]:
    return [str(r[0]) for r in workbook[INSTRUCTIONS_SHEET].iter_rows(values_only=True) if r[0]]


def test_instructions_give_the_county_toml_lines(book):
    lines = instruction_lines(book)
    assert "[files]" in lines
    for line in files_lines(NAME):
        assert line in lines
    given = [line for line in lines if " = { file = " in line]
    parsed = tomllib.loads("\n".join(["[files]", *given]))["files"]
    assert parsed == {key: {"file": NAME, "sheet": sheet} for key, sheet in SHEETS.items()}
    english = [r[1] for r in book[INSTRUCTIONS_SHEET].iter_rows(values_only=True) if r[1]]
    assert any("county.toml" in text for text in english)
    assert any(EXAMPLE_MARK in text and "example" in text for text in english)


# ---- filled in: the workbook is a package the check accepts ----------------------------------


def _small_rows(key: str) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of one table of 柳河县 as written."""
    if key == "schools":
        sheet = openpyxl.load_workbook(SMALL / "schools.xlsx").worksheets[0]
        rows = [
            list(r) for r in sheet.iter_rows(min_row=SMALL_SCHOOLS_HEADER_ROW, values_only=True)
        ]
    else:
        rows = list(csv.reader((SMALL / f"{key}.csv").open(encoding="utf-8-sig")))
    return [str(h) for h in rows[0]], [r for r in rows[1:] if any(v not in ("", None) for v in r)]


def _typed(key: str, spec, text: object) -> object:
    """A cell as staff type it: numbers as numbers, days as dates, the rest as text."""
    if text in ("", None):
        return None
    if spec.type in {"integer", "number"}:
        return float(text) if "." in str(text) else int(text)
    if is_date(load_schema(key), spec) and len(str(text)) == 10:
        return dt.date.fromisoformat(str(text))
    return str(text)


def fill_with_small(template: Path, target: Path) -> None:
    """Type 柳河县's rows into the template: appended under the example row, or, in the sheets
    that come with one row per item, into that item's row."""
    workbook = openpyxl.load_workbook(template)
    for key in TABLES:
        sheet = workbook[SHEETS[key]]
        specs = load_schema(key).columns
        header, rows = _small_rows(key)
        where = [
            next(i for i, s in enumerate(specs) if s.zh == _UNIT.sub("", h).strip()) for h in header
        ]
        if key in {"measures", "declarations"}:
            by_id = {
                sheet.cell(r, 1 + (key == "measures")).value: r for r in range(3, sheet.max_row + 1)
            }
            for values in rows:
                row = by_id.pop(
                    values[header.index("项目代码" if key == "measures" else "指标编号")]
                )
                for position, text in zip(where, values, strict=True):
                    sheet.cell(row, position + 1, _typed(key, specs[position], text))
            # 柳河县 gives every required measure and declares every indicator; the rows of the
            # optional measures it does not give stay empty, as staff would leave them
            assert all(key == "measures" and not loaders.measure_items()[k].required for k in by_id)
            continue
        for offset, values in enumerate(rows):
            for position, text in zip(where, values, strict=True):
                sheet.cell(3 + offset, position + 1, _typed(key, specs[position], text))
    workbook.save(target)


def package_from(workbook: Path, tmp_path: Path) -> Path:
    """Return a copy of 柳河县 whose tables are the workbook's sheets, as the instructions say."""
    package = tmp_path / "liuhe"
    shutil.copytree(SMALL, package)
    for key in TABLES:
        for old in package.glob(f"{key}.*"):
            old.unlink()
    shutil.copy(workbook, package / NAME)
    given = {
        line.split(" = ")[0]: line
        for line in instruction_lines(openpyxl.load_workbook(workbook))
        if " = { file = " in line
    }
    manifest = package / "county.toml"
    lines = [
        given.get(line.split("=")[0].strip(), line)
        for line in manifest.read_text(encoding="utf-8").splitlines()
    ]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all(line in lines for line in given.values()) and len(given) == len(TABLES)
    return package


def assert_same_tables(package: Path, in_item_order: bool = False) -> None:
    """The package loads to 柳河县's tables (rows renumbered: the sheets have no title row).

    `in_item_order`: the declarations were typed into the template's rows, one per indicator
    in the rules' order, so they are compared by indicator.
    """
    ours, theirs = loaders.load_county(package), loaders.load_county(SMALL)
    for key in ("schools", "classes", "monitoring", "declarations", "remediation", "releases"):
        mine, original = getattr(ours, key), getattr(theirs, key)
        if key == "declarations" and in_item_order:
            mine, original = mine.sort_values("indicator"), original.sort_values("indicator")
        extra = set(mine.columns) - set(original.columns)
        assert mine[list(extra)].isna().all().all(), key  # optional columns left empty
        pd.testing.assert_frame_equal(
            mine[list(original.columns)].reset_index(drop=True),
            original.reset_index(drop=True),
            check_dtype=False,
        )
    given = {k for k, v in ours.measures.values.items() if v is not None}  # empty rows: not given
    assert {k: ours.measures.values[k] for k in given} == theirs.measures.values
    assert {k: ours.measures.sources[k] for k in given} == theirs.measures.sources
    pd.testing.assert_frame_equal(  # the narrative's figures, from their sheet
        ours.narrative.figures, theirs.narrative.figures, check_dtype=False
    )
    assert ours.files["schools"].startswith(NAME) and set(ours.files) == set(theirs.files)


@pytest.fixture(scope="module")
def filled(blank: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("filled") / NAME
    fill_with_small(blank, target)
    return package_from(target, tmp_path_factory.mktemp("filled-package"))


def test_filled_template_loads_to_the_same_tables(filled):
    assert_same_tables(filled, in_item_order=True)


def test_filled_template_passes_the_check(filled, tmp_path):
    checked = run("check", "--county", str(filled), "--check-dir", str(tmp_path / "check"))
    assert checked.returncode == 0, checked.stderr
    assert "检查通过" in checked.stdout


@pytest.mark.slow
def test_filled_template_builds_the_site(filled, tmp_path):
    site = tmp_path / "site"
    built = run(
        "build", "--county", str(filled), "--site-dir", str(site), "--cache-dir", str(tmp_path)
    )
    assert built.returncode == 0, built.stderr
    assert "柳河县" in (site / "index.html").read_text(encoding="utf-8")


# ---- pre-filled from a package ----------------------------------------------------------------


@pytest.fixture(scope="module")
def prefilled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("prefilled") / NAME
    made = run("template", "--county", str(SMALL), "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert str(out) in made.stdout
    return out


def test_prefilled_template_reproduces_the_package(prefilled, tmp_path):
    workbook = openpyxl.load_workbook(prefilled)
    for key in TABLES:  # no example rows: every row is the county's
        first = workbook[SHEETS[key]].cell(2, 1).value
        assert first is not None and not str(first).startswith(EXAMPLE_MARK)
    first_school = [c.value for c in workbook[SHEETS["schools"]][2]]
    assert first_school[:3] == ["LH01", "43990001", "柳河县第一小学"]
    assert first_school[5:11] == ["小学", "小学", "柳河镇", "城区", "公办", "否"]  # labels
    assert first_school[21] == 5876.29 and first_school[12] == 905
    assert workbook[SHEETS["remediation"]].cell(2, 8).value == "进行中"  # code → 中文 label
    assert workbook[SHEETS["releases"]].cell(2, 3).value == "发布"
    assert workbook[SHEETS["classes"]].cell(2, 3).value == "1.01"  # an id stays text
    package = package_from(prefilled, tmp_path)
    assert_same_tables(package)
    checked = run("check", "--county", str(package), "--check-dir", str(tmp_path / "check"))
    assert checked.returncode == 0, checked.stderr


def in_process(capsys, *args: str) -> tuple[int, str]:
    """Run `python -m publish` in this process (the command's refusals need no new Python)."""
    code = main(list(args))
    return code, capsys.readouterr().err


def test_a_package_with_errors_gives_them_and_writes_nothing(tmp_path, capsys):
    package = tmp_path / "liuhe"
    shutil.copytree(SMALL, package)
    path = package / "classes.csv"
    path.write_text(path.read_text("utf-8-sig").replace("LH01,1,1.01,44", "LH01,1,1.01,abc"))
    out = tmp_path / "out" / NAME
    code, err = in_process(capsys, "template", "--county", str(package), "--out", str(out))
    assert code == 1
    assert "abc" in err and "处问题" in err and "problem" in err
    assert not out.exists() and not out.parent.exists()


# ---- never into a package ---------------------------------------------------------------------


def test_an_out_inside_the_package_is_refused(tmp_path, package_digest, capsys):
    package = tmp_path / "liuhe"
    shutil.copytree(SMALL, package)
    before = package_digest(package)
    for out in (package / NAME, package / "sub" / NAME):
        code, err = in_process(capsys, "template", "--county", str(package), "--out", str(out))
        assert code == 1
        assert "位于数据包" in err and "inside the package" in err
        assert not out.exists() and not (package / "sub").exists()
    code, err = in_process(capsys, "template", "--out", str(package / NAME))  # any county.toml
    assert code == 1 and "inside the package" in err
    assert package_digest(package) == before


def test_an_out_that_is_not_xlsx_is_refused(tmp_path, capsys):
    code, err = in_process(capsys, "template", "--out", str(tmp_path / "数据模板.csv"))
    assert code == 1 and ".xlsx" in err
    assert list(tmp_path.iterdir()) == []


def test_default_out_is_build_template(tmp_path, monkeypatch, capsys):
    (tmp_path / "mkdocs.yml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COUNTY_PACKAGE", str(SMALL))  # the build's default: not for a template
    assert main(["template"]) == 0
    out = tmp_path / "build" / "template" / NAME
    assert openpyxl.load_workbook(out).sheetnames[1] == SHEETS["schools"]
    assert str(openpyxl.load_workbook(out)[SHEETS["schools"]].cell(2, 1).value).startswith(
        EXAMPLE_MARK
    )
    assert [p.name for p in out.parent.iterdir()] == [NAME]  # no partial file left
