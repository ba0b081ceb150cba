"""Open data in the built site: every table as CSV and JSON, described by a valid data package."""

from __future__ import annotations

import csv
import json

import pytest
from frictionless import validate

from indicators import load_resource_rules
from publish._opendata_dictionary import dictionary
from survey import PUBLISHED_PLACES

TABLES = list(dictionary())


def test_data_package_is_valid_and_lists_every_table(built_site):
    package = built_site / "data" / "datapackage.json"
    report = validate(str(package))
    assert report.valid, report.flatten(["resource/name", "rowNumber", "fieldName", "type"])[:10]
    listed = {r["path"] for r in json.loads(package.read_text(encoding="utf-8"))["resources"]}
    assert listed == {f"{name}.csv" for name in TABLES}


# tables a county may have no rows for (the header is still published)
MAY_BE_EMPTY = {"teaching_points"}


@pytest.mark.parametrize("name", TABLES)
def test_csv_and_json_hold_the_same_rows_with_the_dictionary_fields(built_site, name):
    spec = dictionary()[name]
    raw = (built_site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese correctly
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    records = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    fields = [f.name for f in spec.fields]
    assert next(csv.reader(raw.decode("utf-8-sig").splitlines())) == fields
    if name in MAY_BE_EMPTY:  # the demo has no teaching point outside the rules
        assert len(rows) == len(records)
    else:
        assert len(rows) == len(records) > 0
        assert list(rows[0]) == fields == list(records[0])
    for field in spec.fields:  # every field has both titles in the dictionary
        assert field.zh and field.en


def test_open_data_page_links_every_file_in_both_languages(built_site):
    for prefix, up in (("", "../"), ("en/", "../../")):
        page = (built_site / prefix / "open-data" / "index.html").read_text(encoding="utf-8")
        for name in TABLES:
            assert f'href="{up}data/{name}.csv"' in page and f'href="{up}data/{name}.json"' in page
        assert f'href="{up}data/datapackage.json"' in page


def test_sections_table_matches_the_site(built_site):
    rows = list(
        csv.DictReader(
            (built_site / "data" / "sections.csv").read_text(encoding="utf-8-sig").splitlines()
        )
    )
    assert len(rows) == 115
    assert {r["section_class"] for r in rows} == {
        "all7",
        "six_plus",
        "fail_below85",
        "fail_two_or_more",
    }


def test_survey_tables_publish_no_hidden_cell_and_no_small_cell(built_site):
    for name in (
        "survey_by_group",
        "survey_by_town",
        "survey_group_by_item",
        "survey_group_by_town",
    ):
        raw = (built_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(raw.splitlines()))
        hidden = [r for r in rows if r["suppressed"] == "True"]
        for row in hidden:  # a hidden cell carries its reason and no figure at all
            assert row["suppression"] and not any(
                row[k] for k in ("estimate", "se", "ci_low", "ci_high", "n", "n_eff")
            ), (name, row)
        for row in rows:
            if row["suppressed"] == "False":
                assert int(row["n"]) >= 10, (name, row)
    town = list(
        csv.DictReader(
            (built_site / "data" / "survey_group_by_town.csv")
            .read_text(encoding="utf-8-sig")
            .splitlines()
        )
    )
    for row in town:
        if row["group"] in {"principal", "npc_deputy", "cppcc_member"}:
            assert row["suppressed"] == "True" and row["suppression"] in {"county_only", "empty"}


@pytest.mark.parametrize("name", ["survey_by_town", "survey_group_by_town", "survey_by_group"])
def test_survey_breakdowns_carry_no_more_precision_than_the_page(built_site, name):
    # full decimals with n and the 不了解 share would give each cell's exact answer counts
    raw = (built_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(raw.splitlines()))
    assert rows
    for row in rows:
        for field, places in PUBLISHED_PLACES.items():
            if row[field]:
                decimals = row[field].partition(".")[2]
                assert len(decimals) <= places, (name, field, row[field])


# coded columns: every code a table holds is explained in its field's description
CODED_FIELDS = ("level", "category", "section_class", "area", "kind", "role", "unit", "scope")


@pytest.mark.parametrize("name", [n for n in TABLES if not n.startswith("survey_")])
def test_every_code_in_a_table_is_explained_in_the_dictionary(built_site, name):
    text = (built_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    for field in dictionary()[name].fields:
        if field.name not in CODED_FIELDS:
            continue
        codes = {r[field.name] for r in rows if r[field.name]}
        for lang, description in (("zh", field.description_zh), ("en", field.description_en)):
            missing = {c for c in codes if c not in (description or "")}
            assert not missing, (name, field.name, lang, missing)


def test_school_sizes_name_every_section_and_mark_those_above_their_limit(built_site):
    text = (built_site / "data" / "school_sizes.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert all(r["section_name"] for r in rows)  # a nine-year school lists its sections
    exceeding = [r for r in rows if r["exceeds"] == "True"]
    figures = json.loads((built_site / "data" / "indicator_figures.json").read_text("utf-8"))
    counts = {f["figure"]: f["value"] for f in figures if f["indicator"] == "G4"}
    assert len(exceeding) == counts["g4_noncompliant"] and len(rows) == counts["g4_oversized"]


def test_resource_titles_in_the_dictionary_are_the_standards_names():
    """R1–R7 are called the same in the dictionary as on the pages (indicators/standards.yaml),
    followed by the unit where it is an area or an amount."""
    fields = {f.name: f for f in dictionary()["sections"].fields}
    for ident, standard in load_resource_rules().standards.items():
        assert fields[ident].zh.startswith(standard.zh), ident
        assert fields[ident].en.startswith(standard.en), ident
