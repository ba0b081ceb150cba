"""Type a query into a built site's search in headless Chromium and return the result links.

Why in a browser: both generators index in JavaScript (Material's worker, Zensical's worker with
`Intl.Segmenter`), so whether a Chinese school name is found can only be seen by searching.
Uses Debian's /usr/bin/chromium through Playwright, as tests/site/test_browser.py does.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve a site folder on a free local port; yield its address."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def available() -> str | None:
    """Return why the browser search cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed"
    return None if Path(CHROMIUM).exists() else f"no Chromium at {CHROMIUM}"


def search(site: Path, page_path: str, query: str, kind: str) -> list[str] | str:
    """Return the result links for `query` typed on `page_path`, or a string saying what failed.

    kind "material": Material's search box; "zensical": Zensical's search button and dialog.
    """
    from playwright.sync_api import Error, sync_playwright

    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(url + page_path)
            page.wait_for_timeout(1500)
            if kind == "zensical":
                button = page.locator(".md-search__button")
                if button.count() == 0:
                    return "no search button on the page (Zensical's search never opens)"
                button.first.click()
                page.wait_for_timeout(1000)
                box = page.locator("input[role=combobox]:visible")
            else:
                box = page.locator("input.md-search__input")
            if box.count() == 0:
                return "no search box"
            box.first.click()
            box.first.press_sequentially(query)
            box.first.press("End")  # Chinese typed by Playwright sends no keyup (test_browser.py)
            page.wait_for_timeout(3000)
            return page.locator("a:visible").evaluate_all(
                "els => els.map(e => e.href).filter(h => h.includes('?h='))"
            )
        except Error as error:
            return f"browser error: {str(error).splitlines()[0]}"
        finally:
            browser.close()


def rank(links: list[str], fragment: str) -> int | None:
    """Return the 1-based position of the first link ending in `fragment`, None if absent."""
    for position, link in enumerate(links, start=1):
        if link.endswith(fragment):
            return position
    return None
