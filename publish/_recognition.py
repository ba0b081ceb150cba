"""The 社会认可度 page's tables: the survey result, its breakdowns after disclosure control,
the exclusion flow and the sensitivity table.

Every cell comes from `SurveyResult`, which already holds only aggregates with hidden cells
blank; this module decides how a blank reads ("—" with the reason) and never recomputes.
"""

from __future__ import annotations

import pandas as pd

from publish._cards import status_badge
from publish._escape import page_text
from publish._format import fmt_decimal, fmt_int, fmt_percent, text_html
from publish._labels import label
from publish._results import Results
from publish._table_html import format_cell, header_cells, render_table, table_html
from survey import SurveyResult, survey_labels

BREAKDOWNS = {"by_group": "group", "by_item": "item", "by_town": "town"}


def has_survey(results: Results) -> bool:
    """True when the package names a survey; False while it has not been collected yet."""
    return results.survey is not None


def survey_of(results: Results) -> SurveyResult:
    """Return the survey result, or fail the build naming what the package lacks (a figure
    asked for outside a page's `survey_collected()` guard; the tables cope by themselves)."""
    if results.survey is None:
        raise KeyError(
            "this county package has no survey: name it in county.toml [files] survey and "
            "survey_config, or guard the page's survey text with {% if survey_collected() %}"
        )
    return results.survey


def not_collected(lang: str, short: bool = False) -> str:
    """Return what the site says while the survey is not collected: the page's notice (what
    S and V7 show, what to do), or one sentence (`short`) where a table or summary would be."""
    if short:
        return text_html(label("survey.not_collected_short", lang), lang)
    title = page_text(label("survey.not_collected_title", lang))
    body = text_html(label("survey.not_collected", lang), lang)
    return (
        f'<div class="admonition info ec-survey-missing" role="note">'
        f'<p class="admonition-title">{title}</p><p>{body}</p></div>'
    )


def _name(row: pd.Series, key: str, lang: str) -> str:
    if key == "town":
        return str(row["town" if lang == "zh" else "town_en"])
    return str(row[f"{key}_{lang}"])


def _interval(low: float, high: float, lang: str, places: int = 1) -> str:
    return f"{fmt_percent(low, places, lang)} – {fmt_percent(high, places, lang)}"


def _row(cells: list[str]) -> str:
    """Return a table row of HTML cells; the first heads the row."""
    first, *rest = cells
    return f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{c}</td>" for c in rest) + "</tr>"


def _reason(reason: str, min_n: int, lang: str) -> str:
    """Return why a cell is hidden, in words (the minimum n filled in)."""
    return survey_labels()["suppression"][reason][lang].format(min_n=fmt_int(min_n, lang))


def _hidden(reason: str, min_n: int, lang: str) -> str:
    """Return a hidden cell's visible text: "—" and the letter of its reason (see `_legend`)."""
    title = page_text(_reason(reason, min_n, lang), quote=True)
    mark = survey_labels()["suppression"][reason]["mark"]
    return f'—<sup><abbr title="{title}">{mark}</abbr></sup>'


def _legend(frame: pd.DataFrame, disclosure, lang: str) -> str:
    """Return the note under a table: what each reason letter and the * used in it mean."""
    reasons = survey_labels()["suppression"]
    used = [r for r in reasons if (frame["suppression"] == r).any()]
    parts = []
    if used:
        sep = "；" if lang == "zh" else "; "
        explained = sep.join(
            f"{reasons[r]['mark']} {_reason(r, disclosure.min_n, lang)}" for r in used
        )
        parts.append(page_text(label("survey.hidden_legend", lang)) + text_html(explained, lang))
    if frame["flagged_low_neff"].any():
        text = label("survey.low_neff_legend", lang).format(
            min_n_eff=format_cell(disclosure.min_n_eff, "int", lang)
        )
        parts.append(text_html(text, lang))
    if not parts:
        return ""
    end = "。" if lang == "zh" else "."
    return (
        '\n<p class="ec-table-note">'
        + "<br>".join(p if p.endswith(("。", ".")) else p + end for p in parts)
        + "</p>"
    )


