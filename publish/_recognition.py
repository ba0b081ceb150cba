"""The 社会认可度 page's tables: the survey result, its breakdowns after disclosure control,
the exclusion flow and the sensitivity table.

Every cell comes from `SurveyResult`, which already holds only aggregates with hidden cells
blank; this module decides how a blank reads ("—" with the reason) and never recomputes.
"""

from __future__ import annotations

import html

import pandas as pd

from publish._cards import status_badge
from publish._format import fmt_percent, text_html
from publish._labels import label
from publish._results import Results
from publish._tables import format_cell, header_cells, render_table, table_html
from survey import SurveyResult, survey_labels

BREAKDOWNS = {"by_group": "group", "by_item": "item", "by_town": "town"}


def survey_of(results: Results) -> SurveyResult:
    """Return the survey result, or fail the build naming what the package lacks."""
    if results.survey is None:
        raise KeyError(
            "this county package has no survey: name it in county.toml [files] survey and "
            "survey_config"
        )
    return results.survey


def _name(row: pd.Series, key: str, lang: str) -> str:
    if key == "town":
        return str(row["town"])
    return str(row[f"{key}_{lang}"])


def _interval(low: float, high: float, lang: str, places: int = 1) -> str:
    return f"{fmt_percent(low, places, lang)} – {fmt_percent(high, places, lang)}"


def _row(cells: list[str]) -> str:
    """Return a table row of HTML cells; the first heads the row."""
    first, *rest = cells
    return f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{c}</td>" for c in rest) + "</tr>"


def _note(row: pd.Series, lang: str) -> str:
    if row["suppressed"]:
        return survey_labels()["suppression"][row["suppression"]][lang]
    if row["flagged_low_neff"]:
        return label("survey.low_neff", lang)
    return ""


def breakdown_table(results: Results, name: str, lang: str) -> str:
    """Return one breakdown (by_group, by_item, by_town): value, interval, n, 不了解 share."""
    key = BREAKDOWNS[name]
    frame = getattr(survey_of(results), name)
    dash = "—"
    rows = []
    for _, row in frame.iterrows():
        hidden = bool(row["suppressed"])
        cells = [
            _name(row, key, lang),
            dash if hidden else fmt_percent(row["estimate"], 1, lang),
            dash if hidden else _interval(row["ci_low"], row["ci_high"], lang),
            dash if hidden else format_cell(row["n"], "int", lang),
            dash if hidden else fmt_percent(row["dont_know_share"], 1, lang),
            _note(row, lang),
        ]
        rows.append(_row([text_html(c, lang) for c in cells]))
    head = header_cells(
        (
            f"column.survey_{key}",
            "column.satisfaction",
            "column.interval",
            "column.respondents",
            "column.dont_know_share",
            "column.note",
        ),
        lang,
    )
    return table_html(head, "".join(rows), "ec-survey")


def cross_table(results: Results, name: str, lang: str) -> str:
    """Return group × item or group × town as a grid: rows the item or town, columns groups.

    Groups published at county level only are left out of the grid (a note says so); a hidden
    cell shows "—" and the reason is in the cell's title and the open data.
    """
    result = survey_of(results)
    frame = getattr(result, name)
    key = "item" if name == "group_by_item" else "town"
    county_only = set(result.config.disclosure.county_only)
    groups = [g for g in result.config.groups if g.id not in county_only or key == "item"]
    reasons = survey_labels()["suppression"]
    head = f'<th scope="col">{html.escape(label(f"column.survey_{key}", lang))}</th>' + "".join(
        f'<th scope="col">{html.escape(g.label if lang == "zh" else g.en)}</th>' for g in groups
    )
    body = []
    for value, part in frame.groupby(key, sort=False):
        first = part.iloc[0]
        cells = []
        for group in groups:
            row = part[part["group"] == group.id].iloc[0]
            if row["suppressed"]:
                why = html.escape(reasons[row["suppression"]][lang], quote=True)
                cells.append(f'<td title="{why}">—</td>')
            else:
                mark = " *" if row["flagged_low_neff"] else ""
                cells.append(f"<td>{fmt_percent(row['estimate'], 1, lang)}{mark}</td>")
        title = text_html(_name(first, key, lang) if key == "item" else str(value), lang)
        body.append(f'<tr><th scope="row">{title}</th>{"".join(cells)}</tr>')
    return table_html(head, "".join(body), "ec-survey ec-survey--grid")


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


def sensitivity_table(results: Results, lang: str) -> str:
    """Return the overall result under every method and weighting, with its verdict."""
    result = survey_of(results)
    rows = []
    for _, row in result.sensitivity.iterrows():
        verdict = status_badge("computed", "met" if row["passes"] else "not_met", lang)
        used = label("survey.in_use", lang) if row["configured"] else ""
        cells = [
            text_html(row[f"method_{lang}"], lang),
            text_html(row[f"weighting_{lang}"], lang),
            fmt_percent(row["estimate"], 2, lang),
            _interval(row["ci_low"], row["ci_high"], lang, 2),
            verdict,
            html.escape(used),
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
