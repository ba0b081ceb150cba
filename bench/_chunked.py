"""Chunked scoring of a large survey file, run in a child process to measure its peak memory.

`python -m bench._chunked FILE CONFIG` scores FILE chunk by chunk with
`loaders.iter_survey_chunks` + `survey.assess_survey_chunks` and prints one JSON line: rows,
seconds, the process's own peak resident memory and the resident memory after the imports,
before any reading.

Why `VmHWM` and not `ru_maxrss`: `ru_maxrss` survives `exec`, so a child forked from a parent that
held 1.3 GB (the bench run that had just generated the 5 M-row file) reported about that much even
though it never used it (1,630 MB on that run, 336 MB on a rerun). `VmHWM` in /proc/self/status
belongs to the process image that `exec` started.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bench._timing import run

LIMIT_MB = 1536  # 1.5 GB


def peak_mb(status: str | None = None) -> float:
    """Return this process image's peak resident memory in MB, from `VmHWM` (kB) in its status."""
    if status is None:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM line in /proc/self/status (not Linux?)")


def main(path: str, config_path: str) -> None:
    import loaders
    import survey

    config = loaders.load_survey_config(config_path)
    baseline = peak_mb()
    start = time.perf_counter()
    result = survey.assess_survey_chunks(loaders.iter_survey_chunks(path, config), config)
    elapsed = time.perf_counter() - start
    print(
        json.dumps(
            {
                "rows": result.received,
                "seconds": elapsed,
                "peak_rss_mb": peak_mb(),
                "rss_after_imports_mb": baseline,
                "estimate": result.overall.estimate,
            }
        )
    )


def measure(root: Path, path: Path, config_path: Path) -> dict:
    """Score `path` in a child process; return its figures with the 1.5 GB verdict."""
    done = run([sys.executable, "-m", "bench._chunked", str(path), str(config_path)], root)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures | {"limit_mb": LIMIT_MB, "passes": figures["peak_rss_mb"] < LIMIT_MB}


if __name__ == "__main__":
    main(*sys.argv[1:])
