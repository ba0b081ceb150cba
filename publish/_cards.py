"""Indicator cards, verdict tables, veto items and remediation plans in the page language.

Each card shows what an inspector needs to check one indicator: the rule, figures, threshold,
both statuses side by side (flagged, with the justification, when they differ), failing units.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators import Figure, IndicatorResult, Plan
from loaders import measure_items
from publish._escape import page_text
from publish._format import fmt_decimal, fmt_int, fmt_percent, text_html
from publish._labels import label, section_words
from publish._names import school_name
from publish._results import Results
from publish._table_html import exact_places, header_cells, render_table, table_html
from publish._tables import measure_name
from publish._units_table import ATTAINMENT_LEVELS, units_table

OPS = {">=": "≥", "<=": "≤", "<": "<", ">": ">"}


def figure_label(key: str, lang: str, thresholds: Mapping[str, float] | None = None) -> str:
    """Return the words for a figure: labels.yaml `figure.<key>`, else the measure catalogue.

    Labels may name the indicator's thresholds (`超过 {single_level_max} 人`), so a changed
    threshold changes the words with it.
    """
    try:
        words = label(f"figure.{key}", lang)
    except KeyError:
        return measure_name(measure_items()[key], lang)
    return with_thresholds(words, lang, thresholds)


def with_thresholds(words: str, lang: str, thresholds: Mapping[str, float] | None) -> str:
    """Return label words with the indicator's thresholds filled in (`{through_max}` → 2,500)."""
    if "{" not in words:
        return words
    values = {
        k: fmt_int(v, lang) if "_max" in k else f"{v:g}" for k, v in (thresholds or {}).items()
    }
    return words.format(**values)


# shares shown to more places than one: survey satisfaction is reported to 0.01 % (86.51 %)
SHARE_PLACES = {"satisfaction": 2}


def format_figure(figure: Figure, lang: str) -> str:
    """Return a figure's value with its unit, per locale; a missing value is 无数据 / no data.

    Shares show one decimal (satisfaction two, as the survey report gives it); a threshold
    (`op` set) shows as the rules write it, 85% rather than 85.0%, and never rounded.
    """
    value = figure.value
    if value is None or pd.isna(value):
        return label("computed.no_data", lang)
    unit = figure.unit
    if unit == "share" and figure.op:
        return fmt_percent(value, exact_places(value * 100, 0), lang)
    if unit == "share":
        return fmt_percent(value, SHARE_PLACES.get(figure.key, 1), lang)
    if unit == "ratio":
        return fmt_decimal(value, 3, lang)
    if unit == "level":  # 学业水平等级, as monitoring reports write it
        return ATTAINMENT_LEVELS.get(f"{value:g}", fmt_int(value, lang))
    if unit in {"yuan", "m2", "pp"}:
        number = fmt_decimal(value, 1, lang) if unit == "pp" else fmt_int(value, lang)
        return f"{number} {label(f'unit.{unit}', lang)}"
    return fmt_int(value, lang)


def badge_kind(result: IndicatorResult, column: str) -> str:
    """Return the label group for one of an item's statuses (`column`: computed or declared).

    A veto item is met when its situation does not occur, so its statuses read 不存在 / 存在
    (labels.yaml `veto.*`), never 达标 / 未达标.
    """
    return "veto" if result.area == "veto" else column


def status_badge(kind: str, status: str, lang: str) -> str:
    """Return a verdict badge; `kind` is computed, declared or veto."""
    words = page_text(label(f"{kind}.{status}", lang))
    tone = {
        "met": "met",
        "not_met": "not_met",
        "met_after_remediation": "pending",
        "met_by_judgement": "pending",
    }.get(status, "neutral")
    return f'<span class="ec-status ec-status--{tone}">{words}</span>'


def _text(result: IndicatorResult, field: str, lang: str) -> str | None:
    """Return a declared text in the page language, falling back to the Chinese original."""
    english = getattr(result, f"{field}_en", None) if lang == "en" else None
    return english or getattr(result, field)


