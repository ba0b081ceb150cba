"""The download page's links to the report document (PDF, both languages)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from publish._escape import page_text
from publish._labels import LANGUAGES, label


def report_links(reports: Mapping[str, str], lang: str, link: Callable[[str], str]) -> str:
    """Return a list of the published report PDFs, the page's language first; "" when none."""
    order = sorted(LANGUAGES, key=lambda other: other != lang)
    items = [
        f'<li><a href="{link(reports[other])}" download>'
        f"{page_text(label('report.pdf_link' if other == lang else 'report.pdf_link_other', lang))}"
        "</a></li>"
        for other in order
        if other in reports
    ]
    return f'<ul class="ec-report-links">{"".join(items)}</ul>' if items else ""
