"""The page tables of the results in the page language, built on publish/_table_html.py."""

from __future__ import annotations

import pandas as pd

from indicators import LEVELS, SECTION_CLASSES
from loaders import RULE_OPTION_VALUES, MeasureItem, load_schema, measure_items
from publish._format import fmt_decimal, fmt_int, fmt_percent
from publish._labels import label, section_words
from publish._limits_table import input_limits_table
from publish._names import school_names
from publish._recompute_doc import recompute_example
from publish._results import Results
from publish._table_html import exact_places, render_table

# display decimals per indicator (money in whole yuan, head counts per 100 to two places)
INDICATOR_PLACES = {"R1": 2, "R2": 2, "R3": 2, "R4": 2, "R5": 2, "R6": 0, "R7": 2}
# the floors (standard × 85 %) of standards given to one or two decimals need three or four
FLOOR_PLACES = 3


def section_table(results: Results, lang: str) -> str:
    """Return every evaluated section with its seven values, marks and class."""
    sections = results.resources.sections
    standards = results.rules.standards
    register = results.sections_register.set_index("section_id")
    frame = pd.DataFrame(index=sections.index)
    frame[label("column.section_id", lang)] = sections.index
    frame[label("column.school_name", lang)] = school_names(
        register.loc[sections.index, "school_name"], results, lang
    )
    frame[label("column.section_name", lang)] = [
        section_words(n, lang) for n in register.loc[sections.index, "section_name"]
    ]
    frame[label("column.level", lang)] = [label(f"level.{lv}", lang) for lv in sections["level"]]
    frame[label("column.students", lang)] = sections["students"]
    formats = {c: "text" for c in frame.columns} | {label("column.students", lang): "int"}
    marks = pd.DataFrame("", index=sections.index, columns=list(frame.columns))
    for ident, standard in standards.items():
        frame[ident] = sections[ident]
        formats[ident] = f"decimal{INDICATOR_PLACES[ident]}"
        threshold = sections["level"].map(standard.by_level)
        below = ~sections[f"{ident}_met"]
        floor = sections[ident] < results.rules.floor_share * threshold
        marks[ident] = [
            "ec-below85" if f else ("ec-below" if b else "")
            for b, f in zip(below, floor, strict=True)
        ]
    frame[label("column.met", lang)] = sections["met"]
    frame[label("column.section_class", lang)] = [
        label(f"section_class.{k}", lang) for k in sections["klass"]
    ]
    formats[label("column.met", lang)] = "int"
    formats[label("column.section_class", lang)] = "text"
    return render_table(
        frame,
        formats,
        lang,
        cell_classes=marks,
        row_ids=[f"section-{s}" for s in sections.index],
        css_class="ec-sections",
    )


def class_counts_table(results: Results, lang: str) -> str:
    """Return the four section classes with their counts and whether they pass."""
    counts = results.resources.class_counts()
    frame = pd.DataFrame(
        {
            label("column.section_class", lang): [
                label(f"section_class.{k}", lang) for k in SECTION_CLASSES
            ],
            label("column.count", lang): [counts[k] for k in SECTION_CLASSES],
            label("column.passes", lang): [
                label("ui.yes" if k in ("all7", "six_plus") else "ui.no", lang)
                for k in SECTION_CLASSES
            ],
        }
    )
    return render_table(frame, dict(zip(frame.columns, ["text", "int", "text"], strict=True)), lang)


def cv_table(results: Results, lang: str) -> str:
    """Return the 14 coefficients of variation against their limits.

    A level with one section or none has no meaningful CV: its cells say so (不适用：仅一个学部)
    instead of a 0.000 that would read as perfect balance.
    """
    cvs = results.resources.cvs
    rows = []
    for ident, standard in results.rules.standards.items():
        row = {
            label(
                "column.indicator", lang
            ): f"{ident} {standard.zh if lang == 'zh' else standard.en}"
        }
        for level in LEVELS:
            entry = cvs.loc[(level, ident)]
            name = label(f"level.{level}", lang)
            note = entry.get("note")
            meaningful = not isinstance(note, str)
            row[f"{name} · {label('column.cv', lang)}"] = (
                fmt_decimal(entry["cv"], 3, lang) if meaningful else "—"
            )
            row[f"{name} · {label('column.limit', lang)}"] = fmt_decimal(entry["limit"], 2, lang)
            row[f"{name} · {label('column.status', lang)}"] = (
                label("status.met" if entry["passes"] else "status.not_met", lang)
                if meaningful
                else label(f"cv_note.{note}", lang)
            )
        rows.append(row)
    frame = pd.DataFrame(rows)
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)


