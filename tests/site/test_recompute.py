"""An inspector's check: every computed figure recomputes from the published downloads alone.

Nothing here imports the project's rules: the formulas are written out again from the
evaluation measures (教督〔2017〕6号) and applied to the CSV files of the built site's data folder,
as a reader would in a spreadsheet. Run on the demo and on the small second county.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

import pytest

SMALL_PACKAGE = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"

LEVEL_WEIGHTS = {"primary": 1.0, "junior": 1.1, "senior": 1.32}  # split_rule = weighted
SHARED = ("teaching_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_classrooms")


def read(site: Path, name: str) -> list[dict[str, str]]:
    with (site / "data" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text: str | float) -> float:
    return float(text.lstrip("'")) if isinstance(text, str) else text


@pytest.fixture(scope="module")
def small_county_site(tmp_path_factory, build_county) -> Path:
    return build_county(SMALL_PACKAGE, tmp_path_factory.mktemp("recompute") / "site")


@pytest.fixture(params=["demo", "small"])
def site(request) -> Path:
    return request.getfixturevalue("built_site" if request.param == "demo" else "small_county_site")


def options(site: Path) -> dict[str, str]:
    return {row["option"]: row["value"] for row in read(site, "rule_options")}


def split_register(site: Path) -> dict[str, dict[str, float | str]]:
    """The register with each shared campus total split between its sections."""
    rule = options(site)["split_rule"]
    weights = LEVEL_WEIGHTS if rule == "weighted" else dict.fromkeys(LEVEL_WEIGHTS, 1.0)
    rows = {row["section_id"]: dict(row) for row in read(site, "school_register")}
    campus: dict[str, float] = defaultdict(float)
    senior: dict[str, float] = defaultdict(float)
    for row in rows.values():
        if row["shared_resources"] == "yes":
            campus[row["school_id"]] += number(row["students"]) * weights[row["level"]]
            if row["senior_students"]:
                senior[row["school_id"]] = max(
                    senior[row["school_id"]], number(row["senior_students"]) * weights["senior"]
                )
    for row in rows.values():
        if row["shared_resources"] == "yes":
            whole = campus[row["school_id"]] + senior[row["school_id"]]
            share = number(row["students"]) * weights[row["level"]] / whole
            for column in SHARED:
                row[column] = number(row[column]) * share
    return rows


def r_values(row: dict) -> dict[str, float]:
    students = number(row["students"])
    teachers = sum(number(row[c]) for c in ("pe_teachers", "music_teachers", "art_teachers"))
    return {
        "R1": number(row["teachers_above_degree"]) / students * 100,
        "R2": number(row["backbone_teachers"]) / students * 100,
        "R3": teachers / students * 100,
        "R4": number(row["teaching_area_m2"]) / students,
        "R5": number(row["sports_area_m2"]) / students,
        "R6": number(row["equipment_value_yuan"]) / students,
        "R7": number(row["multimedia_classrooms"]) / students * 100,
    }


def test_every_r_value_and_section_verdict_recomputes(site):
    register = split_register(site)
    standards = {(s["indicator"], s["level"]): s for s in read(site, "standards")}
    published = read(site, "sections")
    assert published
    for section in published:
        values = r_values(register[section["section_id"]])
        met = above = 0
        for ident, value in values.items():
            assert number(section[ident]) == pytest.approx(value, rel=1e-12), (section, ident)
            standard = standards[(ident, section["level"])]
            assert standard["op"] == ">="
            met += value >= number(standard["standard"])
            above += value >= number(standard["floor"])
        assert (int(section["met"]), int(section["above_floor"])) == (met, above), section


def weighted_cv(values: list[float], students: list[float]) -> float:
    total = sum(students)
    mean = sum(v * p for v, p in zip(values, students, strict=True)) / total
    pairs = list(zip(values, students, strict=True))
    spread = math.sqrt(sum(p / total * (v - mean) ** 2 for v, p in pairs))
    return spread / mean


def test_every_coefficient_of_variation_recomputes(site):
    sections = read(site, "sections")
    for row in read(site, "cvs"):
        at_level = [s for s in sections if s["level"] == row["level"]]
        assert int(row["sections"]) == len(at_level)
        if row["note"]:
            continue
        values = [number(s[row["indicator"]]) for s in at_level]
        students = [number(s["students"]) for s in at_level]
        assert number(row["cv"]) == pytest.approx(weighted_cv(values, students), rel=1e-9), row
        assert (row["passes"] == "True") == (number(row["cv"]) <= number(row["limit"]))


def figures(site: Path, indicator: str) -> dict[str, float]:
    return {
        f"{row['figure']}:{row['role']}": number(row["value"])
        for row in read(site, "indicator_figures")
        if row["indicator"] == indicator and row["value"]
    }


def test_class_sizes_recompute_from_the_class_register(site):
    limits = figures(site, "G5")
    limit = {
        "primary": limits["g5_primary_class_max:threshold"],
        "junior": limits["g5_junior_class_max:threshold"],
    }
    by_section = {row["section_id"]: row for row in read(site, "class_sizes")}
    classes: dict[str, list[int]] = defaultdict(list)
    for row in read(site, "class_register"):
        if row["section_id"] in by_section:
            classes[row["section_id"]].append(int(row["students"]))
    counts = defaultdict(lambda: [0, 0])
    for section_id, row in by_section.items():
        sizes = classes[section_id]
        over = sum(size > limit[row["level"]] for size in sizes)
        assert (int(row["classes"]), int(row["oversized"]), int(row["largest"])) == (
            len(sizes),
            over,
            max(sizes),
        ), row
        counts[row["level"]][0] += len(sizes)
        counts[row["level"]][1] += over
    for level, (total, over) in counts.items():
        assert limits[f"g5_{level}_classes:value"] == total
        assert limits[f"g5_{level}_oversized:value"] == over


def test_the_satisfaction_result_recomputes_from_the_published_sums(site):
    sums = {row["group"]: row for row in read(site, "survey_sums")}
    everyone = sums.pop("all")
    configured = next(r for r in read(site, "survey_sensitivity") if r["configured"] == "True")
    overall = number(everyone["numerator"]) / number(everyone["denominator"])
    assert overall == pytest.approx(number(configured["estimate"]), rel=1e-12)
    assert figures(site, "S")["satisfaction:value"] == pytest.approx(overall, rel=1e-12)
    visible = [row for row in sums.values() if row["suppressed"] == "False"]
    if len(visible) == len(sums) and configured["weighting"] == "none":  # nothing hidden
        assert sum(number(r["numerator"]) for r in visible) == number(everyone["numerator"])
        assert sum(number(r["denominator"]) for r in visible) == number(everyone["denominator"])


def rule_values(site: Path, indicator: str) -> dict[str, float]:
    return {
        r["key"]: number(r["value"])
        for r in read(site, "thresholds")
        if r["indicator"] == indicator
    }


def ordinary(site: Path) -> list[dict[str, str]]:
    """The sections G3–G5 judge: every school but the special-education school."""
    return [r for r in read(site, "school_register") if r["school_type"] != "special"]


def test_music_and_art_rooms_recompute_from_the_register(site):
    t = rule_values(site, "G3")
    sections = ordinary(site)
    old = [int(r["year_built"]) <= t["old_built_by"] for r in sections]
    ok = 0
    for row, is_old in zip(sections, old, strict=True):
        need = math.ceil(int(row["classes"]) / t["classes_per_room"])
        music = t["music_room_m2_old" if is_old else "music_room_m2"]
        art = t["art_room_m2_old" if is_old else "art_room_m2"]
        ok += (
            int(row["music_rooms"]) >= need
            and int(row["art_rooms"]) >= need
            and number(row["music_room_min_area_m2"]) >= music
            and number(row["art_room_min_area_m2"]) >= art
        )
    published = figures(site, "G3")
    assert published["g3_sections:value"] == len(sections)
    assert published["g3_sections_old:value"] == sum(old)
    assert published["g3_sections_ok:value"] == ok


def test_school_sizes_recompute_from_the_register(site):
    t = rule_values(site, "G4")
    exceptions = set(filter(None, options(site)["g4_exceptions"].split(",")))
    units: dict[str, dict] = {}
    for row in ordinary(site):
        through = row["school_type"] in ("nine_year", "twelve_year")
        key = row["school_id"] if through else row["section_id"]
        unit = units.setdefault(
            key, {"through": through, "students": 0, "migrants": 0, "built": 9999, "planned": 0}
        )
        unit["students"] += int(row["students"])
        unit["migrants"] += int(row["migrant_students"])
        unit["built"] = min(unit["built"], int(row["year_built"]))
        unit["planned"] += int(number(row["planned_students"] or 0))
    expected = {}
    for key, unit in units.items():
        base = t["through_max" if unit["through"] else "single_level_max"]
        if unit["students"] <= base:
            continue
        raised = t["through_max_exception" if unit["through"] else "single_level_max_exception"]
        excused = ("built_by_2010" in exceptions and unit["built"] <= t["exception_built_by"]) or (
            "migrant_over_half" in exceptions
            and unit["migrants"] / unit["students"] > t["exception_migrant_share"]
        )
        if excused and unit["students"] <= raised:
            category = "within_exception"
        elif unit["planned"] >= unit["students"]:
            category = "within_plan"
        else:
            category = "over"
        compliant = {"within_exception"} | (
            {"within_plan"} if "within_planned_size" in exceptions else set()
        )
        expected[key] = (category, category not in compliant)
    published = {
        r["unit_id"]: (r["category"], r["exceeds"] == "True") for r in read(site, "school_sizes")
    }
    assert published == expected
    counts = figures(site, "G4")
    assert counts["g4_oversized:value"] == len(expected)
    assert counts["g4_noncompliant:value"] == sum(exceeds for _, exceeds in expected.values())
