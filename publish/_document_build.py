"""The build's document step: the report as PDF into the site, as DOCX beside it for staff.

Why a step of `build` (not of `serve`): the documents are made from the same results as the
pages, once per publication; the live preview leaves them alone. The PDFs are made before the
pages so the footer can link exactly the files that exist, and written into the staging site,
so they are published (or not) together with it; the DOCX goes to `report/` beside the site
folder (build/report/ by default), which is for staff and never published.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from publish._document import PageError, document, page_problems
from publish._document_docx import render_docx
from publish._document_pdf import render_pdf, skipped_reason
from publish._labels import LANGUAGES
from publish._page import build_time
from publish._results import Results

PDF_PATHS = {lang: f"report/self-evaluation-{lang}.pdf" for lang in LANGUAGES}
# the DOCX is what staff submit, in Chinese; an English one would add a second to every build
DOCX_LANGUAGES = ("zh",)
DOCX_NAMES = {lang: f"self-evaluation-{lang}.docx" for lang in DOCX_LANGUAGES}


@dataclass
class Documents:
    """The rendered files by language, and what was skipped and why (both languages)."""

    pdf: dict[str, bytes] = field(default_factory=dict)
    docx: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @property
    def links(self) -> dict[str, str]:
        """Return the site path of each language's PDF that will be published."""
        return {lang: PDF_PATHS[lang] for lang in self.pdf}


def _timestamp() -> int:
    """Return the PDF's creation time: the build time the pages show, to the minute
    (SOURCE_DATE_EPOCH makes it reproducible)."""
    return int(build_time().replace(second=0, microsecond=0).timestamp())


def make_documents(root: Path, results: Results) -> Documents | list[str]:
    """Return the report in both languages, or the problems of the county's `[report]` pages."""
    problems = page_problems(root, results)
    if problems:
        return problems
    made = Documents()
    for lang in LANGUAGES:
        try:
            report = document(root, results, lang)
        except PageError as error:  # a page's macro error, named with its page
            return [str(error)]
        if lang in DOCX_LANGUAGES:
            made.docx[lang] = render_docx(report)
        reason = skipped_reason(report)
        if reason is None:
            made.pdf[lang] = render_pdf(report, _timestamp())
        else:
            made.skipped.append(f"PDF（{lang}）未生成 / the {lang} PDF was skipped: {reason}")
    return made


def write_pdfs(documents: Documents, site_dir: Path) -> None:
    """Write the PDFs into the (staging) site."""
    for lang, data in documents.pdf.items():
        target = site_dir / PDF_PATHS[lang]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_docx(documents: Documents, report_dir: Path) -> list[Path]:
    """Write the DOCX files into `report_dir`, each replacing the old one in one step."""
    report_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, data in documents.docx.items():
        target = report_dir / DOCX_NAMES[lang]
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)
        written.append(target)
    return written
