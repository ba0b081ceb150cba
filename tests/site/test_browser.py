"""The built site in headless Chromium: every page, both languages, on a phone and in dark mode.

Uses Debian's /usr/bin/chromium through Playwright (no browser download). In CI a missing browser
is a failure; on a developer machine without it the tests are skipped with the reason.

One browser and one page serve the whole session. The page list comes from the built site (every
index.html outside /en/, plus its /en/ twin), so a new page is covered without editing this file.
Two sweeps visit every page once each and record what they saw; the tests below assert on those
records, so a failure names every page and element at once:

- phone sweep (375 × 812, light): console errors, requests leaving localhost, failed responses,
  `lang`, live charts with their text alternative, the language switcher's target, horizontal
  overflow of the page, chart titles, and axe-core;
- dark sweep (1280 × 800, dark colour scheme): axe-core again (contrast differs in dark mode and
  some tables only overflow on a wide screen), then the same page under print media.

Accessibility: axe-core (bundled by axe-playwright-python, so nothing is fetched at test time) with
the rule tags wcag2a, wcag2aa and best-practice. Best practices are included because on this site
they are not noisy: the only extra findings were an unnamed search dialog (fixed in
overrides/partials/search.html) and a skipped heading level (moderate). Serious and critical
violations fail; moderate and minor ones are not asserted.
"""

from __future__ import annotations

import csv
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from publish._check import check

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "best-practice"]
# Dark mode changes colours only, so the dark sweep runs the colour rules (plus scroll boxes, which
# differ on a wide screen). Colour contrast is most of axe's time, and most of that goes on the
# long generated lists, whose rows repeat the same classes: the dark sweep checks their first
# rows; the phone sweep checks every row.
DARK_RULES = ["color-contrast", "link-in-text-block", "scrollable-region-focusable"]
DARK_SKIP = [".ec-school-entry:nth-child(n+30)", ".ec-sections tbody tr:nth-child(n+21)"]
FAILING_IMPACTS = {"serious", "critical"}
SCHOOL_QUERY, SCHOOL_ANCHOR = "示例第五小学", "s005"  # a school name from the section table

pytestmark = pytest.mark.browser


def missing(what: str, hint: str):
    """Fail in CI (the CI script installs everything), skip on a developer machine."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} not found: {hint}")
    pytest.skip(f"{what} is not installed ({hint})")


# --- serving and driving the site ------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Return the path of every page below the site root ('' is the overview), both languages."""
    zh = []
    for index in sorted(built_site.rglob("index.html")):
        folder = index.parent.relative_to(built_site)
        if folder.parts[:1] != ("en",):
            zh.append("" if folder == Path(".") else f"{folder.as_posix()}/")
    assert len(zh) >= 12, zh
    return zh + [f"en/{path}" for path in zh]


def counterpart(path: str) -> str:
    """Return the other language's path of a page."""
    return path.removeprefix("en/") if path.startswith("en/") else f"en/{path}"


@dataclass
class Recorder:
    """What the browser reported since the last drain: console errors, requests, responses."""

    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def drain(self) -> tuple[list[str], list[str], list[str]]:
        found = (self.errors[:], self.external[:], self.failed[:])
        for kept in (self.errors, self.external, self.failed):
            kept.clear()
        return found


@pytest.fixture(scope="session")
def session_page(browser):
    """The one page every test drives, with its recorder; requests off localhost are aborted."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    recorder = Recorder()
    page.on("console", lambda m: m.type == "error" and recorder.errors.append(m.text))
    page.on("pageerror", lambda e: recorder.errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and recorder.failed.append(f"{r.status} {r.url}"))

    def guard(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            recorder.external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield page, recorder
    context.close()


@pytest.fixture
def page(session_page, site_url):
    """The session's page, reset to a light wide screen with no saved palette."""
    page, recorder = session_page
    page.emulate_media(media="screen", color_scheme="light")
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "404.html")  # any page of the site, to reach its localStorage
    page.evaluate("localStorage.clear()")
    recorder.drain()
    return page


