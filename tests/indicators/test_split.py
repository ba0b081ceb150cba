"""Splitting a shared school total between its sections (option split_rule)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import split_shared_resources
from indicators._split import SHARED_COLUMNS
from loaders import load_county
from publish import compute_results


def school(primary: int, junior: int, senior: int = 0, total: float = 12_000.0) -> pd.DataFrame:
    rows = [
        {"section_id": "A-p", "school_id": "A", "level": "primary", "students": primary},
        {"section_id": "A-j", "school_id": "A", "level": "junior", "students": junior},
        {"section_id": "B", "school_id": "B", "level": "primary", "students": 500},
    ]
    frame = pd.DataFrame(rows)
    for column in SHARED_COLUMNS:
        frame[column] = [total, total, 999.0]
    frame["shared_resources"] = ["yes", "yes", "no"]
    frame["senior_students"] = [senior, senior, 0]
    return frame


@pytest.mark.parametrize(
    "rule, primary, junior, senior, expected_primary",
    [
        ("students", 600, 400, 0, 12_000 * 600 / 1000),
        # weighted 1 : 1.1 → 600 / (600 + 440)
        ("weighted", 600, 400, 0, 12_000 * 600 / 1040),
        # senior students take their share out: 600 / (600 + 1.1 · 400 + 1.32 · 500)
        ("weighted", 600, 400, 500, 12_000 * 600 / 1700),
        ("students", 600, 400, 500, 12_000 * 600 / 1500),
    ],
)
def test_split_worked_examples(rule, primary, junior, senior, expected_primary):
    out = split_shared_resources(school(primary, junior, senior), rule).set_index("section_id")
    assert out.loc["A-p", "teaching_area_m2"] == pytest.approx(expected_primary)
    assert out.loc["B", "teaching_area_m2"] == 999.0  # unshared rows are left alone


@given(st.integers(1, 3000), st.integers(1, 3000), st.sampled_from(["students", "weighted"]))
def test_split_preserves_the_school_total_without_senior_students(primary, junior, rule):
    out = split_shared_resources(school(primary, junior), rule)
    shared = out[out["school_id"] == "A"]
    for column in SHARED_COLUMNS:
        assert shared[column].sum() == pytest.approx(12_000.0)


def test_register_without_shared_rows_is_unchanged():
    frame = school(600, 400).assign(shared_resources="no")
    assert split_shared_resources(frame, "weighted") is frame


def nine_year_school() -> pd.DataFrame:
    """A 九年一贯制 school whose two sections share one campus, as the register carries it.

    Both rows give the whole school's totals: 10,000 m² and 20 classrooms (an integer column,
    as loaders read it — the dtype that crashed the split before, issue 13 §3).
    """
    frame = pd.DataFrame(
        {
            "section_id": ["N-p", "N-j"],
            "school_id": ["N", "N"],
            "level": ["primary", "junior"],
            "students": [600, 400],
            "teaching_area_m2": [10_000.0, 10_000.0],
            "sports_area_m2": [10_000.0, 10_000.0],
            "equipment_value_yuan": [10_000.0, 10_000.0],
            "multimedia_classrooms": [20, 20],
            "shared_resources": ["yes", "yes"],
        }
    )
    assert frame["multimedia_classrooms"].dtype == "int64"
    return frame


# By hand. students: shares 600 / 1000 = 0.6 and 400 / 1000 = 0.4, so 10,000 m² → 6,000 and
# 4,000 m², 20 classrooms → 12 and 8.
# weighted (1 : 1.1): weights 600 · 1 = 600 and 400 · 1.1 = 440, total 1,040; shares
# 600 / 1,040 = 0.576923… and 440 / 1,040 = 0.423076…, so 10,000 m² → 5,769.23 and 4,230.77 m²,
# 20 classrooms → 11.538… and 8.461… (a share of a room, kept unrounded for the per-student value).
@pytest.mark.parametrize(
    "rule, area, rooms",
    [
        ("students", (6_000.0, 4_000.0), (12.0, 8.0)),
        ("weighted", (5_769.2308, 4_230.7692), (11.538462, 8.461538)),
    ],
)
def test_nine_year_school_worked_example(rule, area, rooms):
    out = split_shared_resources(nine_year_school(), rule).set_index("section_id")
    assert tuple(out["teaching_area_m2"]) == pytest.approx(area)
    assert tuple(out["multimedia_classrooms"]) == pytest.approx(rooms)
    assert tuple(out["sports_area_m2"]) == pytest.approx(area)


DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
SHARED = {"S082": "primary", "S083": "junior"}  # the two sections of 九年一贯制 school 99500081
TOTAL_COLUMNS = {  # schools.csv header → the school total both rows carry
    "教学及辅助用房面积（㎡）": "teaching_area_m2",
    "体育运动场馆面积（㎡）": "sports_area_m2",
    "教学仪器设备值（元）": "equipment_value_yuan",
    "网络多媒体教室数": "multimedia_classrooms",
}


def shared_campus_package(tmp_path: Path, split_rule: str) -> tuple[Path, pd.DataFrame]:
    """Copy the demo package with S082 and S083 marked 资源是否共用 = 是, each row carrying the
    school's totals (the sum of the two sections' own figures), as the About page tells staff."""
    root = tmp_path / "county"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("survey.sav", "survey.csv"))
    for survey_file in ("survey.sav", "survey.csv"):  # hard links: a symlink out is refused
        try:
            os.link(DEMO / survey_file, root / survey_file)
        except OSError:
            shutil.copy(DEMO / survey_file, root / survey_file)
    path = root / "schools.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rows = frame["学部编号"].isin(list(SHARED))
    for header in TOTAL_COLUMNS:
        total = frame.loc[rows, header].astype(float).sum()
        frame.loc[rows, header] = f"{total:.2f}"
    frame["资源是否共用"] = ["是" if r else "" for r in rows]
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    manifest = root / "county.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('split_rule = "students"', f'split_rule = "{split_rule}"'), encoding="utf-8"
    )
    return root, frame[rows].set_index("学部编号")


@pytest.mark.parametrize("split_rule", ["students", "weighted"])
def test_shared_campus_computes_through_the_whole_path(tmp_path, split_rule):
    root, rows = shared_campus_package(tmp_path, split_rule)
    package = load_county(root)
    assert package.schools["multimedia_classrooms"].dtype == "int64"  # as read: whole rooms
    results = compute_results(root)  # crashed here with a TypeError before (issue 13 §3)
    students = rows["在校学生数"].astype(int)
    weight = {"primary": 1.0, "junior": 1.1 if split_rule == "weighted" else 1.0}
    weighted = {s: students[s] * weight[level] for s, level in SHARED.items()}
    for section in SHARED:
        share = weighted[section] / sum(weighted.values())
        area = float(rows.loc[section, "教学及辅助用房面积（㎡）"]) * share
        rooms = float(rows.loc[section, "网络多媒体教室数"]) * share
        values = results.resources.sections.loc[section]
        assert values["R4"] == pytest.approx(area / students[section])
        assert values["R7"] == pytest.approx(rooms * 100 / students[section])
