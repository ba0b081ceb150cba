"""One entry per school section, grouped by town, so a parent can find their own school.

Each section gets a heading with a stable anchor (#s005) that search indexes by the school's
Chinese name, and a small table of its seven indicators against their standards, followed by its
class, its class sizes and any remediation plan that concerns it.
"""

from __future__ import annotations

import html

from publish._format import fmt_int, text_html
from publish._labels import label
from publish._results import Results
from publish._tables import INDICATOR_PLACES, format_cell, header_cells, table_html


def _anchor(section_id: str) -> str:
    return section_id.lower()


def _indicator_table(results: Results, section_id: str, lang: str) -> str:
    row = results.resources.sections.loc[section_id]
    level = row["level"]
    cells = []
    for ident, standard in results.rules.standards.items():
        places = INDICATOR_PLACES[ident]
        met = bool(row[f"{ident}_met"])
        floor = row[ident] >= results.rules.floor_share * standard.by_level[level]
        mark = "met" if met else ("below" if floor else "below85")
        words = label(f"school.{mark}", lang)
        name = standard.zh if lang == "zh" else standard.en
        cells.append(
            f'<tr><th scope="row">{ident} {html.escape(name)}</th>'
            f"<td>{format_cell(row[ident], f'decimal{places}', lang)}</td>"
            f"<td>{format_cell(standard.by_level[level], f'decimal{places}', lang)}</td>"
            f'<td class="ec-mark--{mark}">{html.escape(words)}</td></tr>'
        )
    head = header_cells(
        ("column.indicator", "column.value", "column.standard", "column.status"), lang
    )
    body = "".join(cells)
    return table_html(head, body, "ec-school")


def _facts(results: Results, section_id: str, lang: str) -> str:
    row = results.resources.sections.loc[section_id]
    sizes = results.evaluation.indicators["G5"].computed.detail.set_index("section_id")
    plans = [p for p in results.evaluation.plans if p.section_id == section_id]
    klass = label(f"section_class.{row['klass']}", lang)
    passes = row["klass"] in ("all7", "six_plus")
    badge = "met" if passes else "not_met"
    items = [
        f"{html.escape(label('column.students', lang))}: {fmt_int(row['students'], lang)}",
        f"{html.escape(label('column.section_class', lang))}: "
        f'<span class="ec-status ec-status--{badge}">{html.escape(klass)}</span>',
    ]
    if section_id in sizes.index:
        entry = sizes.loc[section_id]
        items.append(
            f"{html.escape(label('column.classes', lang))}: {fmt_int(entry['classes'], lang)}"
            f"; {html.escape(label('column.oversized_classes', lang))}: "
            f"{fmt_int(entry['oversized'], lang)}"
        )
    for plan in plans:
        text = plan.measures_en if lang == "en" and plan.measures_en else plan.measures
        items.append(
            f"{html.escape(label('column.measures', lang))}: {text_html(text, lang)} "
            f"({html.escape(label('column.deadline', lang))} {html.escape(plan.deadline)})"
        )
    return '<ul class="ec-school__facts">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def school_directory(results: Results, lang: str) -> str:
    """Return the town index, then per town a heading per section with its indicators."""
    register = results.sections_register.set_index("section_id")
    sections = register.loc[results.resources.sections.index]
    towns = sorted(sections["town"].unique())  # code-point order, stable across builds
    index = " · ".join(f"[{text_html(t, lang)}](#{_town_anchor(towns, t)})" for t in towns)
    parts = [index, ""]
    for town in towns:
        # raw HTML headings: search indexes them by anchor, the page TOC stays short, and on
        # English pages the Chinese name is marked as such (see mark_chinese)
        marked = ' lang="zh"' if lang == "en" else ""
        parts.append(f'<h2 id="{_town_anchor(towns, town)}"{marked}>{html.escape(town)}</h2>\n')
        group = sections[sections["town"] == town].sort_values(["school_name", "section_name"])
        for section_id, entry in group.iterrows():
            name = html.escape(f"{entry['school_name']} {entry['section_name']}")
            title = f"{name}（{section_id}）" if lang == "zh" else f"{name} ({section_id})"
            parts.append(f'<h3 id="{_anchor(section_id)}"{marked}>{title}</h3>\n')
            parts.append(
                '<div class="ec-school-entry">'
                + _facts(results, section_id, lang)
                + _indicator_table(results, section_id, lang)
                + "</div>\n"
            )
    return "\n".join(parts)


def _town_anchor(towns: list[str], town: str) -> str:
    return f"town-{towns.index(town) + 1}"
