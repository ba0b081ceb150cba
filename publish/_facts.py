"""Named single figures the narrative may insert with `{{ fact("name") }}`.

One table of entries, not a chain of ifs: each fact names the result it reads and its format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indicators import LEVEL_WEIGHTS
from publish._results import Results


@dataclass(frozen=True)
class Fact:
    """How to read one figure from the results and how to show it."""

    read: Callable[[Results], float | str]
    kind: str  # "int", "decimal0"–"decimal3", "percent0"–"percent2" or "text"
    help: str


FACTS: dict[str, Fact] = {
    "left_behind_children": Fact(
        lambda r: r.measures["left_behind_children"], "int", "left-behind children"
    ),
    "disabled_children": Fact(
        lambda r: r.measures["disabled_children"], "int", "school-age disabled children"
    ),
    "data_version": Fact(lambda r: r.provenance.data_version, "text", "fingerprint of the inputs"),
    "report_year": Fact(lambda r: str(r.county.report_year), "text", "year of the self-evaluation"),
    "standards_count": Fact(
        lambda r: len(r.rules.standards), "int", "resource indicators per section (R1–R7)"
    ),
    "small_point_limit": Fact(
        lambda r: r.rules.small_point_limit, "int", "teaching points below this may be left out"
    ),
    "min_met": Fact(lambda r: r.rules.min_met, "int", "standards a section must meet at least"),
    "areas_count": Fact(lambda r: len(r.evaluation_rules.areas), "int", "areas of the evaluation"),
    "source_document": Fact(
        lambda r: r.evaluation_rules.source_zh, "text", "the evaluation measures (教督〔2017〕6号)"
    ),
    "floor_share": Fact(
        lambda r: r.rules.floor_share,
        "percent0",
        "share of its standard every section value must reach",
    ),
    "split_weights": Fact(
        lambda r: " : ".join(f"{w:g}" for w in LEVEL_WEIGHTS.values()),
        "text",
        "primary : junior : senior weights of split_rule = weighted",
    ),
    "legal_schools": Fact(lambda r: r.basic.legal_schools, "int", "legal schools (学校法人数)"),
    "sections": Fact(lambda r: r.basic.sections, "int", "evaluated sections (学部/校区)"),
    "students": Fact(lambda r: r.basic.students, "int", "students in evaluated sections"),
    "students_primary": Fact(
        lambda r: r.basic.by_level.loc["primary", "students"], "int", "primary students"
    ),
    "students_junior": Fact(
        lambda r: r.basic.by_level.loc["junior", "students"], "int", "junior students"
    ),
    "teachers": Fact(lambda r: r.basic.teachers, "int", "full-time teachers"),
    "migrant_students": Fact(lambda r: r.basic.migrant_students, "int", "migrant children"),
    "migrant_share": Fact(
        lambda r: r.basic.migrant_students / r.basic.students,
        "percent1",
        "migrant children as a share of students",
    ),
    "sections_all7": Fact(
        lambda r: r.resources.class_counts()["all7"], "int", "sections meeting all 7"
    ),
    "sections_six_plus": Fact(
        lambda r: r.resources.class_counts()["six_plus"],
        "int",
        "sections meeting 6, the 7th ≥ 85 %",
    ),
    "sections_fail_below85": Fact(
        lambda r: r.resources.class_counts()["fail_below85"],
        "int",
        "sections meeting 6, one < 85 %",
    ),
    "sections_fail_two_or_more": Fact(
        lambda r: r.resources.class_counts()["fail_two_or_more"],
        "int",
        "sections meeting 5 or fewer",
    ),
}
