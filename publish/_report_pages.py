"""Which site pages the report's chapters carry, and whether the county's `[report]` names them.

Why apart from the document: `check` must find a misspelt page name without loading the
renderers, and the build must refuse the same names with the same words.
"""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

from loaders import CountyInfo, InputError, load_yaml
from publish._escape import page_text
from publish._labels import LANGUAGES, label
from publish._table_html import header_cells, table_html

DRAFT_ONLY = frozenset({"draft"})  # the draft's page of what is missing: never in a report


@cache
def default_chapters() -> dict[str, tuple[str, ...]]:
    """Return the project's chapters and their pages (publish/report.yaml), in order."""
    text = Path(__file__).with_name("report.yaml").read_text(encoding="utf-8")
    return {key: tuple(pages) for key, pages in load_yaml(text)["chapters"].items()}


def county_chapters(county: CountyInfo) -> dict[str, tuple[str, ...]]:
    """Return the chapters with the county's `[report]` pages in place of the defaults."""
    return default_chapters() | dict(county.report_chapters)


def page_source(docs_dir: Path, name: str, lang: str) -> Path:
    """Return the source file of page `name` ("resources") in `lang` (page.md / page.en.md)."""
    return docs_dir / (f"{name}.md" if lang == "zh" else f"{name}.{lang}.md")


def site_pages(docs_dir: Path) -> tuple[str, ...]:
    """Return the names of the pages the site has in every language, sorted."""
    names = {p.name.removesuffix(".md") for p in docs_dir.glob("*.md") if p.name.count(".") == 1}
    return tuple(
        sorted(
            n
            for n in names - DRAFT_ONLY
            if all(page_source(docs_dir, n, lang).is_file() for lang in LANGUAGES)
        )
    )


def page_errors(docs_dir: Path, county: CountyInfo) -> list[InputError]:
    """Return an error for each `[report]` page the site lacks or an earlier chapter has."""
    known, errors, seen = site_pages(docs_dir), [], set()
    for chapter, pages in county_chapters(county).items():
        for page in pages:
            column = f"report.{chapter}"
            if page not in known:
                close = difflib.get_close_matches(page, known, n=1)
                errors.append(
                    InputError(
                        "county.toml",
                        "not-in-list",
                        column=column,
                        value=page,
                        expected="网站的页面名称之一：" + "、".join(known),
                        expected_en="one of the site's page names: " + ", ".join(known),
                        detail=f"是不是 “{close[0]}”？" if close else None,
                        detail_en=f"did you mean '{close[0]}'?" if close else None,
                    )
                )
            elif page in seen:
                errors.append(
                    InputError(
                        "county.toml",
                        "bad-config",
                        column=column,
                        value=page,
                        expected="每个页面只放在一个章节中",
                        expected_en="each page in one chapter only",
                        detail="这个页面已在前面的章节中",
                        detail_en="the page is already in an earlier chapter",
                    )
                )
            seen.add(page)
    return errors


def chapters_table(lang: str) -> str:
    """Return the report's parts with their titles and default pages, as county.toml names
    them: the About-the-data page documents `[report]` from the same list the build uses."""
    head = header_cells(("report.part_key", "report.part_title", "report.part_pages"), lang)
    rows = "".join(
        f"<tr><td><code>{page_text(key)}</code></td>"
        f"<td>{page_text(label(f'report.chapter_{key}', lang))}</td>"
        f"<td>{', '.join(f'<code>{page_text(p)}</code>' for p in pages)}</td></tr>"
        for key, pages in default_chapters().items()
    )
    return table_html(head, rows)