def _figures_table(result: IndicatorResult, lang: str, thresholds: Mapping[str, float]) -> str:
    rows = [
        (figure_label(f.key, lang, thresholds), format_figure(f, lang))
        for f in result.computed.values
    ]
    colon = "：" if lang == "zh" else ": "
    rows += [
        (
            f"{label('ui.threshold', lang)}{colon}{figure_label(f.key, lang, thresholds)}",
            f"{OPS[f.op]} {format_figure(f, lang)}",
        )
        for f in result.computed.thresholds
    ]
    if not rows:
        return ""
    frame = pd.DataFrame(rows, columns=[label("column.item", lang), label("column.value", lang)])
    return render_table(frame, dict.fromkeys(frame.columns, "text"), lang, css_class="ec-figures")


def reported_value(value: float, unit: str, lang: str) -> str:
    """Return a county figure as the county wrote it: a percentage as a percentage (100 → 100%,
    not rounded to the site's one decimal), a year without grouping (2023), money in yuan, hours
    and weeks with their word (1 hour, 2 weeks), any count grouped (31,470)."""
    places = exact_places(value, 0)
    if unit == "percent":
        return fmt_percent(value / 100, places, lang)
    if unit == "year":
        return str(int(value))
    number = fmt_decimal(value, places, lang)
    if unit in {"hours", "weeks"}:
        word = label(f"unit.{unit.removesuffix('s')}" if value == 1 else f"unit.{unit}", lang)
        return f"{number} {word}"
    return f"{number} {label('unit.yuan', lang)}" if unit == "yuan" else number


def _reported_table(result: IndicatorResult, results: Results, lang: str) -> str:
    """Return the package's other figures for this indicator: the measures of its catalogue
    entry (loaders/schemas/measure_items.yaml) that the package gives and the figures above do
    not already show. A qualitative indicator gets its figures this way, so a county's reported
    numbers reach its card without a page typing them; a measure left out shows nothing."""
    shown = {f.key for f in result.computed.values}
    rows = [
        (measure_name(item, lang), reported_value(value, item.unit, lang))
        for item in measure_items().values()
        if item.indicator == result.id
        and item.key not in shown
        and (value := results.measures.get(item.key)) is not None
    ]
    if not rows:
        return ""
    frame = pd.DataFrame(rows, columns=[label("column.item", lang), label("column.value", lang)])
    return f'<p class="ec-reported">{page_text(label("ui.reported_figures", lang))}</p>' + (
        render_table(frame, dict.fromkeys(frame.columns, "text"), lang, css_class="ec-figures")
    )


def _units_block(
    result: IndicatorResult, results: Results, lang: str, thresholds: Mapping[str, float]
) -> str:
    blocks = []
    for frame, key in ((result.computed.failing, "failing"), (result.computed.detail, "detail")):
        if frame is None or frame.empty:
            continue
        try:
            title = label(f"ui.units_{key}_{result.id.lower()}", lang)
        except KeyError:
            title = label(f"ui.units_{key}", lang)
        title = with_thresholds(title, lang, thresholds)
        count = fmt_int(len(frame), lang)
        blocks.append(
            f'<details class="ec-units-block"><summary>{page_text(title)}（{count}）</summary>'
            + units_table(frame, results, lang)
            + "</details>"
            if lang == "zh"
            else f'<details class="ec-units-block"><summary>{page_text(title)} ({count})'
            f"</summary>{units_table(frame, results, lang)}</details>"
        )
    return "".join(blocks)


def labelled(key: str, value_html: str, lang: str, *, strong: bool = True) -> str:
    """Return "label value": the Chinese labels end in a full-width colon, which needs no space
    after it (理由：超过…); the English ones end in ":" and take one."""
    words = page_text(label(key, lang))
    head = f"<strong>{words}</strong>" if strong else words
    return f"{head}{'' if lang == 'zh' else ' '}{value_html}"


def _document_html(result: IndicatorResult, lang: str) -> str:
    """Return the basis a declaration cites; on English pages its English gloss first, then the
    Chinese original (marked as Chinese), so the reader can still look the document up."""
    original = text_html(result.document, lang)
    if lang == "en" and result.document_en:
        return f"{page_text(result.document_en)} ({original})"
    return original


