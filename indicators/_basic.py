"""Basic facts (基本情况): counts of schools, sections, students and teachers by level."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators._standards import LEVELS


@dataclass(frozen=True)
class BasicFacts:
    """Head counts: legal schools from the whole register, the rest from in-scope sections.

    `schools_by_type`: legal schools per school type. `by_level`: index level; columns sections,
    students, migrant_students, classes, teachers.
    """

    legal_schools: int
    schools_by_type: dict[str, int]
    by_level: pd.DataFrame

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
        return int(self.by_level["sections"].sum())


def basic_facts(schools: pd.DataFrame, in_scope: pd.DataFrame) -> BasicFacts:
    """Return the head counts; a legal school is one school code, whatever its sections.

    Students, teachers and sections are those of the evaluated sections, as the report counts
    them; the special-education school is a legal school but not an evaluated section.
    """
    legal = schools.drop_duplicates("school_id")
    by_type = legal["school_type"].value_counts()
    grouped = in_scope.groupby("level").agg(
        sections=("section_id", "size"),
        students=("students", "sum"),
        migrant_students=("migrant_students", "sum"),
        classes=("classes", "sum"),
        teachers=("teachers", "sum"),
    )
    by_level = grouped.reindex(list(LEVELS), fill_value=0).astype(int)
    return BasicFacts(
        legal_schools=len(legal),
        schools_by_type={str(k): int(v) for k, v in by_type.items()},
        by_level=by_level,
    )