def standards_table(results: Results, lang: str) -> str:
    """Return the seven standards with their unit and value per level, and their floors.

    Standards keep their display decimals (whole yuan for money); floors (standard × floor share,
    85 %) show at least FLOOR_PLACES decimals and as many more as they need to be exact, so a
    value can be compared with them honestly.
    """
    share = fmt_percent(results.rules.floor_share, 0, lang)
    floor_words = label("column.floor", lang).format(floor_share=share)
    rows = []
    for ident, standard in results.rules.standards.items():
        places = INDICATOR_PLACES[ident]
        floor_places = FLOOR_PLACES if places else 0  # whole yuan: whole where the floor is
        row = {
            label(
                "column.indicator", lang
            ): f"{ident} {standard.zh if lang == 'zh' else standard.en}",
            label("column.unit", lang): standard.unit_zh if lang == "zh" else standard.unit_en,
        }
        for level in LEVELS:
            value = standard.by_level[level]
            floor = value * results.rules.floor_share
            row[label(f"level.{level}", lang)] = fmt_decimal(
                value, exact_places(value, places), lang
            )
            row[f"{label(f'level.{level}', lang)} · {floor_words}"] = fmt_decimal(
                floor, exact_places(floor, floor_places), lang
            )
        rows.append(row)
    frame = pd.DataFrame(rows)
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)


def input_columns_table(name: str, lang: str) -> str:
    """Return the columns of an input file as staff documentation: header, aliases, type, rule."""
    schema = load_schema(name)
    rows = []
    for column in schema.columns:
        aliases = [column.en, *column.aliases] if lang == "zh" else [column.zh, *column.aliases]
        rows.append(
            {
                label("column.header", lang): column.zh if lang == "zh" else column.en,
                label("column.aliases", lang): "、".join(aliases)
                if lang == "zh"
                else ", ".join(aliases),
                label("column.accepted", lang): column.expected(lang),
                label("column.required", lang): label(
                    "ui.yes" if column.required else "ui.no", lang
                ),
            }
        )
    frame = pd.DataFrame(rows)
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)


def basic_by_level_table(results: Results, lang: str) -> str:
    """Return sections, students, migrant students, classes and teachers by level, and a total.

    Students, classes and teachers include the teaching points outside the resource rules; when
    there are any, a column counts them, so the sections column is not misread as all schools.
    """
    by_level = results.basic.by_level
    columns = ["sections", "students", "migrant_students", "classes", "teachers"]
    if results.basic.points_outside:
        columns.insert(1, "points_outside")
    # the sections column counts evaluated sections only: say so in its heading
    heading = {c: label(f"column.{c}", lang) for c in columns}
    heading["sections"] = label("column.evaluated_sections", lang)
    frame = pd.DataFrame(
        {label("column.level", lang): [label(f"level.{lv}", lang) for lv in by_level.index]}
        | {heading[c]: by_level[c].to_list() for c in columns}
    )
    total = {label("column.level", lang): label("ui.total", lang)} | {
        heading[c]: int(by_level[c].sum()) for c in columns
    }
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    formats = {c: "int" for c in frame.columns} | {label("column.level", lang): "text"}
    return render_table(frame, formats, lang)


def schools_by_type_table(results: Results, lang: str) -> str:
    """Return the legal schools by school type, in the register's type order."""
    counts = results.basic.schools_by_type
    order = [t for t in load_schema("schools").column("school_type").choices if t in counts]
    frame = pd.DataFrame(
        {
            label("column.school_type", lang): [label(f"school_type.{t}", lang) for t in order],
            label("column.schools", lang): [counts[t] for t in order],
        }
    )
    return render_table(frame, dict(zip(frame.columns, ["text", "int"], strict=True)), lang)


