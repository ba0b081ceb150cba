"""The loaders' tests edit a copy of 柳河县 (tests/fixtures/county_small), never the fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A fresh copy of the small county, outside the repository."""
    target = tmp_path / "county"
    shutil.copytree(SMALL, target)
    return target
