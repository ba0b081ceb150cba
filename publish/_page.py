"""The page a macro renders, and what every page of a build shares (variables, theme settings).

Why apart from the macros: the MkDocs adapter and the report document both make pages and
settings from these, and the macros module stays about one thing, the macros.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from publish._draft import draft_banner
from publish._escape import page_text
from publish._facts import FACTS
from publish._labels import LANGUAGES, label, use_county_word
from publish._links import relative_url
from publish._results import Results
from publish._site import about_links, footer_html, reference_html


@dataclass
class Page:
    """The page being rendered: its language, its address under the site root ("resources/",
    "en/resources/"), where chart CSVs go (None: render only, as the document does) and a
    scratch dict for once-per-page output."""

    lang: str
    url: str
    site_dir: Path | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"page language {self.lang!r} is not one of {LANGUAGES}")

    def link(self, path: str) -> str:
        """Return an escaped link from this page to a file at `path` under the site root."""
        return page_text(relative_url(path, self.url))


def build_time() -> datetime:
    """Return the build time; SOURCE_DATE_EPOCH makes builds reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def page_variables(results: Results) -> dict[str, object]:
    """Return the variables pages test with `{% if … %}`, and set the county's word for itself.

    `demo`: text for the demonstration county only; `teaching_points_outside`: sentences about
    teaching points left out of the rules.
    """
    county = results.county
    use_county_word({"zh": county.kind, "en": county.kind_en})
    return {
        "demo": county.demo,
        "teaching_points_outside": FACTS["teaching_points_outside"].read(results),
    }


def theme_settings(results: Results, reports: Mapping[str, str]) -> dict[str, object]:
    """Return what the theme's banner and footer templates need (`config.extra.ec`); `reports`
    are the report PDFs the build publishes (language → path under the site root)."""
    provenance = results.provenance
    county = results.county
    return {
        "demo": county.demo,
        "footer": {lang: footer_html(county, lang) for lang in LANGUAGES},
        "reference": {lang: reference_html(county, lang) for lang in LANGUAGES},
        "about_links": {lang: about_links(lang) for lang in LANGUAGES},
        "banner": {lang: label("ui.demo_banner", lang) for lang in LANGUAGES},
        "draft": results.draft is not None,
        "draft_banner": {lang: draft_banner(lang) for lang in LANGUAGES},
        "draft_link": {lang: label("ui.draft_link", lang) for lang in LANGUAGES},
        "labels": {
            lang: {k: label(f"ui.{k}", lang) for k in ("data_version", "built_at", "software")}
            for lang in LANGUAGES
        },
        "data_version": provenance.data_version,
        "software_version": provenance.software_version,
        "built_at": build_time().strftime("%Y-%m-%d %H:%M UTC"),
        "report": {
            lang: {"path": reports[lang], "text": label("report.pdf_link", lang)}
            for lang in LANGUAGES
            if lang in reports
        },
    }