@pytest.fixture(scope="session")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        missing("axe-playwright-python", "install the project's test dependency group")
    return Axe()


def open_page(page, url: str) -> None:
    """Load url and wait until every chart is live and the page scripts have run."""
    page.goto(url, wait_until="load")
    if page.locator("figure.ec-chart").count():
        # the charts go live only near the screen or when touched (charts.js): touch them all
        page.evaluate(
            "() => document.querySelectorAll('figure.ec-chart').forEach("
            "f => f.dispatchEvent(new Event('focusin', {bubbles: true})))"
        )
        page.wait_for_function(
            "() => [...document.querySelectorAll('figure.ec-chart')]"
            ".every(f => f.classList.contains('ec-chart--live'))",
            timeout=15_000,
        )
    # two frames: the scroll-box marking in overrides/main.html runs in the next frame
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def axe_violations(axe, page, *, dark: bool = False) -> list[str]:
    """Return the serious and critical axe-core violations: rule, impact and target selectors."""
    run_only = (
        {"type": "rule", "values": DARK_RULES} if dark else {"type": "tag", "values": AXE_TAGS}
    )
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    context = {"exclude": DARK_SKIP} if dark else None
    found = []
    for violation in axe.run(page, context=context, options=options).response["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            shown = "; ".join(targets[:5]) + (f"; … {len(targets) - 5} more" if targets[5:] else "")
            found.append(f"axe {violation['id']} ({violation['impact']}): {shown}")
    return found


# --- what the page reports (JavaScript run in the page) ------------------------------------

CHARTS_JS = """() => [...document.querySelectorAll('figure.ec-chart')].map(figure => {
  const canvas = figure.querySelector('.ec-chart__canvas');
  const svg = canvas && canvas.querySelector('.ec-chart__plot.vega-embed svg.marks');
  const title = svg && svg.querySelector('.role-title text');
  const box = svg && svg.getBoundingClientRect(), text = title && title.getBoundingClientRect();
  return {
    id: figure.id,
    live: canvas ? canvas.querySelectorAll('.ec-chart__plot.vega-embed svg.marks').length : 0,
    role: canvas && canvas.getAttribute('role'),
    label: canvas && canvas.getAttribute('aria-label'),
    fits: !!svg && box.width <= canvas.clientWidth + 1,
    titleFits: !title || (text.left >= box.left - 1 && text.right <= box.right + 1),
  };
})"""

# Elements wider than the screen outside a box that scrolls them: the page would scroll sideways
# (or clip). Walks the banner, header, content and footer; a scroll box's contents are its own.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const walk = element => {
    for (const child of element.children) {
      if (!child.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
      const box = child.getBoundingClientRect();
      if (box.width && (box.right > width + 1 || box.left < -1)) {
        out.push(child.tagName.toLowerCase() + (child.id ? '#' + child.id : '')
          + (typeof child.className === 'string' && child.className
             ? '.' + child.className.trim().split(/\\s+/).join('.') : '')
          + ` (${Math.round(box.left)}–${Math.round(box.right)} px)`);
        continue;
      }
      const overflow = getComputedStyle(child).overflowX;
      if (overflow !== 'auto' && overflow !== 'scroll') walk(child);
    }
  };
  document.querySelectorAll('.md-banner, .md-header, .md-content, .md-footer').forEach(walk);
  if (document.documentElement.scrollWidth > width) out.unshift(
    `page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen`);
  return out;
}"""

# Under print media: what must be hidden, shown, opened and kept whole (see site.css, print).
PRINT_JS = """() => {
  const shown = e => !!e && e.checkVisibility();
  const problems = [];
  for (const selector of ['.md-header', '.md-search', '.md-sidebar--primary',
                          '.md-sidebar--secondary', '.md-footer__inner', '.md-top']) {
    const element = document.querySelector(selector);
    if (shown(element)) problems.push(`${selector} is printed`);
  }
  document.querySelectorAll('figure.ec-chart').forEach(figure => {
    if (!shown(figure.querySelector('.ec-chart__print > svg')))
      problems.push(`${figure.id}: the build-time SVG is not printed`);
    if (shown(figure.querySelector('.ec-chart__plot')))
      problems.push(`${figure.id}: the live chart is printed`);
  });
  document.querySelectorAll('.md-content details').forEach(details => {
    [...details.children].filter(c => c.tagName !== 'SUMMARY').forEach(child => {
      if (!shown(child)) problems.push(`details "${details.querySelector('summary')
        ?.textContent.trim()}" prints closed`);
    });
  });
  document.querySelectorAll('.ec-card, figure.ec-chart').forEach(element => {
    if (!/avoid/.test(getComputedStyle(element).breakInside))
      problems.push(`${element.id || element.className} may be split across pages`);
  });
  const banner = document.querySelector('.ec-demo-banner');
  if (banner && !shown(banner)) problems.push('the demo-data banner is not printed');
  if (!shown(document.querySelector('.ec-provenance'))) problems.push('provenance is not printed');
  const luminance = colour => {
    const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const text = document.querySelector('.md-content .md-typeset p');
  if (text && 1.05 / (luminance(getComputedStyle(text).color) + 0.05) < 7)
    problems.push(`body text prints light (${getComputedStyle(text).color})`);
  document.querySelectorAll('.md-content .md-typeset p a').forEach(link => {
    const style = getComputedStyle(link);
    const faint = 1.05 / (luminance(style.color) + 0.05) < 4.5;
    if (faint || !style.textDecorationLine.includes('underline'))
      problems.push(`link "${link.textContent.trim()}" prints faint or without underline`);
  });
  return problems;
}"""


@dataclass
class PageRecord:
    """What one visit to one page found."""

    path: str
    lang: str | None = None
    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    switcher: dict[str, str | None] = field(default_factory=dict)
    overflow: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    scheme: str | None = None
    printed: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def phone_sweep(session_page, site_url, site_pages, axe) -> dict[str, PageRecord]:
    """Visit every page on a 375-px phone in light mode; return what each visit found."""
    page, recorder = session_page
    page.set_viewport_size(PHONE)
    page.emulate_media(media="screen", color_scheme="light")
    records = {}
    for path in site_pages:
        recorder.drain()
        open_page(page, site_url + path)
        record = PageRecord(path, lang=page.locator("html").get_attribute("lang"))
        record.charts = page.evaluate(CHARTS_JS)
        for other in ("zh", "en"):
            link = page.locator(f".md-header a.md-select__link[hreflang={other}]").first
            href = link.get_attribute("href") if link.count() else None
            record.switcher[other] = href and urljoin(page.url, href)
        record.overflow = page.evaluate(OVERFLOW_JS)
        record.axe = axe_violations(axe, page)
        record.errors, record.external, record.failed = recorder.drain()
        records[path] = record
    return records


@pytest.fixture(scope="session")
def dark_sweep(session_page, site_url, site_pages, axe) -> dict[str, PageRecord]:
    """Visit every page on a wide screen in dark mode, then print it; return the findings."""
    page, recorder = session_page
    page.set_viewport_size(DESKTOP)
    page.emulate_media(media="screen", color_scheme="dark")
    page.goto(site_url + "404.html")
    page.evaluate("localStorage.clear()")  # Material follows the system scheme when none is saved
    records = {}
    for path in site_pages:
        recorder.drain()
        open_page(page, site_url + path)
        record = PageRecord(path, scheme=page.locator("body").get_attribute("data-md-color-scheme"))
        record.axe = axe_violations(axe, page, dark=True)
        page.emulate_media(media="print")
        record.printed = page.evaluate(PRINT_JS)
        page.emulate_media(media="screen")
        record.errors, record.external, record.failed = recorder.drain()
        records[path] = record
    page.emulate_media(color_scheme="light")
    return records


def report(records: dict[str, PageRecord], name: str) -> str:
    """Return one line per page and finding, for an assertion message."""
    return "\n".join(f"/{r.path}: {item}" for r in records.values() for item in getattr(r, name))


# --- every page, both languages --------------------------------------------------------------


def test_every_page_has_both_languages(built_site, site_pages):
    missing_twins = [p for p in site_pages if not (built_site / p / "index.html").is_file()]
    assert not missing_twins, missing_twins


def test_pages_load_cleanly_on_a_phone(phone_sweep):
    """No console errors, no request leaving localhost, no failed response, the right lang."""
    assert not report(phone_sweep, "errors"), report(phone_sweep, "errors")
    assert not report(phone_sweep, "external"), report(phone_sweep, "external")
    assert not report(phone_sweep, "failed"), report(phone_sweep, "failed")
    wrong = {
        p: r.lang for p, r in phone_sweep.items() if r.lang != ("en" if p[:3] == "en/" else "zh")
    }
    assert not wrong, wrong


def test_pages_load_cleanly_in_dark_mode(dark_sweep):
    assert not report(dark_sweep, "errors"), report(dark_sweep, "errors")
    assert not report(dark_sweep, "external"), report(dark_sweep, "external")
    assert not report(dark_sweep, "failed"), report(dark_sweep, "failed")
    light = [p for p, r in dark_sweep.items() if r.scheme != "slate"]
    assert not light, f"pages not in dark mode with a dark system scheme: {light}"


def test_every_chart_renders_live_with_its_text_alternative(phone_sweep):
    """The live SVG sits inside .ec-chart__plot; the canvas keeps role=img and its aria-label."""
    problems = [
        f"/{path}: {chart['id']}: {chart}"
        for path, record in phone_sweep.items()
        for chart in record.charts
        if chart["live"] != 1 or chart["role"] != "img" or not chart["label"]
    ]
    assert not problems, "\n".join(problems)
    assert phone_sweep[""].charts and phone_sweep["en/"].charts  # the overview has charts


def test_charts_resize_to_a_phone(phone_sweep):
    wide = [f"/{p}: {c['id']}" for p, r in phone_sweep.items() for c in r.charts if not c["fits"]]
    assert not wide, wide


def test_chart_titles_are_not_clipped_on_a_phone(phone_sweep):
    """Titles start at the chart's left edge (publish/assets/charts.js, publish/_charts.py)."""
    clipped = [
        f"/{p}: {c['id']}" for p, r in phone_sweep.items() for c in r.charts if not c["titleFits"]
    ]
    assert not clipped, clipped


def test_the_language_switcher_reaches_the_counterpart_of_every_page(phone_sweep, site_url):
    problems = []
    for path, record in phone_sweep.items():
        other = "zh" if path.startswith("en/") else "en"
        target = site_url + counterpart(path)
        if record.switcher.get(other) != target:
            problems.append(f"/{path}: {other} link goes to {record.switcher.get(other)}")
        if counterpart(path) not in phone_sweep:
            problems.append(f"/{path}: no counterpart page /{counterpart(path)}")
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_phone(phone_sweep):
    """Tables scroll inside their own box; nothing else is wider than a 375-px screen."""
    assert not report(phone_sweep, "overflow"), report(phone_sweep, "overflow")


def test_no_serious_accessibility_violations_on_a_phone(phone_sweep):
    assert not report(phone_sweep, "axe"), report(phone_sweep, "axe")


def test_no_serious_accessibility_violations_in_dark_mode(dark_sweep):
    assert not report(dark_sweep, "axe"), report(dark_sweep, "axe")


def test_pages_print_cleanly(dark_sweep):
    """Printed from dark mode: no site chrome, static charts, open data tables, dark text."""
    assert not report(dark_sweep, "printed"), report(dark_sweep, "printed")


# --- interactions ----------------------------------------------------------------------------


@pytest.mark.parametrize("path, lang, other", [("resources/", "zh", "en"), ("en/", "en", "zh")])
def test_switcher_click_keeps_the_same_page(page, site_url, path, lang, other):
    open_page(page, site_url + path)
    page.locator(".md-header .md-select").first.hover()
    with page.expect_navigation():
        page.locator(f".md-header a.md-select__link[hreflang={other}]").first.click()
    assert page.url == site_url + counterpart(path)
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.parametrize("path", ["open-data/", "en/open-data/"])
def test_open_data_download_links_are_in_view_on_a_phone(page, site_url, path):
    """The file list fits a 375-px screen: every CSV and JSON link is visible without scrolling
    the table sideways (docs/assets/site.css, publish/_opendata_files.py files_table)."""
    page.set_viewport_size(PHONE)
    open_page(page, site_url + path)
    found = page.evaluate(
        """() => {
          const table = document.querySelector('.ec-files table');
          const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
          const right = box.getBoundingClientRect().right;
          const links = [...table.querySelectorAll('a[download]')];
          return {
            links: links.length,
            hidden: links.filter(a => a.getBoundingClientRect().right > right + 1)
              .map(a => a.getAttribute('href')),
            scrolls: box.scrollWidth > box.clientWidth + 1,
          };
        }"""
    )
    assert found["links"] > 0
    assert not found["hidden"] and not found["scrolls"], found


# Cells of a table that reach beyond its box (cut off unless the reader scrolls sideways).
CLIPPED_CELLS_JS = """selector => [...document.querySelectorAll(selector)].slice(0, 20)
  .flatMap(wrap => {
    const box = (wrap.querySelector('.md-typeset__scrollwrap') || wrap).getBoundingClientRect();
    return [...wrap.querySelectorAll('th, td')]
      .filter(cell => cell.getBoundingClientRect().right > box.right + 1)
      .map(cell => cell.textContent.trim().slice(0, 30));
  })"""


@pytest.mark.parametrize(
    "path, selector",
    [
        ("schools/", ".ec-school"),
        ("en/schools/", ".ec-school"),
        ("", ".ec-differences"),
        ("en/", ".ec-differences"),
    ],
)
def test_school_cards_and_the_differences_table_fit_a_phone(page, site_url, path, selector):
    """On a 375-px phone every cell is in view (the tables stack), and a reason gets the full
    width rather than a one-word column."""
    page.set_viewport_size(PHONE)
    open_page(page, site_url + path)
    assert page.locator(selector).count()
    assert page.evaluate(CLIPPED_CELLS_JS, selector) == []
    widths = page.evaluate(
        "s => [...document.querySelectorAll(s + ' tbody td:last-child')]"
        ".map(c => c.getBoundingClientRect().width)",
        selector,
    )
    assert min(widths) > 0.3 * PHONE["width"], widths


SECTION_TABLE_JS = """() => {
  const wrap = document.querySelector('.ec-sections');
  const box = wrap.querySelector('.md-typeset__scrollwrap');
  box.scrollLeft = box.scrollWidth;  // scrolled right to the class column
  const first = wrap.querySelector('tbody th[scope=row]').getBoundingClientRect();
  const last = wrap.querySelector('thead th:last-child').getBoundingClientRect();
  const outer = box.getBoundingClientRect();
  const lines = cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  };
  const names = [...wrap.querySelectorAll('tbody td:nth-child(2)')];
  return {
    boxHeight: outer.height,
    fits: box.scrollWidth <= box.clientWidth + 1,
    idInView: first.left >= outer.left - 1 && first.right <= outer.right + 1,
    lastInView: last.right <= outer.right + 1,
    brokenNames: names.filter(cell => lines(cell) > 1).map(cell => cell.textContent).slice(0, 5),
  };
}"""


@pytest.mark.parametrize("path", ["resources/", "en/resources/"])
@pytest.mark.parametrize("width", [1200, DESKTOP["width"], PHONE["width"]])
def test_section_table_keeps_every_column_in_reach(page, site_url, path, width):
    """The 115-row table: its box is no taller than the screen, so its sideways scrollbar is in
    reach; scrolled to the right, the section id column stays in view; school names never break
    mid-name; at 1200 px (no navigation sidebar) every column fits without scrolling."""
    page.set_viewport_size({"width": width, "height": 800})
    open_page(page, site_url + path)
    found = page.evaluate(SECTION_TABLE_JS)
    assert found["boxHeight"] <= 800, found
    assert found["idInView"] and found["lastInView"], found
    assert not found["brokenNames"], found
    if width == 1200:
        assert found["fits"], found


def test_chart_follows_dark_mode(page, site_url):
    """After the palette toggle the live chart is drawn again with the dark scheme's text colour."""
    open_page(page, site_url + "en/")
    axis_text = "figure.ec-chart .ec-chart__plot svg .role-axis-label text"

    def fill() -> str:
        return page.locator(axis_text).first.evaluate("e => getComputedStyle(e).fill")

    light = fill()
    page.locator("label[for='__palette_1']").first.click()
    page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg="slate"
    )
    page.wait_for_timeout(500)
    dark = fill()
    assert light != dark
    page.evaluate("localStorage.clear()")  # the toggle is remembered: forget it