def breakdown_table(results: Results, name: str, lang: str) -> str:
    """Return one breakdown (by_group, by_item, by_town): value, interval, n, 不了解 share."""
    result = survey_of(results)
    key = BREAKDOWNS[name]
    frame = getattr(result, name)
    min_n = result.config.disclosure.min_n
    rows = []
    for _, row in frame.iterrows():
        mark = " *" if row["flagged_low_neff"] else ""
        if row["suppressed"]:
            values = [_hidden(row["suppression"], min_n, lang)] + ["—"] * 3
        else:
            values = [
                page_text(fmt_percent(row["estimate"], 1, lang) + mark),
                page_text(_interval(row["ci_low"], row["ci_high"], lang)),
                page_text(format_cell(row["n"], "int", lang)),
                page_text(fmt_percent(row["dont_know_share"], 1, lang)),
            ]
        rows.append(_row([text_html(_name(row, key, lang), lang), *values]))
    head = header_cells(
        (
            f"column.survey_{key}",
            "column.satisfaction",
            "column.interval",
            "column.respondents",
            "column.dont_know_share",
        ),
        lang,
    )
    legend = _legend(frame, result.config.disclosure, lang)
    return table_html(head, "".join(rows), "ec-survey") + legend


def cross_table(results: Results, name: str, lang: str) -> str:
    """Return group × item or group × town as a grid: rows the item or town, columns groups.

    Groups published at county level only are left out of the town grid (the page says so); a
    hidden cell shows "—" with the letter of its reason, explained under the table.
    """
    result = survey_of(results)
    frame = getattr(result, name)
    key = "item" if name == "group_by_item" else "town"
    county_only = set(result.config.disclosure.county_only)
    min_n = result.config.disclosure.min_n
    groups = [g for g in result.config.groups if g.id not in county_only or key == "item"]
    head = f'<th scope="col">{page_text(label(f"column.survey_{key}", lang))}</th>' + "".join(
        f'<th scope="col">{page_text(g.label if lang == "zh" else g.en)}</th>' for g in groups
    )
    shown = frame[frame["group"].isin([g.id for g in groups])]
    body = []
    for _, part in shown.groupby(key, sort=False):
        cells = []
        for group in groups:
            row = part[part["group"] == group.id].iloc[0]
            if row["suppressed"]:
                cells.append(f"<td>{_hidden(row['suppression'], min_n, lang)}</td>")
            else:
                mark = " *" if row["flagged_low_neff"] else ""
                cells.append(f"<td>{fmt_percent(row['estimate'], 1, lang)}{mark}</td>")
        title = text_html(_name(part.iloc[0], key, lang), lang)
        body.append(f'<tr><th scope="row">{title}</th>{"".join(cells)}</tr>')
    legend = _legend(shown, result.config.disclosure, lang)
    return table_html(head, "".join(body), "ec-survey ec-survey--grid") + legend


def exclusions_table(results: Results, lang: str) -> str:
    """Return the exclusion flow: received, each quality rule, analysed."""
    flow = survey_of(results).exclusions
    frame = pd.DataFrame(
        {
            label("column.step", lang): flow[f"step_{lang}"],
            label("column.removed", lang): flow["removed"],
            label("column.remaining", lang): flow["remaining"],
        }
    )
    formats = dict(zip(frame.columns, ("text", "int", "int"), strict=True))
    return render_table(frame, formats, lang, css_class="ec-survey")


def method_words(results: Results, lang: str) -> str:
    """Return the method and weighting the verdict uses, in words ("none yet" without a survey)."""
    if not has_survey(results):
        return label("survey.method_not_collected", lang)
    config = survey_of(results).config
    method = label(f"survey.method_phrase.{config.method}", lang)
    weighting = label(f"survey.weighting_short.{config.weighting}", lang)
    return f"{method}{'，' if lang == 'zh' else ', '}{weighting}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _points(number: str, lang: str) -> str:
    return label("survey.points", lang).format(value=number)


