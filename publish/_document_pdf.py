"""The report document as PDF, laid out by Typst (publish/report.typ) with embedded CJK fonts.

Why Typst: it installs from PyPI with its own compiler (no system libraries), embeds and subsets
fonts, writes real text and vector charts, and makes the bookmarks from the headings. The blocks
go in as one JSON value the template reads, never as markup, so package text cannot become Typst
code. A PDF is only written when installed fonts cover every character: otherwise the build says
which characters and which fonts to install, and skips it — never a PDF with missing glyphs.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from publish._document import Document
from publish._document_blocks import Figure, Heading, Items, Paragraph, Table
from publish._labels import label

TEMPLATE = Path(__file__).with_name("report.typ")
# the CJK families the report may use, in order of preference (Debian: fonts-noto-cjk)
BODY_FONTS = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "SimSun")
HEADING_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "SimHei")
# for the few symbols CJK fonts lack (the subscripts of the formulas: xᵢ, nₕ)
FALLBACK_FONTS = ("DejaVu Serif", "DejaVu Sans", "Liberation Serif", "FreeSerif")
FONT_HINT = (
    "请安装中文字体（Debian/Ubuntu：apt install fonts-noto-cjk）后重新构建 / "
    "install a Chinese font (Debian/Ubuntu: apt install fonts-noto-cjk) and build again"
)
SVG_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")


@dataclass(frozen=True)
class Fonts:
    body: str
    heading: str
    fallbacks: tuple[str, ...]
    files: tuple[tuple[str, int], ...]  # (path, index): the regular body font, then fallbacks


@cache
def find_fonts() -> Fonts | None:
    """Return the installed CJK fonts the report uses, or None when there is none."""
    import typst

    installed = typst.Fonts(include_embedded_fonts=False).fonts()
    by_family: dict[str, list] = {}
    for font in installed:
        by_family.setdefault(font.family, []).append(font)
    body = next((f for f in BODY_FONTS if f in by_family), None)
    heading = next((f for f in HEADING_FONTS if f in by_family), body)
    if body is None or heading is None:
        return None
    fallbacks = tuple(f for f in FALLBACK_FONTS if f in by_family)
    files = []
    for family in (body, *fallbacks):
        font = min(by_family[family], key=lambda f: abs(f.weight - 400))
        if font.path:
            files.append((font.path, font.index))
    return Fonts(body, heading, fallbacks, tuple(files))


@cache
def _characters(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap())


def document_text(document: Document) -> str:
    """Return every character the PDF prints, the charts' labels included."""
    parts = [document.title, document.notice, *document.subtitle]
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            parts.append(block.text)
        elif isinstance(block, Items):
            parts += block.items
        elif isinstance(block, Table):
            parts += [cell for row in block.rows for cell in row]
        elif isinstance(block, Figure):
            parts += [block.caption, *SVG_TEXT.findall(block.svg)]
    return "".join(parts)


def missing_characters(document: Document, fonts: Fonts) -> str:
    """Return the characters (in order of first use) that no chosen font has."""
    covered = frozenset().union(*(_characters(path, index) for path, index in fonts.files))
    missing = dict.fromkeys(
        c for c in document_text(document) if ord(c) not in covered and c.strip()
    )
    return "".join(missing)


def skipped_reason(document: Document) -> str | None:
    """Return why this document cannot be a PDF here (both languages), or None when it can."""
    fonts = find_fonts()
    if fonts is None:
        return f"没有找到中文字体 / no Chinese font was found. {FONT_HINT}"
    missing = missing_characters(document, fonts)
    if missing:
        return (
            f"字体 {fonts.body} 缺少这些字符 / the font {fonts.body} lacks these characters: "
            f"{missing[:40]}. {FONT_HINT}"
        )
    return None


def _block_json(block) -> dict:
    kinds = {Heading: "heading", Paragraph: "paragraph", Items: "items", Table: "table"}
    return {"kind": kinds.get(type(block), "figure"), **asdict(block)}


def render_pdf(document: Document, timestamp: int | None = None) -> bytes:
    """Return the PDF of `document` (call `skipped_reason` first: it needs the fonts)."""
    import typst

    fonts = find_fonts()
    assert fonts is not None
    data = {
        "title": document.title,
        "subtitle": list(document.subtitle),
        "notice": document.notice,
        "lang": document.lang,
        "region": "cn" if document.lang == "zh" else "gb",
        "contents": label("report.contents", document.lang),
        "page_words": label("report.page", document.lang),
        "fonts": {
            "body": [fonts.body, *fonts.fallbacks],
            "heading": [fonts.heading, *fonts.fallbacks],
        },
        "blocks": [_block_json(block) for block in document.blocks],
    }
    compiler = typst.Compiler(root=str(TEMPLATE.parent))
    return compiler.compile(
        TEMPLATE.read_bytes(),
        format="pdf",
        sys_inputs={"doc": json.dumps(data, ensure_ascii=False)},
        timestamp=timestamp,
    )
