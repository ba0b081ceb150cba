"""The inputs behind the report's optional figures: percentages never above 100, the migrant
children enrolled never above those eligible, and the survey's `fieldwork` checked key by key.

Each case edits a copy (the small county, tests/fixtures/survey/small.yaml) and asserts the whole
list of errors with `==`, so a cascade of spurious errors fails too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from loaders import InputErrors, load_county, load_survey_config, measure_items

ROOT = Path(__file__).resolve().parents[2]
SURVEY = ROOT / "tests" / "fixtures" / "survey"
PERCENT = [k for k, item in measure_items().items() if item.unit == "percent"]


def add_measure(package: Path, key: str, value: str) -> int:
    """Append one measure row to measures.csv; return its spreadsheet row."""
    path = package / "measures.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    item = measure_items()[key]
    lines.append(f"{item.indicator},{key},{item.zh},{value},县教育局")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return len(lines)


def errors(package: Path) -> list[tuple]:
    with pytest.raises(InputErrors) as caught:
        load_county(package)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def test_every_percentage_is_optional_and_a_number():
    assert PERCENT and all(not measure_items()[k].required for k in PERCENT)
    assert all(measure_items()[k].type == "number" for k in PERCENT)


@pytest.mark.parametrize("key", PERCENT)
def test_a_percentage_of_100_loads_and_one_above_is_refused(package, key):
    add_measure(package, key, "100")
    assert load_county(package).measures.get(key) == 100
    path = package / "measures.csv"
    path.write_text(
        path.read_text("utf-8-sig").replace(",100,县教育局", ",100.1,县教育局"), "utf-8-sig"
    )
    row = len(path.read_text("utf-8-sig").splitlines())
    assert errors(package) == [("measures.csv", row, "数值", "out-of-range")]


def test_the_refused_percentage_is_named_in_both_languages(package):
    add_measure(package, "junior_enrolment_rate_pct", "150")
    with pytest.raises(InputErrors) as caught:
        load_county(package)
    assert "初中入学率：0–100 之间的百分数" in caught.value.render("zh")
    assert "junior secondary enrolment rate: a percentage from 0 to 100" in caught.value.render(
        "en"
    )


def test_more_migrant_children_enrolled_than_eligible_is_refused(package):
    eligible = load_county(package).measures.get("migrant_children_eligible")
    add_measure(package, "migrant_children_enrolled", f"{eligible:.0f}")  # all of them: fine
    load_county(package)
    path = package / "measures.csv"
    text = path.read_text("utf-8-sig").replace(
        f",{eligible:.0f},县教育局", f",{eligible + 1:.0f},县教育局"
    )
    path.write_text(text, "utf-8-sig")
    row = len(text.splitlines())
    assert errors(package) == [("measures.csv", row, "数值", "exceeds-whole")]


def config_with(tmp_path: Path, fieldwork: object) -> Path:
    shutil.copy(SURVEY / "small_population.csv", tmp_path)
    text = (SURVEY / "small.yaml").read_text(encoding="utf-8")
    block = yaml.safe_dump({"fieldwork": fieldwork}, allow_unicode=True)
    (tmp_path / "small.yaml").write_text(text + "\n" + block, encoding="utf-8")
    return tmp_path / "small.yaml"


def test_the_demos_fieldwork_is_read_as_written():
    raw = yaml.safe_load((ROOT / "data" / "demo" / "survey.yaml").read_text("utf-8"))["fieldwork"]
    work = load_survey_config(ROOT / "data" / "demo" / "survey.yaml").fieldwork
    assert (work.year, work.issued) == (raw["year"], raw["issued"])
    assert (work.commissioned_by_zh, work.commissioned_by_en) == tuple(
        raw["commissioned_by"][k] for k in ("zh", "en")
    )
    assert (work.conducted_by_zh, work.conducted_by_en) == tuple(
        raw["conducted_by"][k] for k in ("zh", "en")
    )
    assert load_survey_config(SURVEY / "small.yaml").fieldwork is None  # optional


BY = {"zh": "县教育督导室", "en": "the county education inspection office"}


@pytest.mark.parametrize(
    "fieldwork, expected",
    [
        (
            {"year": 2024, "commissioned_by": BY, "agency": "x"},
            [("fieldwork.agency", "unknown-key")],
        ),
        ({"commissioned_by": BY}, [("fieldwork.year", "missing-key")]),
        ({"year": 2024}, [("fieldwork.commissioned_by", "missing-key")]),
        ({"year": 1989, "commissioned_by": BY}, [("fieldwork.year", "out-of-range")]),
        ({"year": 2101, "commissioned_by": BY}, [("fieldwork.year", "out-of-range")]),
        ({"year": "2024年", "commissioned_by": BY}, [("fieldwork.year", "not-integer")]),
        (
            {"year": 2024, "commissioned_by": {"zh": "县教育督导室"}},
            [("fieldwork.commissioned_by.en", "missing-key")],
        ),
        (
            {"year": 2024, "commissioned_by": BY, "conducted_by": {"zh": " ", "en": "a firm"}},
            [("fieldwork.conducted_by.zh", "empty")],
        ),
        (
            {"year": 2024, "commissioned_by": BY, "issued": 0},
            [("fieldwork.issued", "out-of-range")],
        ),
        (
            {"year": 2024, "commissioned_by": BY, "issued": 9.5},
            [("fieldwork.issued", "not-integer")],
        ),
    ],
)
def test_a_wrong_fieldwork_key_is_named(tmp_path, fieldwork, expected):
    with pytest.raises(InputErrors) as caught:
        load_survey_config(config_with(tmp_path, fieldwork))
    assert [(e.column, e.code) for e in caught.value.report.errors] == expected


@pytest.mark.parametrize("year", [1990, 2100])
def test_the_fieldwork_years_at_the_bounds_load(tmp_path, year):
    config = load_survey_config(config_with(tmp_path, {"year": year, "commissioned_by": BY}))
    assert config.fieldwork.year == year and config.fieldwork.issued is None
    assert config.fieldwork.conducted_by_zh == ""


@pytest.mark.parametrize("key", ["resource_rooms", "primary_enrolment_rate_pct"])
def test_an_optional_measure_left_empty_is_no_figure(package, key):
    add_measure(package, key, "")
    loaded = load_county(package).measures
    assert key in loaded.values and loaded.get(key) is None


def test_an_optional_measure_left_empty_in_a_workbook_is_no_figure(package):
    """Excel's empty cell reads as NaN: it is no figure, not a number that is not whole."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    with (package / "measures.csv").open(encoding="utf-8-sig") as handle:
        for line in handle.read().splitlines():
            sheet.append([int(c) if c.isdigit() else c for c in line.split(",")])
    sheet.append(["Q2", "resource_rooms", "特殊教育资源教室数", None, "县教育局"])
    book.save(package / "measures.xlsx")
    manifest = package / "county.toml"
    text = manifest.read_text(encoding="utf-8").replace('"measures.csv"', '"measures.xlsx"')
    manifest.write_text(text, encoding="utf-8")
    loaded = load_county(package).measures
    assert "resource_rooms" in loaded.values and loaded.get("resource_rooms") is None
