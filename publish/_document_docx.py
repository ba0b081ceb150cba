"""The report document as DOCX for staff to finish in Word or WPS, laid out after GB/T 9704.

Why python-docx and these settings: staff submit the report as an official document (公文), so
the file has real Word headings and tables they can edit, on A4 with the margins, fonts and sizes
of GB/T 9704-2012 党政机关公文格式 (3号仿宋 body, 2号小标宋 title, 黑体 and 楷体 headings) as far
as a default template allows; charts go in as pictures, each followed by its numbers.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from publish._document import Document
from publish._document_blocks import Figure, Heading, Items, Paragraph, Table
from publish._labels import label

# GB/T 9704-2012: the type area is 156 × 225 mm with a 37 mm top and a 28 mm binding margin
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_PT, TITLE_PT, TABLE_PT, WIDE_TABLE_PT = 16, 22, 10.5, 8
LINE_PT = 28.9  # 22 lines in the 225 mm type area
# (font, bold) of heading levels 1–4: 一、黑体；（一）楷体；1. 仿宋加粗；(1) 仿宋
HEADING_FONTS = {1: ("黑体", False), 2: ("楷体_GB2312", False), 3: ("仿宋_GB2312", True)}
BODY_FONT, TITLE_FONT, LATIN_FONT = "仿宋_GB2312", "方正小标宋简体", "Times New Roman"
CELL_STYLES = ("ReportCell", "ReportHead", "ReportCellSmall", "ReportHeadSmall")
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _set_fonts(target, east_asian: str, size: float, bold: bool = False) -> None:
    """Set a style's or run's fonts: Chinese text in `east_asian`, Latin in Times New Roman."""
    font = target.font
    font.name = LATIN_FONT
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    properties = target.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    _set_fonts(normal, BODY_FONT, BODY_PT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    normal.paragraph_format.space_after = Pt(0)
    for level in range(1, 7):
        style = document.styles[f"Heading {level}"]
        font, bold = HEADING_FONTS.get(level, (BODY_FONT, False))
        _set_fonts(style, font, BODY_PT, bold)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = Pt(LINE_PT)
    _page_numbers(section)


FIELD_MARKS = frozenset({"begin", "separate", "end"})


def _field_marks(run, parts: tuple[str, ...]) -> None:
    """Append a Word field's marks (begin, separate, end) and instruction text to a run."""
    for part in parts:
        if part in FIELD_MARKS:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), part)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = part
        run._r.append(element)


def _page_numbers(section) -> None:
    """Put "— 1 —" at the foot of every page (4号 半角宋体, centred)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    _field_marks(paragraph.add_run(), ("begin", "PAGE", "end"))
    paragraph.add_run(" —")
    for item in paragraph.runs:
        _set_fonts(item, "宋体", 14)


def _table_styles(document) -> None:
    """Add the paragraph styles of table cells once (per-cell formatting costs seconds)."""
    for name, size, bold in (
        (CELL_STYLES[0], TABLE_PT, False),
        (CELL_STYLES[1], TABLE_PT, True),
        (CELL_STYLES[2], WIDE_TABLE_PT, False),
        (CELL_STYLES[3], WIDE_TABLE_PT, True),
    ):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        _set_fonts(style, BODY_FONT, size, bold)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        style.paragraph_format.first_line_indent = Pt(0)


def _cell(text: str, style: str) -> str:
    text = escape(XML_INVALID.sub("", text))
    return (
        f'<w:tc><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'
    )


def _table(document, block: Table) -> None:
    """Append a Word table with its head rows repeated on every page.

    Written as one piece of XML: python-docx's cell-by-cell calls took seconds for the section
    table, and the result is the same WordprocessingML.
    """
    width = max((len(row) for row in block.rows), default=0)
    if width == 0:
        return
    plain, head = CELL_STYLES[2:] if width > 6 else CELL_STYLES[:2]
    rows = []
    for number, row in enumerate(block.rows):
        is_head = number < block.header_rows
        cells = [*row, *([""] * (width - len(row)))]
        properties = "<w:trPr><w:tblHeader/></w:trPr>" if is_head else ""
        style = head if is_head else plain
        rows.append("<w:tr>" + properties + "".join(_cell(c, style) for c in cells) + "</w:tr>")
    grid = "<w:gridCol/>" * width
    table = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    body = document.element.body
    body.insert(len(body) - 1, table)  # before the final section properties
    document.add_paragraph()


def _figure(document, block: Figure) -> None:
    import vl_convert

    png = vl_convert.svg_to_png(block.svg, scale=2.0)
    document.add_picture(io.BytesIO(png), width=Mm(150))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.add_paragraph(block.caption)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in caption.runs:
        _set_fonts(run, BODY_FONT, TABLE_PT)


def _title(document, text: str) -> None:
    """Write the title in Word's Title style (2号小标宋, centred), so Word and WPS know it as
    the document's title; the default template's blue rule under it is taken off."""
    style = document.styles["Title"]
    _set_fonts(style, TITLE_FONT, TITLE_PT)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    style.paragraph_format.space_after = Pt(BODY_PT)
    properties = style.element.get_or_add_pPr()
    for border in properties.findall(qn("w:pBdr")):
        properties.remove(border)
    document.add_paragraph(text, style=style)


def _contents(document, report: Document) -> None:
    """Add the table of contents as a Word field over headings 1–3, and ask Word to fill in
    its page numbers on opening (WPS: 更新域); until then it shows how to update it."""
    document.add_paragraph(label("report.contents", report.lang), style=document.styles["Title"])
    paragraph = document.add_paragraph()
    _field_marks(paragraph.add_run(), ("begin", r'TOC \o "1-3" \h \z \u', "separate"))
    paragraph.add_run(label("report.contents_hint", report.lang))
    _field_marks(paragraph.add_run(), ("end",))
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    document.add_page_break()


def render_docx(report: Document) -> bytes:
    """Return the DOCX of the report: title, the notice, then every block as Word content."""
    document = new_document()
    _page_setup(document)
    _table_styles(document)
    # style objects, not names: python-docx looks a name up among all styles on every call
    list_styles = {False: document.styles["List Bullet"], True: document.styles["List Number"]}
    headings = {level: document.styles[f"Heading {level}"] for level in range(1, 7)}
    document.core_properties.title = report.title
    if report.notice:
        notice = document.sections[0].header.paragraphs[0]
        _set_fonts(notice.add_run(report.notice), BODY_FONT, 9)
    _title(document, report.title)
    for line in report.subtitle:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_fonts(paragraph.add_run(line), BODY_FONT, TABLE_PT)
    _contents(document, report)
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_paragraph(block.text, style=headings[min(block.level, 6)])
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            for text, bold in block.runs:
                paragraph.add_run(text).bold = bold or None
        elif isinstance(block, Items):
            for item in block.items:
                document.add_paragraph(item, style=list_styles[block.ordered])
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            _figure(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
