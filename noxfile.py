"""Maintainer entry points: `nox -s build` (default), `serve`, `tests`, `lint`, `bench`, `lock`.

Every session installs exactly what `uv.lock` pins (versions and hashes) into its own virtual
environment, so a fresh machine needs only Python 3.11+ and nox, and a publication can be
rebuilt years later with the same libraries. `nox -s lock` updates the lock after a change to
pyproject.toml's dependencies.
"""

from __future__ import annotations

import shutil

import nox

nox.needs_version = ">=2024.4.15"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["build"]
nox.options.reuse_venv = "yes"


# uv installs without bytecode, so a process compiles every module it imports; with
# PYTHONDONTWRITEBYTECODE set (as on our machines) every process does it again. Compiling once at
# install saves seconds per build (`nox -s bench` reports how many).
COMPILE = {"UV_COMPILE_BYTECODE": "1"}


# the uv that wrote uv.lock; a machine without uv gets this one inside the session
UV_VERSION = "0.13.9"


def _uv(session: nox.Session) -> str:
    """Return the uv to run: the one nox uses, or a pinned one installed into the session."""
    path = shutil.which("uv")
    if path:
        return path
    session.install(f"uv=={UV_VERSION}")
    return "uv"


def install_locked(session: nox.Session, *groups: str, project: bool = True) -> None:
    """Install what uv.lock pins (`--locked`: fail if it is out of date with pyproject.toml).

    `project`: the project itself, editable (the macros module is the working copy), with its
    dependencies; otherwise only the groups (lint needs ruff alone).
    """
    selection = [f"--group={g}" for g in groups] if project else [f"--only-group={groups[0]}"]
    session.run_install(
        _uv(session),
        "sync",
        "--locked",
        "--no-default-groups",
        *selection,
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location, **COMPILE},
        external=True,
    )


def install_project(session: nox.Session, *groups: str) -> None:
    """Install the project and its dependency groups from the lock."""
    install_locked(session, *groups)


def ensure_demo(session: nox.Session) -> None:
    """Complete the shipped demo package (its git-ignored survey is generated on first use).

    `publish` never generates data, so that no county's build can write into its package; only
    the demo's own entry point writes, and only into data/demo of this checkout.
    """
    if not any(arg.startswith("--county") for arg in session.posargs):
        session.run("python", "-m", "demo")


@nox.session
def build(session: nox.Session) -> None:
    """Compute the results for the county package and build the site into build/site/ atomically."""
    install_project(session)
    ensure_demo(session)
    session.run("python", "-m", "publish", "build", *session.posargs)


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Live preview at http://127.0.0.1:8000 for narrative editing (results come from the cache)."""
    install_project(session)
    ensure_demo(session)
    session.run("python", "-m", "publish", "serve", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Unit, property, build-output and browser tests, on every core (pytest-xdist).

    `--dist loadfile` keeps each test file on one worker, so a module's expensive fixtures (a
    built site, a browser) are made once per file and not once per test; `-n 0` in the
    arguments runs in one process (for `--pdb`).
    """
    install_project(session, "test")
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session(default=False)
def check(session: nox.Session) -> None:
    """Validate a package without building: errors, build/check/report.html, marked copies."""
    install_project(session)
    ensure_demo(session)
    session.run("python", "-m", "publish", "check", *session.posargs)


@nox.session(default=False)
def template(session: nox.Session) -> None:
    """Write the Excel template staff fill in (build/template/数据模板.xlsx; --county pre-fills)."""
    install_project(session)
    session.run("python", "-m", "publish", "template", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    install_locked(session, "lint", project=False)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Survey and build speed, preview latency, page weight: build/bench/report.md."""
    install_project(session)
    session.run("python", "-m", "bench", *session.posargs)


@nox.session(venv_backend="none", default=False)
def lock(session: nox.Session) -> None:
    """Update uv.lock from pyproject.toml (commit it; every other session installs from it)."""
    session.run("uv", "lock", *session.posargs, external=True)


@nox.session(default=False)
def zensical(session: nox.Session) -> None:
    """Build the site with the newest Zensical and report what differs: build/zensical/report.md.

    Not in CI and not locked on purpose: it measures the newest Zensical (and zensical-i18n)
    that installs against the locked MkDocs build, so the day to move is a measured decision.
    """
    install_project(session, "test")  # Playwright, for the search typed into Chromium
    session.install("--upgrade", "zensical", "zensical-i18n")
    ensure_demo(session)
    session.run("python", "-m", "bench._zensical", *session.posargs)


@nox.session(default=False)
def mutation(session: nox.Session) -> None:
    """Mutation testing of indicators/ and survey/ (mutmut): build/mutation/report.md.

    Not in CI: a fresh run takes hours on two cores (cached verdicts make reruns
    short). The project is not installed, so the tests import mutmut's mutated copy only.
    `--retest` reruns earlier survivors against today's tests; `--only "indicators.*"` tests one
    package's remaining mutants; `--fresh` starts over.
    """
    session.run_install(
        _uv(session),
        "sync",
        "--locked",
        "--no-default-groups",
        "--no-install-project",
        "--group=test",
        "--group=mutation",
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location, **COMPILE},
        external=True,
    )
    session.run("python", "-m", "mutation", *session.posargs)
