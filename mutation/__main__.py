"""Run mutmut over indicators/ and survey/ in build/mutation/work/ and write the report.

Usage: `python -m mutation [--only PATTERN] [--retest] [--fresh]` (what `nox -s mutation` runs).
`--fresh` drops the cached results; `--retest` reruns the mutants that survived an earlier
run against today's tests (mutmut otherwise keeps a cached verdict while the code is unchanged);
`--only "indicators.*"` tests only the mutants of matching names that have no verdict yet (or,
with `--retest`, survived), so a long run can be done package by package.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import sys
from pathlib import Path

from mutation._report import collect, write_report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "mutation"
WORK = OUT / "work"
# what the fast tests of tests/indicators and tests/survey need beside the mutated packages
COPIED = ("indicators", "survey", "loaders", "demo", "mutation", "tests", "data", "pyproject.toml")
# the demo's generated survey (106 MB) is read by slow tests only
SKIPPED = shutil.ignore_patterns("__pycache__", "survey.sav", "survey.csv", "site", "*.pyc")


def prepare() -> None:
    """Copy the working tree's code, tests and fixtures into WORK (mutmut writes mutants/ there).

    Why a copy: mutmut writes its mutants/ folder into the directory it runs in, and the
    checkout must stay clean; the copy keeps each file's time, so unchanged code keeps its cached
    mutant results between runs.
    """
    WORK.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source, target = ROOT / name, WORK / name
        if source.is_dir():
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(source, target, ignore=SKIPPED)
        else:
            shutil.copy2(source, target)


def run_mutmut(names: list[str]) -> None:
    """Run `mutmut run [names]` in WORK, in this process, with git left alone.

    mutmut asks git for the commit and the changed files to decide what to rerun; here the
    change detection hashes the files instead (`use_git_change_detection = false` in
    pyproject.toml), and its one unconditional `git rev-parse` is answered with "no git".
    """
    os.chdir(WORK)
    sys.path.insert(0, str(WORK))
    os.environ["MUTATION_KILLS"] = str(OUT / "kills.tsv")
    import mutmut.__main__ as mutmut_main

    mutmut_main._run_git = lambda args: None
    try:
        mutmut_main.cli.main(["run", "--max-children", "2", *names], standalone_mode=False)
    except SystemExit as stop:
        if stop.code not in (0, None):
            raise


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mutation")
    parser.add_argument("--fresh", action="store_true", help="drop cached mutant results")
    parser.add_argument("--retest", action="store_true", help="rerun earlier survivors")
    parser.add_argument("--only", help="mutant names to test, e.g. 'indicators.*'")
    args = parser.parse_args()
    if args.fresh and WORK.exists():
        shutil.rmtree(WORK)
        (OUT / "kills.tsv").unlink(missing_ok=True)
    prepare()
    known = collect(WORK / "mutants")
    wanted = ("not checked", *(("survived", "no tests") if args.retest else ()))
    names = [
        m.name
        for m in known
        if (args.only or args.retest)
        and fnmatch.fnmatch(m.name, args.only or "*")
        and m.status in wanted
    ]
    if names or not known or not (args.only or args.retest):
        run_mutmut(names)
    else:
        os.chdir(WORK)  # nothing left to test: the report only
    mutants = collect(WORK / "mutants")
    baseline_path = OUT / "baseline.json"
    if not baseline_path.exists():  # the first complete run: what the tests missed before
        survivors = sorted(m.name for m in mutants if m.status in ("survived", "no tests"))
        baseline_path.write_text(json.dumps(survivors, indent=1), encoding="utf-8")
    baseline = set(json.loads(baseline_path.read_text(encoding="utf-8")))
    report = write_report(mutants, baseline, OUT, ROOT / "mutation" / "explained.toml")
    print(f"mutation report: {report}")


if __name__ == "__main__":
    main()
