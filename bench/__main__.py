"""`python -m bench` (or `nox -s bench`): measure, then print and write the report.

Run from the project folder. Writes build/bench/report.json, report.md and profile.txt; the
5,000,000-row CSV is kept in build/bench/ and reused by later runs. Exits 1 only when a
measurement could not be made (its error is in the report); a FAIL verdict is a finding.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import demo
import loaders
from bench import (
    _build,
    _check,
    _chunked,
    _document,
    _lighthouse,
    _pages,
    _preview,
    _profile,
    _report,
    _survey,
)
from bench._bigcsv import ensure_big_csv

PARTS = (
    "survey",
    "chunked",
    "check",
    "build",
    "document",
    "pages",
    "lighthouse",
    "preview",
    "profile",
)


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated subset")
    parser.add_argument("--rows", type=int, default=5_000_000, help="rows of the large CSV")
    parser.add_argument("--survey-runs", type=int, default=5, help="runs per survey timing")
    parser.add_argument("--build-runs", type=int, default=3, help="runs per build kind")
    parser.add_argument("--edits", type=int, default=3, help="preview edits to time")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    if unknown := parts - set(PARTS):
        parser.error(f"unknown parts {sorted(unknown)}; choose from {', '.join(PARTS)}")
    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        parser.error("run this from the project folder (where mkdocs.yml is)")
    out, package = root / "build" / "bench", root / "data" / "demo"
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": os.getloadavg()[0],  # other work on a shared machine adds noise
        },
        "errors": [],
    }

    def part(name: str, measure: Callable[[], None]) -> None:
        if name not in parts:
            return
        _log(f"{name} …")
        begin = time.perf_counter()
        try:
            measure()
        except Exception as exc:  # one failed part must not lose the others' figures
            traceback.print_exc()
            results["errors"].append(f"{name}: {type(exc).__name__}: {exc}")
        _log(f"{name} done in {time.perf_counter() - begin:.0f} s")

    demo.ensure_demo_survey(package)
    config = loaders.load_survey_config(package / "survey.yaml")
    project = _build.snapshot(root, out / "project")
    county = project / "data" / "demo"  # the builds use the snapshot's copy
    survey = results.setdefault("survey", {})

    def survey_part() -> None:
        for name in ("survey.sav", "survey.csv"):
            pair = _survey.compare(package / name, config, args.survey_runs)
            survey[name.split(".")[1]] = [c.as_dict() for c in pair]

    def chunked_part() -> None:
        path, generated = ensure_big_csv(out, args.rows)
        _log(f"{path.name}: {'generated' if generated else 'reused'}")
        survey["chunked"] = _chunked.measure(root, path, package / "survey.yaml")

    def check_part() -> None:
        results["check"] = _check.compare(root, package, out, args.survey_runs)

    def build_part() -> None:
        cold, warm = _build.compare(project, county, out, args.build_runs)
        bytecode = _build.bytecode_effect(project, county, out)
        results["build"] = {"cold": cold.as_dict(), "warm": warm.as_dict(), "bytecode": bytecode}

    def document_part() -> None:
        results["document"] = _document.compare(project, county, out, args.build_runs)

    def pages_part() -> None:
        results["pages"] = _pages.page_weight(out / "site-cold")

    def lighthouse_part() -> None:
        results["lighthouse"] = _lighthouse.measure(root, project, county, out, _log)

    def preview_part() -> None:
        results["preview"] = _preview.measure(project, county, out / "serve.log", args.edits)

    def profile_part() -> None:
        survey_file = package / "survey.sav"
        results["profile"] = _profile.profile_all(project, county, out, survey_file, config)

    part("survey", survey_part)
    part("chunked", chunked_part)
    part("check", check_part)
    part("build", build_part)
    part("document", document_part)
    part("pages", pages_part)
    part("lighthouse", lighthouse_part)
    part("preview", preview_part)
    part("profile", profile_part)
    results["total_s"] = time.perf_counter() - started
    results["machine"]["load_after"] = os.getloadavg()[0]
    print(_report.write(results, out))
    _log(f"total {results['total_s']:.0f} s; report in {out / 'report.md'}")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
