"""A county package copied from the demo (it keeps `demo = true`) is never written to.

Before issue 13 the build regenerated the demo's tables into any package flagged as the demo
when one of its files was missing, overwriting the county's own registers. Now the build only
reads: a missing or misnamed file is reported in both languages and the folder is
byte-identical afterwards.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
SURVEY_FILES = ("survey.sav", "survey.csv")


@pytest.fixture
def copied_package(demo_copy: Path) -> Path:
    """data/demo copied elsewhere, `demo = true` kept (the large survey files are linked)."""
    assert "demo = true" in (demo_copy / "county.toml").read_text(encoding="utf-8")
    return demo_copy


def _break(package: Path, how: str) -> str:
    """Remove or misname one file the manifest names; return the name the error must show."""
    if how == "missing register":
        (package / "schools.csv").unlink()
        return "schools.csv"
    if how == "misnamed plans":
        (package / "remediation.csv").rename(package / "remediation (1).csv")
        return "remediation.csv"
    for name in SURVEY_FILES:  # what the demo regenerated on the first build
        (package / name).unlink()
    return "survey.sav"


@pytest.mark.parametrize("how", ["missing register", "misnamed plans", "missing survey"])
def test_a_copied_demo_package_with_a_missing_file_is_reported_and_left_untouched(
    copied_package, tmp_path, how, package_digest
):
    name = _break(copied_package, how)
    before = package_digest(copied_package)
    site = tmp_path / "site"
    command = ["build", "--county", str(copied_package), "--site-dir", str(site)]
    result = subprocess.run(
        [sys.executable, "-m", "publish", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert name in result.stderr
    assert "找不到文件" in result.stderr and "file not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert package_digest(copied_package) == before  # nothing written, nothing regenerated
    assert not site.exists()
