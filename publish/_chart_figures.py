"""Each chart's figure and CSV made once per results: the report document draws the charts just
before the site's pages do, so the site build takes them from here instead of drawing again.

Why keyed on the results object itself (held, so its identity cannot be reused): the figures are
pure functions of (results, chart, language, link), and a build has one results object.
"""

from __future__ import annotations

from publish._charts import CHARTS
from publish._figure import csv_text, render_figure
from publish._results import Results
from publish._survey_charts import SURVEY_CHARTS

ALL_CHARTS = {**CHARTS, **SURVEY_CHARTS}
_MADE: dict[str, object] = {"results": None, "figures": {}}


def chart_figure(results: Results, name: str, lang: str, csv_href: str) -> tuple[str, str]:
    """Return (the CSV of the plotted numbers, the <figure> block) of chart `name`."""
    if _MADE["results"] is not results:
        _MADE["results"], _MADE["figures"] = results, {}
    figures: dict = _MADE["figures"]  # type: ignore[assignment]
    key = (name, lang, csv_href)
    if key not in figures:
        data = ALL_CHARTS[name](results, lang)
        figures[key] = (csv_text(data), render_figure(name, data, lang, csv_href))
    return figures[key]
