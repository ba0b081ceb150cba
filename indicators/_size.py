"""School size (G4, 学校规模): the units judged and the limits with their exceptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from indicators._outcome import Computed, Figure, status_of
from indicators._rules import IndicatorRule
from indicators._units import g4_units

if TYPE_CHECKING:
    from indicators._guarantee import EvaluationInputs

THROUGH_TYPES = ("nine_year", "twelve_year")


def ordinary_sections(data: EvaluationInputs) -> pd.DataFrame:
    """Return every section of an ordinary school, small teaching points included.

    Why not `data.sections`: G3, G4 and G5 ask it of all 小学 and 初中 (所有小学、初中, 所有班级);
    the 评估办法 leaves teaching points under 50 students out of the resource rules only
    (option exclude_small_points; docs/methodology.md#rule-readings). The special-education
    school is not a 小学 or 初中 and stays out, as everywhere in the evaluation.
    """
    return data.schools[data.schools["school_type"] != "special"]


def size_units(sections: pd.DataFrame) -> pd.DataFrame:
    """Return the units G4 judges: each campus (校区), a 一贯制 school's sections summed as one.

    A school of one code with several campuses is counted campus by campus (以独立校区为统计单位,
    the guidance self-evaluations quote under G4). A register row is a section or a campus, so
    each row of a single-level school is its own unit; the primary and junior sections of a
    nine- or twelve-year school are taken as one campus and their compulsory grades summed,
    since its limit (2500) is for the whole compulsory part. Trap: the register has no campus
    column, so a 一贯制 school with several campuses is summed as one unit (the methodology
    page says so; the declaration's reason must explain it).
    Columns: unit_id, school_name, section_name (a merged school's section names joined by 、),
    level (primary | junior | through), students, migrant_students, year_built (the oldest
    part), planned_students (0 when not given).
    """
    s = sections.assign(
        planned_students=sections.get("planned_students", pd.Series(0, index=sections.index))
    )
    through = s["school_type"].isin(THROUGH_TYPES)
    single = s[~through]
    single = single.assign(unit_id=single["section_id"])
    merged = (
        s[through]
        .groupby("school_id", sort=False)
        .agg(
            school_name=("school_name", "first"),
            section_name=("section_name", "、".join),
            students=("students", "sum"),
            migrant_students=("migrant_students", "sum"),
            year_built=("year_built", "min"),
            planned_students=("planned_students", "sum"),
        )
        .reset_index()
        .rename(columns={"school_id": "unit_id"})
        .assign(level="through")
    )
    columns = ["unit_id", "school_name", "section_name", "level", "students"]
    columns += ["migrant_students", "year_built", "planned_students"]
    units = pd.concat([single[columns], merged[columns]], ignore_index=True)
    units["planned_students"] = units["planned_students"].fillna(0).astype(float)
    return units


def g4_size(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G4: every unit above its size limit, with the reason it may still comply.

    Units: every campus of an ordinary school, small teaching points included (所有小学、初中).
    Categories of a unit above the base limit (2000, or 2500 for 一贯制): `within_exception`
    (built ≤ 2010 or > 50 % migrant children, and within 2400 / 3000 — each exception applies
    only if `options.g4_exceptions` names it; both come from later national guidance, not the
    2017 measures), `within_plan` (within its planned size; compliant
    only with the `within_planned_size` option) and `over`. Why keep all three: the report
    counts them separately, and readers must see which schools the rule itself excuses.
    `detail`: every unit above its base limit, with `exceeds` (above the limit that applies to
    it, i.e. not excused); `failing`: those that exceed. The figures count both, so the card's
    total of units that exceed equals the rows marked in the table.
    """
    t = rule.thresholds
    exceptions = set(data.options.g4_exceptions)
    sections = ordinary_sections(data)  # all schools, small teaching points included
    u = size_units(sections)
    through = u["level"] == "through"
    base = through.map({True: t["through_max"], False: t["single_level_max"]})
    raised = through.map({True: t["through_max_exception"], False: t["single_level_max_exception"]})
    excused = pd.Series(False, index=u.index)
    if "built_by_2010" in exceptions:
        excused |= u["year_built"] <= t["exception_built_by"]
    if "migrant_over_half" in exceptions:
        excused |= u["migrant_students"] / u["students"] > t["exception_migrant_share"]
    oversized = u[u["students"] > base].copy()
    within_exception = excused[oversized.index] & (oversized["students"] <= raised[oversized.index])
    within_plan = oversized["planned_students"] >= oversized["students"]
    oversized["limit"] = base[oversized.index].where(~within_exception, raised[oversized.index])
    oversized["category"] = "over"
    oversized.loc[within_plan, "category"] = "within_plan"
    oversized.loc[within_exception, "category"] = "within_exception"
    compliant = {"within_exception"} | (
        {"within_plan"} if "within_planned_size" in exceptions else set()
    )
    oversized["exceeds"] = ~oversized["category"].isin(compliant)
    failing = oversized[oversized["exceeds"]]
    values = []
    for level in ("primary", "junior", "through"):
        part = oversized[oversized["level"] == level]
        values.append(Figure(f"g4_{level}_oversized", len(part), "count"))
        for category in ("within_exception", "within_plan", "over"):
            count = int((part["category"] == category).sum())
            values.append(Figure(f"g4_{level}_{category}", count, "count"))
    values.append(Figure("g4_oversized", len(oversized), "count"))
    values.append(Figure("g4_noncompliant", len(failing), "count"))
    keep = ["unit_id", "school_name", "section_name", "level", "students", "limit", "category"]
    keep.append("exceeds")
    return Computed(
        status=status_of(failing.empty),
        values=tuple(values),
        thresholds=(
            Figure("g4_single_level_max", t["single_level_max"], "count", "<="),
            Figure("g4_through_max", t["through_max"], "count", "<="),
            Figure("g4_single_level_max_exception", t["single_level_max_exception"], "count", "<="),
            Figure("g4_through_max_exception", t["through_max_exception"], "count", "<="),
        ),
        failing=failing[keep].reset_index(drop=True),
        detail=oversized[keep].sort_values("students", ascending=False).reset_index(drop=True),
        units=g4_units(failing, sections),
    )
