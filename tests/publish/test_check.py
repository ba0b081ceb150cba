"""`python -m publish check` (issue 14 §2): every problem of every file in one run, a report page
and marked copies of the workbooks in build/check/, what the data compute when they are valid,
and nothing written into the package. Runs on 柳河县 (tests/fixtures/county_small).
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from loaders import InputError, LoadReport, hint
from loaders._errors import MAX_REPEATS_PER_COLUMN, MESSAGES
from publish._check import check, run_check

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"
HEADER_ROW = 2  # schools.xlsx has a title row above its header


@pytest.fixture
def package(tmp_path: Path) -> Path:
    target = tmp_path / "county"
    shutil.copytree(SMALL, target)
    return target


def set_register_cells(package: Path, header: str, values: dict[int, object]) -> int:
    """Write values into schools.xlsx at the given Excel rows of one column; return its number."""
    workbook = load_workbook(package / "schools.xlsx")
    sheet = workbook.worksheets[0]
    column = next(c.column for c in sheet[HEADER_ROW] if c.value == header)
    for row, value in values.items():
        sheet.cell(row=row, column=column, value=value)
    workbook.save(package / "schools.xlsx")
    return column


def edit_csv(package: Path, name: str, row: int, header: str, value: str) -> None:
    """Set one cell of a CSV, `row` as Excel numbers it (header = 1)."""
    path = package / name
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[row - 1][rows[0].index(header)] = value
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def located(errors: list[InputError]) -> set[tuple]:
    return {(e.file, e.row, e.column, e.code) for e in errors}


def test_valid_package_passes_and_lists_every_indicator(package, tmp_path, package_digest):
    before = package_digest(package)
    out = tmp_path / "check"
    assert check(package, out) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    outcome = run_check(package)
    for ident in {**outcome.results.evaluation.indicators, **outcome.results.evaluation.veto}:
        assert f"<code>{ident}</code>" in page
    assert "柳河县 数据包检查报告" in page and "Liuhe County" in page
    assert "LH02" in page  # G5: the class of 48 falls short, shown before any build
    assert package_digest(package) == before
    assert not list(out.glob("*.annotated.xlsx"))


def test_report_page_asks_for_nothing_outside_itself(package, tmp_path):
    edit_csv(package, "classes.csv", 3, "班级人数", "abc")
    check(package, tmp_path / "check")
    page = (tmp_path / "check" / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page


def test_every_problem_of_every_file_in_one_run(package, tmp_path, capsys):
    """A cell that does not parse and one out of range, in two files: one run, not rounds."""
    column = set_register_cells(package, "在校学生数", {4: "三百", 6: -4})
    edit_csv(package, "classes.csv", 3, "班级人数", "abc")
    assert check(package, tmp_path / "check") == 1
    outcome = run_check(package)
    assert located(outcome.errors) == {
        ("schools.xlsx", 4, "在校学生数", "not-integer"),
        ("schools.xlsx", 6, "在校学生数", "out-of-range"),
        ("classes.csv", 3, "班级人数", "not-integer"),
    }
    assert next(e for e in outcome.errors if e.row == 6).value == "-4"  # as written, not -4.0
    terminal = capsys.readouterr().err
    assert "schools.xlsx, 第 4 行" in terminal and "classes.csv, row 3" in terminal
    marked = load_workbook(tmp_path / "check" / "schools.annotated.xlsx").worksheets[0]
    for row in (4, 6):
        cell = marked.cell(row=row, column=column)
        assert cell.fill.fgColor.rgb == "FFFFC7CE"
        assert "在校学生数" in cell.comment.text and "column" in cell.comment.text
    assert marked.cell(row=5, column=column).comment is None
    page = (tmp_path / "check" / "report.html").read_text(encoding="utf-8")
    assert 'href="schools.annotated.xlsx"' in page
    assert page.index("schools.xlsx（2 处") < page.index("classes.csv（1 处")


def test_original_workbook_is_never_marked(package, tmp_path, package_digest):
    set_register_cells(package, "在校学生数", {4: "三百"})
    before = package_digest(package)
    check(package, tmp_path / "check")
    assert package_digest(package) == before
    assert load_workbook(package / "schools.xlsx").worksheets[0].cell(4, 1).comment is None


def test_contradicted_declaration_is_listed_with_what_fails(package, tmp_path):
    """G5 declared met while a class of 48 exceeds 45: the data are valid, the check fails and
    names the class, so the plan or the reason can be written before the first build."""
    edit_csv(package, "declarations.csv", 6, "自评结论", "达标")
    assert check(package, tmp_path / "check") == 1
    outcome = run_check(package)
    assert not outcome.errors
    assert [(n.file, n.row, n.code) for n in outcome.notes] == [
        ("declarations.csv", 6, "unjustified")
    ]
    assert "LH02" in outcome.notes[0].detail
    # the plan for LH02 is in remediation.csv already: only the status is missing
    assert "把自评结论改为 化解后达标 即可" in outcome.notes[0].message("zh")
    assert "remediation plan for it is already" in outcome.notes[0].message("en")
    page = (tmp_path / "check" / "report.html").read_text(encoding="utf-8")
    assert "须补充理由或化解方案的自评结论" in page and "What the data compute" in page


def test_missing_declaration_is_named(package, tmp_path):
    path = package / "declarations.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join(ln for ln in lines if not ln.startswith("Q4,")) + "\n", "utf-8-sig")
    outcome = run_check(package)
    assert [(n.code, n.value) for n in outcome.notes] == [("undeclared", "Q4")]


def test_a_column_of_bad_cells_does_not_hide_the_next_column(package):
    rows = {row: "很多" for row in range(3, 14)}  # 11 sections, all bad
    set_register_cells(package, "在校学生数", rows)
    set_register_cells(package, "班级数", {3: "x"})
    outcome = run_check(package)
    assert sum(e.column == "在校学生数" for e in outcome.errors) == len(rows)
    assert ("schools.xlsx", 3, "班级数", "not-integer") in located(outcome.errors)


def test_cap_per_column_keeps_the_next_column_and_says_how_many(package):
    report = LoadReport()
    extra = 7
    for row in range(2, 2 + MAX_REPEATS_PER_COLUMN + extra):
        report.add(InputError("schools.csv", "not-integer", row=row, column="学生数"))
    report.add(InputError("schools.csv", "not-integer", row=2, column="班级数"))
    assert sum(e.column == "学生数" for e in report.errors) == MAX_REPEATS_PER_COLUMN
    assert any(e.column == "班级数" for e in report.errors)
    assert report.left_out() == [("schools.csv", "学生数", extra)]
    from loaders import InputErrors

    text = InputErrors(report).render("zh")
    assert f"另有 {extra} 处问题未列出（每列最多列出 {MAX_REPEATS_PER_COLUMN} 处）" in text


def test_package_text_is_escaped_in_the_report(package, tmp_path):
    set_register_cells(package, "在校学生数", {4: "<script>alert(1)</script>"})
    check(package, tmp_path / "check")
    page = (tmp_path / "check" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_every_error_code_has_a_hint_in_both_languages():
    missing = [c for c in MESSAGES if not (hint(c, "zh") and hint(c, "en"))]
    assert not missing


def test_the_command_line_exit_codes(package, tmp_path):
    command = [sys.executable, "-m", "publish", "check", "--county", str(package)]
    ok = subprocess.run(
        [*command, "--check-dir", str(tmp_path / "a")], cwd=ROOT, text=True, capture_output=True
    )
    assert ok.returncode == 0, ok.stderr
    assert "Traceback" not in ok.stderr
    edit_csv(package, "classes.csv", 3, "班级人数", "abc")
    bad = subprocess.run(
        [*command, "--check-dir", str(tmp_path / "b")], cwd=ROOT, text=True, capture_output=True
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "classes.csv, 第 3 行" in bad.stderr and (tmp_path / "b" / "report.html").is_file()


# what only a site build needs: the site generator, the charts, the report document's renderers
BUILD_ONLY_MODULES = ("mkdocs", "altair", "vl_convert", "typst", "docx", "publish._macros")


def test_the_check_loads_nothing_only_a_build_needs(package, tmp_path):
    """The check is what staff run over and over; importing the build's libraries cost it
    a third of its time."""
    script = (
        "import sys\nfrom publish._cli import main\n"
        f"status = main(['check', '--county', {str(package)!r}, '--check-dir', "
        f"{str(tmp_path / 'c')!r}])\n"
        f"print(status, sorted(m for m in {BUILD_ONLY_MODULES!r} if m in sys.modules))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, text=True, capture_output=True, check=True
    )
    assert run.stdout.split("\n")[-2] == "0 []"


def test_check_refuses_to_write_into_the_package(package, package_digest):
    before = package_digest(package)
    assert check(package, package / "check") == 1
    assert package_digest(package) == before


def test_more_bad_cells_than_the_cap_are_counted_on_the_page(package, tmp_path, capsys):
    """A whole column typed as 45人: the first MAX_REPEATS_PER_COLUMN are listed, the rest
    counted, on the terminal and on the page."""
    path = package / "classes.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    for row in rows[1:]:
        row[rows[0].index("班级人数")] = f"{row[rows[0].index('班级人数')]}人"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert check(package, tmp_path / "check") == 1
    left = len(rows) - 1 - MAX_REPEATS_PER_COLUMN
    assert f"另有 {left} 处问题未列出" in capsys.readouterr().err
    page = (tmp_path / "check" / "report.html").read_text(encoding="utf-8")
    assert f"{left} more problems not listed" in page


def test_a_settings_mistake_does_not_hide_the_tables_problems(package):
    """A misspelt key in county.toml and a bad cell in a table: both in the same run."""
    manifest = package / "county.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("statistics_year", "statistcs_year"), encoding="utf-8")
    edit_csv(package, "classes.csv", 3, "班级人数", "abc")
    found = located(run_check(package).errors)
    assert found == {
        ("county.toml", None, "county.statistcs_year", "unknown-key"),
        ("county.toml", None, "county.statistics_year", "missing-key"),
        ("classes.csv", 3, "班级人数", "not-integer"),
    }


@pytest.mark.parametrize(
    ("written", "key"),
    [('split_rul = "weighted"', "options.split_rul"), ("nmae_en = 'x'", "county.nmae_en")],
)
def test_a_misspelt_setting_is_refused_not_ignored(package, written, key):
    manifest = package / "county.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    table = "[options]" if key.startswith("options") else "[county]"
    lines.insert(lines.index(table) + 1, written)
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert located(run_check(package).errors) == {("county.toml", None, key, "unknown-key")}


def test_a_setting_of_the_wrong_kind_is_described_in_words(package):
    manifest = package / "county.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("report_year = 2025", 'report_year = "2025"'), "utf-8")
    (error,) = run_check(package).errors
    assert (error.column, error.code) == ("county.report_year", "bad-config")
    assert "不带引号的整数" in error.message("zh") and "without quotes" in error.message("en")
    assert "int" not in error.message("en").replace("point", "")


def test_an_impossible_date_is_called_so(package):
    edit_csv(package, "remediation.csv", 2, "状态更新日期", "2025-02-30")
    (error,) = run_check(package).errors
    assert (error.file, error.row, error.code) == ("remediation.csv", 2, "bad-date")
    assert "日历上没有这一天" in error.message("zh") and "no such day" in error.message("en")


def test_a_check_folder_keeps_files_the_check_did_not_write(package, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.annotated.xlsx").write_bytes(b"staff's own file")
    set_register_cells(package, "在校学生数", {4: "三百"})
    check(package, out)
    assert (out / "schools.annotated.xlsx").is_file()
    edit_csv(package, "classes.csv", 3, "班级人数", "abc")
    set_register_cells(package, "在校学生数", {4: 300})
    check(package, out)
    assert not (out / "schools.annotated.xlsx").exists()  # the previous check's copy goes
    assert (out / "notes.annotated.xlsx").read_bytes() == b"staff's own file"


def test_a_workbook_of_several_tables_is_marked_on_the_sheet_at_fault(package, tmp_path):
    """Two tables on named sheets of one workbook: the problem is marked on its own sheet."""
    workbook = load_workbook(package / "schools.xlsx")
    workbook.worksheets[0].title = "学校名册"
    classes = workbook.create_sheet("班级名册", 0)  # first, so the sheet name must count
    for line in (package / "classes.csv").read_text(encoding="utf-8-sig").splitlines():
        classes.append(line.split(","))
    classes.cell(row=3, column=4, value="abc")  # 班级人数
    workbook.save(package / "数据.xlsx")
    text = (package / "county.toml").read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^schools = .*$", 'schools = { file = "数据.xlsx", sheet = "学校名册" }', text
    )
    text = re.sub(
        r"(?m)^classes = .*$", 'classes = { file = "数据.xlsx", sheet = "班级名册" }', text
    )
    (package / "county.toml").write_text(text, encoding="utf-8")
    assert check(package, tmp_path / "check") == 1
    assert located(run_check(package).errors) == {
        ("数据.xlsx [班级名册]", 3, "班级人数", "not-integer")
    }
    marked = load_workbook(tmp_path / "check" / "数据.annotated.xlsx")
    assert marked["班级名册"].cell(row=3, column=4).fill.fgColor.rgb == "FFFFC7CE"
    assert all(c.comment is None for row in marked["学校名册"].iter_rows() for c in row)
    page = html.unescape((tmp_path / "check" / "report.html").read_text(encoding="utf-8"))
    assert 'href="数据.annotated.xlsx"' in page and "数据.xlsx [班级名册]" in page


def test_a_merged_problem_cell_is_marked_on_its_first_cell(package, tmp_path):
    """A merged category is read on every row it spans, so a wrong one is wrong on each; openpyxl
    cannot comment a merged cell, so both marks go to the range's top-left cell."""
    workbook = load_workbook(package / "schools.xlsx")
    sheet = workbook.worksheets[0]
    column = next(c.column for c in sheet[HEADER_ROW] if c.value == "学校类型")
    sheet.cell(row=5, column=column, value="职业高中")
    sheet.merge_cells(start_row=5, end_row=6, start_column=column, end_column=column)
    workbook.save(package / "schools.xlsx")
    assert check(package, tmp_path / "check") == 1
    assert located(run_check(package).errors) == {
        ("schools.xlsx", 5, "学校类型", "not-in-list"),
        ("schools.xlsx", 6, "学校类型", "not-in-list"),
    }
    marked = load_workbook(tmp_path / "check" / "schools.annotated.xlsx").worksheets[0]
    assert marked.cell(row=5, column=column).comment.text.count("职业高中") == 4  # both rows


def test_a_phone_number_in_the_county_name_is_not_written_into_the_report(package, tmp_path):
    """The report lists the name's problem with the number masked, and its title leaves the
    name out: the full number appears nowhere in what the check writes."""
    manifest = package / "county.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('name_zh = "柳河县"', 'name_zh = "柳河县 13912345678"'))
    assert check(package, tmp_path / "out") == 1
    report = html.unescape((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    assert "139****5678" in report
    assert "13912345678" not in report  # in the title, or quoted by the county.kind error


def test_a_misspelt_report_page_is_found_by_the_check_with_the_page_it_means(package, tmp_path):
    toml = package / "county.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[report]\nindicators = ["resources", "balence", "government"]\n',
        encoding="utf-8",
    )
    outcome = run_check(package)
    assert [(e.file, e.column, e.value, e.code) for e in outcome.errors] == [
        ("county.toml", "report.indicators", "balence", "not-in-list")
    ]
    message = outcome.errors[0].message("en")
    assert "did you mean 'balance'?" in message and "basic-facts" in message
    assert "draft" not in outcome.errors[0].expected_en.split(": ")[1].split(", ")
