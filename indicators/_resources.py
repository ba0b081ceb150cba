"""Resource allocation (资源配置): the seven values per section, the section class, the CVs.

教督〔2017〕6号, 资源配置 (indicators/standards.yaml): a section passes with ≥ 6 of 7 standards
met and every value ≥ 85 % of its standard.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators._cv import weighted_cv
from indicators._standards import LEVELS, ResourceRules, load_resource_rules

SECTION_CLASSES = ("all7", "six_plus", "fail_below85", "fail_two_or_more")
PASSING_CLASSES = ("all7", "six_plus")
# why a level's coefficient of variation is not computed (publish/labels.yaml `cv_note.*`)
CV_NOTES = ("no_sections", "one_section", "zero_mean")


def section_values(schools: pd.DataFrame) -> pd.DataFrame:
    """Return R1–R7 per section (index = section_id), computed on unrounded inputs.

    Teachers count where they teach; floor area, sports area, equipment and classrooms are as
    entered per section (the split of a shared school total happens before this step).
    Per 100 students is 100 × count / students, one rounding: count × (100 / students) rounds
    twice and puts a section exactly at a standard just below it (49 backbone teachers for
    4,900 students gave 0.9999999999999999, not 1.0, and failed R2).
    """
    s = schools.set_index("section_id")
    students = s["students"]
    return pd.DataFrame(
        {
            "R1": 100 * s["teachers_above_degree"] / students,
            "R2": 100 * s["backbone_teachers"] / students,
            "R3": 100 * (s["pe_teachers"] + s["music_teachers"] + s["art_teachers"]) / students,
            "R4": s["teaching_area_m2"] / students,
            "R5": s["sports_area_m2"] / students,
            "R6": s["equipment_value_yuan"] / students,
            "R7": 100 * s["multimedia_classrooms"] / students,
        }
    )


def classify_section(met: int, above_floor: int, rules: ResourceRules) -> str:
    """Return all7 / six_plus / fail_below85 / fail_two_or_more for one section.

    Why four classes, not pass/fail: the report must show sections that missed one standard
    narrowly apart from those that missed it badly, because their remediation differs.
    """
    total = len(rules.standards)
    if met == total:
        return "all7"
    if met >= rules.min_met:
        return "six_plus" if above_floor == total else "fail_below85"
    return "fail_two_or_more"


@dataclass(frozen=True)
class ResourceResult:
    """Resource allocation for every in-scope section.

    `sections`: index section_id; columns level, students, R1–R7 (values), R1_met…R7_met (bool),
    R1_above_floor…R7_above_floor (bool, value ≥ 85 % of the standard), met (count of standards
    met), above_floor (count of values ≥ 85 % of the standard), klass.
    `cvs`: index (level, indicator); columns cv, limit, passes, sections (how many at the level),
    note (one of CV_NOTES, or None). A CV is meaningful only across two or more sections: with
    one the spread is 0 by construction, with none there is nothing to compare; such a row has
    cv NaN, passes False and its note, and does not count for B (see `all_cvs_pass`).
    """

    sections: pd.DataFrame
    cvs: pd.DataFrame

    def class_counts(self) -> dict[str, int]:
        counts = self.sections["klass"].value_counts()
        return {k: int(counts.get(k, 0)) for k in SECTION_CLASSES}

    @property
    def all_sections_pass(self) -> bool:
        return bool(self.sections["klass"].isin(PASSING_CLASSES).all())

    @property
    def meaningful_cvs(self) -> pd.DataFrame:
        """Return the CV rows that were computed (levels with two or more sections)."""
        return self.cvs[self.cvs["note"].isna()]

    @property
    def all_cvs_pass(self) -> bool:
        """True when every meaningful CV is within its limit (B passes on the levels that have
        two or more sections; with none, B is not applicable)."""
        return bool(self.meaningful_cvs["passes"].all())


def in_scope(
    schools: pd.DataFrame, exclude_small_points: bool, small_point_limit: int | None = None
) -> pd.DataFrame:
    """Return the sections the evaluation covers: no special schools, and no teaching points
    under `small_point_limit` students (standards.yaml) when `exclude_small_points` is set."""
    limit = (
        load_resource_rules().small_point_limit if small_point_limit is None else small_point_limit
    )
    keep = schools["school_type"] != "special"
    if exclude_small_points:
        keep &= ~((schools["school_type"] == "teaching_point") & (schools["students"] < limit))
    return schools[keep]


def assess_resources(schools: pd.DataFrame, rules: ResourceRules) -> ResourceResult:
    """Return values, per-section classes and the 14 CVs for in-scope sections."""
    values = section_values(schools)
    meta = schools.set_index("section_id")[["level", "students"]]
    table = meta.join(values)
    met = pd.DataFrame(index=table.index)
    above = pd.DataFrame(index=table.index)
    for ident, standard in rules.standards.items():
        threshold = table["level"].map(standard.by_level)
        met[ident] = [
            standard.meets(v, lv) for v, lv in zip(table[ident], table["level"], strict=True)
        ]
        above[ident] = table[ident] >= rules.floor_share * threshold
        table[f"{ident}_met"] = met[ident]
        table[f"{ident}_above_floor"] = above[ident]
    table["met"] = met.sum(axis=1).astype(int)
    table["above_floor"] = above.sum(axis=1).astype(int)
    table["klass"] = [
        classify_section(m, a, rules)
        for m, a in zip(table["met"], table["above_floor"], strict=True)
    ]
    rows = []
    for level in LEVELS:
        part = table[table["level"] == level]
        for ident in rules.standards:
            cv, note = _level_cv(part[ident], part["students"])
            limit = rules.cv_limits[level]
            rows.append(
                {
                    "level": level,
                    "indicator": ident,
                    "cv": cv,
                    "limit": limit,
                    "passes": note is None and cv <= limit,
                    "sections": len(part),
                    "note": note,
                }
            )
    cvs = pd.DataFrame(rows).set_index(["level", "indicator"])
    return ResourceResult(sections=table, cvs=cvs)


def _level_cv(values: pd.Series, students: pd.Series) -> tuple[float, str | None]:
    """Return one level's CV, or NaN and why it is not meaningful (see CV_NOTES).

    Why zero_mean: a standard every section has none of (no backbone teacher anywhere) gives no
    mean to divide by; that is a finding for R, not a spread for B.
    """
    if len(values) == 0:
        return float("nan"), "no_sections"
    if len(values) == 1:
        return float("nan"), "one_section"
    if float((values * students).sum()) == 0:
        return float("nan"), "zero_mean"
    return weighted_cv(values, students), None