def _justification(result: IndicatorResult, lang: str) -> str:
    parts = []
    if result.differs:  # S / V7 without a survey: nothing to justify, only nothing to check
        unchecked = result.computed.note == "survey_not_collected"
        flag = label("ui.differs_unchecked" if unchecked else "ui.differs", lang)
        parts.append(f'<p class="ec-flag" role="note">⚠ {page_text(flag)}</p>')
    reason = _text(result, "reason", lang)
    if reason:
        text = labelled("ui.reason", text_html(reason, lang), lang)
        parts.append(f'<p class="ec-reason">{text}</p>')
    if result.document:
        parts.append(
            f'<p class="ec-document">{labelled("ui.document", _document_html(result, lang), lang)}'
            "</p>"
        )
    if result.plans:
        count = fmt_int(len(result.plans), lang)
        parts.append(
            f'<p class="ec-plans-link">{labelled("ui.plans_count", count, lang, strong=False)}</p>'
        )
    return "".join(parts)


def indicator_card(results: Results, ident: str, lang: str) -> str:
    """Return one indicator's card as a Markdown heading plus one HTML block."""
    evaluation = results.evaluation
    result = evaluation.indicators.get(ident) or evaluation.veto[ident]
    rule = results.evaluation_rules.indicators.get(ident)
    name = (
        (rule.name_zh if lang == "zh" else rule.name_en)
        if rule
        else _veto_name(results, ident, lang)
    )
    text = (rule.rule_zh if lang == "zh" else rule.rule_en) if rule else ""
    computed = status_badge(badge_kind(result, "computed"), result.computed.status, lang)
    if result.computed.note:
        note = page_text(label(f"computed_note.{result.computed.note}", lang))
        computed += f' <span class="ec-card__note">{note}</span>'
    declared = status_badge(badge_kind(result, "declared"), result.declared, lang)
    basis = rule.basis if rule else results.evaluation_rules.veto[ident].basis
    statuses = (
        f'<dl class="ec-card__statuses"><dt>{page_text(label("column.status", lang))}</dt>'
        f"<dd>{computed}</dd>"
        f"<dt>{page_text(label('column.declared', lang))}</dt>"
        f"<dd>{declared}</dd>"
        f"<dt>{page_text(label('basis.title', lang))}</dt>"
        f'<dd class="ec-card__basis">{page_text(label(f"basis.{basis}", lang))}</dd></dl>'
    )
    body = (
        f'<div class="ec-card{" ec-card--differs" if result.differs else ""}">'
        + (f'<p class="ec-card__rule">{page_text(text)}</p>' if text else "")
        + statuses
        + _justification(result, lang)
        + _figures_table(result, lang, rule.thresholds if rule else {})
        + _reported_table(result, results, lang)
        + _units_block(result, results, lang, rule.thresholds if rule else {})
        + "</div>"
    )
    return f"### {ident} {name} {{#{ident.lower()}}}\n\n{body}\n"


def _veto_name(results: Results, ident: str, lang: str) -> str:
    rule = results.evaluation_rules.veto[ident]
    return rule.zh if lang == "zh" else rule.en


def area_cards(results: Results, area: str, lang: str) -> str:
    """Return the cards of every indicator of one area, in rule order."""
    parts = results.evaluation_rules.areas[area].parts
    return "\n".join(indicator_card(results, ident, lang) for ident in parts)


def verdicts_table(results: Results, lang: str) -> str:
    """Return the four areas, the veto items and the overall verdict, computed and declared.

    The veto row uses the veto words (不存在 / 存在) in both columns, like the veto cards. A
    declared verdict the declarations do not state is marked † as derived by the site.
    """
    evaluation, rules = results.evaluation, results.evaluation_rules
    rows: list[tuple[str, str | None, str, str, bool]] = []  # name, label group, …, stated
    for area in evaluation.areas.values():
        rule = rules.areas[area.id]
        name = rule.zh if lang == "zh" else rule.en
        rows.append((name, None, area.computed, area.declared, area.declared_stated))
    rows.append(
        (
            label("ui.veto_items", lang),
            "veto",
            evaluation.veto_computed,
            evaluation.veto_declared,
            evaluation.veto_declared_stated,
        )
    )
    rows.append(
        (
            label("ui.overall", lang),
            None,
            evaluation.overall_computed,
            evaluation.overall_declared,
            evaluation.overall_declared_stated,
        )
    )
    mark = f' <span class="ec-derived">{page_text(label("basis.derived_mark", lang))}</span>'
    head = header_cells(("column.area", "column.status", "column.declared"), lang)
    body = "".join(
        f'<tr><th scope="row">{page_text(name)}</th>'
        f"<td>{status_badge(kind or 'computed', computed, lang)}</td>"
        f"<td>{status_badge(kind or 'declared', declared, lang)}{'' if stated else mark}</td></tr>"
        for name, kind, computed, declared, stated in rows
    )
    note = (
        ""
        if all(row[4] for row in rows)
        else f'<p class="ec-table-note">{page_text(label("basis.derived", lang))}</p>'
    )
    return table_html(head, body, "ec-verdicts") + note


