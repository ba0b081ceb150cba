"""The demo county: deterministic files, and every school-side figure from the calculations."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo import write_demo
from publish import compute_results

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


def test_generator_is_deterministic_and_matches_committed_files(tmp_path):
    for path in write_demo(tmp_path):
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), path.name


@pytest.fixture(scope="module")
def results():
    return compute_results(DEMO)


def test_schools_and_sections(results):
    basic = results.basic
    assert basic.legal_schools == 103
    assert basic.schools_by_type == {
        "primary": 63,
        "junior": 17,
        "nine_year": 10,
        "twelve_year": 1,
        "complete_secondary": 11,
        "special": 1,
    }
    assert basic.by_level["sections"].to_dict() == {"primary": 74, "junior": 41}


def test_students_teachers_migrants(results):
    basic = results.basic
    assert basic.by_level["students"].to_dict() == {"primary": 101_188, "junior": 43_777}
    assert basic.students == 144_965
    assert basic.by_level["teachers"].to_dict() == {"primary": 6_159, "junior": 3_349}
    assert basic.migrant_students == 25_764
    assert round(basic.migrant_students / basic.students * 100, 1) == 17.8


def test_resource_classes_and_cvs(results):
    assert results.resources.class_counts() == {
        "all7": 87,
        "six_plus": 3,
        "fail_below85": 23,
        "fail_two_or_more": 2,
    }
    assert results.resources.all_cvs_pass and not results.resources.all_sections_pass


def test_class_sizes_and_school_sizes(results):
    """G5 and G4 inputs: 1,104 of 2,239 primary classes ≤ 45, 810 of 949 junior ≤ 50, 16 + 9 big."""
    import loaders

    package = loaders.load_county(DEMO)
    classes = package.classes.merge(package.schools[["section_id", "level"]], on="section_id")
    primary, junior = classes[classes["level"] == "primary"], classes[classes["level"] == "junior"]
    assert (len(primary), int((primary["students"] <= 45).sum())) == (2_239, 1_104)
    assert (len(junior), int((junior["students"] <= 50).sum())) == (949, 810)
    scope = package.schools[package.schools["school_type"] != "special"]
    big = scope[scope["students"] > 2000]["level"].value_counts().to_dict()
    assert big == {"primary": 16, "junior": 9}
    assert (
        int((scope["year_built"] <= 2016).sum()) == 75
        and int((scope["year_built"] > 2016).sum()) == 40
    )
    assert (scope["students"] < 100).sum() == 2
    assert not (scope["school_name"].str.contains("示例") == False).any()  # noqa: E712
