"""Shared fixtures: the project root and one demo build of the whole site per test session."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# no deadline per example: speed is measured in the bench, never timed in a test, and a
# loaded machine (both cores busy under xdist) must not fail a property that holds
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")

ROOT = Path(__file__).resolve().parents[1]
# modules whose tests compute the demo's results, which read its generated 106 MB survey, or
# build a site (and, below, all of tests/site): they belong to the full suite only (marked slow),
# and the survey is generated before the run when one of them is selected. Everything else runs
# on the committed registers, the small county (tests/fixtures/county_small) or frames built
# in the test, and makes up the fast tier.
FULL_SUITE_MODULES = {
    "loaders/test_hostile_files.py",  # a child Python per hostile file, and a 200 MB zip bomb
    "test_demo.py",
    "test_demo_remediation.py",
    "indicators/test_resources.py",
    "indicators/test_split.py",
    "publish/test_build_demo_generation.py",
    "publish/test_cards.py",
    "publish/test_facts.py",
    "publish/test_recognition.py",
    "publish/test_recognition_config.py",
    "publish/test_results_cache.py",
    "publish/test_schools.py",
    "publish/test_tables.py",
    "survey/test_demo_survey.py",
}


def _in_full_suite_only(item: pytest.Item) -> bool:
    relative = Path(item.path).resolve().relative_to(ROOT / "tests")
    return str(relative) in FULL_SUITE_MODULES or relative.parts[0] == "site"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _in_full_suite_only(item):
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Generate the demo's survey before the run only if a selected test reads it."""
    if any(_in_full_suite_only(item) for item in session.items):
        _complete_demo()


def _complete_demo() -> None:
    """Generate the demo's survey once, even when several xdist workers ask at the same time."""
    from demo import ensure_builtin_demo

    (ROOT / "build").mkdir(exist_ok=True)
    with open(ROOT / "build" / ".demo-generation.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the second worker waits, then finds it complete
        ensure_builtin_demo(ROOT / "data" / "demo")


@pytest.fixture(scope="session")
def demo_package() -> Path:
    """Return the shipped demo package, completed once (its git-ignored 106 MB survey generated),
    as `nox -s build` does before building: the build itself never generates anything.

    The survey is generated once before the run when any selected test needs it (see
    `pytest_collection_finish`), never for the fast tier (`-m "not slow"`).
    """
    _complete_demo()
    return ROOT / "data" / "demo"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, demo_package: Path) -> Path:
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


def run_build(package: Path, site: Path, *extra: str) -> subprocess.CompletedProcess:
    """Build a county package into `site` as `nox -s build -- --county …` does; return the run."""
    command = [sys.executable, "-m", "publish", "build", "--county", str(package)]
    return subprocess.run(
        [*command, "--site-dir", str(site), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def build_county():
    """Return a function that builds a package into a site and asserts that it succeeded."""

    def build(package: Path, site: Path, *extra: str) -> Path:
        done = run_build(package, site, *extra)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert "Traceback" not in done.stderr
        # staff read this terminal: the search tokenizer's debug lines are not for them
        assert "prefix dict" not in done.stderr and "Loading model" not in done.stderr
        return site

    return build


def digest_tree(folder: Path) -> dict[str, str]:
    """Return every entry under `folder`: files by SHA-256 and mode, links by their target,
    folders by name, to prove a build left a package exactly as it was."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            entries[name] = "link:" + os.readlink(path)
        elif path.is_file():
            entries[name] = hashlib.sha256(path.read_bytes()).hexdigest() + oct(path.stat().st_mode)
        else:
            entries[name] = "folder"
    return entries


@pytest.fixture(scope="session")
def package_digest():
    """Return `digest_tree`: the state of a package folder, compared before and after a build."""
    return digest_tree


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """Return a copy of data/demo outside the repository; its large survey files are hard
    links (a symlink out of the package is refused, as any path leading out of it is): a test
    that changes one must unlink it first."""
    package = tmp_path / "county"
    package.mkdir()
    for path in (ROOT / "data" / "demo").iterdir():
        if path.name in ("survey.sav", "survey.csv"):
            try:
                os.link(path, package / path.name)
            except OSError:  # another file system: copy
                shutil.copy(path, package / path.name)
        elif path.is_file():
            shutil.copy(path, package / path.name)
    return package
