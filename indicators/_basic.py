"""Basic facts (基本情况): counts of schools, sections, students and teachers by level."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators._standards import LEVELS

COUNTED = ("students", "migrant_students", "classes", "teachers")
OUTSIDE_COLUMNS = ["section_id", "school_id", "school_name", "school_name_en", "section_name"]
OUTSIDE_COLUMNS += ["school_type", "level", "town", "students", "teachers"]


@dataclass(frozen=True)
class BasicFacts:
    """Head counts: legal schools from the whole register, the rest from compulsory education.

    `schools_by_type`: legal schools per school type. `by_level`: index level; columns sections
    (evaluated sections), points_outside (teaching points outside the resource rules), and
    students, migrant_students, classes, teachers of both. `outside`: those teaching points
    (section_id, school_id, school_name, section_name, school_type, level, town, students,
    teachers).
    """

    legal_schools: int
    schools_by_type: dict[str, int]
    by_level: pd.DataFrame
    outside: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OUTSIDE_COLUMNS))

    @property
    def students(self) -> int:
        return int(self.by_level["students"].sum())

    @property
    def migrant_students(self) -> int:
        return int(self.by_level["migrant_students"].sum())

    @property
    def teachers(self) -> int:
        return int(self.by_level["teachers"].sum())

    @property
    def sections(self) -> int:
        """Return the evaluated sections (teaching points outside the rules not counted)."""
        return int(self.by_level["sections"].sum())

    @property
    def points_outside(self) -> int:
        return len(self.outside)


def basic_facts(schools: pd.DataFrame, in_scope: pd.DataFrame) -> BasicFacts:
    """Return the head counts; a legal school is one school code, whatever its sections.

    Students, teachers and classes are those of compulsory education: the evaluated sections
    and the teaching points the resource rules leave out (exclude_small_points), so the total
    matches the county's own. Why not the special-education school: it is a legal school but
    not an ordinary school, and the self-evaluation reports its students apart (Q2, G7).
    """
    legal = schools.drop_duplicates("school_id")
    by_type = legal["school_type"].value_counts()
    ordinary = schools[schools["school_type"] != "special"]
    outside = ordinary[~ordinary["section_id"].isin(in_scope["section_id"])]
    counted = pd.concat([in_scope, outside])
    totals = {c: (c, "sum") for c in COUNTED if c in counted}
    grouped = counted.groupby("level").agg(**totals)
    grouped["sections"] = in_scope.groupby("level").size()
    grouped["points_outside"] = outside.groupby("level").size()
    columns = ["sections", *COUNTED, "points_outside"]
    by_level = grouped.reindex(index=list(LEVELS), columns=columns).fillna(0).astype(int)
    keep = [c for c in OUTSIDE_COLUMNS if c in outside]
    return BasicFacts(
        legal_schools=len(legal),
        schools_by_type={str(k): int(v) for k, v in by_type.items()},
        by_level=by_level,
        outside=outside[keep].reset_index(drop=True),
    )
