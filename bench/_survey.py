"""Survey speed (issue 5 §7): reading and scoring the demo survey against a bare read.

The bare read is what any analyst would type: `pyreadstat.read_sav(path, user_missing=True)`
or `pandas.read_csv(path, encoding="gb18030")`, every column. The project's read keeps only the
configured columns (personal data never enters memory), so it can beat the bare read; the
same-columns read is reported too, so the cost of coding and scoring stays visible.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat

import loaders
import survey
from bench._timing import Comparison, seconds
from loaders import SurveyConfig

TARGET = 1.25  # scoring adds < 25 % on top of the bare read


def bare_read(path: Path, usecols: list | None = None) -> None:
    """Read the file the plain way, every column unless `usecols` is given."""
    if path.suffix == ".sav":
        pyreadstat.read_sav(path, user_missing=True, usecols=usecols)
    else:
        pd.read_csv(path, encoding="gb18030", usecols=usecols)


def read_and_score(path: Path, config: SurveyConfig) -> float:
    """Return the overall satisfaction after the project's read and scoring."""
    return survey.assess_survey(loaders.load_survey(path, config), config).overall.estimate


def configured_columns(path: Path, config: SurveyConfig) -> list:
    """Return the columns the loader reads: SPSS variable names, or CSV positions (0-based)."""
    questions = [config.group, config.town, config.submitted, config.duration]
    questions += [item.question for item in config.items]
    present = [q for q in questions if q is not None]
    if path.suffix == ".sav":
        return [q.variable for q in present]
    return sorted(q.position - 1 for q in present)


def compare(path: Path, config: SurveyConfig, repeats: int) -> tuple[Comparison, Comparison]:
    """Return (scored vs bare read, scored vs same-columns read), runs interleaved."""
    columns = configured_columns(path, config)
    bare, same, scored = [], [], []
    for _ in range(repeats):
        bare.append(seconds(lambda: bare_read(path)))
        same.append(seconds(lambda: bare_read(path, columns)))
        scored.append(seconds(lambda: read_and_score(path, config)))
    fmt = path.suffix
    return (
        Comparison(
            f"survey {fmt}: read+score / bare read",
            "bare read",
            (*scored,),
            (*bare,),
            TARGET,
            "min",
        ),
        Comparison(
            f"survey {fmt}: read+score / same-columns read",
            "bare read of the configured columns only",
            (*scored,),
            (*same,),
            TARGET,
            "min",
        ),
    )
