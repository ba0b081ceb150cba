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
    value_channel = (alt.X if horizontal else alt.Y)(f"{value}:Q", title=value)
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


def students_by_level(results: Results, lang: str) -> ChartData:
    """Return students per level, from the basic facts."""
    level_col, students_col = label("column.level", lang), label("column.students", lang)
    by_level = results.basic.by_level
    table = pd.DataFrame(
        {
            level_col: [label(f"level.{lv}", lang) for lv in LEVELS],
            students_col: [int(by_level.loc[lv, "students"]) for lv in LEVELS],
        }
    )
    title = label("chart.students_by_level.title", lang)
    return ChartData(
        title,
        label("chart.students_by_level.caption", lang),
        table,
        {level_col: "text", students_col: "int"},
        _bar(table, level_col, students_col, title),
    )


def section_classes(results: Results, lang: str) -> ChartData:
    """Return the number of sections in each resource-allocation class."""
    class_col, count_col = label("column.section_class", lang), label("column.count", lang)
    counts = results.resources.class_counts()
    table = pd.DataFrame(
        {
            class_col: [label(f"section_class.{k}", lang) for k in SECTION_CLASSES],
            count_col: [counts[k] for k in SECTION_CLASSES],
        }
    )
    title = label("chart.section_classes.title", lang)
    return ChartData(
        title,
        label("chart.section_classes.caption", lang),
        table,
        {class_col: "text", count_col: "int"},
        _bar(table, class_col, count_col, title),
    )


CHARTS: dict[str, Callable[[Results, str], ChartData]] = {
    "students_by_level": students_by_level,
    "section_classes": section_classes,
}


def chart_spec(data: ChartData) -> dict:
    """Return the Vega-Lite spec with the site's fonts and a transparent background."""
    spec = (
        data.chart.configure(font=FONT, background="transparent")
        .configure_view(stroke=None)
        .to_dict()
    )
    spec.pop("$schema", None)  # a URL the browser never needs to see
    return spec
