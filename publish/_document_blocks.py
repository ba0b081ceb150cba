"""The site's page HTML read back as document blocks: headings, paragraphs, lists, tables, charts.

Why blocks: the PDF and the DOCX renderers lay out the same few kinds of block, so each page is
read once, and each renderer only decides how a heading or a table looks. Text leaves the HTML as
plain strings (entities decoded), and the renderers escape it for their own formats.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

SPACES = re.compile(r"\s+")
CJK = re.compile(r"[\u3400-\u9fff]")  # words in Chinese take full-width brackets
SKIPPED_TAGS = {"script", "style", "nav"}
SKIPPED_CLASSES = {"ec-chart__download", "ec-chart__spec", "headerlink"}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Runs of (text, bold)."""

    runs: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """Rows of cell text; the first `header_rows` rows are the column heads."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 1


@dataclass(frozen=True)
class Figure:
    """A chart as its build-time SVG, with the caption the site gives it."""

    svg: str
    caption: str


Block = Heading | Paragraph | Items | Table | Figure


@dataclass
class _Reader:
    blocks: list[Block] = field(default_factory=list)

    def element(self, node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        classes = set((node.get("class") or "").split())
        if tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.blocks.append(Heading(int(tag[1]), clean(node.text_content())))
        elif tag == "p":
            self.paragraph(node)
        elif tag == "summary":  # the title of a folded block: what the block is
            self.blocks.append(Paragraph(((clean(node.text_content()), True),)))
        elif tag in ("ul", "ol"):
            items = tuple(clean(with_addresses(li).text_content()) for li in node.findall("li"))
            self.blocks.append(Items(tuple(i for i in items if i), tag == "ol"))
        elif tag == "table":
            self.table(node)
        elif tag == "dl":
            self.definitions(node)
        elif tag == "figure" and "ec-chart" in classes:
            self.figure(node)
        else:
            self.mixed(node)

    def mixed(self, node: etree._Element) -> None:
        """A container: its own loose text becomes a paragraph, its children blocks."""
        if node.text and node.text.strip():
            self.blocks.append(Paragraph(((clean(node.text), False),)))
        for child in node:
            self.element(child)
            if child.tail and child.tail.strip():
                self.blocks.append(Paragraph(((clean(child.tail), False),)))

    def paragraph(self, node: etree._Element) -> None:
        node = with_addresses(node)
        runs: list[tuple[str, bool]] = []
        if node.text:
            runs.append((node.text, False))
        for child in node:
            if isinstance(child.tag, str) and not (
                set((child.get("class") or "").split()) & SKIPPED_CLASSES
            ):
                runs.append((child.text_content(), child.tag in ("strong", "b")))
            if child.tail:
                runs.append((child.tail, False))
        merged = _merge(runs)
        if merged:
            self.blocks.append(Paragraph(merged))

    def table(self, node: etree._Element) -> None:
        head = [
            tuple(clean(c.text_content()) for c in row.iterchildren("th", "td"))
            for row in node.iterfind("thead/tr")
        ]
        body = [
            tuple(clean(c.text_content()) for c in row.iterchildren("th", "td"))
            for row in (node.findall("tbody/tr") or node.findall("tr"))
        ]
        if head or body:
            self.blocks.append(Table(tuple(head + body), len(head)))

    def definitions(self, node: etree._Element) -> None:
        term = ""
        for child in node:
            if child.tag == "dt":
                term = clean(child.text_content())
            elif child.tag == "dd":
                runs = ((f"{term}：", True), (clean(child.text_content()), False))
                self.blocks.append(Paragraph(runs))

    def figure(self, node: etree._Element) -> None:
        svg = node.find(".//*[@class='ec-chart__plot']/svg")
        caption = node.find("figcaption")
        caption_text = ""
        if caption is not None:
            caption_text = clean(caption.text or "")
        if svg is not None:
            markup = etree.tostring(svg, encoding="unicode", method="xml")
            self.blocks.append(Figure(markup, caption_text))
        for table in node.iterfind(".//table"):
            self.table(table)


def with_addresses(node: etree._Element) -> etree._Element:
    """Return a copy of `node` with each outside link's address after its words: on paper
    "县教育局网站" alone cannot be followed. Links to the site's own pages stay words."""
    copy = deepcopy(node)
    for link in copy.iter("a"):
        address = link.get("href") or ""
        words = link.text_content().strip()
        if address.startswith(("http://", "https://")) and words != address:
            shown = f"（{address}）" if CJK.search(words) else f" ({address})"
            link.tail = shown + (link.tail or "")
    return copy


def clean(text: str) -> str:
    """Return text with runs of white space folded, as the browser shows it."""
    return SPACES.sub(" ", text).strip()


def _merge(runs: list[tuple[str, bool]]) -> tuple[tuple[str, bool], ...]:
    """Fold white space across runs and join neighbours of the same weight."""
    merged: list[tuple[str, bool]] = []
    for text, bold in runs:
        text = SPACES.sub(" ", text)
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        elif text:
            merged.append((text, bold))
    if merged:
        merged[0] = (merged[0][0].lstrip(), merged[0][1])
        merged[-1] = (merged[-1][0].rstrip(), merged[-1][1])
    return tuple((t, b) for t, b in merged if t)


def page_blocks(html: str) -> list[Block]:
    """Return the blocks of one page's HTML, in reading order."""
    if not html.strip():
        return []
    reader = _Reader()
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    reader.mixed(root)
    return reader.blocks