def input_files_table(results: Results, lang: str) -> str:
    """Return every input file of the package with its SHA-256, for provenance."""
    hashes = results.provenance.input_hashes
    frame = pd.DataFrame(
        {
            label("column.file", lang): list(hashes),
            "SHA-256": list(hashes.values()),
        }
    )
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang, css_class="ec-hashes")


def indicator_rules_table(results: Results, lang: str) -> str:
    """Return every indicator and veto item with its rule in words and whether it is computed."""
    rules = results.evaluation_rules
    rows = []
    for area in rules.areas.values():
        for ident in area.parts:
            rule = rules.indicators[ident]
            rows.append(
                {
                    label("column.indicator", lang): f"{ident} "
                    + (rule.name_zh if lang == "zh" else rule.name_en),
                    label("column.area", lang): area.zh if lang == "zh" else area.en,
                    label("column.rule", lang): rule.rule_zh if lang == "zh" else rule.rule_en,
                    label("column.kind", lang): label(f"kind.{rule.kind}", lang),
                }
            )
    for ident, veto in rules.veto.items():
        rows.append(
            {
                label("column.indicator", lang): f"{ident} "
                + (veto.zh if lang == "zh" else veto.en),
                label("column.area", lang): label("ui.veto_items", lang),
                label("column.rule", lang): label("ui.veto_rule", lang),
                label("column.kind", lang): label(f"kind.{_veto_kind(results, ident)}", lang),
            }
        )
    frame = pd.DataFrame(rows)
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)


def _veto_kind(results: Results, ident: str) -> str:
    """Return computed, or qualitative: a veto item the data cannot show carries the county's
    declaration of whether the situation occurs and the document it rests on, like any other
    qualitative item."""
    return "computed" if results.evaluation.veto[ident].kind == "computed" else "qualitative"


def measure_name(item: MeasureItem, lang: str) -> str:
    """Return a county measure's name as a label: the catalogue writes English names in lower
    case (error messages use them mid-sentence), tables start them with a capital — except the
    sub-items "of which …", which read on from the row above."""
    if lang == "zh":
        return item.zh
    words = item.en
    return words if words.startswith(("of which", "of whom")) else words[0].upper() + words[1:]


def measure_codes_table(results: Results, lang: str) -> str:
    """Return every county measure code with its indicator, meaning, type and whether required."""
    rows = [
        {
            label("column.measure_code", lang): item.key,
            label("column.indicator", lang): item.indicator,
            label("column.item", lang): measure_name(item, lang),
            label("column.accepted", lang): label(f"column.type_{item.type}", lang),
            label("column.required", lang): label("ui.yes" if item.required else "ui.no", lang),
        }
        for item in measure_items().values()
    ]
    frame = pd.DataFrame(rows)
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)


def rule_options_table(results: Results, lang: str) -> str:
    """Return every rule option: its name, the value in force, what it means, the alternatives.

    A meaning may name a rule figure (`{small_point_limit}`), filled in here from the rules.
    """
    figures = {"small_point_limit": fmt_int(results.rules.small_point_limit, lang)}
    rows = []
    for name, allowed in RULE_OPTION_VALUES.items():
        value = getattr(results.options, name)
        chosen = value if isinstance(value, tuple) else (value,)
        words = [label(f"option_value.{v}", lang) for v in chosen] or [label("ui.none", lang)]
        others = [v for v in allowed if v not in chosen]
        rows.append(
            {
                label("column.option", lang): name,
                label("column.meaning", lang): label(f"option.{name}", lang).format(**figures),
                label("column.in_force", lang): "；".join(words)
                if lang == "zh"
                else "; ".join(words),
                label("column.alternatives", lang): ("；" if lang == "zh" else "; ").join(
                    label(f"option_value.{v}", lang) for v in others
                )
                or "—",
            }
        )
    frame = pd.DataFrame(rows)
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang)


TABLES = {
    "input_limits": input_limits_table,
    "basic_by_level": basic_by_level_table,
    "schools_by_type": schools_by_type_table,
    "input_files": input_files_table,
    "measure_codes": measure_codes_table,
    "indicator_rules": indicator_rules_table,
    "rule_options": rule_options_table,
    "sections": section_table,
    "section_classes": class_counts_table,
    "cvs": cv_table,
    "standards": standards_table,
    "recompute_example": recompute_example,
}
