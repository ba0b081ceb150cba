"""The report document (issue 18): pages read back as blocks, chapters from the county's
setting, the PDF's text and fonts, the DOCX's official-document layout."""

from __future__ import annotations

import dataclasses
import io
import itertools
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from loaders import LoadReport
from loaders._report_settings import report_chapters
from publish import _document_pdf
from publish._document import Document, chapters, document, page_problems
from publish._document_blocks import Figure, Heading, Items, Paragraph, Table, page_blocks
from publish._document_docx import render_docx
from publish._document_pdf import find_fonts, missing_characters, render_pdf, skipped_reason
from publish._results import compute_results

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "county_small"
# text that means something to Typst, JSON, XML or Markdown: it must be printed as typed
HOSTILE = '#set page(fill: red) ] [ *bold* $x$ <b>tag</b> \\ "quote" @label {{ 7*191 }} & </w:t>'


@pytest.fixture(scope="module")
def small():
    return compute_results(SMALL)


def _pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def _tiny(text: str = "正文", notice: str = "") -> Document:
    return Document(
        lang="zh",
        title="标题",
        subtitle=("副标题",),
        notice=notice,
        blocks=(
            Heading(1, "一、基本情况"),
            Paragraph(((text, False), ("加粗", True))),
            Items(("甲", "乙")),
            Table((("学校", "学生数"), ("一小", "1,234"), ("二小",)), 1),
        ),
    )


def test_blocks_keep_headings_bold_runs_lists_tables_statuses_and_charts():
    html = (
        '<h2 id="x">资源配置</h2><p>共 <strong>12</strong> 所<a class="headerlink">¶</a></p>'
        "<ul><li>甲</li><li> 乙 </li></ul>"
        '<div class="ec-card"><dl><dt>计算结果</dt><dd><span>达标</span></dd></dl></div>'
        '<div class="ec-table"><table><thead><tr><th>a</th><th>b</th></tr></thead>'
        "<tbody><tr><th>x</th><td>1 &amp; 2</td></tr></tbody></table></div>"
        '<figure class="ec-chart"><div class="ec-chart__plot"><svg><text>图</text></svg></div>'
        '<script class="ec-chart__spec">{}</script><figcaption>说明 <a class="ec-chart__download">'
        "下载</a></figcaption><details><summary>数据</summary><table><tr><td>9</td></tr></table>"
        "</details></figure>"
    )
    blocks = page_blocks(html)
    assert blocks[0] == Heading(2, "资源配置")
    assert blocks[1] == Paragraph((("共 ", False), ("12", True), (" 所", False)))
    assert blocks[2] == Items(("甲", "乙"))
    assert blocks[3] == Paragraph((("计算结果：", True), ("达标", False)))
    assert blocks[4] == Table((("a", "b"), ("x", "1 & 2")), 1)
    assert isinstance(blocks[5], Figure) and blocks[5].caption == "说明"
    assert "<text>图</text>" in blocks[5].svg
    assert blocks[6] == Table((("9",),), 0)
    assert len(blocks) == 7  # the spec, the download link and the summary are not content


def test_outside_links_keep_their_address_on_paper_and_site_links_stay_words():
    html = (
        '<p>详见<a href="https://edu.example.cn/plan">县教育局网站</a>和<a href="../remediation/">'
        '整改化解</a>。</p><ul><li>See <a href="http://example.org/r">the plan</a></li>'
        '<li><a href="https://example.org/x">https://example.org/x</a></li></ul>'
    )
    paragraph, items = page_blocks(html)
    assert paragraph.text == "详见县教育局网站（https://edu.example.cn/plan）和整改化解。"
    assert items.items == ("See the plan (http://example.org/r)", "https://example.org/x")


def test_the_pdf_prints_hostile_text_as_typed_with_every_font_embedded():
    pdf = render_pdf(_tiny(HOSTILE, notice="示范数据"))
    text = _pdf_text(pdf)
    for part in ("#set page(fill: red)", "*bold*", "$x$", "<b>tag</b>", "{{ 7*191 }}", "</w:t>"):
        assert part in text
    assert "1337" not in text
    assert "1,234" in text and "示范数据" in text  # the table and the notice
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=False)
    rows = fonts.stdout.decode().splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # the "emb" column
    assert any("CJK" in row for row in rows)
    outline = PdfReader(io.BytesIO(pdf)).outline
    assert [item.title for item in outline if not isinstance(item, list)] == ["一、基本情况"]


def test_the_notice_and_the_page_number_are_on_every_page():
    long = _tiny(notice="示范数据")
    long = dataclasses.replace(
        long, blocks=(*long.blocks, Paragraph((("很长的段落。" * 800, False),)))
    )
    reader = PdfReader(io.BytesIO(render_pdf(long)))
    assert len(reader.pages) >= 4
    for number, page in enumerate(reader.pages, start=1):
        words = page.extract_text()
        assert "示范数据" in words and f"第 {number} 页" in words


def test_no_pdf_without_a_chinese_font(monkeypatch):
    monkeypatch.setattr(_document_pdf, "find_fonts", lambda: None)
    reason = skipped_reason(_tiny())
    assert "没有找到中文字体" in reason and "no Chinese font" in reason
    assert "fonts-noto-cjk" in reason


