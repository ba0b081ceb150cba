"""The one Chromium of a test session, shared by the browser tests of every module.

Why one: Playwright's sync API runs its own event loop, and a second `sync_playwright()` started
in the same worker while the first is open fails ("Sync API inside the asyncio loop").
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def browser():
    from tests.site.test_browser import CHROMIUM, CHROMIUM_ARGS, missing

    if not Path(CHROMIUM).exists():
        missing("Chromium", f"{CHROMIUM}; apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
