"""The chart plumbing: a <figure> with caption, text alternative, static SVG, table and CSV.

Macro output is inserted before Markdown runs, so the HTML is emitted at column 0 with no blank
lines (indented, it would become a code block; a blank line ends an HTML block). The static SVG
shows without JavaScript and in print; the browser replaces it with a live rendering from the
self-hosted Vega bundle.
"""

from __future__ import annotations

import json
from functools import lru_cache

import vl_convert

from publish._charts import ChartData, chart_spec
from publish._csv_safe import spreadsheet_safe
from publish._escape import page_text
from publish._labels import label
from publish._table_html import format_cell, render_table

VEGALITE_VERSION = "6.4"
STATIC_WIDTH = 560


def text_alternative(data: ChartData, lang: str) -> str:
    """Return a sentence that states every plotted number, for screen readers."""
    first, *rest = data.table.columns
    parts = []
    for _, row in data.table.iterrows():
        values = ", ".join(f"{c} {format_cell(row[c], data.formats[c], lang)}" for c in rest)
        parts.append(f"{row[first]}: {values}")
    separator = "；" if lang == "zh" else "; "
    return f"{label('ui.chart_alt_prefix', lang)} — {data.title}. " + separator.join(parts)


def static_svg(spec: dict) -> str:
    """Return the chart rendered at build time (no-script and print fallback)."""
    fixed = json.loads(json.dumps(spec))
    if fixed.get("width") == "container":
        fixed["width"] = STATIC_WIDTH
    return _rendered(json.dumps(fixed, sort_keys=True))


@lru_cache(maxsize=512)
def _rendered(spec_json: str) -> str:
    """Return the SVG of one spec, once per process: the report document draws the same charts
    as the pages, just before them, so the site build finds them drawn."""
    svg = vl_convert.vegalite_to_svg(json.loads(spec_json), vl_version=VEGALITE_VERSION)
    return svg.replace("\n", " ")


def csv_text(data: ChartData) -> str:
    """Return exactly the plotted numbers as CSV (UTF-8 with BOM is added when written)."""
    return spreadsheet_safe(data.table).to_csv(index=False, lineterminator="\n")


def render_figure(chart_id: str, data: ChartData, lang: str, csv_href: str) -> str:
    """Return the whole <figure> block for one chart."""
    spec = chart_spec(data)
    spec_json = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    alt = page_text(text_alternative(data, lang), quote=True)
    lines = [
        f'<figure class="ec-chart" id="chart-{chart_id}">',
        f'<div class="ec-chart__canvas" role="img" aria-label="{alt}" data-search-exclude>'
        f'<div class="ec-chart__plot">{static_svg(spec)}</div></div>',
        f'<script type="application/json" class="ec-chart__spec">{spec_json}</script>',
        # the caption ends in 。 on Chinese pages, which needs no space after it
        f"<figcaption>{page_text(data.caption)}{'' if lang == 'zh' else ' '}"
        f'<a class="ec-chart__download" href="{page_text(csv_href)}" download>'
        f"{page_text(label('ui.download_csv', lang))}</a></figcaption>",
        '<details class="ec-chart__data">'
        f"<summary>{page_text(label('ui.data_table', lang))}</summary>",
        render_table(data.table, data.formats, lang),
        "</details>",
        "</figure>",
    ]
    return "\n".join(lines)