def test_no_pdf_with_a_character_the_fonts_lack():
    fonts = find_fonts()
    assert fonts is not None  # CI installs fonts-noto-cjk and fonts-dejavu-core
    unknown = "\U000f0001"  # private use: in no installed font
    assert missing_characters(_tiny(f"一{unknown}二"), fonts) == unknown
    assert missing_characters(_tiny("xᵢ 与 nₕ"), fonts) == ""  # the formulas' subscripts
    reason = skipped_reason(_tiny(f"一{unknown}"))
    assert unknown in reason and "lacks these characters" in reason


def test_the_docx_is_an_a4_official_document_with_real_headings_and_tables():
    report = docx.Document(io.BytesIO(render_docx(_tiny(HOSTILE, notice="示范数据"))))
    section = report.sections[0]
    sizes = ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin")
    # Word keeps lengths in twentieths of a point: to the nearest 0.1 mm
    assert [round(getattr(section, name).mm, 1) for name in sizes] == [210, 297, 37, 35, 28]
    assert round(section.right_margin.mm, 1) == 26
    headings = [p for p in report.paragraphs if p.style.name == "Heading 1"]
    assert [h.text for h in headings] == ["一、基本情况"]
    table = report.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["一小", "1,234"]
    assert [c.text for c in table.rows[2].cells] == ["二小", ""]  # short rows padded
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert HOSTILE in "".join(p.text for p in report.paragraphs)
    assert report.sections[0].header.paragraphs[0].text == "示范数据"
    normal = report.styles["Normal"]
    assert normal.font.size.pt == 16  # 3号
    east_asian = normal.element.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia"))
    assert east_asian == "仿宋_GB2312"
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "— " in section.footer.paragraphs[0].text
    qn = docx.oxml.ns.qn
    title = report.paragraphs[0]
    assert title.style.name == "Title" and title.text == _tiny(HOSTILE).title
    assert report.styles["Title"].font.size.pt == 22  # 2号
    # a table of contents Word fills in: a TOC field over headings 1–3, updated on opening
    fields = [p for p in report.paragraphs if 'TOC \\o "1-3"' in p._p.xml]
    assert len(fields) == 1 and "更新域" in fields[0].text
    order = [p._p for p in report.paragraphs]
    assert order.index(fields[0]._p) < order.index(headings[0]._p)  # before the first chapter
    assert report.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_the_report_setting_is_checked_where_it_is_read():
    report = LoadReport()
    config = {"report": {"measures": ["measures", "Bad Name"], "annexe": ["x"], "basic": ["a"]}}
    assert report_chapters(config, report) == (("basic", ("a",)),)
    columns = sorted(e.column for e in report.errors)
    assert columns == ["report.annexe", "report.measures"]


def test_chapters_follow_the_county_and_unknown_pages_are_named(small):
    county = dataclasses.replace(
        small.county,
        report_chapters=(("indicators", ("veto", "resources")), ("annex", ("no-such-page",))),
    )
    results = dataclasses.replace(small, county=county)
    order = chapters(results)
    assert order["indicators"] == ("veto", "resources")
    assert order["basic"] == ("basic-facts",)  # the default stays where the county is silent
    problems = page_problems(ROOT, results)
    assert len(problems) == 1 and "no-such-page" in problems[0] and "annex" in problems[0]
    repeated = dataclasses.replace(county, report_chapters=(("annex", ("veto",)),))
    problems = page_problems(ROOT, dataclasses.replace(small, county=repeated))
    assert len(problems) == 1 and "already in an earlier chapter" in problems[0]


def test_the_small_countys_report_has_its_chapters_and_no_demo_notice(small):
    report = document(ROOT, small, "en")
    top = [b.text for b in report.blocks if isinstance(b, Heading) and b.level == 1]
    assert top[0] == "1. Basic facts" and top[-1].startswith("Annex")
    assert report.notice == ""  # not the demo
    assert small.county.name_en in report.title
    text = " ".join(b.text for b in report.blocks if isinstance(b, Heading | Paragraph))
    assert small.provenance.data_version in " ".join(report.subtitle)
    assert "Provenance" in text
    hashes = [b for b in report.blocks if isinstance(b, Table) and "SHA-256" in b.rows[0]]
    assert {row[0] for row in hashes[0].rows[1:]} == set(small.provenance.input_hashes)


def test_the_live_preview_does_not_make_the_documents(monkeypatch, tmp_path, small):
    from publish import _build

    made, commands = [], []
    monkeypatch.setattr(_build, "make_documents", lambda *a: made.append(a))
    monkeypatch.setattr(_build, "precompute", lambda *a, **k: small)
    monkeypatch.setattr(
        _build.subprocess, "run", lambda command, **k: commands.append(command) or _Done()
    )
    assert _build.serve(ROOT, SMALL, "127.0.0.1:8765") == 0
    assert commands and "serve" in commands[0] and not made


class _Done:
    returncode = 0


def test_no_heading_is_more_than_one_level_below_the_one_before_it(small):
    from publish._document import without_skipped_levels

    written = [
        Heading(1, "一"),
        Heading(3, "a"),
        Heading(4, "a1"),
        Heading(3, "b"),
        Heading(2, "c"),
    ]
    assert [h.level for h in without_skipped_levels(written)] == [1, 2, 3, 2, 2]
    for lang in ("zh", "en"):
        levels = [b.level for b in document(ROOT, small, lang).blocks if isinstance(b, Heading)]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
