"""No text from a package can script the site or be evaluated as a template (issue 15 §1).

One hostile copy of the small county (tests/site/_hostile.py) carries script, HTML, Markdown-link
and Jinja payloads in every text it holds: the county's names and `[site]` strings, school,
section and town names, reasons and documents, plans, release notes, monitoring subjects,
measure labels, the survey config's labels, sources and version, the survey's answers and its
file name. It is built once, then:

- the files: no element or attribute the data made (no `on…=` handler, no `javascript:` link,
  no `<b>` or `<strong>` from `**粗体**`/`<b>粗</b>`), no payload in a script of the theme, the
  payloads present as typed in the text, chart specs and downloads, `1337` (what `{{ 7*191 }}`
  would give) nowhere, and the search index holding the text escaped;
- Chromium: every page of both languages once (charts rendered live), a search and a chart
  tooltip, then the check report of a broken copy: no dialog ever opens, no script error, and
  the reader sees `{{ 7*191 }}` as typed.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook

from publish._check import check
from tests.site._hostile import JINJA, PAYLOAD, SURVEY_FILE, hostile, hostile_package
from tests.site.test_browser import (
    LOCAL_HOSTS,
    QuietHandler,
    open_page,
    search,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

EVALUATED = re.compile(r"(?<![0-9a-fA-F])1337(?![0-9a-fA-F])")  # not inside a hash
RAW_TAG = re.compile(r"<(script|img|svg|b)\b", re.IGNORECASE)
# a payload as the theme's own scripts would carry it, had it not been escaped or encoded
RAW_IN_SCRIPT = ("<script>alert", "<img src=x", "<svg", "'\"", "{{")
# what the reader must see as typed, page by page: one field of each kind of text
SHOWN = {
    "": [hostile("title_zh"), hostile("licence"), hostile("icp"), hostile("contact_zh")],
    "basic-facts/": [hostile("柳河县")],
    "schools/": [hostile("柳河县第一小学"), hostile("柳河镇")],
    "en/schools/": [hostile("Liuhe No. 1 Primary School"), hostile("Liuhe Town")],
    "resources/": [hostile("柳河县实验学校"), hostile("小学部")],
    "government/": [hostile("《柳河县中小学布局规划（2021—2030 年）》")],
    "quality/": [hostile("数学")],
    "en/quality/": [hostile("Mathematics")],
    "remediation/": [hostile("县教育局、柳河县第二小学"), hostile("秋季招生方案已公布")],
    "en/remediation/": [hostile("County education bureau and the school")],
    "releases/": [hostile("首次发布。")],
    "en/releases/": [hostile("First publication.")],
    "recognition/": [
        hostile("学生"),
        hostile("学校办学条件"),
        hostile("2025.1"),
        hostile("县教育督导室确定：学生、家长各占三成，教师占两成，其余群体合占两成。"),
        SURVEY_FILE,
    ],
    "en/recognition/": [hostile("Students"), hostile("Satisfied"), hostile("Liuhe Town")],
}

# --- the hostile site: one package, one build ------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, build_county) -> tuple[Path, Path]:
    """Return the hostile package and its built site."""
    root = tmp_path_factory.mktemp("hostile")
    package = hostile_package(root / "county")
    return package, build_county(package, root / "site")


@pytest.fixture(scope="module")
def site(hostile_site) -> Path:
    return hostile_site[1]


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    """Every page of both languages by its path below the root ('' is the overview), and 404."""
    found = sorted(
        "" if index.parent == site else f"{index.parent.relative_to(site).as_posix()}/"
        for index in site.rglob("index.html")
    )
    assert len(found) >= 24, found
    return [*found, "404.html"]


def page_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


class PageScan(HTMLParser):
    """What a page's HTML holds: findings, its text (no scripts), its chart specs and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.text: list[str] = []
        self.specs: list[dict] = []
        self.scripts: list[str] = []
        self._script: tuple[str | None, list[str]] | None = None
        self._bold = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}={value}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.findings.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            self._script = (dict(attrs).get("class"), [])
        self._bold += tag in ("b", "strong")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            kind, body = self._script
            text = "".join(body)
            if kind == "ec-chart__spec":
                self.specs.append(json.loads(text))
            else:
                self.scripts.append(text)
            self._script = None
        self._bold -= tag in ("b", "strong") and self._bold > 0

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
            return
        if self._bold and "粗" in data:
            self.findings.append(f"bold text from the data: {data[:20]}")
        self.text.append(data)


