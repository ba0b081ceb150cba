"""One entry per school section, grouped by town, so a parent can find their own school.

Each section gets a heading with a stable anchor (#s005) that search indexes by the school's
Chinese name, and a small table of its seven indicators against their standards, followed by its
class, its class sizes and any remediation plan that concerns it.
"""

from __future__ import annotations

import pandas as pd

from publish._escape import page_text
from publish._format import fmt_int, text_html
from publish._labels import label, section_words
from publish._names import school_name
from publish._results import Results
from publish._school_answer import school_answer
from publish._table_html import format_cell, header_cells, table_html
from publish._tables import INDICATOR_PLACES


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
        unit = page_text(standard.unit_zh if lang == "zh" else standard.unit_en)
        value = format_cell(row[ident], f"decimal{places}", lang)
        threshold = format_cell(standard.by_level[level], f"decimal{places}", lang)
        cells.append(
            f'<tr><th scope="row">{ident} {page_text(name)}</th>'
            f'<td>{value}<span class="ec-unit"> {unit}</span></td>'
            f'<td>{threshold}<span class="ec-unit"> {unit}</span></td>'
            f'<td class="ec-mark--{mark}">{page_text(words)}</td></tr>'
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
    colon = "：" if lang == "zh" else ": "

    def item(key: str, value: str) -> str:
        return f"{page_text(label(key, lang))}{colon}{value}"

    items = [
        item("column.students", fmt_int(row["students"], lang)),
        item(
            "school.resource_result",
            f'<span class="ec-status ec-status--{badge}">{page_text(klass)}</span>',
        ),
    ]
    if section_id in sizes.index:
        entry = sizes.loc[section_id]
        items.append(item("column.classes", fmt_int(entry["classes"], lang)))
        items.append(item("column.oversized_classes", fmt_int(entry["oversized"], lang)))
    for plan in plans:
        text = plan.measures_en if lang == "en" and plan.measures_en else plan.measures
        status = label(f"plan_status.{plan.standing}", lang)
        if plan.standing == "overdue":
            status = f"⚠ {status}"  # a word and a symbol, as in the remediation table
        elif lang == "en":
            status = status.lower()
        deadline = label("school.deadline", lang).format(
            deadline=plan.deadline, status=status, date=plan.status_date
        )
        items.append(item("column.measures", text_html(text, lang) + page_text(deadline)))
    return '<ul class="ec-school__facts">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def town_order(results: Results) -> list[str]:
    """Return the towns of the evaluated sections in the county's own order.

    Why not sorted: Chinese sorts by code point, which is no order a reader knows. The survey
    configuration lists the towns as the county orders them (its by-town tables use that list),
    so the directory follows it too; towns it does not list follow in the order the school
    register first names them.
    """
    register = results.sections_register
    evaluated = register[register["section_id"].isin(results.resources.sections.index)]
    in_register = list(dict.fromkeys([*evaluated["town"], *_outside(results)["town"]]))
    configured = list(results.survey.config.towns) if results.survey is not None else []
    return [t for t in configured if t in in_register] + [
        t for t in in_register if t not in configured
    ]


def town_names(results: Results, lang: str) -> dict[str, str]:
    """Return each town's name on a page: on English pages the English name the survey config
    gives (so the directory and the survey tables agree) followed by the Chinese one."""
    english = {}
    if lang == "en" and results.survey is not None:
        config = results.survey.config
        english = dict(zip(config.towns, config.town_en, strict=True))
    return {
        town: (
            f'{page_text(english[town])} (<span lang="zh">{page_text(town)}</span>)'
            if town in english
            else text_html(town, lang)
        )
        for town in town_order(results)
    }


def school_directory(results: Results, lang: str) -> str:
    """Return the town index, then per town a heading per section with its indicators."""
    register = results.sections_register.set_index("section_id")
    # the register's own order within a town: the county's order, not the code points of names
    sections = register[register.index.isin(results.resources.sections.index)]
    towns = town_order(results)
    names = town_names(results, lang)
    index = " · ".join(f"[{names[t]}](#{_town_anchor(towns, t)})" for t in towns)
    parts = [index, ""]
    for town in towns:
        # raw HTML headings: search indexes them by anchor, the page TOC stays short, and on
        # English pages the Chinese names are marked as such (see mark_chinese)
        parts.append(f'<h2 id="{_town_anchor(towns, town)}">{names[town]}</h2>\n')
        group = sections[sections["town"] == town]
        for section_id, entry in group.iterrows():
            parts.append(_heading(results, entry, section_id, lang))
            parts.append(
                '<div class="ec-school-entry">'
                + school_answer(results, section_id, lang)
                + _facts(results, section_id, lang)
                + _indicator_table(results, section_id, lang)
                + "</div>\n"
            )
        outside = _outside(results)
        for _, entry in outside[outside["town"] == town].iterrows():
            parts.append(_heading(results, entry, entry["section_id"], lang))
            parts.append(_outside_facts(results, entry, lang))
    return "\n".join(parts)


def _heading(results: Results, entry: pd.Series, section_id: str, lang: str) -> str:
    school = text_html(school_name(entry["school_name"], results, lang), lang)
    section = text_html(section_words(entry["section_name"], lang), lang)
    if lang == "zh":
        return f'<h3 id="{_anchor(section_id)}">{school} {section}（{section_id}）</h3>\n'
    title = f"{school} {section} ({section_id})"
    return f'<h3 id="{_anchor(section_id)}">{title}</h3>\n'


def _outside(results: Results) -> pd.DataFrame:
    """Return the teaching points outside the resource rules, in the register's order.

    Why listed at all: a parent looks for their own school, and the county's student total
    includes these pupils; they are marked as outside the rules, with no indicators to show.
    """
    return results.basic.outside


def _outside_facts(results: Results, entry: pd.Series, lang: str) -> str:
    """Return a teaching point's students and the note that the resource rules leave it out."""
    colon = "：" if lang == "zh" else ": "
    note = label("school.outside_rules", lang).format(
        limit=fmt_int(results.rules.small_point_limit, lang)
    )
    items = [
        f"{page_text(label('column.students', lang))}{colon}{fmt_int(entry['students'], lang)}",
        f'<span class="ec-status ec-status--neutral">{page_text(note)}</span>',
    ]
    return (
        '<div class="ec-school-entry"><ul class="ec-school__facts">'
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul></div>\n"
    )


def _town_anchor(towns: list[str], town: str) -> str:
    return f"town-{towns.index(town) + 1}"
