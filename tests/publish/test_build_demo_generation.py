"""Demo generation: only into the shipped package, and never a half-written file.

A build killed while the 66 MB survey was written used to leave a truncated survey.sav that broke
every later build; and the build wrote the demo into any package flagged `demo = true`.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import demo
from demo import (
    BUILTIN,
    DemoTargetError,
    IncompleteFile,
    _files,
    _registers,
    _survey,
    verify_survey,
)

ROOT = Path(__file__).resolve().parents[2]
SURVEY_FILES = ("survey.sav", "survey.csv")


def tree(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def copied_package(tmp_path: Path) -> Path:
    """The demo's small files copied elsewhere; county.toml still says `demo = true`."""
    package = tmp_path / "my-county"
    package.mkdir()
    for path in BUILTIN.iterdir():
        if path.is_file() and path.name not in SURVEY_FILES:
            shutil.copy(path, package / path.name)
    (package / "schools.csv").write_text("学校名称\n我们的学校\n", encoding="utf-8")  # edited
    return package


def test_the_builtin_package_is_this_checkouts_data_demo():
    assert BUILTIN == ROOT / "data" / "demo" and (BUILTIN / "county.toml").is_file()


@pytest.mark.parametrize("write", ["registers", "survey", "ensure survey", "ensure builtin"])
def test_a_county_package_copied_from_the_demo_is_never_generated_into(copied_package, write):
    before = tree(copied_package)
    with pytest.raises(DemoTargetError, match="nothing"):
        if write == "registers":
            demo.write_demo(copied_package)
        elif write == "survey":
            demo.write_survey(pd.DataFrame({"a": [1]}), copied_package)
        elif write == "ensure survey":
            demo.ensure_demo_survey(copied_package)
        else:
            demo.ensure_builtin_demo(copied_package)
    assert tree(copied_package) == before


def test_the_demo_command_refuses_a_county_package(copied_package):
    before = tree(copied_package)
    done = subprocess.run(
        [sys.executable, "-m", "demo", "--force", str(copied_package)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "不是本仓库自带的示例数据包" in done.stderr and "nothing in this folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(copied_package) == before


def test_the_shipped_package_is_complete_and_ensuring_it_writes_nothing():
    before = {p.name: p.stat().st_mtime_ns for p in BUILTIN.iterdir()}
    assert demo.ensure_builtin_demo() == []
    assert {p.name: p.stat().st_mtime_ns for p in BUILTIN.iterdir()} == before


def test_a_survey_write_that_fails_halfway_leaves_no_file_and_keeps_the_old_one(
    tmp_path, monkeypatch
):
    (tmp_path / "survey.csv").write_bytes(b"previous complete file")

    def half_then_fail(frame: pd.DataFrame, path: Path) -> None:
        path.write_bytes(b"$FL2" + b"\0" * 1000)  # the first kilobyte of a .sav
        raise OSError("No space left on device")

    monkeypatch.setattr(_survey, "_write_sav", half_then_fail)
    with pytest.raises(OSError, match="No space"):
        demo.write_survey(pd.DataFrame({"a": [1]}), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["survey.csv"]  # no temporary left
    assert (tmp_path / "survey.csv").read_bytes() == b"previous complete file"


def test_a_survey_that_fails_verification_is_not_renamed_into_place(tmp_path, monkeypatch):
    def truncated(frame: pd.DataFrame, path: Path) -> None:
        path.write_bytes((BUILTIN / "survey.sav").read_bytes()[:30_000_000])

    monkeypatch.setattr(_survey, "_write_sav", truncated)
    frame = pd.DataFrame({"序号": range(_survey.RECEIVED)})
    with pytest.raises(IncompleteFile):
        demo.write_survey(frame, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_register_write_that_fails_halfway_changes_nothing(tmp_path, monkeypatch):
    written = []
    original = _registers._write_csv

    def third_fails(frame: pd.DataFrame, path: Path) -> None:
        if len(written) == 2:
            path.write_text(frame.to_csv(index=False)[:100], encoding="utf-8")
            raise KeyboardInterrupt  # as a build stopped with Ctrl-C
        written.append(path)
        original(frame, path)

    monkeypatch.setattr(_registers, "_write_csv", third_fails)
    with pytest.raises(KeyboardInterrupt):
        demo.write_demo(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, keep", [("survey.sav", 30_000_000), ("survey.csv", 20_000_000)])
def test_a_survey_truncated_by_an_old_crash_is_detected(tmp_path, name, keep):
    for file in SURVEY_FILES:
        (tmp_path / file).symlink_to(BUILTIN / file)
    verify_survey(tmp_path / "survey.sav", tmp_path / "survey.csv")  # the complete files pass
    (tmp_path / name).unlink()
    (tmp_path / name).write_bytes((BUILTIN / name).read_bytes()[:keep])
    with pytest.raises(IncompleteFile, match=name):
        verify_survey(tmp_path / "survey.sav", tmp_path / "survey.csv")


def test_ensure_regenerates_a_truncated_survey_and_keeps_a_complete_one(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(_survey, "load_survey_config", lambda path: "config")
    monkeypatch.setattr(_survey, "build_survey", lambda config: calls.append(config) or "frame")
    monkeypatch.setattr(_survey, "write_survey", lambda frame, folder: calls.append(frame) or [])
    for file in SURVEY_FILES:
        (tmp_path / file).symlink_to(BUILTIN / file)
    demo.ensure_demo_survey(tmp_path)
    assert calls == []  # complete: not regenerated
    (tmp_path / "survey.sav").unlink()
    (tmp_path / "survey.sav").write_bytes((BUILTIN / "survey.sav").read_bytes()[:1_000_000])
    demo.ensure_demo_survey(tmp_path)
    assert calls == ["config", "frame"]


def test_temporaries_of_a_killed_generation_are_removed(tmp_path):
    (tmp_path / ".survey.sav.4711.tmp").write_bytes(b"half")
    (tmp_path / ".keep.tmp").write_bytes(b"not ours")
    (tmp_path / "survey.sav").write_bytes(b"whole")
    assert _files.remove_stale_temporaries(tmp_path) == [tmp_path / ".survey.sav.4711.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".keep.tmp", "survey.sav"]
