"""The self-evaluation report as document blocks, chapter by chapter, from the site's own pages.

Why from the pages: the report and the site must never disagree, so each chapter is the site's
pages rendered by the same macros (publish/_document_pages.py) and read back as blocks
(publish/_document_blocks.py); the renderers (PDF, DOCX) only lay them out. Which pages go in
which chapter is publish/report.yaml, changed per county in county.toml `[report]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd

from publish._document_blocks import Block, Heading, Paragraph, page_blocks
from publish._document_pages import render_page
from publish._facts import FACTS
from publish._labels import label
from publish._page import build_time
from publish._recognition import has_survey
from publish._report_pages import county_chapters, page_errors, page_source
from publish._results import Results
from publish._status_table import statuses_table
from publish._table_html import render_table
from publish._tables import TABLES

CHINESE_NUMERALS = "一二三四五六七八九十"


class PageError(Exception):
    """A page of the report could not be rendered (a misspelt macro or name): its file and why."""


@dataclass(frozen=True)
class Document:
    """One language's report: its title, the lines under it, the notice every page carries (the
    demo's), and the blocks of every chapter in order."""

    lang: str
    title: str
    subtitle: tuple[str, ...]
    notice: str
    blocks: tuple[Block, ...]


def chapters(results: Results) -> dict[str, tuple[str, ...]]:
    """Return the chapters with the county's `[report]` pages in place of the defaults."""
    return county_chapters(results.county)


def page_problems(root: Path, results: Results) -> list[str]:
    """Return what is wrong with the `[report]` pages, in both languages (empty: nothing)."""
    return [
        f"{e.message('zh')}\n{e.message('en')}" for e in page_errors(root / "docs", results.county)
    ]


def chapter_title(key: str, number: int, lang: str) -> str:
    """Return a chapter's heading, numbered as Chinese official documents do (一、) or 1."""
    words = label(f"report.chapter_{key}", lang)
    if key == "annex":
        return words
    return f"{CHINESE_NUMERALS[number - 1]}、{words}" if lang == "zh" else f"{number}. {words}"


def _demoted(blocks: list[Block]) -> list[Block]:
    """Return a page's blocks one heading level down: its title becomes a section of the
    chapter."""
    return [Heading(min(b.level + 1, 6), b.text) if isinstance(b, Heading) else b for b in blocks]


def provenance_blocks(results: Results, lang: str) -> list[Block]:
    """Return the annex's provenance: every input file's SHA-256 and the versions."""
    provenance = results.provenance
    rows = {
        label("report.data_version", lang): provenance.data_version,
        label("report.software_version", lang): provenance.software_version,
        label("report.code_hash", lang): provenance.code_hash,
        label("report.built_at", lang): build_time().strftime("%Y-%m-%d %H:%M UTC"),
    }
    version = FACTS["survey_config_version"].read(results) if has_survey(results) else None
    if version:
        rows[label("report.survey_version", lang)] = str(version)

    frame = pd.DataFrame(
        {
            label("column.setting", lang): list(rows),
            label("column.value", lang): list(rows.values()),
        }
    )
    versions = render_table(frame, dict.fromkeys(frame.columns, "text"), lang)
    return [
        Heading(2, label("report.provenance", lang)),
        Paragraph(((label("report.provenance_note", lang), False),)),
        *page_blocks(TABLES["input_files"](results, lang)),
        *page_blocks(versions),
    ]


def document(root: Path, results: Results, lang: str) -> Document:
    """Return the whole report in `lang`: every chapter's pages, then the annex's checks."""
    county = results.county
    name = county.name_zh if lang == "zh" else county.name_en
    provenance = results.provenance
    versions = label("report.versions", lang).format(
        data=provenance.data_version,
        software=provenance.software_version,
        built=build_time().strftime("%Y-%m-%d"),
    )
    blocks: list[Block] = []
    number = 0
    for key, pages in chapters(results).items():
        if not pages and key != "annex":
            continue
        number += key != "annex"
        blocks.append(Heading(1, chapter_title(key, number, lang)))
        for page in pages:
            try:
                page_content = page_blocks(render_page(root, page, lang, results))
            except (jinja2.TemplateError, KeyError, ValueError) as error:
                source = page_source(Path("docs"), page, lang)
                line = f", line {error.lineno}" if getattr(error, "lineno", None) else ""
                raise PageError(f"{source}{line}: {type(error).__name__}: {error}") from error
            single = len(pages) == 1 and key != "annex"  # the annex adds sections of its own
            if single and page_content and isinstance(page_content[0], Heading):
                page_content = page_content[1:]  # a chapter of one page: its title is the page's
            blocks += _demoted(page_content)
        if key == "annex":
            blocks += provenance_blocks(results, lang)
            blocks.append(Heading(2, label("report.statuses", lang)))
            blocks += page_blocks(statuses_table(results, lang))
    return Document(
        lang=lang,
        title=label("report.title", lang).format(name=name),
        subtitle=(label("report.generated", lang), versions),
        notice=label("ui.demo_banner", lang) if county.demo else "",
        blocks=tuple(without_skipped_levels(blocks)),
    )


def without_skipped_levels(blocks: list[Block]) -> list[Block]:
    """Return the blocks with no heading more than one level below the one before it.

    Why: a chapter of one page drops the page's title, and a page's cards sit at level three
    whether or not the page has sections, so Word's navigation pane and the PDF bookmarks
    would show a level-four heading straight under a level-two one.
    """
    fixed: list[Block] = []
    # each heading's level as written → the level it gets, for headings still open above
    open_levels: list[tuple[int, int]] = []
    for block in blocks:
        if isinstance(block, Heading):
            while open_levels and open_levels[-1][0] >= block.level:
                open_levels.pop()
            level = open_levels[-1][1] + 1 if open_levels else 1
            open_levels.append((block.level, level))
            block = Heading(level, block.text)
        fixed.append(block)
    return fixed
