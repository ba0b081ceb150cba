"""Each chart's figure and CSV made once per results: the report document draws the charts just
before the site's pages do, so the site build takes them from here instead of drawing again.

The figures are pure functions of (results, chart, language, link), kept per results object
(publish/_memo.py); the CSV is written by the macro for each site.
"""

from __future__ import annotations

from publish._charts import CHARTS
from publish._figure import csv_text, image_files, render_figure
from publish._memo import outputs
from publish._results import Results
from publish._survey_charts import SURVEY_CHARTS

ALL_CHARTS = {**CHARTS, **SURVEY_CHARTS}


def chart_figure(
    results: Results, name: str, lang: str, csv_href: str
) -> tuple[dict[str, bytes], str]:
    """Return (the chart's files by suffix: its CSV, SVG and PNG; the <figure> block) of chart
    `name`. The CSV holds exactly the plotted numbers, with the BOM Excel needs for Chinese."""
    figures = outputs(results)
    key = ("chart", name, lang, csv_href)
    if key not in figures:
        data = ALL_CHARTS[name](results, lang)
        files = {"csv": csv_text(data).encode("utf-8-sig"), **image_files(data)}
        figures[key] = (files, render_figure(name, data, lang, csv_href))
    return figures[key]