@pytest.fixture(scope="module")
def scans(site: Path, pages: list[str]) -> dict[str, PageScan]:
    scans = {}
    for path in pages:
        scan = PageScan()
        scan.feed(page_file(site, path).read_text(encoding="utf-8"))
        scans[path] = scan
    return scans


def strings(value: object):
    """Yield every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# --- the files --------------------------------------------------------------------------------


def test_no_page_holds_markup_from_the_data(scans):
    """No handler attribute, no javascript: link, no bold from the data; the theme's scripts
    (site_url is written into one unescaped) carry no payload as typed."""
    found = [f"/{path}: {item}" for path, scan in scans.items() for item in scan.findings]
    found += [
        f"/{path}: script holds {raw!r}"
        for path, scan in scans.items()
        for script in scan.scripts
        for raw in RAW_IN_SCRIPT
        if raw in script
    ]
    assert not found, "\n".join(found)


def test_every_page_shows_the_payloads_as_typed(scans):
    """`{{ 7*191 }}` is on every page as typed (the site title carries it), never 1337; each
    kind of text is shown whole on its page, payloads and all."""
    texts = {path: "".join(scan.text) for path, scan in scans.items()}
    assert not [p for p, text in texts.items() if JINJA not in text]
    assert not [p for p, text in texts.items() if EVALUATED.search(text)]
    hidden = [
        f"/{p}: {v[len(PAYLOAD) :]}" for p, vs in SHOWN.items() for v in vs if v not in texts[p]
    ]
    assert not hidden, "\n".join(hidden)


def test_chart_specs_carry_the_text_as_data(scans):
    """The Vega specs hold the labels exactly as typed (JSON, not HTML): the renderer draws
    them as SVG text, which the browser sweep below proves inert."""
    labels = set()
    for scan in scans.values():
        for spec in scan.specs:
            labels.update(strings(spec))
    assert hostile("学生") in labels and hostile("Students") in labels
    assert hostile("学校办学条件") in labels
    assert not [text for text in labels if EVALUATED.search(text)]


def test_downloads_hold_the_exact_text(site):
    """CSV and JSON downloads carry the text as typed: not HTML-escaped, never evaluated."""
    files = sorted(site.glob("data/**/*.csv")) + sorted(site.glob("data/**/*.json"))
    files += sorted(site.glob("en/data/**/*.csv"))
    assert len(files) > 20
    escaped = re.compile(r"&(#\d+|lt|gt|amp|quot);")
    bad = [f.name for f in files if escaped.search(f.read_text(encoding="utf-8-sig"))]
    bad += [f.name for f in files if EVALUATED.search(f.read_text(encoding="utf-8-sig"))]
    assert not bad, bad
    with (site / "data" / "sections.csv").open(encoding="utf-8-sig", newline="") as handle:
        cells = {cell for row in csv.reader(handle) for cell in row}
    assert hostile("柳河县第一小学") in cells and hostile("本部") in cells
    sections = json.loads((site / "data" / "sections.json").read_text(encoding="utf-8"))
    assert hostile("柳河县第一小学") in set(strings(sections))


def test_search_index_holds_the_text_escaped(site):
    """Material inserts search results as HTML: the index holds `&lt;script&gt;`, never a tag
    from the data, and `{{ 7*191 }}` as text."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["title"] + doc["text"] for doc in index["docs"]]
    assert not [t[:80] for t in texts if RAW_TAG.search(t.replace("\u200b", ""))]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts)
    assert any(JINJA in t.replace("\u200b", "") for t in texts)
    assert not [t[:80] for t in texts if EVALUATED.search(t)]


# --- Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(site: Path):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser_page(browser):
    """One Chromium page for the module, recording every dialog (and dismissing it) and every
    script error; requests off localhost (site_url is example.org) are aborted."""
    seen: dict[str, list[str]] = {"dialogs": [], "errors": []}

    def dialog(d) -> None:
        seen["dialogs"].append(f"{d.page.url}: {d.type} {d.message!r}")
        d.dismiss()

    def guard(route) -> None:
        url = route.request.url
        if url.startswith("file:") or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", dialog)
    page.on("pageerror", lambda e: seen["errors"].append(f"{page.url}: {e}"))
    yield page, seen
    context.close()


