"""Small hostile files are refused before any parser runs (issue 15 §4), each with its figures
and a peak memory well under 500 MB: measured in a child process, since a bad file can abort a
process outright (the XLSX reader is Rust) or exhaust its memory."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from loaders._limits import limits

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"
PEAK_MB = 500
CHILD = """
import json, sys
from loaders import InputErrors, load_county, load_survey
try:
    package = load_county(sys.argv[1])
    load_survey(package.survey.path, package.survey.config)  # read when the results are computed
    codes = []
except InputErrors as errors:
    codes = [[e.file, e.code, e.message("zh"), e.message("en")] for e in errors.report.errors]
# VmHWM: this process image's own peak (ru_maxrss would carry the forking worker's over exec)
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"errors": codes, "peak_mb": peak}))
"""


def load_in_child(package: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(package)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]  # not aborted, no traceback
    return json.loads(done.stdout)


def refused(package: Path, file: str) -> tuple[str, str]:
    outcome = load_in_child(package)
    assert outcome["peak_mb"] < PEAK_MB
    (error,) = [e for e in outcome["errors"] if e[0] == file]
    assert error[1] == "too-large", error
    return error[2], error[3]


def rewrite_sheet(path: Path, change) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/worksheets/sheet1.xml"] = change(members["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_sheet_claiming_the_whole_grid_is_refused(package):
    path = package / "schools.xlsx"
    rewrite_sheet(
        path, lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
    )
    zh, en = refused(package, "schools.xlsx")
    assert "1,048,576" in zh and f"{limits('table').rows:,}" in en and "rows" in en


def test_one_cell_far_down_is_refused(package):
    far = b'<row r="2000000"><c r="AZ2000000" t="inlineStr"><is><t>x</t></is></c></row>'
    rewrite_sheet(
        package / "schools.xlsx",
        lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml).replace(
            b"</sheetData>", far + b"</sheetData>"
        ),
    )
    zh, en = refused(package, "schools.xlsx")
    assert "2,000,000" in en and "上限" in zh


def test_a_zip_bomb_is_refused_by_its_unzipped_size(package):
    path = package / "schools.xlsx"
    block = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w", force_zip64=True) as member,
    ):
        for _ in range(limits("table").unzipped_bytes // len(block) + 10):
            member.write(block)
    assert path.stat().st_size < 2_000_000  # a small file on disk
    zh, en = refused(package, "schools.xlsx")
    assert "unzipped" in en and "解压" in zh


def test_a_line_of_commas_is_refused_before_it_becomes_columns(package):
    path = package / "classes.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("," * 2_000_000 + "\n")
    zh, en = refused(package, "classes.csv")
    assert "2,000,001" in en and "fields" in en and "列数" in zh


def test_a_file_larger_than_its_kind_allows_is_not_read(package):
    path = package / "classes.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(("LH01,1,1.01,44\n") * (limits("table").bytes // 15 + 10))
    zh, en = refused(package, "classes.csv")
    assert f"{limits('table').bytes:,}" in en and "字节" in zh


def test_an_oversized_county_toml_is_not_parsed(package):
    with (package / "county.toml").open("a", encoding="utf-8") as handle:
        handle.write("# padding\n" * (limits("config").bytes // 10 + 10))
    refused(package, "county.toml")


def test_a_yaml_alias_bomb_is_refused_before_it_expands(package):
    bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    (package / "survey.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    zh, en = refused(package, "survey.yaml")
    assert "aliases" in en and "别名" in zh


def test_a_survey_header_of_millions_of_fields_is_refused(package):
    path = package / "survey.csv"
    path.write_bytes(b"," * 2_000_000 + b"\n" + path.read_bytes())
    zh, en = refused(package, "survey.csv")
    assert "header" in en and "表头" in zh
