"""The report document's cost (PDF and DOCX) against the bare MkDocs build of the same site.

Both runs are whole `python -m publish build`s of the demo from a warm results cache, one with
the document step and one with it switched off (in the measuring process only); the document's
cost is the difference, which counts what the step really adds: it also draws the charts the
pages then reuse. The baseline is the MkDocs part of the run without documents. Target: at most
half of it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench._timing import Comparison

TARGET_RATIO = 0.5
# one build, timed in phases; argv: "with" | "without", package, site dir
RUN = """
import json, sys, time
import publish._build as build
from publish._cli import main
mode, package, site = sys.argv[1:4]
phases = {}
def timed(name, function):
    def run(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - begin
    return run
if mode == "without":
    build.make_documents = lambda root, results: None
else:
    build.make_documents = timed("documents", build.make_documents)
    build.write_docx = timed("documents", build.write_docx)
build.build_site = timed("mkdocs", build.build_site)
begin = time.perf_counter()
code = main(["build", "--county", package, "--site-dir", site])
phases["total"] = time.perf_counter() - begin
print("PHASES " + json.dumps(phases))
sys.exit(code)
"""


def _run(root: Path, mode: str, package: Path, site: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, mode, str(package), str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("PHASES "))
    return json.loads(line.removeprefix("PHASES "))


def compare(root: Path, package: Path, out: Path, runs: int) -> dict:
    """Time builds with and without the documents, interleaved; return the comparison."""
    site = out / "site-document"
    _run(root, "with", package, site)  # the results cache and the bytecode, once
    added, bare, step = [], [], []
    for _ in range(runs):
        with_documents = _run(root, "with", package, site)
        without = _run(root, "without", package, site)
        added.append(max(with_documents["total"] - without["total"], 0.0))
        bare.append(without["mkdocs"])
        step.append(with_documents["documents"])
    result = Comparison(
        name="report document (PDF + DOCX): time added to the build / bare MkDocs build",
        baseline="the MkDocs build of the same site without the documents",
        candidate_s=tuple(added),
        baseline_s=tuple(bare),
        target=TARGET_RATIO,
    ).as_dict()
    result["step_s"] = sorted(step)[len(step) // 2]  # its own time, charts included
    return result
