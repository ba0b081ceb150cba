"""Optional package files (issue 13 §3): left out, header-only or blank is an empty table; a file
named in county.toml but absent is an error naming the file, the key and whether it is optional.

Each case copies the demo's small tables (no survey: not the point here) into a tmp package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders import PACKAGE_FILES, InputErrors, load_county, load_schema

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
HEADERS = {  # the header line staff keep when a table has no rows, as the demo writes it
    name: (DEMO / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    for name in ("remediation", "releases", "declarations")
}


def small_package(tmp_path: Path, drop_keys: tuple[str, ...] = ()) -> Path:
    """Copy the demo's tables without its survey; `drop_keys` are deleted from [files]."""
    root = tmp_path / "county"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("survey*"))
    manifest = root / "county.toml"
    drop = ("survey", "survey_config", *drop_keys)
    lines = [
        line
        for line in manifest.read_text(encoding="utf-8").splitlines()
        if line.split("=")[0].strip() not in drop
    ]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def errors_of(root: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        load_county(root)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def schema_columns(name: str) -> list[str]:
    return [c.name for c in load_schema(name).columns]


@pytest.mark.parametrize("key", ["remediation", "releases"])
def test_optional_file_left_out_is_an_empty_table(tmp_path, key):
    package = load_county(small_package(tmp_path, drop_keys=(key,)))
    table = getattr(package, key)
    assert len(table) == 0 and list(table.columns) == schema_columns(key)
    assert key not in package.files  # nothing to hash, name or link


@pytest.mark.parametrize("bom", ["\ufeff", ""], ids=["with-bom", "without-bom"])
@pytest.mark.parametrize("key", ["remediation", "releases", "declarations"])
def test_header_only_file_is_an_empty_table(tmp_path, key, bom):
    root = small_package(tmp_path)
    (root / f"{key}.csv").write_text(bom + HEADERS[key] + "\n", encoding="utf-8")
    table = getattr(load_county(root), key)
    required = {c.name for c in load_schema(key).columns if c.required}
    assert len(table) == 0 and required <= set(table.columns)


@pytest.mark.parametrize(
    "content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"], ids=["0-bytes", "bom", "blank"]
)
@pytest.mark.parametrize("key", ["remediation", "releases"])
def test_blank_optional_file_is_an_empty_table(tmp_path, key, content):
    root = small_package(tmp_path)
    (root / f"{key}.csv").write_bytes(content)
    assert list(getattr(load_county(root), key).columns) == schema_columns(key)


def test_blank_required_file_names_the_headers_it_needs(tmp_path):
    root = small_package(tmp_path)
    (root / "measures.csv").write_bytes(b"")
    codes = {(file, code) for file, _row, _column, code in errors_of(root)}
    assert codes == {("measures.csv", "missing-column")}


@pytest.mark.parametrize(
    "key, optional", [("remediation", True), ("releases", True), ("schools", False)]
)
def test_named_but_absent_file_names_the_key_and_whether_it_is_optional(tmp_path, key, optional):
    root = small_package(tmp_path)
    (root / f"{key}.csv").unlink()
    assert errors_of(root) == [("county.toml", None, f"files.{key}", "file-missing")]
    with pytest.raises(InputErrors) as caught:
        load_county(root)
    zh, en = caught.value.render("zh"), caught.value.render("en")
    assert f"{key}.csv" in zh and f"{key}.csv" in en
    assert ("可选" in zh and "optional" in en) == optional
    assert ("必需" in zh and "required" in en) == (not optional)
    if optional:
        assert f"delete the {key} line" in en


def test_required_key_left_out_is_an_error(tmp_path):
    root = small_package(tmp_path, drop_keys=("classes",))
    assert errors_of(root) == [("county.toml", None, "files.classes", "empty")]


def test_misspelled_key_is_not_silently_ignored(tmp_path):
    root = small_package(tmp_path, drop_keys=("remediation",))
    manifest = root / "county.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "[files]\n", '[files]\nremediaton = "remediation.csv"\n'
        ),
        encoding="utf-8",
    )
    assert errors_of(root) == [("county.toml", None, "files.remediaton", "unknown-key")]


def test_package_files_table_states_what_is_required():
    required = {f.key for f in PACKAGE_FILES if f.required}
    assert required == {"schools", "classes", "measures", "monitoring", "declarations"}
    assert {f.key for f in PACKAGE_FILES if not f.required} == {
        "remediation",
        "releases",
        "survey",
        "survey_config",
        "narrative",
        "narrative_en",
        "narrative_figures",
    }
    assert all(f.zh and f.en and f.example for f in PACKAGE_FILES)
    # the demo manifest names every file of the table, so the docs' example stays complete
    manifest = (DEMO / "county.toml").read_text(encoding="utf-8")
    assert all(f"\n{f.key} = " in manifest for f in PACKAGE_FILES)


def test_a_missing_survey_file_says_its_config_goes_with_it(tmp_path):
    """survey and survey_config come together: deleting only the missing file's line would leave
    the other alone, so the message says to delete both lines."""
    root = tmp_path / "county"
    shutil.copytree(DEMO, root)
    (root / "survey.sav").unlink()
    (root / "survey.csv").unlink(missing_ok=True)
    with pytest.raises(InputErrors) as caught:
        load_county(root)
    (error,) = [e for e in caught.value.report.errors if e.column == "files.survey"]
    zh, en = caught.value.render("zh"), caught.value.render("en")
    assert error.code == "file-missing"
    assert "files.survey_config" in zh and "两行一并删除" in zh
    assert "only together with files.survey_config" in en and "delete both lines" in en
