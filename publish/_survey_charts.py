"""Charts of the satisfaction survey: published cells only, each with the 85 % pass mark.

A hidden cell is left out of the chart (and its table) rather than drawn as zero, and so is a
definition of the sensitivity table that cannot be computed; the tables on the page say why.
Without a survey there is nothing to draw: the page shows none of these charts (it guards them
with `survey_collected()`), and asking for one names what the package lacks (`survey_of`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from publish._charts import ChartData
from publish._labels import label
from publish._recognition import survey_of
from publish._results import Results


def _against_pass_mark(
    table: pd.DataFrame, category: str, value: str, threshold: float, title: str
) -> alt.LayerChart:
    """Return horizontal bars of a percentage with a vertical rule at the pass mark."""
    order = list(table[category])
    bars = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X(
                f"{value}:Q",
                title=value,
                scale=alt.Scale(domain=[0, 100]),
            ),
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=".2f")],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"pass_mark": [threshold * 100]}))
        .mark_rule(color="#c62828", strokeWidth=2)
        .encode(x="pass_mark:Q")
    )
    return alt.layer(bars, rule, title=title).properties(
        width="container", height=max(26 * len(order), 120)
    )


def _published(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[~frame["suppressed"]]


def survey_by_group(results: Results, lang: str) -> ChartData:
    """Return satisfaction per respondent group, published groups only."""
    result = survey_of(results)
    frame = _published(result.by_group)
    names = list(frame[f"group_{lang}"])
    return _make("survey_by_group", "group", names, list(frame["estimate"]), result, lang)


def survey_by_item(results: Results, lang: str) -> ChartData:
    """Return satisfaction per question, all respondents."""
    result = survey_of(results)
    frame = _published(result.by_item)
    names = list(frame[f"item_{lang}"])
    return _make("survey_by_item", "item", names, list(frame["estimate"]), result, lang)


def survey_sensitivity(results: Results, lang: str) -> ChartData:
    """Return the overall result under each (method, weighting) of the sensitivity table."""
    result = survey_of(results)
    frame = result.sensitivity
    if "computable" in frame:  # a definition this county's data cannot give has no bar
        frame = frame[frame["computable"]]
    separator = "，" if lang == "zh" else ", "
    names = [
        f"{label(f'survey.method_short.{m}', lang)}{separator}"
        f"{label(f'survey.weighting_short.{w}', lang)}"
        for m, w in zip(frame["method"], frame["weighting"], strict=True)
    ]
    return _make(
        "survey_sensitivity",
        "method",
        names,
        list(frame["estimate"]),
        result,
        lang,
        value=label("column.survey_result", lang),  # a score is not a share: say what it is
    )


def _make(
    key: str, kind: str, names, shares, result, lang: str, value: str | None = None
) -> ChartData:
    category = label("column.method" if kind == "method" else f"column.survey_{kind}", lang)
    value = value or label("column.satisfaction", lang) + " (%)"
    table = pd.DataFrame({category: names, value: [round(s * 100, 2) for s in shares]})
    title = label(f"chart.{key}.title", lang)
    return ChartData(
        title,
        label(f"chart.{key}.caption", lang),
        table,
        {category: "text", value: "decimal2"},
        _against_pass_mark(table, category, value, result.overall.threshold, title),
    )


SURVEY_CHARTS = {
    "survey_by_group": survey_by_group,
    "survey_by_item": survey_by_item,
    "survey_sensitivity": survey_sensitivity,
}
