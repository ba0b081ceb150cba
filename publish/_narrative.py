"""The county's narrative (主要举措及成效) as HTML, its figures inserted from the package's data.

Why markdown-it-py and not the site's Markdown: the pages' Markdown passes raw HTML through, which
is right for the project's own pages and wrong for staff text. CommonMark with HTML off shows any
tag as text and refuses javascript: and data: links; here an image (a request to another server)
shows as its words and code blocks (not prose) are off. Figures go in after the Markdown is
rendered, escaped and formatted like every figure of the site, so no mark can become markup.
"""

from __future__ import annotations

import math
import re

from markdown_it import MarkdownIt

from loaders import NARRATIVE_MARK, Narrative, measure_items
from publish._cards import reported_value
from publish._escape import page_text
from publish._format import fmt_decimal, fmt_int, fmt_percent
from publish._results import Results

PERCENT_SIGNS = {"%", "％"}
PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")  # private-use marks: no Markdown meaning
HEADING = re.compile(r"<(/?)h([1-5])>")
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table").disable(["code", "fence"])
# an image would be a request to another server from every reader's browser: its words only
_MARKDOWN.add_render_rule(
    "image", lambda self, tokens, idx, options, env: page_text(tokens[idx].content)
)


def _places(value: float) -> int:
    """Return the decimals a figure is shown with: as many as it has, at most two."""
    for places in range(3):
        if math.isclose(value, round(value, places), abs_tol=1e-9):
            return places
    return 2


def figure_text(narrative: Narrative, code: str, lang: str) -> str:
    """Return a narrative figure with its unit in `lang`: "6.69 万个", "66 schools"; a unit of
    % joins its number as the site writes every percentage ("96.4%")."""
    row = narrative.figures.loc[code]
    value = float(row["value"])
    places = _places(value)
    unit = row["unit"] if lang == "zh" else row["unit_en"]
    unit = unit.strip() if isinstance(unit, str) else ""
    if unit in PERCENT_SIGNS:
        return fmt_percent(value / 100, places, lang)
    number = fmt_int(value, lang) if places == 0 else fmt_decimal(value, places, lang)
    return f"{number} {unit}" if unit else number


def _measure_text(results: Results, code: str, lang: str) -> str:
    """Return a county measure as its indicator card shows it, unit included ("98,600 元")."""
    value = results.measures.get(code)
    if value is None:
        return "—"
    return reported_value(float(value), measure_items()[code].unit, lang)


def narrative_html(results: Results, lang: str) -> str:
    """Return the narrative of the page language as one HTML block (headings one level down,
    under the page's title), or "" when the package has none."""
    narrative = results.narrative
    if narrative is None:
        return ""
    inserted: list[str] = []

    def mark(match: re.Match) -> str:
        kind, code = match["kind"], match["code"]
        text = (
            figure_text(narrative, code, lang)
            if kind == "figure"
            else _measure_text(results, code, lang)
        )
        inserted.append(page_text(text))
        return f"\ue000{len(inserted) - 1}\ue001"

    source = NARRATIVE_MARK.sub(mark, narrative.text(lang))
    html = _MARKDOWN.render(source)
    html = HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html)
    html = PLACEHOLDER.sub(
        lambda m: f'<span class="ec-figure">{inserted[int(m.group(1))]}</span>', html
    )
    # macro output goes in before the page's Markdown runs: one line, so it stays one HTML block
    # (a soft line break is a space in English and nothing between Chinese characters)
    html = re.sub(r">\s*\n\s*<", "><", html).replace("\n", "" if lang == "zh" else " ")
    return f'<div class="ec-narrative">{html}</div>'
