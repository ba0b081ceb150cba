"""Maintainer entry points: `nox -s build` (default), `serve`, `tests`, `lint`, `bench`.

Every session installs what it needs into its own virtual environment (uv when available,
virtualenv otherwise), so a fresh machine needs only Python 3.11+ and nox.
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2024.4.15"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["build"]
nox.options.reuse_venv = "yes"

PYPROJECT = nox.project.load_toml("pyproject.toml")


# uv installs without bytecode, so a process compiles every module it imports; with
# PYTHONDONTWRITEBYTECODE set (as on our machines) every process does it again. Compiling once at
# install saves seconds per build (`nox -s bench` reports how many).
COMPILE = {"UV_COMPILE_BYTECODE": "1"}


def install_project(session: nox.Session, *groups: str) -> None:
    """Install the project (editable, so the macros module is the working copy) and groups."""
    session.install("-e", ".", env=COMPILE)
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group), env=COMPILE)


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
    """Unit, property, build-output and browser tests."""
    install_project(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Survey and build speed, preview latency, page weight: build/bench/report.md."""
    install_project(session)
    session.run("python", "-m", "bench", *session.posargs)
