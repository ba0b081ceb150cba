"""Splitting a shared school total through the whole path, on a copy of the demo package.

The worked examples of the split rule itself run in the fast tier: test_split_rules.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from loaders import load_county
from publish import compute_results

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
