"""Every indicator and veto item with its computed and declared status and what the status
rests on: the report document's computed-versus-declared table."""

from __future__ import annotations

from publish._cards import badge_kind, status_badge
from publish._escape import page_text
from publish._labels import label
from publish._results import Results
from publish._table_html import header_cells, table_html


def statuses_table(results: Results, lang: str) -> str:
    """Return one row per indicator and veto item, in rule order, differing rows marked."""
    evaluation, rules = results.evaluation, results.evaluation_rules
    rows = []
    idents = [i for area in rules.areas.values() for i in area.parts] + list(rules.veto)
    for ident in idents:
        result = evaluation.indicators.get(ident) or evaluation.veto[ident]
        rule = rules.indicators.get(ident)
        if rule is not None:
            name, basis = (rule.name_zh if lang == "zh" else rule.name_en), rule.basis
        else:
            veto = rules.veto[ident]
            name, basis = (veto.zh if lang == "zh" else veto.en), veto.basis
        computed = status_badge(badge_kind(result, "computed"), result.computed.status, lang)
        declared = status_badge(badge_kind(result, "declared"), result.declared, lang)
        agrees = label("ui.no" if result.differs else "ui.yes", lang)
        rows.append(
            f'<tr><th scope="row">{page_text(ident)} {page_text(name)}</th><td>{computed}</td>'
            f"<td>{declared}</td><td>{page_text(agrees)}</td>"
            f"<td>{page_text(label(f'basis.{basis}', lang))}</td></tr>"
        )
    head = header_cells(
        ("column.indicator", "column.status", "column.declared", "column.agrees", "basis.title"),
        lang,
    )
    return table_html(head, "".join(rows), "ec-statuses")
