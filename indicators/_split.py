"""Shared resources of a multi-section school, split between its sections (option split_rule)."""

from __future__ import annotations

import pandas as pd

from loaders import SHARED_TOTALS

# the school totals a shared campus carries, stated once in loaders/schemas/relations.yaml
SHARED_COLUMNS = list(SHARED_TOTALS)
# option split_rule = "weighted": primary : junior : senior = 1 : 1.1 : 1.32
LEVEL_WEIGHTS = {"primary": 1.0, "junior": 1.1, "senior": 1.32}


def split_shared_resources(schools: pd.DataFrame, split_rule: str) -> pd.DataFrame:
    """Return the register with each shared school total replaced by the section's share.

    Rows marked `shared_resources == "yes"` carry the whole school's floor area, sports area,
    equipment and classrooms. `students`: each section's share is its students over all the
    campus's students (senior students included, whose share leaves the evaluation);
    `weighted`: the same with students weighted 1 : 1.1 : 1.32 by level. Why the senior share is
    removed: a complete secondary school's senior students use the same buildings.
    """
    if "shared_resources" not in schools or not (schools["shared_resources"] == "yes").any():
        return schools
    if split_rule not in ("students", "weighted"):
        raise ValueError(f"unknown split_rule {split_rule!r}")
    weights = LEVEL_WEIGHTS if split_rule == "weighted" else dict.fromkeys(LEVEL_WEIGHTS, 1.0)
    out = schools.copy()
    shared = out["shared_resources"] == "yes"
    weight = out["students"] * out["level"].map(weights)
    senior = out.get("senior_students", pd.Series(0, index=out.index)).fillna(0) * weights["senior"]
    groups = out.loc[shared, "school_id"]
    campus_weight = weight[shared].groupby(groups).transform("sum") + senior[shared].groupby(
        groups
    ).transform("max")
    share = weight[shared] / campus_weight
    for column in SHARED_COLUMNS:
        # a share of 20 classrooms is 12.0 and 8.0: the column becomes float for every row, since
        # an integer column cannot hold a share (the crash of issue 13 §3) and the per-student
        # values divide it anyway
        out[column] = out[column].astype(float)
        out.loc[shared, column] = out.loc[shared, column] * share
    return out
