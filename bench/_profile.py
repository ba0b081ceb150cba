"""Where the time goes: import times and cProfile of one cold build, and of the survey scoring.

Writes build/bench/profile.txt and returns headline figures for the report. The cold build
runs once under cProfile with PYTHONPROFILEIMPORTTIME=1 (inherited by any child process, so
every import of the build is listed); a bare MkDocs build is profiled too, for comparison.
Seconds under a profiler are inflated, so read them as shares, not as timings.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import re
import shutil
from collections import Counter
from pathlib import Path

from bench._build import bare_args, mkdocs_env, module, publish_args
from bench._survey import read_and_score
from bench._timing import run
from loaders import SurveyConfig

IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| \s*(\S+)")
# headline figures: (label, file the function is in, function); "—" when it never ran
PROBES = (
    ("precompute: load, evaluate, score", "publish/_build.py", "precompute"),
    ("↳ survey read + score", "publish/_results.py", "assess_package_survey"),
    ("MkDocs build, both languages", "mkdocs/commands/build.py", "build"),
    ("↳ macros rendering the pages", "mkdocs_macros/plugin.py", "render"),
    ("↳↳ chart figures", "publish/_macros.py", "chart"),
    ("↳↳↳ static SVG fallbacks (vl-convert)", "publish/_figure.py", "static_svg"),
    ("↳ search index entries (Material)", "material/plugins/search/plugin.py", "on_page_context"),
    ("↳ second language (i18n on_post_build)", "mkdocs_static_i18n/plugin.py", "on_post_build"),
    ("↳ Vega bundle (vl-convert)", "publish/_assets.py", "vega_bundle"),
)
TOP = 30


def import_times(stderr: str) -> tuple[float, list[tuple[str, float]]]:
    """Return (seconds of all imports, distributions by their modules' own seconds, summed).

    Own (self) time, not cumulative: a package's cumulative time includes every library it
    imports, so `publish` would stand for pandas too. Summed over both processes.
    """
    own: Counter[str] = Counter()
    for line in stderr.splitlines():
        found = IMPORT_LINE.match(line)
        if found is not None:
            own[found.group(3).split(".")[0]] += int(found.group(1))
    return sum(own.values()) / 1e6, [(name, us / 1e6) for name, us in own.most_common(TOP)]


def _stats_text(stats: pstats.Stats, limit: int = TOP) -> str:
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats("cumulative").print_stats(limit)
    return buffer.getvalue().split("\n\n", 1)[-1].strip()  # drop the pstats banner lines


def _wall(stats: pstats.Stats) -> float:
    """Return the profiled run's seconds: the cumulative time of its outermost call."""
    return max(row[3] for row in stats.stats.values())  # type: ignore[attr-defined]


def cumulative_s(stats: pstats.Stats, file_end: str, function: str) -> float | None:
    """Return the cumulative seconds of one function in a profile, or None if it never ran."""
    for (file, _, name), row in stats.stats.items():
        if name == function and file.endswith(file_end):
            return row[3]
    return None


def profile_all(
    project: Path, package: Path, out: Path, survey_file: Path, config: SurveyConfig
) -> dict:
    """Profile a cold build, a bare MkDocs build and the survey; write profile.txt."""
    shutil.rmtree(project / "build" / "cache", ignore_errors=True)
    cold_profile, bare_profile = out / "cold-build.prof", out / "bare-mkdocs.prof"
    site = out / "site-profile"
    cold = run(
        module("cProfile", "-o", str(cold_profile), "-m", "publish", *publish_args(package, site)),
        project,
        mkdocs_env(package, PYTHONPROFILEIMPORTTIME="1"),
    )
    run(
        module("cProfile", "-o", str(bare_profile), "-m", "mkdocs", *bare_args(project, site)),
        project,
        mkdocs_env(package),
    )
    profiler = cProfile.Profile()
    profiler.runcall(read_and_score, survey_file, config)
    imports_s, packages = import_times(cold.stderr)
    parent = pstats.Stats(str(cold_profile))
    bare = pstats.Stats(str(bare_profile))
    figures = {
        "imports_s": imports_s,
        "top_imports_s": packages[:10],
        "cold_build_s": {label: cumulative_s(parent, *probe) for label, *probe in PROBES},
        "bare_build_s": {label: cumulative_s(bare, *probe) for label, *probe in PROBES},
        "profiled_total_s": {"cold": _wall(parent), "bare": _wall(bare)},
    }
    sections = [
        "Where the time goes: one cold `python -m publish build`, one bare MkDocs build, and "
        f"the survey read+score of {survey_file.name}. Seconds are under the profilers, so "
        "larger than in the timed runs.",
        f"== Imports during the cold build: {imports_s:.2f} s in all; own time by package ==\n"
        + "\n".join(f"{s:8.3f} s  {name}" for name, s in packages),
        "== cProfile: cold build (`python -m publish build`, cache deleted) ==\n"
        + _stats_text(parent),
        "== cProfile: bare MkDocs build (macros from the precomputed results) ==\n"
        + _stats_text(bare),
        f"== cProfile: survey read + score, {survey_file.name} ==\n"
        + _stats_text(pstats.Stats(profiler)),
    ]
    (out / "profile.txt").write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    return figures