def differences_table(results: Results, lang: str) -> str:
    """Return every indicator whose declared status differs from the computed one."""
    rules = results.evaluation_rules
    rows = []
    for result in results.evaluation.differences:
        rule = rules.indicators.get(result.id)
        name = (
            (rule.name_zh if lang == "zh" else rule.name_en)
            if rule
            else _veto_name(results, result.id, lang)
        )
        rows.append(
            f'<tr><th scope="row">{page_text(result.id)} {page_text(name)}</th>'
            f"<td>{status_badge(badge_kind(result, 'computed'), result.computed.status, lang)}"
            f"</td><td>{status_badge(badge_kind(result, 'declared'), result.declared, lang)}</td>"
            f"<td>{_justification_kind(result, lang)}</td></tr>"
        )
    if not rows:
        return f"<p>{page_text(label('ui.no_differences', lang))}</p>"
    head = header_cells(
        ("column.indicator", "column.status", "column.declared", "column.justification"), lang
    )
    body = "".join(rows)
    return table_html(head, body, "ec-differences")


def _justification_kind(result: IndicatorResult, lang: str) -> str:
    if result.plans:
        return labelled("ui.plans_count", fmt_int(len(result.plans), lang), lang, strong=False)
    note = result.computed.note  # e.g. why no reason is needed: no survey yet
    reason = _text(result, "reason", lang) or (label(f"computed_note.{note}", lang) if note else "")
    return text_html(reason, lang)


def plans_table(results: Results, lang: str) -> str:
    """Return every remediation measure with its indicator, unit, deadline, status and progress.

    The status column says 逾期 / Overdue for a measure past its deadline on its status date and
    not completed (`Plan.standing`, indicators/_remediation.py); the cell's class adds colour and
    a symbol, never colour alone. The status date beside each note says how old it is.
    """
    register = results.sections_register.set_index("section_id")
    plans: list[Plan] = sorted(results.evaluation.plans, key=lambda p: (p.deadline, p.indicator))
    english = lang == "en"
    rows, standings = [], []
    for plan in plans:
        where = label("ui.county_wide", lang)
        if plan.section_id in register.index:
            entry = register.loc[plan.section_id]
            name = school_name(entry["school_name"], results, lang)
            where = f"{name} {section_words(entry['section_name'], lang)}"
        rows.append(
            {
                label("column.deadline", lang): plan.deadline,
                label("column.indicator", lang): plan.indicator,
                label("column.where", lang): where,
                label("column.measures", lang): (
                    plan.measures_en if english and plan.measures_en else plan.measures
                ),
                label("column.responsible", lang): (
                    plan.responsible_en if english and plan.responsible_en else plan.responsible
                ),
                label("column.plan_status", lang): label(f"plan_status.{plan.standing}", lang),
                label("column.progress", lang): (
                    plan.progress_en if english and plan.progress_en else plan.progress
                )
                or "",
                label("column.status_date", lang): plan.status_date,
            }
        )
        standings.append(plan.standing)
    frame = pd.DataFrame(rows)
    status_column = label("column.plan_status", lang)
    classes = pd.DataFrame({status_column: [f"ec-plan ec-plan--{s}" for s in standings]})
    return render_table(
        frame,
        dict.fromkeys(frame.columns, "text"),
        lang,
        cell_classes=classes,
        css_class="ec-plans",
    )
