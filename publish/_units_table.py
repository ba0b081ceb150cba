"""The table of an indicator's units (failing sections, schools, classes, CVs, subjects) on its
card: each column headed and formatted by the one table below, coded values put into words."""

from __future__ import annotations

import pandas as pd

from publish._labels import label, section_words
from publish._names import school_names
from publish._results import Results
from publish._table_html import render_table

# how the columns of a failing-units table are headed and formatted
UNIT_COLUMNS: dict[str, tuple[str, str]] = {
    "section_id": ("column.section_id", "text"),
    "unit_id": ("column.unit_id", "text"),
    "school_name": ("column.school_name", "text"),
    "section_name": ("column.section_name", "text"),
    "level": ("column.level", "text"),
    "students": ("column.students", "int"),
    "classes": ("column.classes", "int"),
    "music_rooms": ("column.music_rooms", "int"),
    "art_rooms": ("column.art_rooms", "int"),
    "rooms_needed": ("column.rooms_needed", "int"),
    "music_room_min_area_m2": ("column.music_room_min_area_m2", "int"),
    "art_room_min_area_m2": ("column.art_room_min_area_m2", "int"),
    "limit": ("column.limit", "int"),
    "category": ("column.g4_category", "text"),
    "exceeds": ("column.exceeds", "text"),
    "oversized": ("column.oversized_classes", "int"),
    "largest": ("column.largest_class", "int"),
    "klass": ("column.section_class", "text"),
    "met": ("column.met", "int"),
    "above_floor": ("column.above_floor", "int"),
    "indicator": ("column.indicator", "text"),
    "cv": ("column.cv", "decimal3"),
    "grade": ("column.grade", "int"),
    "subject": ("column.subject", "text"),
    "share_medium_or_above_pct": ("column.share_medium_or_above", "decimal1"),
    "above_city_pp": ("column.above_city_pp", "decimal1"),
    "above_nation_pp": ("column.above_nation_pp", "decimal1"),
    "between_school_pct": ("column.between_school_pct", "decimal1"),
    "attainment_level": ("column.attainment_level", "text"),
}
# 学业水平等级 as the monitoring report writes it
ATTAINMENT_LEVELS = {"1": "Ⅰ", "2": "Ⅱ", "3": "Ⅲ", "4": "Ⅳ"}
CODED = {"level": "level", "category": "g4_category", "klass": "section_class"}
LEVEL_WORDS = {"through": "level.through"}


def units_table(frame: pd.DataFrame, results: Results, lang: str) -> str:
    """Return a table of failing or listed units with labelled, formatted columns."""
    frame = frame.copy()
    # the whole register: G3–G5 list teaching points the resource rules leave out
    whole = results.schools if "section_id" in results.schools else results.sections_register
    register = whole.set_index("section_id")
    if "section_id" in frame and "school_name" not in frame:
        names = register["school_name"].reindex(frame["section_id"]).to_numpy()
        frame.insert(1, "school_name", names)
    if "school_name" in frame:
        frame["school_name"] = school_names(frame["school_name"], results, lang)
    if "subject" in frame and lang == "en" and "subject_en" in frame:
        frame["subject"] = frame["subject_en"].where(frame["subject_en"].notna(), frame["subject"])
    frame = frame[[c for c in frame.columns if c in UNIT_COLUMNS]]
    if "section_name" in frame:
        frame["section_name"] = [section_words(n, lang) for n in frame["section_name"]]
    if "exceeds" in frame:
        frame["exceeds"] = [label("ui.yes" if v else "ui.no", lang) for v in frame["exceeds"]]
    for column, group in CODED.items():
        if column in frame:
            frame[column] = [
                label(LEVEL_WORDS.get(v, f"{group}.{v}"), lang) if isinstance(v, str) else v
                for v in frame[column]
            ]
    if "attainment_level" in frame:
        frame["attainment_level"] = [
            ATTAINMENT_LEVELS.get(v, "—") for v in frame["attainment_level"]
        ]
    if "indicator" in frame:
        frame["indicator"] = frame["indicator"].astype(str)
    formats = {label(UNIT_COLUMNS[c][0], lang): UNIT_COLUMNS[c][1] for c in frame.columns}
    frame.columns = list(formats)
    return render_table(frame, formats, lang, css_class="ec-units")
