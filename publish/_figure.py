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


def static_svg(spec: dict, background: str | None = None) -> str:
    """Return the chart rendered at build time (no-script and print fallback).

    `background` paints the canvas: a downloaded image is opened outside the page, where a
    transparent background (right in the page, which has a dark mode) shows as black or checks.
    """
    fixed = json.loads(json.dumps(spec))
    if fixed.get("width") == "container":
        fixed["width"] = STATIC_WIDTH
    if background is not None:
        fixed.setdefault("config", {})["background"] = background
    return _rendered(json.dumps(fixed, sort_keys=True))


def image_files(data: ChartData) -> dict[str, bytes]:
    """Return the chart as downloadable images: an SVG and a PNG at twice its size, on white."""
    svg = static_svg(chart_spec(data), background="#ffffff")
    return {"svg": svg.encode("utf-8"), "png": bytes(vl_convert.svg_to_png(svg, scale=2))}


@lru_cache(maxsize=512)
def _rendered(spec_json: str) -> str:
    """Return the SVG of one spec, once per process: the report document draws the same charts
    as the pages, just before them, so the site build finds them drawn."""
    svg = vl_convert.vegalite_to_svg(json.loads(spec_json), vl_version=VEGALITE_VERSION)
    return svg.replace("\n", " ")


def csv_text(data: ChartData) -> str:
    """Return exactly the plotted numbers as CSV (UTF-8 with BOM is added when written)."""
    return spreadsheet_safe(data.table).to_csv(index=False, lineterminator="\n")


def _downloads(chart_id: str, csv_href: str, lang: str) -> str:
    """Return the figure's links: its numbers (CSV), its image (SVG, PNG) and its own address.

    Why a visible link to the figure: a reader who cites or shares one chart needs an address
    that opens at it (#chart-…), and its id stays the chart's name from build to build.
    """
    stem = csv_href.removesuffix(".csv")
    links = [
        f'<a class="ec-chart__download" href="{page_text(href)}" download>'
        f"{page_text(label(key, lang))}</a>"
        for key, href in (
            ("ui.download_csv", csv_href),
            ("ui.download_svg", f"{stem}.svg"),
            ("ui.download_png", f"{stem}.png"),
        )
    ]
    links.append(
        f'<a class="ec-chart__download ec-chart__link" href="#chart-{chart_id}">'
        f"{page_text(label('ui.chart_link', lang))}</a>"
    )
    separator = "、" if lang == "zh" else " · "  # no space beside full-width brackets
    return '<span class="ec-chart__downloads">' + separator.join(links) + "</span>"


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
        f"{_downloads(chart_id, csv_href, lang)}</figcaption>",
        '<details class="ec-chart__data">'
        f"<summary>{page_text(label('ui.data_table', lang))}</summary>",
        render_table(data.table, data.formats, lang),
        "</details>",
        "</figure>",
    ]
    return "\n".join(lines)
