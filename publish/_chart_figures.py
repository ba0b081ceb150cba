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


def _data(results: Results, name: str, lang: str):
    figures = outputs(results)
    key = ("chart_data", name, lang)
    if key not in figures:
        figures[key] = ALL_CHARTS[name](results, lang)
    return figures[key]


def chart_figure(results: Results, name: str, lang: str, csv_href: str) -> str:
    """Return the <figure> block of chart `name`, linking its files at `csv_href` (.csv)."""
    figures = outputs(results)
    key = ("chart", name, lang, csv_href)
    if key not in figures:
        figures[key] = render_figure(name, _data(results, name, lang), lang, csv_href)
    return figures[key]


def chart_files(results: Results, name: str, lang: str) -> dict[str, bytes]:
    """Return chart `name`'s files by suffix: its CSV (exactly the plotted numbers, with the BOM
    Excel needs for Chinese), SVG and PNG. Made once per language, however many pages show the
    chart, and only for a build that writes a site (the report document needs none)."""
    figures = outputs(results)
    key = ("chart_files", name, lang)
    if key not in figures:
        data = _data(results, name, lang)
        figures[key] = {"csv": csv_text(data).encode("utf-8-sig"), **image_files(data)}
    return figures[key]
