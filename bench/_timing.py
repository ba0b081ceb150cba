"""Wall-clock timing: one call or one command, and ratios against a baseline of the same run.

On a shared, noisy machine an absolute time says little; a ratio against a baseline measured
moments before, with the runs interleaved, says whether a target holds.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; the message holds the end of its output."""


STATISTICS: dict[str, Callable[[Sequence[float]], float]] = {
    "median": statistics.median,
    "min": min,
}


@dataclass(frozen=True)
class Comparison:
    """Seconds of a candidate against a baseline; the target is an upper bound on the ratio.

    `statistic` summarises each side's runs: the median for long runs (builds), the minimum
    for short in-process runs, where it is the least disturbed by other load on the machine.
    """

    name: str
    baseline: str  # what the denominator measures
    candidate_s: tuple[float, ...]
    baseline_s: tuple[float, ...]
    target: float
    statistic: str = "median"

    @property
    def ratio(self) -> float:
        """Return statistic(candidate) / statistic(baseline)."""
        summary = STATISTICS[self.statistic]
        return summary(self.candidate_s) / summary(self.baseline_s)

    @property
    def passes(self) -> bool:
        return self.ratio <= self.target

    def as_dict(self) -> dict:
        summary = STATISTICS[self.statistic]
        return {
            "name": self.name,
            "baseline": self.baseline,
            "statistic": self.statistic,
            "candidate_s": summary(self.candidate_s),
            "baseline_s": summary(self.baseline_s),
            "ratio": self.ratio,
            "target": self.target,
            "passes": self.passes,
            "candidate_runs_s": list(self.candidate_s),
            "baseline_runs_s": list(self.baseline_s),
        }


def seconds(call: Callable[[], object]) -> float:
    """Return the wall-clock seconds one call takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def run(
    args: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess:
    """Run a command with its output captured; raise CommandFailed if it exits non-zero.

    Commands run as on a user's machine, with their bytecode cached: a shell that sets
    PYTHONDONTWRITEBYTECODE would make every run compile the project's modules again.
    """
    measured = dict(os.environ if env is None else env)
    measured.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        list(args),
        cwd=cwd,
        env=measured,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        tail = (done.stdout + done.stderr)[-3000:]
        raise CommandFailed(f"{' '.join(args)} exited {done.returncode}:\n{tail}")
    return done


def command_seconds(args: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> float:
    """Return the wall-clock seconds of one successful run of a command."""
    return seconds(lambda: run(args, cwd, env))
