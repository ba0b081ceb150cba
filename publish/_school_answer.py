"""A school section's answer in one sentence, first in its directory entry (issue 17 §1).

Why a sentence and not only the table: a parent wants to know whether their child's school
meets the standards and, if not, which, by how much and what is being done by when; the
seven-row table below it is the evidence, not the answer.
"""

from __future__ import annotations

import math

import pandas as pd

from publish._escape import page_text
from publish._format import fmt_int, fmt_percent
from publish._labels import label
from publish._results import Results
from publish._table_html import format_cell
from publish._tables import INDICATOR_PLACES


def _truncated(share: float) -> float:
    """Cut a share to one decimal of a percent, never rounding up: 84.96 % must not read as
    85.0 %, the floor it misses."""
    return math.floor(share * 1000) / 1000


def _resource_items(results: Results, row: pd.Series, lang: str) -> tuple[list[str], bool]:
    """Return the resource values below their standard, in words, and whether R still passes."""
    items = []
    for ident, standard in results.rules.standards.items():
        if bool(row[f"{ident}_met"]):
            continue
        threshold = standard.by_level[row["level"]]
        places = f"decimal{INDICATOR_PLACES[ident]}"
        items.append(
            label("answer.resource_item", lang).format(
                ident=ident,
                value=format_cell(row[ident], places, lang),
                standard=format_cell(threshold, places, lang),
                share=fmt_percent(_truncated(row[ident] / threshold), 1, lang),
            )
        )
    return items, row["klass"] in ("all7", "six_plus")


def _size(results: Results, section_id: str, lang: str) -> str | None:
    """Return the school-size clause when the section's school (or campus) exceeds its limit."""
    detail = results.evaluation.indicators["G4"].computed.detail
    register = results.sections_register.set_index("section_id")
    units = {section_id, str(register.loc[section_id, "school_id"])}
    over = detail[detail["unit_id"].astype(str).isin(units) & detail["exceeds"]]
    if over.empty:
        return None
    unit = over.iloc[0]
    return label("answer.size", lang).format(
        students=fmt_int(unit["students"], lang), limit=fmt_int(unit["limit"], lang)
    )


def _classes(results: Results, section_id: str, lang: str) -> str | None:
    """Return the class-size clause when some of the section's classes exceed the limit."""
    computed = results.evaluation.indicators["G5"].computed
    sizes = computed.detail.set_index("section_id")
    if section_id not in sizes.index or not sizes.loc[section_id, "oversized"]:
        return None
    entry = sizes.loc[section_id]
    limits = {t.key: t.value for t in computed.thresholds}
    key = "answer.classes_one" if entry["oversized"] == 1 else "answer.classes"
    if entry["classes"] == 1:
        key = "answer.classes_single"  # not "1 of its 1 classes"
    return label(key, lang).format(
        classes=fmt_int(entry["classes"], lang),
        oversized=fmt_int(entry["oversized"], lang),
        limit=fmt_int(limits[f"g5_{entry['level']}_class_max"], lang),
    )


def _plans(results: Results, section_id: str, failing: set[str], lang: str) -> str:
    """Return the plans that cover the section: its own, and the county-wide plans (no section
    named) of an indicator it fails."""
    plans = [
        p
        for p in results.evaluation.plans
        if p.section_id == section_id or (not p.section_id and p.indicator in failing)
    ]
    if not plans:
        return label("answer.no_plan", lang)
    key = "answer.plans_one" if len(plans) == 1 else "answer.plans_many"
    return label(key, lang).format(count=len(plans), last=max(p.deadline for p in plans))


def school_answer(results: Results, section_id: str, lang: str) -> str:
    """Return the section's answer: meets every standard that applies to it, or which it
    misses and by how much (resources, school size, class size) and the plans that cover it."""
    row = results.resources.sections.loc[section_id]
    items, resources_pass = _resource_items(results, row, lang)
    separator = "；" if lang == "zh" else "; "
    problems = (
        []
        if resources_pass
        else [label("answer.resources", lang).format(items=separator.join(items))]
    )
    size, classes = _size(results, section_id, lang), _classes(results, section_id, lang)
    problems += [clause for clause in (size, classes) if clause]
    failing = {
        i for i, fails in (("R", not resources_pass), ("G4", size), ("G5", classes)) if fails
    }
    if not problems:
        text = label("answer.meets", lang)
        if items:
            floor = fmt_percent(results.rules.floor_share, 0, lang)
            note = label("answer.within_floor", lang).format(
                items=separator.join(items), floor=floor
            )
            text = text.removesuffix("。") + note + "。" if lang == "zh" else text[:-1] + note + "."
        return f'<p class="ec-school__answer">{page_text(text)}</p>'
    text = label("answer.short", lang).format(problems=separator.join(problems))
    text += _plans(results, section_id, failing, lang)
    return f'<p class="ec-school__answer">{page_text(text)}</p>'
