"""What `county.toml` `[report]` says about the report document: which site pages go in which
chapter, in which order.

Why a setting: counties order their self-evaluation reports differently, and the measures and
results chapter carries whatever narrative pages the county writes. The chapters themselves are
fixed (the shape such reports take); the names of the pages are checked against the site's pages
where the document is made, since the loader does not know them.
"""

from __future__ import annotations

import re

from loaders._errors import InputError, LoadReport

CHAPTERS = ("basic", "indicators", "measures", "problems", "annex")
_PAGE = re.compile(r"[a-z][a-z0-9-]{0,40}")


def report_chapters(config: dict, report: LoadReport) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return the chapters `[report]` sets, as (chapter, pages) pairs; chapters left out keep the
    project's default pages (publish/report.yaml)."""
    table = config.get("report", {})
    if not isinstance(table, dict):
        report.add(InputError("county.toml", "bad-config", column="report", expected="[report] 表"))
        return ()
    chapters = []
    for key, pages in table.items():
        column = f"report.{key}"
        if key not in CHAPTERS:
            report.add(
                InputError(
                    "county.toml", "unknown-key", column=column, expected=" / ".join(CHAPTERS)
                )
            )
        elif not isinstance(pages, list) or not all(
            isinstance(p, str) and _PAGE.fullmatch(p) for p in pages
        ):
            report.add(
                InputError(
                    "county.toml",
                    "bad-config",
                    column=column,
                    value=str(pages),
                    expected='网站页面名称的列表，如 ["basic-facts", "resources"]',
                    expected_en='a list of site page names, e.g. ["basic-facts", "resources"]',
                )
            )
        else:
            chapters.append((key, tuple(pages)))
    return tuple(chapters)
