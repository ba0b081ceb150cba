"""Mistakes in the remediation plans' status columns (进展状态, 状态更新日期): located and named.

Each case copies the demo package, edits remediation.csv as staff would, and asserts the
(file, row, column, code) reported; rows are the spreadsheet's (header = row 1).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from loaders import InputErrors, load_county

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def package_with(tmp_path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    root = tmp_path / "county"
    # the survey files are linked, not copied: they are read, never written, and are 106 MB
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("survey.sav", "survey.csv"))
    for survey_file in ("survey.sav", "survey.csv"):  # never read by load_county: a stand-in
        (root / survey_file).write_bytes(b"")
    path = root / "remediation.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    change(frame).to_csv(path, index=False, encoding="utf-8-sig")
    return root


def errors_of(root: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        load_county(root)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def first_row(column: str, value: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, column] = value
        return frame

    return change


CASES = {
    "unreadable status date": (
        first_row("状态更新日期", "最近"),
        [("remediation.csv", 2, "状态更新日期", "bad-date")],
    ),
    "status date without a day": (
        first_row("状态更新日期", "2026-11"),
        [("remediation.csv", 2, "状态更新日期", "bad-date")],
    ),
    "empty status date": (
        first_row("状态更新日期", ""),
        [("remediation.csv", 2, "状态更新日期", "empty")],
    ),
    # the demo's latest release is 2026-11-28 (releases.csv): progress cannot be dated later
    "status date after the latest release": (
        first_row("状态更新日期", "2026-11-29"),
        [("remediation.csv", 2, "状态更新日期", "out-of-range")],
    ),
    "unknown status": (
        first_row("进展状态", "快完成了"),
        [("remediation.csv", 2, "进展状态", "not-in-list")],
    ),
    "status date column missing": (
        lambda f: f.drop(columns="状态更新日期"),
        [("remediation.csv", 1, "状态更新日期", "missing-column")],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_mistake_is_located_and_named(tmp_path, case):
    change, expected = CASES[case]
    assert errors_of(package_with(tmp_path, change)) == expected


def test_every_bad_status_date_is_reported_at_once(tmp_path):
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[[0, 3], "状态更新日期"] = ["明天", "2027-01-01"]
        return frame

    assert errors_of(package_with(tmp_path, change)) == [
        ("remediation.csv", 2, "状态更新日期", "bad-date"),
        ("remediation.csv", 5, "状态更新日期", "out-of-range"),
    ]


def test_message_names_the_latest_release_date(tmp_path):
    root = package_with(tmp_path, first_row("状态更新日期", "2026-12-01"))
    with pytest.raises(InputErrors) as caught:
        load_county(root)
    assert "2026-11-28" in caught.value.render("zh") and "2026-11-28" in caught.value.render("en")


def test_without_releases_any_whole_date_is_accepted(tmp_path):
    root = package_with(tmp_path, first_row("状态更新日期", "2030-01-15"))
    (root / "releases.csv").unlink()
    toml = root / "county.toml"
    toml.write_text(
        "\n".join(
            line
            for line in toml.read_text(encoding="utf-8").splitlines()
            if not line.startswith("releases")
        ),
        encoding="utf-8",
    )
    package = load_county(root)
    assert package.remediation["status_date"].iloc[0] == "2030-01-15"


def test_status_dates_as_staff_write_them_become_iso(tmp_path):
    root = package_with(tmp_path, first_row("状态更新日期", "2026年11月3日"))
    assert load_county(root).remediation["status_date"].iloc[0] == "2026-11-03"
