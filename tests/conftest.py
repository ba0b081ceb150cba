"""Shared fixtures: the project root and one demo build of the whole site per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def demo_package_files() -> None:
    """Complete the shipped demo package (its git-ignored survey) once, as `nox -s build` does
    before building: the build itself never generates anything."""
    from demo import ensure_builtin_demo

    ensure_builtin_demo(ROOT / "data" / "demo")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the demo site once, the way `nox -s build` does, into a temporary folder."""
    site = tmp_path_factory.mktemp("demo-build") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "publish", "build", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site