def _rule_points(value: float, lang: str) -> str:
    """Return a full score or pass mark in points: whole as written, else to 2 places."""
    return _points(fmt_decimal(value, 0 if value == round(value) else 2, lang), lang)


def _sensitivity_values(row: pd.Series, config, lang: str) -> list[str]:
    """Return the result, its interval and a note; a score reads in points, not as a share."""
    if row["method"] != "score":
        interval = _interval(row["ci_low"], row["ci_high"], lang, 2)
        return [fmt_percent(row["estimate"], 2, lang), interval, ""]
    full = config.full_score
    low, high = (fmt_decimal(row[k] * full, 2, lang) for k in ("ci_low", "ci_high"))
    note = label("survey.score_note", lang).format(
        full=_rule_points(full, lang), mark=_rule_points(config.threshold * full, lang)
    )
    return [
        _points(fmt_decimal(row["estimate"] * full, 2, lang), lang),
        _points(f"{low} – {high}", lang),
        note,
    ]


def sensitivity_table(results: Results, lang: str) -> str:
    """Return the overall result under every method and weighting, with its verdict."""
    result = survey_of(results)
    rows = []
    for _, row in result.sensitivity.iterrows():
        if row["computable"]:
            verdict = status_badge("computed", "met" if row["passes"] else "not_met", lang)
            value, interval, note = _sensitivity_values(row, result.config, lang)
        else:  # an alternative this county's data cannot give: say so, and why
            verdict = status_badge("computed", "not_computable", lang)
            value, interval, note = "—", "—", row[f"reason_{lang}"]
        notes = [label("survey.in_use", lang)] if row["configured"] else []
        notes += [note] if note else []
        cells = [
            text_html(label(f"survey.method_short.{row['method']}", lang), lang),
            text_html(_capital(label(f"survey.weighting_short.{row['weighting']}", lang)), lang),
            page_text(value),
            page_text(interval),
            verdict,
            text_html(("；" if lang == "zh" else "; ").join(notes), lang),
        ]
        rows.append(_row(cells))
    head = header_cells(
        (
            "column.method",
            "column.weighting",
            "column.satisfaction",
            "column.interval",
            "column.computed_status",
            "column.note",
        ),
        lang,
    )
    return table_html(head, "".join(rows), "ec-survey")


def _definition(method: str, weighting: str, lang: str) -> str:
    """Return "得分（不加权）" / "Score (unweighted)": one row of the sensitivity table."""
    name = label(f"survey.method_short.{method}", lang)
    weight = label(f"survey.weighting_short.{weighting}", lang)
    return f"{name}（{weight}）" if lang == "zh" else f"{name} ({weight})"