def search(page, query: str) -> None:
    """Type query into Material's search box and wait for the result list.

    Material reads the box on keyup (and once when its search index is ready). Playwright types
    characters that are not on a US keyboard as input events only, with no keyup, so Chinese
    typed after the index was ready never reached the search: the test passed or timed out by
    a race. With an input method the key that commits the characters sends the keyup; End
    stands in for it here.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__list > li').length > 0",
        timeout=10_000,
    )


def school_results(page, site_url: str):
    """Return the search result links that lead to the school's own entry on the 中文 page."""
    return page.locator(
        f".md-search-result__list a[href^='{site_url}schools/'][href$='#{SCHOOL_ANCHOR}']"
    )


def test_chinese_search_finds_a_school_by_its_name(page, site_url):
    open_page(page, site_url)
    search(page, SCHOOL_QUERY)
    results = school_results(page, site_url)
    assert results.count() >= 1
    href = results.first.get_attribute("href")
    page.goto(urljoin(page.url, href))
    assert SCHOOL_QUERY in page.locator(f"[id='{SCHOOL_ANCHOR}']").inner_text()


def test_chinese_search_shows_the_school_among_the_first_results(page, site_url):
    """The school named in full ranks first, not folded under 'more results'.

    Material's own worker dropped the query's last word and ranked 第五十… schools above 第五;
    the site ships a patched worker (overrides/search_worker.py).
    """
    open_page(page, site_url)
    search(page, SCHOOL_QUERY)
    assert school_results(page, site_url).first.is_visible()


