"""Site search: the patched worker matches the installed Material, and schools are found by the
names readers type.

Material names its worker by a hash of its content, so after an upgrade the override would sit
unused under the old name and Chinese search would silently lose its fix. The browser test
(test_chinese_search_shows_the_school_among_the_first_results) would notice; the check here says
why.

Readers type a school's short name or part of it (十四中, 三十五小学, 柳河一中, 实验小学), which
matches no word of its heading; each section's search entry carries those forms
(publish/_search_aliases.py). The browser tests search the demo site and 柳河县's
(tests/fixtures/county_small) in Chromium, as tests/site/test_browser.py does, and want the
school as the first section among the results.
"""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.site.test_browser import DESKTOP, QuietHandler, open_page, search

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "overrides" / "search_worker.py"
SMALL = ROOT / "tests" / "fixtures" / "county_small"
# the addresses of the result links that lead to a section, best first
SECTION_RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__list a')]
  .map(a => new URL(a.href)).filter(u => u.hash).map(u => u.pathname + u.hash)"""


def test_search_worker_override_is_current():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_search_index_gives_the_school_sections_their_other_names(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "aliases" in index["config"]["fields"]
    entries = {e["location"]: e for e in index["docs"]}
    assert "十四中" in entries["schools/#s078"]["aliases"].split()
    assert "十四中" in entries["en/schools/#s078"]["aliases"].split()
    named = [e for e in index["docs"] if e["location"].startswith("schools/#s")]
    assert len(named) > 100 and all(e.get("aliases") for e in named)
    assert not [e["location"] for e in index["docs"] if "aliases" in e and "#" not in e["location"]]


@contextmanager
def served(folder: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def demo_url(built_site: Path) -> Iterator[str]:
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def small_url(tmp_path_factory: pytest.TempPathFactory, build_county) -> Iterator[str]:
    site = build_county(SMALL, tmp_path_factory.mktemp("liuhe-search") / "site")
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def search_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def section_results(page, site: str, query: str) -> list[str]:
    """Search from the site's overview; return the sections the results lead to, best first."""
    open_page(page, site)
    search(page, query)
    return page.evaluate(SECTION_RESULTS_JS)


@pytest.mark.browser
@pytest.mark.parametrize(
    "query, anchor",
    [
        ("三十五小学", "s035"),  # 示例第三十五小学: was the 47th result
        ("十四中", "s078"),  # 示例第十四中学: was the 43rd, folded away
        ("35小", "s035"),
        ("一中", "s064 s065"),  # 示例第一中学: its main campus or its branch, equally
        ("示例第五小学", "s005"),  # the name in full still comes first
    ],
)
def test_demo_school_comes_first_by_its_short_name(search_page, demo_url, query, anchor):
    found = section_results(search_page, demo_url, query)
    assert found[:1] in [[f"/schools/#{a}"] for a in anchor.split()], found[:5]


@pytest.mark.browser
@pytest.mark.parametrize(
    "query, anchor",
    [
        ("柳河一中", "lh08"),  # 柳河县第一中学
        ("二小", "lh02"),  # 柳河县第二小学
        ("实验小学", "lh06"),  # 柳河县实验学校's 小学部, before its 初中部
        ("东山初中", "lh10"),  # 东山乡初级中学
        ("花园村", "lh05"),  # 东山乡花园村教学点, a part of the name
    ],
)
def test_second_county_school_comes_first_by_its_short_name(search_page, small_url, query, anchor):
    found = section_results(search_page, small_url, query)
    assert found[:1] == [f"/schools/#{anchor}"], found[:5]


@pytest.mark.browser
def test_results_show_the_heading_as_written_not_the_other_names(search_page, demo_url):
    section_results(search_page, demo_url, "十四中")
    shown = search_page.locator(".md-search-result__list").inner_text()
    assert "示例第十四中学" in shown.replace("\u200b", "")
    assert "14中" not in shown
