"""Chart builders: each turns an aggregated table of the results into a table and an Altair chart.

Charts never see row-level data. Categories get an explicit order (Chinese sorts by code point)
and CJK axis labels stay horizontal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd

from indicators import LEVELS, SECTION_CLASSES
from publish._labels import label
from publish._results import Results

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'


@dataclass(frozen=True)
class ChartData:
    """One chart with its numbers: `table` holds exactly the plotted numbers, headers localised.

    `formats` gives each column's display format: "text", "int", "decimal3" or "percent1".
    """

    title: str
    caption: str
    table: pd.DataFrame
    formats: dict[str, str]
    chart: alt.Chart


def _bar(table: pd.DataFrame, category: str, value: str, title: str) -> alt.Chart:
    """Return a bar chart; long category labels get horizontal bars so they never overlap."""
    order = list(table[category])
    horizontal = max(len(str(c)) for c in order) > 8
    category_axis = alt.Axis(labelAngle=0, title=None, labelLimit=260)
    category_channel = (alt.Y if horizontal else alt.X)(
        f"{category}:N", sort=order, axis=category_axis
    )
    # counts (sections, students) get whole-number ticks: no "0.5 sections" on a small county's axis
    whole = bool((pd.to_numeric(table[value]) % 1 == 0).all())
    value_axis = alt.Axis(tickMinStep=1, format=",d") if whole else alt.Axis()
    value_channel = (alt.X if horizontal else alt.Y)(f"{value}:Q", title=value, axis=value_axis)
    encoding = (
        {"y": category_channel, "x": value_channel}
        if horizontal
        else {"x": category_channel, "y": value_channel}
    )
    return (
        alt.Chart(table, title=title)
        .mark_bar()
        .encode(
            **encoding,
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=",")],
        )
        .properties(width="container", height=36 * len(order) if horizontal else 260)
    )


def _count_chart(key: str, category: str, value: str, rows: dict[str, int], lang: str) -> ChartData:
    """Return a one-measure bar chart of `rows` (label → number) with its table."""
    table = pd.DataFrame({category: list(rows), value: list(rows.values())})
    title = label(f"chart.{key}.title", lang)
    return ChartData(
        title,
        label(f"chart.{key}.caption", lang),
        table,
        {category: "text", value: "int"},
        _bar(table, category, value, title),
    )


def students_by_level(results: Results, lang: str) -> ChartData:
    """Return students per level, from the basic facts."""
    by_level = results.basic.by_level
    rows = {label(f"level.{lv}", lang): int(by_level.loc[lv, "students"]) for lv in LEVELS}
    return _count_chart(
        "students_by_level", label("column.level", lang), label("column.students", lang), rows, lang
    )


def section_classes(results: Results, lang: str) -> ChartData:
    """Return the number of sections in each resource-allocation class."""
    counts = results.resources.class_counts()
    rows = {label(f"section_class.{k}", lang): counts[k] for k in SECTION_CLASSES}
    return _count_chart(
        "section_classes",
        label("column.section_class", lang),
        label("column.count", lang),
        rows,
        lang,
    )


BANDS = [("below85", 0.0), ("below100", 0.85), ("to125", 1.0), ("to150", 1.25), ("above150", 1.5)]


def ratio_bands(results: Results, lang: str) -> ChartData:
    """Return, per indicator, how many sections fall in each band of value / standard."""
    sections = results.resources.sections
    band_col, ind_col, count_col = (
        label("column.band", lang),
        label("column.indicator", lang),
        label("column.count", lang),
    )
    edges = [edge for _, edge in BANDS[1:]]
    names = [label(f"band.{key}", lang) for key, _ in BANDS]
    rows = []
    for ident, standard in results.rules.standards.items():
        ratio = sections[ident] / sections["level"].map(standard.by_level)
        band = pd.cut(ratio, [-float("inf"), *edges, float("inf")], right=False, labels=names)
        counts = band.value_counts()
        rows += [
            {ind_col: ident, band_col: name, count_col: int(counts.get(name, 0))} for name in names
        ]
    table = pd.DataFrame(rows)
    title = label("chart.ratio_bands.title", lang)
    palette = ["#c62828", "#ef6c00", "#9ccc65", "#43a047", "#1b5e20"]
    chart = (
        alt.Chart(table, title=title)
        .mark_bar()
        .encode(
            y=alt.Y(
                f"{ind_col}:N",
                sort=list(results.rules.standards),
                title=None,
                axis=alt.Axis(labelAngle=0),
            ),
            x=alt.X(
                f"{count_col}:Q",
                title=count_col,
                stack="zero",
                axis=alt.Axis(tickMinStep=1, format=",d"),
            ),
            color=alt.Color(
                f"{band_col}:N",
                sort=names,
                scale=alt.Scale(domain=names, range=palette),
                legend=alt.Legend(orient="bottom", columns=2, title=None),
            ),
            order=alt.Order("band_order:Q"),
            tooltip=[ind_col, band_col, count_col],
        )
        .transform_calculate(band_order=f"indexof({names!r}, datum['{band_col}'])")
        .properties(width="container", height=260)
    )
    return ChartData(
        title,
        label("chart.ratio_bands.caption", lang),
        table,
        {ind_col: "text", band_col: "text", count_col: "int"},
        chart,
    )


def cvs(results: Results, lang: str) -> ChartData:
    """Return the 14 coefficients of variation with their limits."""
    ind_col, level_col = label("column.indicator", lang), label("column.level", lang)
    cv_col, limit_col = label("column.cv", lang), label("column.limit", lang)
    frame = results.resources.meaningful_cvs.reset_index()  # a level of one section has none
    table = pd.DataFrame(
        {
            ind_col: frame["indicator"],
            level_col: [label(f"level.{lv}", lang) for lv in frame["level"]],
            cv_col: frame["cv"].round(3),
            limit_col: frame["limit"],
        }
    )
    title = label("chart.cvs.title", lang)
    levels = [label(f"level.{lv}", lang) for lv in LEVELS]
    base = alt.Chart(table).encode(
        x=alt.X(
            f"{ind_col}:N",
            sort=list(results.rules.standards),
            title=None,
            axis=alt.Axis(labelAngle=0),
        ),
        xOffset=alt.XOffset(f"{level_col}:N", sort=levels),
        color=alt.Color(
            f"{level_col}:N", sort=levels, legend=alt.Legend(orient="bottom", title=None)
        ),
    )
    bars = base.mark_bar().encode(
        y=alt.Y(f"{cv_col}:Q", title=cv_col), tooltip=[ind_col, level_col, cv_col, limit_col]
    )
    limits = base.mark_tick(thickness=2, color="#c62828").encode(y=f"{limit_col}:Q")
    chart = alt.layer(bars, limits, title=title).properties(width="container", height=260)
    return ChartData(
        title,
        label("chart.cvs.caption", lang),
        table,
        {ind_col: "text", level_col: "text", cv_col: "decimal3", limit_col: "decimal2"},
        chart,
    )


CHARTS: dict[str, Callable[[Results, str], ChartData]] = {
    "students_by_level": students_by_level,
    "section_classes": section_classes,
    "ratio_bands": ratio_bands,
    "cvs": cvs,
}


def chart_spec(data: ChartData) -> dict:
    """Return the Vega-Lite spec with the site's fonts and a transparent background."""
    spec = (
        data.chart.configure(font=FONT, background="transparent")
        .configure_view(stroke=None)
        # Left-aligned over the whole chart, not centred over the plot: a centred long title is
        # cut off on a phone. Same as the browser theme in publish/assets/charts.js.
        .configure_title(anchor="start", frame="bounds")
        .to_dict()
    )
    spec.pop("$schema", None)  # a URL the browser never needs to see
    return spec
