"""The built site in headless Chromium: charts render, the switcher works, nothing leaves localhost.

Uses Debian's /usr/bin/chromium through Playwright (no browser download). In CI a missing browser
is a failure; on a developer machine without it the test is skipped with the reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

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

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: .ci/run must install Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, url: str):
    """Open url; return the page, console errors, requests that left localhost, failed responses."""
    page = browser.new_page()
    errors: list[str] = []
    external: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))

    def guard(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(url, wait_until="load")
    page.wait_for_selector("figure.ec-chart.ec-chart--live", timeout=15_000)
    return page, errors, external, failed


@pytest.mark.parametrize("path, counterpart, lang", [("", "en/", "zh"), ("en/", "", "en")])
def test_overview_renders_chart_and_switches_language(browser, site_url, path, counterpart, lang):
    page, errors, external, failed = open_page(browser, site_url + path)
    assert page.locator("html").get_attribute("lang") == lang
    figures = page.locator("figure.ec-chart")
    assert figures.count() >= 1
    for i in range(figures.count()):
        canvas = figures.nth(i).locator(".ec-chart__canvas")
        assert (
            canvas.locator(".ec-chart__plot.vega-embed svg.marks").count() == 1
        )  # live, in its container
        assert canvas.get_attribute("role") == "img" and canvas.get_attribute("aria-label")
    assert not errors, errors
    assert not external, external
    assert not failed, failed
    # the language switcher leads to the counterpart of this page
    other = "en" if lang == "zh" else "zh"
    href = page.locator(f"a.md-select__link[hreflang={other}]").get_attribute("href")
    page.goto(page.url.rsplit("#", 1)[0] if href is None else urljoin_page(page.url, href))
    assert page.url == site_url + counterpart
    assert page.locator("html").get_attribute("lang") == other
    page.close()


def urljoin_page(base: str, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, href)


def test_switcher_click_keeps_the_same_page(browser, site_url):
    page, errors, external, _ = open_page(browser, site_url + "resources/")
    page.locator(".md-header .md-select").first.hover()
    with page.expect_navigation():
        page.locator(".md-header a.md-select__link[hreflang=en]").first.click()
    assert page.url == site_url + "en/resources/"
    assert not errors and not external
    page.close()


def test_chart_follows_dark_mode(browser, site_url):
    """After the palette toggle the live chart is drawn again with the dark scheme's text colour."""
    page, errors, _, _ = open_page(browser, site_url + "en/")
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
    assert not errors
    page.close()
