"""Chunked scoring of a large survey file, run in a child process to measure its peak memory.

`python -m bench._chunked FILE CONFIG` scores FILE chunk by chunk with
`loaders.iter_survey_chunks` + `survey.assess_survey_chunks` and prints one JSON line: rows,
seconds, the process's peak resident memory (ru_maxrss, which on Linux is in KiB) and the
resident memory after the imports, before any reading.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from bench._timing import run

LIMIT_MB = 1536  # 1.5 GB


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(path: str, config_path: str) -> None:
    import loaders
    import survey

    config = loaders.load_survey_config(config_path)
    baseline = _peak_mb()
    start = time.perf_counter()
    result = survey.assess_survey_chunks(loaders.iter_survey_chunks(path, config), config)
    elapsed = time.perf_counter() - start
    print(
        json.dumps(
            {
                "rows": result.received,
                "seconds": elapsed,
                "peak_rss_mb": _peak_mb(),
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
