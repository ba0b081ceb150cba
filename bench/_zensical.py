"""`python -m bench._zensical` (`nox -s zensical`): build the site with Zensical and report.

Why: Material for MkDocs reached end of life on 2026-11-05 (ARCHITECTURE.md); the day to move
to Zensical should be a measured decision. This builds the demo site three ways and compares
each with a MkDocs build made in the same run, item by item (i18n, macros with page context, search,
overrides, build time, pages), into build/zensical/report.md:

- MkDocs: `python -m publish build --site-dir build/zensical/mkdocs-site` (the real build);
- as is: `zensical-i18n build` of mkdocs.yml with only `site_dir` changed, our macros unchanged;
- probe: the same with bench/_zensical_probe.py as the macros module (it gives the macros the
  MkDocs attributes Zensical's shim lacks, to measure what lies behind the first error), built
  with Zensical's cache cleaned and then again with it warm; plus plain `zensical build`.

The pages, theme overrides and mkdocs.yml are copied to build/zensical/project first (Zensical
needs `docs_dir` inside the folder of its config file); mkdocs.yml itself is never edited.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import _zensical_checks as checks
from bench._zensical_compare import Section, derive_config, render_report, verdict

OUT = Path("build/zensical")
# the pages and the code (bench for the probe adapter), so edits saved during the run cannot
# make the builds differ; the results cache is copied warm
SNAPSHOT = (
    "mkdocs.yml",
    "docs",
    "overrides",
    "loaders",
    "indicators",
    "survey",
    "publish",
    "demo",
    "bench",
    "build/cache",
)
PROBE_MODULE = "bench._zensical_probe"
LANGS = ("zh", "en")


def _log(message: str) -> None:
    print(f"[zensical] {message}", file=sys.stderr, flush=True)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def snapshot(root: Path, project: Path) -> None:
    """Copy the pages, overrides, code and mkdocs.yml into `project` (replaced)."""
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in SNAPSHOT:
        source = root / name
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)


def run(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> tuple[int, float]:
    """Run a command, its output into `log`; return (exit code, wall seconds)."""
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=out).returncode
    return code, time.perf_counter() - start


def last_error(log: Path) -> str:
    """Return the last line of a log that names an exception or an error."""
    lines = [line.strip() for line in log.read_text(encoding="utf-8").splitlines()]
    hits = [line for line in lines if re.search(r"[A-Z]\w*Error: ", line)]
    hits = [h for h in hits if not h.startswith("Error:")] or hits
    return hits[-1] if hits else (lines[-1] if lines else "(no output)")


def build_all(root: Path, out: Path, package: Path) -> dict:
    """Make the six builds; return their exit codes, seconds and log paths."""
    project = out / "project"
    snapshot(root, project)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # the probe's overrides without partials/search.html, to measure Zensical's own search
    shutil.copytree(project / "overrides", project / "overrides-nosearch")
    (project / "overrides-nosearch/partials/search.html").unlink(missing_ok=True)
    configs = {
        "zensical.yml": derive_config(text, "site-asis"),
        "zensical-probe.yml": derive_config(text, "site-probe", PROBE_MODULE),
        "zensical-plain.yml": derive_config(text, "site-plain", PROBE_MODULE),
        "zensical-nosearch.yml": derive_config(
            text, "site-nosearch", PROBE_MODULE, "overrides-nosearch"
        ),
    }
    for name, config in configs.items():
        (project / name).write_text(config, encoding="utf-8")
    env = {
        **os.environ,
        "COUNTY_PACKAGE": str(package.resolve()),
        "NO_MKDOCS_2_WARNING": "1",
        # the snapshot's code ahead of the editable install (Zensical runs no `python -m`)
        "PYTHONPATH": os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH")])),
        "EC_ZENSICAL_ROOT": str(project),  # the probe's MkDocs-style config_file_path folder
    }
    bindir = Path(sys.executable).parent
    i18n, plain = str(bindir / "zensical-i18n"), str(bindir / "zensical")
    builds = {
        "mkdocs": (
            [
                sys.executable,
                "-m",
                "publish",
                "build",
                "--county",
                str(package),
                "--site-dir",
                str((out / "mkdocs-site").resolve()),
            ],
            root,
        ),
        "asis": ([i18n, "build", "--clean", "-f", "zensical.yml"], project),
        "probe_cold": ([i18n, "build", "--clean", "-f", "zensical-probe.yml"], project),
        "probe_warm": ([i18n, "build", "-f", "zensical-probe.yml"], project),
        "plain": ([plain, "build", "--clean", "-f", "zensical-plain.yml"], project),
        "nosearch": (
            [i18n, "build", "--clean", "-l", "zh", "-f", "zensical-nosearch.yml"],
            project,
        ),
    }
    measured = {}
    for name, (command, cwd) in builds.items():
        _log(f"{name}: {' '.join(command[:4])} …")
        log = out / f"{name}.log"
        code, seconds = run(command, cwd, env, log)
        _log(f"{name}: exit {code} in {seconds:.1f} s")
        measured[name] = {"code": code, "seconds": seconds, "log": log}
    return measured


def header(started: datetime, builds: dict) -> list[str]:
    versions = ", ".join(
        f"{name} {_version(name)}"
        for name in ("zensical", "zensical-i18n", "mkdocs", "mkdocs-material")
    )
    return [
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `python -m bench._zensical` "
        f"(`nox -s zensical`): **Zensical {_version('zensical')}**.",
        "",
        f"Versions: {versions}; Python {sys.version.split()[0]}.",
        "",
        "The newest Zensical the package index here resolves to is installed; "
        f"zensical-i18n {_version('zensical-i18n')} requires Zensical < 0.1. "
        + checks.newest_note(),
        "",
        "Builds: MkDocs = `python -m publish build` into build/zensical/mkdocs-site (the baseline "
        "of every comparison); *as is* = `zensical-i18n build` of mkdocs.yml with only "
        "`site_dir` changed; *probe* = the same with bench/_zensical_probe.py as the macros "
        "module (a measuring adapter, not a fix); *plain* = `zensical build` without the "
        "i18n wrapper. Logs: build/zensical/*.log. Exit codes: "
        + ", ".join(f"{k} {v['code']}" for k, v in builds.items())
        + ".",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench._zensical", description=__doc__)
    parser.add_argument("--county", default="data/demo", help="county package (default: demo)")
    parser.add_argument("--no-browser", action="store_true", help="skip the search in Chromium")
    args = parser.parse_args(argv)
    root, out = Path.cwd(), (Path.cwd() / OUT)
    out.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    builds = build_all(root, out, Path(args.county))
    if builds["mkdocs"]["code"] != 0:
        _log(f"the MkDocs build failed: {last_error(builds['mkdocs']['log'])}")
        return 1
    sections: list[Section] = checks.inspect(out, builds, browser=not args.no_browser)
    report = render_report(
        header(started, builds), sections, verdict(sections, _version("zensical"))
    )
    (out / "report.md").write_text(report, encoding="utf-8")
    print(report)
    _log(f"wrote {out / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
