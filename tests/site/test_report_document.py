"""The report document of a real build (issue 18): the PDF and the DOCX carry every figure the
site's pages show for the same chapters, with embedded CJK fonts, bookmarks and the demo notice
on every page; the footer links the PDF; without a Chinese font the site is still published."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from publish._labels import label
from publish._report_pages import default_chapters

ROOT = Path(__file__).resolve().parents[2]
# a figure as pages print it: 1,234 · 86.51% · 0.392 · 2025
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?")
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
SCRIPTS = re.compile(r"<(script|svg)\b.*?</\1>", re.DOTALL)  # chart specs and drawings: not text


def _site_numbers(site: Path, lang: str) -> Counter:
    """Return every figure the chapters' pages print, with how often each appears."""
    numbers: Counter = Counter()
    for pages in default_chapters().values():
        for page in pages:
            path = site / ("" if lang == "zh" else "en") / page / "index.html"
            body = ARTICLE.search(path.read_text(encoding="utf-8")).group(1)
            text = html.unescape(re.sub(r"<[^>]+>", " ", SCRIPTS.sub(" ", body)))
            numbers.update(NUMBER.findall(text))
    return numbers


def _pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_carries_every_figure_of_the_pages(built_site, lang):
    pdf = built_site / "report" / f"self-evaluation-{lang}.pdf"
    site = _site_numbers(built_site, lang)
    assert sum(site.values()) > 500  # the chapters really print their figures
    printed = Counter(NUMBER.findall(_pdf_text(pdf)))
    missing = {n: k for n, k in site.items() if printed[n] < k}
    assert not missing, f"figures on the pages but not (as often) in the PDF: {missing}"


def test_the_docx_carries_every_figure_of_the_chinese_pages(built_site):
    path = built_site.parent / "report" / "self-evaluation-zh.docx"
    printed = Counter(NUMBER.findall(_docx_text(path)))
    missing = {n: k for n, k in _site_numbers(built_site, "zh").items() if printed[n] < k}
    assert not missing, f"figures on the pages but not (as often) in the DOCX: {missing}"
    document = docx.Document(str(path))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles[:2] == ["一、基本情况", "二、指标达成情况"]
    assert len(document.tables) > 20


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_has_fonts_bookmarks_and_the_demo_notice_on_every_page(built_site, lang):
    pdf = built_site / "report" / f"self-evaluation-{lang}.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert any("CJK" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows)  # every font embedded
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    chapters = [item.title for item in reader.outline if not isinstance(item, list)]
    assert chapters[0] == ("一、基本情况" if lang == "zh" else "1. Basic facts")
    assert chapters[-1] == label("report.chapter_annex", lang)
    notice = label("ui.demo_banner", lang)[:12]
    for page in reader.pages:
        assert notice in re.sub(r"\s+", " ", page.extract_text())


def test_every_page_links_the_pdf_of_its_language(built_site):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        for page in ("index.html", "resources/index.html", "open-data/index.html"):
            text = (built_site / prefix / page).read_text(encoding="utf-8")
            links = re.findall(r'href="([^"]+self-evaluation-(?:zh|en)\.pdf)"', text)
            assert links, (lang, page)
            for link in links:
                assert (built_site / prefix / page).parent.joinpath(link).resolve().is_file()
        open_data = (built_site / prefix / "open-data/index.html").read_text(encoding="utf-8")
        assert "self-evaluation-zh.pdf" in open_data and "self-evaluation-en.pdf" in open_data


@pytest.mark.slow
def test_without_a_chinese_font_the_site_is_published_and_says_why(tmp_path):
    site = tmp_path / "site"
    code = (
        "import sys, publish._document_pdf as pdf; pdf.find_fonts = lambda: None; "
        "from publish._cli import main; sys.exit(main(sys.argv[1:]))"
    )
    small = ROOT / "tests" / "fixtures" / "county_small"
    done = subprocess.run(
        [sys.executable, "-c", code, "build", "--county", str(small), "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "no Chinese font was found" in done.stderr and "fonts-noto-cjk" in done.stderr
    assert not (site / "report").exists()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "self-evaluation" not in index  # no link to a file that is not there
    assert (tmp_path / "report" / "self-evaluation-zh.docx").is_file()  # the DOCX needs no font


@pytest.mark.slow
def test_a_second_countys_report_is_its_own(tmp_path, build_county):
    small = ROOT / "tests" / "fixtures" / "county_small"
    site = build_county(small, tmp_path / "site")
    for lang, words in (("zh", "改善办学条件"), ("en", "Better school buildings")):
        text = _pdf_text(site / "report" / f"self-evaluation-{lang}.pdf")
        assert words in text  # the county's own narrative, part three
        assert "柳河县" in text or "Liuhe" in text
        for demo_word in ("示例", "渝北", "Yubei", "示范", "demonstration"):
            assert demo_word not in text
    assert "1,350" in _docx_text(tmp_path / "report" / "self-evaluation-zh.docx")
