"""The overview's key findings: what is met, what is not and by how much, and what the plans cover.

Why generated: a reader who opens the site on a phone should learn the district's position in
a few lines before any table, and those lines must change with the data like every other
figure. Each line is put together from an indicator's own figures and thresholds through the
`finding.*` labels, so a county with other shortfalls gets other lines, never the demo's.
"""

from __future__ import annotations

from collections import Counter

from indicators import Figure, IndicatorResult
from publish._cards import format_figure
from publish._escape import page_text
from publish._format import fmt_int
from publish._labels import label
from publish._page import Page
from publish._results import Results

# the site page and anchor of each indicator's card: R and B have pages of their own
AREA_PAGES = {
    "resources": "resources",
    "guarantee": "government",
    "quality": "quality",
    "recognition": "recognition",
}
OWN_PAGES = {"R": "resources", "B": "balance"}
STANDINGS = ("completed", "in_progress", "not_started", "overdue")
OPS = {">=": "≥", "<=": "≤", "<": "<", ">": ">"}


def key_findings(results: Results, page: Page) -> str:
    """Return the key findings as an HTML list for the page's language."""
    lang = page.lang
    lines = [_overall(results, lang)]
    failing = [
        r
        for r in results.evaluation.indicators.values()
        if _falls_short(r) and r.id in _pages(results)
    ]
    lines += [_with_link(_indicator_line(results, r, lang), results, r.id, page) for r in failing]
    if not failing and results.evaluation.overall_computed == "met":
        lines.append(page_text(label("finding.all_met", lang)))
    if unchecked := [
        r.id for r in results.evaluation.indicators.values() if r.computed.status == "no_data"
    ]:
        names = _join([_name(results, i, lang) for i in unchecked], lang)
        lines.append(page_text(label("finding.no_data", lang).format(names=names)))
    if results.evaluation.plans:
        lines.append(_plans(results, lang))
    items = "".join(f"<li>{line}</li>" for line in lines)
    return f'<ul class="ec-findings">{items}</ul>'


def _falls_short(result: IndicatorResult) -> bool:
    computed, declared = result.computed.status, result.declared
    return computed == "not_met" or (computed == "qualitative" and declared == "not_met")


def _pages(results: Results) -> dict[str, str]:
    """Return each indicator's page name on the site."""
    pages = {}
    for area in results.evaluation_rules.areas.values():
        for ident in area.parts:
            pages[ident] = OWN_PAGES.get(ident, AREA_PAGES[area.id])
    return pages


def _overall(results: Results, lang: str) -> str:
    evaluation = results.evaluation
    overall = label("finding.overall", lang).format(
        computed=_words(label(f"computed.{evaluation.overall_computed}", lang), lang),
        declared=_words(label(f"declared.{evaluation.overall_declared}", lang), lang),
    )
    rules = results.evaluation_rules
    areas = [
        f"{(rules.areas[a.id].zh if lang == 'zh' else rules.areas[a.id].en)}"
        f"{'' if lang == 'zh' else ': '}{_words(label(f'computed.{a.computed}', lang), lang)}"
        for a in evaluation.areas.values()
    ]
    separator = "，" if lang == "zh" else "; "
    text = overall + label("finding.areas", lang).format(areas=separator.join(areas))
    present = [
        v.id
        for v in evaluation.veto.values()
        if v.computed.status == "not_met" or v.declared == "not_met"
    ]
    if present:
        names = [rules.veto[i].zh if lang == "zh" else rules.veto[i].en for i in present]
        text += label("finding.veto", lang).format(items=_join(names, lang))
    return page_text(text)


def _indicator_line(results: Results, result: IndicatorResult, lang: str) -> str:
    """Return one shortfall in words: the indicator's own sentence, else a generic one."""
    computed = result.computed
    name = _name(results, result.id, lang)
    figures = {f.key: format_figure(f, lang) for f in (*computed.thresholds, *computed.values)}
    figures |= {"units": fmt_int(len(computed.units), lang), "name": name}
    try:
        text = label(f"finding.{result.id}", lang).format(**figures)
    except KeyError:  # no sentence of its own, or one naming a figure this county lacks
        text = _generic(result, name, lang)
    if result.declared in {"met", "met_after_remediation", "met_by_judgement"}:
        declared = _words(label(f"declared.{result.declared}", lang), lang)
        text += label("finding.declared_as", lang).format(declared=declared)
    return page_text(text)


def _generic(result: IndicatorResult, name: str, lang: str) -> str:
    """Compare the value the threshold judges, else count the failing units."""
    computed = result.computed
    if computed.status == "qualitative":
        return label("finding.declared_not_met", lang).format(name=name)
    values = {f.key: f for f in computed.values}
    for threshold in computed.thresholds:
        value: Figure | None = values.get(threshold.key)
        if value is not None and threshold.op:
            return label("finding.compared", lang).format(
                name=name,
                figure=_figure_words(threshold.key, lang),
                value=format_figure(value, lang),
                op=OPS[threshold.op],
                threshold=format_figure(threshold, lang),
            )
    if computed.units:
        return label("finding.units", lang).format(
            name=name, units=fmt_int(len(computed.units), lang)
        )
    return label("finding.not_met", lang).format(name=name)


def _figure_words(key: str, lang: str) -> str:
    try:
        return label(f"figure.{key}", lang)
    except KeyError:
        return key


def _plans(results: Results, lang: str) -> str:
    plans = results.evaluation.plans
    counts = Counter(p.standing for p in plans)
    separator = "，" if lang == "zh" else ", "
    standings = separator.join(
        label("finding.standing", lang).format(
            status=_words(label(f"plan_status.{s}", lang), lang), count=fmt_int(counts[s], lang)
        )
        for s in STANDINGS
        if counts[s]
    )
    indicators = sorted({p.indicator for p in plans}, key=list(_pages(results)).index)
    text = label("finding.plans", lang).format(
        count=fmt_int(len(plans), lang),
        indicators=_join(indicators, lang),
        standings=standings,
        last=max(p.deadline for p in plans),
    )
    return page_text(text)


def _with_link(line: str, results: Results, ident: str, page: Page) -> str:
    prefix = "" if page.lang == "zh" else f"{page.lang}/"
    href = page.link(f"{prefix}{_pages(results)[ident]}/") + f"#{ident.lower()}"
    more = page_text(label("finding.more", page.lang))
    space = "" if page.lang == "zh" else " "  # no space after a full-width full stop
    return f'{line}{space}<a href="{href}">{more}</a>'


def _name(results: Results, ident: str, lang: str) -> str:
    rule = results.evaluation_rules.indicators[ident]
    return f"{ident} {rule.name_zh if lang == 'zh' else rule.name_en}"


def _words(status: str, lang: str) -> str:
    """Return a status label as it reads inside an English sentence (Not met → not met)."""
    return status if lang == "zh" else status[:1].lower() + status[1:]


def _join(items: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
