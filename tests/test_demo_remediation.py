"""The demo's synthetic remediation progress: dated by the package, fitting each kind of measure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from demo import _targets as T

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
# words a progress note may use, by the kind of measure it reports on
FITS = {
    "骨干教师": ("教师",),
    "改扩建": ("施工", "竣工"),
    "运动场": ("施工", "竣工"),
    "仪器设备": ("采购", "安装"),
    "多媒体教室": ("采购", "安装"),
}
MISFITS = {
    "骨干教师": ("采购", "安装", "施工", "竣工"),
    "改扩建": ("采购", "安装", "教师"),
    "运动场": ("采购", "安装", "教师"),
    "仪器设备": ("施工", "竣工", "教师"),
    "多媒体教室": ("施工", "竣工", "教师"),
}


def plans() -> pd.DataFrame:
    return pd.read_csv(
        DEMO / "remediation.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )


def test_progress_is_dated_by_the_packages_latest_release():
    assert set(plans()["状态更新日期"]) == {T.RELEASES[-1][1]}


def test_each_progress_note_fits_its_measures():
    for _, row in plans()[lambda f: f["指标编号"] == "R"].iterrows():
        for measure, note in zip(row["整改措施"].split("；"), row["进展"].split("；"), strict=True):
            kind = next(k for k in FITS if k in measure)
            assert any(w in note for w in FITS[kind]), (row["学部编号"], measure, note)
            assert not any(w in note for w in MISFITS[kind]), (row["学部编号"], measure, note)


def test_completed_notes_say_done_and_open_notes_do_not():
    for _, row in plans()[lambda f: f["指标编号"] == "R"].iterrows():
        done = row["进展状态"] == "已完成"
        assert done == (
            "施工中" not in row["进展"]
            and "采购中" not in row["进展"]
            and "进行中" not in row["进展"]
        )
