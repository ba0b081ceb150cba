"""Site build speed (issue 7): cold and warm `python -m publish build` against bare MkDocs.

Every build runs in a snapshot of the working tree taken when the benchmark starts: the MkDocs
project, the code packages and the demo county package, copied to build/bench/project with its
own build/cache. `python -m` puts the snapshot first on sys.path (ahead of the editable
install), so an edit saved elsewhere during the run cannot change the code, the pages or the
cache key half-way; and the benchmark edits a page and deletes the cache without touching the
working tree or its cache.

- bare: `python -m mkdocs build --strict` with the results cache warm: the macros answer from
  the precomputed results file. The baseline.
- cold: `python -m publish build` after deleting the cache: results recomputed (the survey
  read included), the Vega bundle regenerated.
- warm: the cache warm and one Markdown page edited: the results come from the cache.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench._timing import Comparison, command_seconds

SNAPSHOT = (
    "mkdocs.yml",
    "docs",
    "overrides",
    "loaders",
    "indicators",
    "survey",
    "publish",
    "demo",
    "data/demo",
)
COLD_TARGET = 2.0
WARM_TARGET = 1.2


def snapshot(root: Path, destination: Path) -> Path:
    """Copy the project's pages, code and demo package into `destination` (replaced)."""
    shutil.rmtree(destination, ignore_errors=True)
    for name in SNAPSHOT:
        source, target = root / name, destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    return destination


@contextmanager
def edited(page: Path, marker: str) -> Iterator[None]:
    """Append an HTML comment to a Markdown page; restore the page afterwards."""
    original = page.read_bytes()
    try:
        page.write_bytes(original + f"\n\n<!-- {marker} -->\n".encode())
        yield
    finally:
        page.write_bytes(original)


def mkdocs_env(package: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "COUNTY_PACKAGE": str(package), "NO_MKDOCS_2_WARNING": "1", **extra}


def bare_args(project: Path, site: Path) -> list[str]:
    """Return the arguments after `python -m mkdocs` of the bare build."""
    config = ["--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    return ["build", "--strict", *config]


def publish_args(package: Path, site: Path) -> list[str]:
    """Return the arguments after `python -m publish` of a site build."""
    return ["build", "--county", str(package), "--site-dir", str(site)]


def module(name: str, *args: str) -> list[str]:
    """Return the command line running a module with this interpreter."""
    return [sys.executable, "-m", name, *args]


def cold_build(project: Path, package: Path, site: Path) -> float:
    shutil.rmtree(project / "build" / "cache", ignore_errors=True)
    return command_seconds(module("publish", *publish_args(package, site)), project)


def warm_build(project: Path, package: Path, site: Path, marker: str) -> float:
    with edited(project / "docs" / "index.md", marker):
        return command_seconds(module("publish", *publish_args(package, site)), project)


def bare_build(project: Path, package: Path, site: Path, **env: str) -> float:
    return command_seconds(
        module("mkdocs", *bare_args(project, site)), project, mkdocs_env(package, **env)
    )


def compare(project: Path, package: Path, out: Path, runs: int) -> tuple[Comparison, Comparison]:
    """Return (cold / bare, warm / bare); each round runs cold, warm, bare in that order."""
    cold, warm, bare = [], [], []
    for n in range(runs):
        cold.append(cold_build(project, package, out / "site-cold"))
        warm.append(warm_build(project, package, out / "site-warm", f"bench edit {n}"))
        bare.append(bare_build(project, package, out / "site-bare"))
    baseline = "bare mkdocs build, macros from the precomputed results"
    return (
        Comparison("build: cold / bare", baseline, (*cold,), (*bare,), COLD_TARGET),
        Comparison("build: warm / bare", baseline, (*warm,), (*bare,), WARM_TARGET),
    )


def stdlib_bytecode(prefix: Path) -> None:
    """Fill a PYTHONPYCACHEPREFIX tree with the standard library's bytecode, and nothing else."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for pyc in stdlib.rglob(f"__pycache__/*.{sys.implementation.cache_tag}.pyc"):
        if "site-packages" in pyc.parts:
            continue
        target = prefix / pyc.parent.parent.relative_to(pyc.anchor) / pyc.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pyc, target)


def bytecode_effect(project: Path, package: Path, out: Path) -> dict:
    """Return one bare build's seconds as in a venv without bytecode, and the venv's .pyc count.

    A PYTHONPYCACHEPREFIX tree holding only the standard library's bytecode hides every
    __pycache__ of the venv and the project, and PYTHONDONTWRITEBYTECODE keeps it so: every
    installed module is compiled from source in every process, as after a plain `uv pip install`.
    """
    with tempfile.TemporaryDirectory(prefix="pycache-", dir=out) as prefix:
        stdlib_bytecode(Path(prefix))
        seconds = bare_build(
            project,
            package,
            out / "site-bare",
            PYTHONPYCACHEPREFIX=prefix,
            PYTHONDONTWRITEBYTECODE="1",
        )
    venv = Path(sys.prefix)
    return {
        "bare_without_bytecode_s": seconds,
        "venv": str(venv),
        "venv_pyc_files": sum(1 for _ in venv.rglob("*.pyc")),
        "venv_py_files": sum(1 for _ in venv.rglob("*.py")),
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
    }
