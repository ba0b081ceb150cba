"""Checks over the whole build output: typed numbers, untranslated prose, personal data, and
reproducibility."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# identifiers and names that contain digits but are not figures
NOT_FIGURES = re.compile(
    r"教督〔2017〕6号|GB18030|UTF-8|SHA-256|\b[RBGQSV]\d{1,2}\b|[RGQV]\d{1,2}[–-][RGQV]\d{1,2}"
    r"|\.md#[a-z0-9-]+"
    r"|(?m:^\d\. )"  # the marker of a numbered step in a list
)
FORMULA_BLOCK = re.compile(r"^```\n.*?^```$", flags=re.S | re.M)
PERSONAL = {
    # not after a decimal point: an unrounded value such as 2.0173758793974 is not a number
    "mobile phone number": re.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])"),
    "resident ID number": re.compile(r"(?<![\dA-Za-z.])\d{17}[\dXx](?![\dA-Za-z])"),
    "IP address": re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"),
}
SVG_GEOMETRY = re.compile(r'\b(?:d|points|transform|viewBox)="[^"]*"')
TEXT_SUFFIXES = {".html", ".csv", ".json", ".xml", ".txt", ".svg"}


def test_no_number_is_typed_into_the_narrative():
    """Every figure on the site comes from a macro: digits in docs/ outside {{ … }} fail."""
    found = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = re.sub(r"\{\{.*?\}\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = FORMULA_BLOCK.sub("", text)  # a formula's exponents and "n − 1" are not figures
        text = re.sub(r"\{#.*?\}", "", NOT_FIGURES.sub("", text))  # heading ids
        found += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"\S*\d\S*", text)]
    assert not found


class _VisibleText(HTMLParser):
    """Collect the text a reader sees, leaving out elements marked as Chinese on purpose."""

    SKIP = frozenset({"script", "style", "svg", "code"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr", "wbr", "col", "source"}:
            return
        marked = dict(attrs).get("lang", "").startswith("zh") or dict(attrs).get(
            "hreflang", ""
        ).startswith("zh")
        self.stack.append(marked or tag in self.SKIP or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if self.stack and tag not in {"br", "img", "input", "meta", "link", "hr", "wbr"}:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def test_english_pages_have_no_untranslated_chinese(built_site):
    """Chinese may appear on English pages only inside elements marked lang="zh" (names,
    document titles, the headers staff type), never as untranslated prose."""
    problems = []
    for path in sorted((built_site / "en").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        body = html[html.index("<body") :]
        parser = _VisibleText()
        parser.feed(body)
        for line in "".join(parser.text).splitlines():
            if CJK.search(line):
                problems.append(f"{path.relative_to(built_site)}: {line.strip()[:80]}")
    assert not problems, "\n".join(problems[:30])


class _BlockText(HTMLParser):
    """Collect the visible text of a page one block (paragraph, cell, heading, item) a line."""

    SKIP = frozenset({"script", "style", "svg", "pre"})
    BLOCKS = frozenset(
        {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "div", "tr", "summary", "br"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.skipping = 0
        self.in_code = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP
        if tag == "code":  # a code name stands apart with spaces, as in English text
            self.in_code = True
            self.text.append("`")
        if tag in self.BLOCKS:
            self.text.append("\n")

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP and self.skipping > 0
        if tag == "code":
            self.in_code = False
        if tag in self.BLOCKS:
            self.text.append("\n")

    def handle_data(self, data):
        if not self.skipping and not self.in_code:
            self.text.append(data)


# Chinese typography of the site: a space between Chinese and a figure (有 7 项, 不足 100 名), none
# next to full-width punctuation (理由：超过…, 渝北区（示例）义务教育), and full-width colons and
# brackets in Chinese text (班级数：19); the document number 教督〔2017〕6号 is quoted as published.
ZH_SPACING = {
    "figure against Chinese": re.compile(r"[\u4e00-\u9fff][0-9]|[0-9][\u4e00-\u9fff]"),
    "space beside full-width punctuation": re.compile(r"[（）：；，。、] | [（）：；，。、]"),
    "ASCII punctuation in Chinese": re.compile(
        r"[\u4e00-\u9fff][:;,(]|[(][\u4e00-\u9fff]|[\u4e00-\u9fff][)]"
    ),
}
ZH_SPACING_EXEMPT = re.compile(r"教督〔2017〕6号")
# the survey pages and the remediation plans are written elsewhere (survey/, remediation data)
ZH_SPACING_PAGES_LEFT_OUT = {"recognition", "remediation"}


def test_chinese_pages_space_figures_and_punctuation_as_the_site_does(built_site):
    problems = []
    for path in sorted(built_site.rglob("index.html")):
        folder = path.parent.relative_to(built_site)
        if folder.parts[:1] in {("en",), ("search",)} or set(folder.parts) & (
            ZH_SPACING_PAGES_LEFT_OUT
        ):
            continue
        html = path.read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        parser = _BlockText()
        parser.feed(article)
        for line in "".join(parser.text).splitlines():
            line = ZH_SPACING_EXEMPT.sub("", line)
            for kind, pattern in ZH_SPACING.items():
                if match := pattern.search(line):
                    start, end = max(0, match.start() - 12), match.end() + 12
                    problems.append(f"/{folder.as_posix()}: {kind}: …{line[start:end]}…")
    assert not problems, "\n".join(problems[:30])


def test_no_personal_data_patterns_anywhere_in_the_site(built_site):
    found = []
    for path in built_site.rglob("*"):
        if path.suffix not in TEXT_SUFFIXES and not path.name.endswith(".xml.gz"):
            continue
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", "replace")
        text = SVG_GEOMETRY.sub("", text)  # path data such as "2.41.44.82" is not an address
        for kind, pattern in PERSONAL.items():
            found += [f"{path.relative_to(built_site)}: {kind} {m}" for m in pattern.findall(text)]
    assert not found, found[:20]


# the build time in the footer, and the build date MkDocs writes into the sitemap
BUILT_AT = re.compile(
    rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC|(?<=<lastmod>)\d{4}-\d{2}-\d{2}(?=</lastmod>)"
)


def _snapshot(site: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            if path.suffix == ".pdf":  # compressed, with its creation time: compare the text
                done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True)
                data = done.stdout
            files[str(path.relative_to(site))] = BUILT_AT.sub(b"<built>", data)
    return files


@pytest.mark.slow
def test_two_builds_are_identical_apart_from_the_build_time(built_site, tmp_path):
    again = ["--site-dir", str(tmp_path / "again")]
    cold = ["--cache-dir", str(tmp_path / "cold-cache")]  # recomputed, not read back
    result = subprocess.run(
        [sys.executable, "-m", "publish", "build", *again, *cold],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list((tmp_path / "cold-cache").glob("results-*.json"))  # it did compute
    first, second = _snapshot(built_site), _snapshot(tmp_path / "again")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing


@pytest.mark.parametrize(
    "text, kind",
    [
        ("联系电话 13812345678", "mobile phone number"),
        ("身份证 11010519491231002X", "resident ID number"),
        ("来自IP 192.168.1.20", "IP address"),
        ("R6 2.0173758793974", None),  # an unrounded value
        ('<path d="M12 22l-2.41-3.44c.74.27 1.55.44 2.41.44.82 0"/>', None),  # icon geometry
    ],
)
def test_personal_data_patterns_catch_what_they_should(text, kind):
    text = SVG_GEOMETRY.sub("", text)
    found = {k for k, pattern in PERSONAL.items() if pattern.search(text)}
    assert found == ({kind} if kind else set())


def test_without_site_url_there_are_no_canonical_links_nor_sitemap_nor_localhost(built_site):
    """The demo sets no `[site] site_url`: no made-up host anywhere, every link relative."""
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "sitemap.xml.gz").exists()
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in text, path
        assert "localhost" not in text, path
    schools = (built_site / "en" / "schools" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../schools/" hreflang="zh"' in schools  # the language switcher
    # a site served from a sub-path: no link may start at the host's root, the home pages' too
    rooted = re.compile(r'(?:href|src)="/(?!/)')
    for path in built_site.rglob("*.html"):
        if path.name == "404.html":  # MkDocs roots it on purpose: a host serves it at any path
            continue
        found = rooted.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(built_site)}: a link from the host's root"
    home, en_home = (built_site / "index.html"), (built_site / "en" / "index.html")
    assert '<a href="en/" hreflang="en"' in home.read_text(encoding="utf-8")
    assert '<a href="../" hreflang="zh"' in en_home.read_text(encoding="utf-8")


def test_the_demo_speaks_as_a_district_and_says_it_is_the_demo(built_site):
    """The demo is a 区: its pages still say 本区 / the district, with the demo notices."""
    page = lambda rel: (built_site / rel).read_text(encoding="utf-8")  # noqa: E731
    assert "本区的计算结果" in page("government/index.html")
    assert "Computed status for the district:" in page("en/government/index.html")
    assert '<h2 id="示范县">示范县' in page("about-data/index.html")
    assert "Yubei District" in page("en/about-data/index.html")
    assert 'class="ec-demo-banner"' in page("index.html")
    assert "<title>渝北区（示例）义务教育优质均衡发展 · 公开数据</title>" in page("index.html")


def test_every_page_states_the_data_year_the_rules_and_how_to_cite(built_site):
    """What every statistics site states, one click away at most, in the page's language."""
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if 'class="md-copyright"' not in html:
            continue
        english = path.relative_to(built_site).parts[:1] == ("en",)
        footer = html[html.index('class="ec-reference"') :].split("</p>", 1)[0]
        assert ("the statistics of 2024" if english else "2024 年统计数据") in footer, path
        assert "t20170512_304462" in footer, path
        links = dict(
            (text, href) for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', footer)
        )
        home = built_site / ("en" if english else "")
        cite = links["How to cite" if english else "如何引用"]
        glossary = links["Glossary" if english else "术语表"]
        assert cite.endswith("#cite"), path
        for href, page in ((cite, "open-data"), (glossary, "glossary")):
            target = (path.parent / href.split("#")[0] / "index.html").resolve()
            assert target == home / page / "index.html", (path, href)
    open_data = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert 'id="cite"' in open_data and "数据版本" in open_data