def test_a_parent_finds_the_school_by_a_short_name_and_reads_its_answer_first(browser, site_url):
    """The parent's path on a phone: a partial name in the search box, the first result, and
    the school's entry opening with one sentence that answers whether it meets the standards."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.locator("label.md-header__button[for='__search']").click()
    search(page, "三十五小学")
    links = page.locator(".md-search-result__list a")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    found = [  # search.highlight adds ?h=… before the anchor
        n
        for n, url in enumerate(hrefs)
        if urlparse(url).path == "/schools/" and urlparse(url).fragment
    ]
    assert found, hrefs[:5]
    first = found[0]  # the first section result
    href = hrefs[first]
    links.nth(first).click()
    page.wait_for_url("**/schools/**#s035")
    heading = page.locator("[id='s035']")
    answer = page.locator("[id='s035'] + .ec-school-entry > .ec-school__answer")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    answer_box = answer.bounding_box()
    text, name = answer.inner_text(), heading.inner_text()
    context.close()
    assert href.endswith("#s035") and "第三十五小学" in name, (href, name)
    assert 0 <= top < PHONE["height"] and answer_box["y"] < PHONE["height"]  # in view at once
    assert text.startswith("该学部未达到全部标准：") and "超过上限" in text, text
    assert "整改方案" in text or "没有针对该学部的整改方案" in text


def test_the_search_index_loads_only_when_search_is_used(browser, site_url):
    """The index is the site's largest file: a reader who never searches never fetches it, and
    the first search still finds the school (the request waits, it is not dropped)."""
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda r, seen=fetched: "search_index" in r.url and seen.append(r.url))
        page.goto(site_url + "resources/", wait_until="load")
        page.wait_for_timeout(1_500)  # the theme asks for the index at once; it is held back
        before = list(fetched)
        if viewport is PHONE:
            page.locator("label.md-header__button[for='__search']").click()
        search(page, SCHOOL_QUERY)
        found = school_results(page, site_url).count()
        context.close()
        assert before == [], f"fetched at load: {before}"
        assert len(fetched) == 1 and found >= 1, (fetched, found)


# the check report (python -m publish check), opened from the file system as a data officer
# double-clicks it: both languages, no request, and its link to the marked workbook resolves
CHECK_PACKAGE = Path(__file__).resolve().parents[1] / "fixtures" / "county_small"


def test_check_report_opens_from_the_file_system(tmp_path, browser):
    from openpyxl import load_workbook

    package = tmp_path / "county"
    shutil.copytree(CHECK_PACKAGE, package)
    workbook = load_workbook(package / "schools.xlsx")
    workbook.worksheets[0]["M4"] = "三百"  # 在校学生数 of the second section
    workbook.save(package / "schools.xlsx")
    rows = list(csv.reader((package / "classes.csv").open(encoding="utf-8-sig")))
    rows[2][3] = "abc"
    with (package / "classes.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    out = tmp_path / "check"
    assert check(package, out) == 1
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto((out / "report.html").as_uri())
    text = page.inner_text("body")
    link = page.get_attribute("a[href$='.annotated.xlsx']", "href")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert "数据包检查报告" in text and "Data package check" in text
    assert "三百" in text and "abc" in text and "What to do" in text
    assert all(url.startswith("file://") for url in requests), requests
    assert not errors
    assert (out / link).is_file()
    assert overflow <= 0  # on a phone the wide tables scroll inside their box, not the page


def test_chart_library_loads_only_when_a_chart_nears_the_screen(browser, site_url):
    """The build-time SVG is the chart until its figure nears the screen: only then is the Vega
    bundle fetched and that figure drawn live. With JavaScript off the SVG stays the chart."""
    context = browser.new_context(viewport=PHONE)  # its own cache: the bundle is not in it yet
    page = context.new_page()
    bundles: list[str] = []
    page.on("request", lambda r: "vega-bundle" in r.url and bundles.append(r.url))
    page.goto(site_url, wait_until="load")  # the overview: its charts are far down on a phone
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(300)
    figures = page.locator("figure.ec-chart")
    first = figures.first
    top = first.evaluate("f => f.getBoundingClientRect().top")
    static = first.locator(".ec-chart__plot:not(.vega-embed) > svg").count()
    before = (list(bundles), page.locator("figure.ec-chart--live").count())
    first.scroll_into_view_if_needed()
    live_js = "f => f.classList.contains('ec-chart--live')"
    page.wait_for_function(live_js, arg=first.element_handle(), timeout=15_000)
    live = first.locator(".ec-chart__plot.vega-embed svg.marks").count()
    context.close()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    without_js = page.locator("figure.ec-chart .ec-chart__plot > svg").evaluate_all(
        "svgs => svgs.map(s => s.checkVisibility() && s.getBoundingClientRect().width > 100)"
    )
    context.close()
    assert top > PHONE["height"] + 300, "the overview's first chart is in view at load on a phone"
    assert static == 1, "the build-time SVG is shown before the chart is live"
    assert before == ([], 0), f"at load, with no chart in view: requests {before[0]}"
    assert len(bundles) == 1 and live == 1, (bundles, live)
    assert without_js and all(without_js), "without JavaScript every chart shows its SVG"