# the live DOM once Vega has drawn: handlers, javascript: links, injected elements, and the text
# a reader gets (every text node outside scripts, closed <details> included)
LIVE_JS = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`<${element.localName} ${attribute.name}>`);
      if (/^\\s*javascript:/i.test(attribute.value))
        found.push(`<${element.localName} ${attribute.name}=${attribute.value.slice(0, 40)}>`);
    }
  }
  document.querySelectorAll('img[src="x"], b, strong').forEach(element => {
    if (element.localName === 'img' || element.textContent.includes('粗'))
      found.push(`<${element.localName}> ${element.textContent.slice(0, 20)}`);
  });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('script, style')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  let text = '';
  while (walker.nextNode()) text += walker.currentNode.data;
  return {found, text, title: document.title};
}"""


@pytest.fixture(scope="module")
def sweep(browser_page, site_url, pages) -> dict[str, dict]:
    """Open every page once (charts live), then search and hover a chart; return what each
    page's live DOM held. Dialogs and script errors are in the page's record."""
    page, _ = browser_page
    records = {}
    for path in pages:
        open_page(page, site_url + path)
        records[path] = page.evaluate(LIVE_JS)
    open_page(page, site_url)
    search(page, "粗体")
    records["search"] = page.evaluate(LIVE_JS)
    records["search"]["results"] = page.locator(".md-search-result__list").inner_text()
    open_page(page, site_url + "recognition/")
    page.locator("#chart-survey_by_group .ec-chart__plot svg .role-mark path").first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    records["tooltip"] = {"text": tooltip.inner_text(), "html": tooltip.inner_html()}
    return records


def test_no_dialog_opens_and_no_script_fails(sweep, browser_page):
    _, seen = browser_page
    assert not seen["dialogs"], "\n".join(seen["dialogs"])
    assert not seen["errors"], "\n".join(seen["errors"])


def test_the_live_pages_hold_no_markup_from_the_data(sweep):
    found = [
        f"/{path}: {item}" for path, record in sweep.items() for item in record.get("found", ())
    ]
    assert not found, "\n".join(found)


def test_the_reader_sees_the_payloads_as_typed(sweep):
    """In the rendered pages (charts drawn by Vega included): `{{ 7*191 }}` everywhere, 1337
    nowhere, each kind of text whole on its page, the county's title as the window title."""
    assert not [p for p, r in sweep.items() if "text" in r and EVALUATED.search(r["text"])]
    assert not [p for p, r in sweep.items() if "text" in r and JINJA not in r["text"]]
    hidden = [
        f"/{p}: {v[len(PAYLOAD) :]}"
        for p, vs in SHOWN.items()
        for v in vs
        if v not in sweep[p]["text"]
    ]
    assert not hidden, "\n".join(hidden)
    assert sweep[""]["title"].endswith(hostile("title_zh"))
    assert sweep["en/"]["title"].endswith(hostile("title_en"))


def test_search_results_and_chart_tooltips_show_the_text(sweep):
    """Material inserts results as HTML, vega-tooltip its tooltip: both show the payload as
    text (no element from it, no dialog above)."""
    assert "<script>alert(1)</script>" in sweep["search"]["results"]
    assert PAYLOAD in sweep["tooltip"]["text"]
    assert not RAW_TAG.search(sweep["tooltip"]["html"])


# --- the check report -------------------------------------------------------------------------


def test_check_report_of_a_hostile_package_opens_no_dialog(hostile_site, tmp_path, browser_page):
    """A broken copy: the report quotes the staff's cells, payloads and all, as text."""
    package = tmp_path / "county"
    shutil.copytree(hostile_site[0], package)
    workbook = load_workbook(package / "schools.xlsx")
    workbook.worksheets[0]["M3"] = hostile("三百")  # 在校学生数 of the first section
    workbook.save(package / "schools.xlsx")
    with (package / "classes.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][3] = hostile("abc")
    with (package / "classes.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    out = tmp_path / "check"
    assert check(package, out) == 1
    page, seen = browser_page
    before = len(seen["dialogs"]), len(seen["errors"])
    page.goto((out / "report.html").as_uri())
    record = page.evaluate(LIVE_JS)
    assert (len(seen["dialogs"]), len(seen["errors"])) == before, seen
    assert not record["found"], record["found"]
    assert hostile("三百") in record["text"] and hostile("abc") in record["text"]
    assert not EVALUATED.search(record["text"])