def sensitivity_summary(results: Results, lang: str, conclusion_only: bool = False) -> str:
    """Return the sentences that say whether the verdict depends on the method, from the table.

    `conclusion_only`: just the last sentence (for pages that link to the whole section).
    """
    if not has_survey(results):
        return not_collected(lang, short=True)
    result = survey_of(results)
    config, every = result.config, result.sensitivity
    table = every[every["computable"]]
    if not table["configured"].any():  # not one valid answer: nothing to compare
        return text_html(label("survey.sensitivity.nothing", lang), lang)
    used = table[table["configured"]].iloc[0]
    differ = table[table["passes"] != used["passes"]]
    rates = table[table["method"] == "rate"]
    more = fmt_int(len(every) - len(table), lang)
    if len(table) == 1:  # nothing to compare with: say so, never "every method agrees"
        why = label("survey.sensitivity.none_computable", lang).format(n=more)
        verdict = label(f"survey.sensitivity.alone_{'met' if used['passes'] else 'not_met'}", lang)
        why = why if len(every) > 1 else label("survey.sensitivity.alone", lang)
        return text_html(why + ("" if lang == "zh" else " ") + verdict, lang)
    sentences = [
        label("survey.sensitivity.count", lang).format(
            n=fmt_int(len(table), lang), passing=fmt_int(int(table["passes"].sum()), lang)
        )
    ]
    if len(every) > len(table):
        sentences.append(label("survey.sensitivity.not_computable", lang).format(n=more))
    if len(rates) > 1:
        sentences.append(
            label(
                f"survey.sensitivity.{'rates_all' if rates['passes'].all() else 'rates'}", lang
            ).format(
                n=fmt_int(len(rates), lang),
                passing=fmt_int(int(rates["passes"].sum()), lang),
                low=fmt_percent(rates["estimate"].min(), 2, lang),
                high=fmt_percent(rates["estimate"].max(), 2, lang),
                bound=fmt_percent(rates["ci_low"].min(), 2, lang),
            )
        )
    for _, row in table[table["method"] == "score"].iterrows():
        full = config.full_score
        sentences.append(
            label(f"survey.sensitivity.score_{'met' if row['passes'] else 'not_met'}", lang).format(
                name=_definition(row["method"], row["weighting"], lang),
                points=_points(fmt_decimal(row["estimate"] * full, 2, lang), lang),
                mark=_rule_points(config.threshold * full, lang),
            )
        )
    if len(differ):
        names = ("、" if lang == "zh" else ", ").join(
            _definition(m, w, lang)
            for m, w in zip(differ["method"], differ["weighting"], strict=True)
        )
        kind = "depends_one" if len(differ) == 1 else "depends_many"
        sentences.append(
            label(f"survey.sensitivity.{kind}", lang).format(
                names=names, n=fmt_int(len(differ), lang)
            )
        )
    else:
        sentences.append(label("survey.sensitivity.robust", lang))
    if conclusion_only:
        sentences = sentences[-1:]
    return text_html(("" if lang == "zh" else " ").join(sentences), lang)


def weights_table(results: Results, lang: str) -> str:
    """Return the fixed group weights of the `group_weights` alternative, with their source."""
    config = survey_of(results).config
    if config.group_weights is None:
        return ""
    weights = config.group_weights
    frame = pd.DataFrame(
        {
            label("column.survey_group", lang): [
                g.label if lang == "zh" else g.en for g in config.groups
            ],
            label("column.weight", lang): [weights.weights.get(g.id, 0.0) for g in config.groups],
        }
    )
    formats = dict(zip(frame.columns, ("text", "percent0"), strict=True))
    source = weights.source_zh if lang == "zh" else weights.source_en
    return render_table(frame, formats, lang) + f"\n<p>{text_html(source, lang)}</p>"


def options_table(results: Results, lang: str) -> str:
    """Return the answer options with their role and score under the `score` method."""
    config = survey_of(results).config
    frame = pd.DataFrame(
        {
            label("column.answer", lang): [
                o.label if lang == "zh" else o.en for o in config.options
            ],
            label("column.counts_as", lang): [
                label(f"survey.role.{o.role}", lang) for o in config.options
            ],
            label("column.points", lang): [
                "—" if o.score is None else format_cell(o.score, "int", lang)
                for o in config.options
            ],
        }
    )
    formats = dict.fromkeys(frame.columns, "text")
    return render_table(frame, formats, lang)


def _collected(table):
    """Return a table maker that says "not collected yet" when the package has no survey."""

    def make(results: Results, lang: str) -> str:
        if not has_survey(results):
            return f"<p>{not_collected(lang, short=True)}</p>"
        return table(results, lang)

    return make


SURVEY_TABLES = {
    "survey_by_group": lambda r, lang: breakdown_table(r, "by_group", lang),
    "survey_by_item": lambda r, lang: breakdown_table(r, "by_item", lang),
    "survey_by_town": lambda r, lang: breakdown_table(r, "by_town", lang),
    "survey_group_by_item": lambda r, lang: cross_table(r, "group_by_item", lang),
    "survey_group_by_town": lambda r, lang: cross_table(r, "group_by_town", lang),
    "survey_exclusions": exclusions_table,
    "survey_sensitivity": sensitivity_table,
    "survey_weights": weights_table,
    "survey_options": options_table,
}
SURVEY_TABLES = {name: _collected(make) for name, make in SURVEY_TABLES.items()}
