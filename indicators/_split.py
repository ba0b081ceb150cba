"""Shared resources of a multi-section school, split between its sections (option split_rule)."""

from __future__ import annotations

import pandas as pd

from loaders import SHARED_TOTALS

# the school totals a shared campus carries, stated once in loaders/schemas/relations.yaml
SHARED_COLUMNS = list(SHARED_TOTALS)
# option split_rule = "weighted": primary : junior : senior = 1 : 1.1 : 1.32
LEVEL_WEIGHTS = {"primary": 1.0, "junior": 1.1, "senior": 1.32}


def split_shares(schools: pd.DataFrame, split_rule: str) -> pd.DataFrame:
    """Return each shared section's share of its campus's totals (index as the register's).

    Columns: section_id, school_id, level, students, weight (students × the level weight),
    campus_weight (the campus's weights, senior students included) and share = weight /
    campus_weight. `students`: every student weighs 1; `weighted`: 1 : 1.1 : 1.32 by level. Why
    the senior share is counted: a complete secondary school's senior students use the same
    buildings, so their share leaves the evaluation. Empty when no section is marked shared.
    """
    columns = ["section_id", "school_id", "level", "students", "weight", "campus_weight", "share"]
    if "shared_resources" not in schools or not (schools["shared_resources"] == "yes").any():
        return pd.DataFrame(columns=columns)
    if split_rule not in ("students", "weighted"):
        raise ValueError(f"unknown split_rule {split_rule!r}")
    weights = LEVEL_WEIGHTS if split_rule == "weighted" else dict.fromkeys(LEVEL_WEIGHTS, 1.0)
    shared = schools[schools["shared_resources"] == "yes"]
    weight = shared["students"] * shared["level"].map(weights)
    senior = shared.get("senior_students", pd.Series(0, index=shared.index)).fillna(0)
    groups = shared["school_id"]
    campus = weight.groupby(groups).transform("sum") + (senior * weights["senior"]).groupby(
        groups
    ).transform("max")
    frame = shared[["section_id", "school_id", "level", "students"]].assign(
        weight=weight, campus_weight=campus, share=weight / campus
    )
    return frame[columns]


def split_shared_resources(schools: pd.DataFrame, split_rule: str) -> pd.DataFrame:
    """Return the register with each shared school total replaced by the section's share.

    Rows marked `shared_resources == "yes"` carry the whole school's floor area, sports area,
    equipment and classrooms; each is multiplied by the section's `split_shares`.
    """
    shares = split_shares(schools, split_rule)
    if shares.empty:
        return schools
    out = schools.copy()
    for column in SHARED_COLUMNS:
        # a share of 20 classrooms is 12.0 and 8.0: the column becomes float for every row, since
        # an integer column cannot hold a share (the crash of issue 13 §3) and the per-student
        # values divide it anyway
        out[column] = out[column].astype(float)
        out.loc[shares.index, column] = out.loc[shares.index, column] * shares["share"]
    return out
