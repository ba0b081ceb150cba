"""Page weight (issue 7): the overview page's first-visit transfer, and where the charts load.

First visit = the HTML plus every local file it references (stylesheets, scripts, icons,
images) plus the files those stylesheets reference with url(...), each counted once. Material's
script then fetches its search worker, search/search_index.json and the lunr language files on
every first visit (checked once in Chromium: its request list matched these files byte for
byte), so those are counted too, and shown apart. Sizes are raw and gzip-compressed (what a
server with compression sends). A page "has charts" when it holds a chart figure; it "loads
the chart library" when a <script src> names Vega.
"""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

CHART_MARK = 'class="ec-chart"'
CHART_LIBRARY = re.compile(r"vega", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
THEME_CONFIG = re.compile(r'<script id="__config"[^>]*>(.*?)</script>', re.DOTALL)
LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}


class _References(HTMLParser):
    """Collect script/img/source src and the href of resource <link>s (never <a> links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in {"script", "img", "source", "audio", "video"} and found.get("src"):
            self.urls.append(found["src"] or "")
            if tag == "script":
                self.scripts.append(found["src"] or "")
        elif tag == "link" and set((found.get("rel") or "").split()) & LINK_RELS:
            self.urls.append(found.get("href") or "")


def _references(page: Path) -> _References:
    parser = _References()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _local(base: Path, url: str, site: Path) -> Path | None:
    """Return the file a relative URL points at inside the site, or None (external, data:)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else base / parts.path
    target = target.resolve()
    return target if target.is_file() and target.is_relative_to(site) else None


def referenced_files(site: Path, page: Path) -> set[Path]:
    """Return the page and every local file it, or a stylesheet it loads, references."""
    files = {page}
    for url in _references(page).urls:
        target = _local(page.parent, url, site)
        if target is not None:
            files.add(target)
    for css in [f for f in files if f.suffix == ".css"]:
        for url in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            target = _local(css.parent, url, site)
            if target is not None:
                files.add(target)
    return files


def search_files(site: Path, page: Path) -> set[Path]:
    """Return what Material's script fetches for search on load: worker, index, lunr files."""
    config = THEME_CONFIG.search(page.read_text(encoding="utf-8"))
    index = site / "search" / "search_index.json"
    if config is None or not index.is_file():
        return set()
    found = {index, (page.parent / json.loads(config.group(1))["search"]).resolve()}
    languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    names = [f"lunr.{lang}.min.js" for lang in languages if lang != "en"]
    if names:
        names.append("lunr.stemmer.support.min.js")
    if len(languages) > 1:
        names.append("lunr.multi.min.js")
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    return found | {lunr / name for name in names if (lunr / name).is_file()}


def _weigh(site: Path, files: set[Path]) -> dict:
    sizes = {str(f.relative_to(site)): f.stat().st_size for f in sorted(files)}
    compressed = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return {"bytes": sum(sizes.values()), "gzip_bytes": compressed, "files": sizes}


def first_visit(site: Path, page: Path) -> dict:
    """Return the bytes a first visit to `page` transfers: referenced files, then search."""
    site, page = site.resolve(), page.resolve()
    referenced = referenced_files(site, page)
    search = search_files(site, page) - referenced
    static, fetched = _weigh(site, referenced), _weigh(site, search)
    return {
        "page": str(page.relative_to(site)),
        "bytes": static["bytes"] + fetched["bytes"],
        "gzip_bytes": static["gzip_bytes"] + fetched["gzip_bytes"],
        "referenced": static,
        "search_on_load": fetched,
    }


def chart_library_use(site: Path) -> list[dict]:
    """Return, per HTML page, how many charts it has and which chart-library scripts it loads."""
    pages = []
    for page in sorted(site.rglob("*.html")):
        library = [s for s in _references(page).scripts if CHART_LIBRARY.search(s)]
        charts = page.read_text(encoding="utf-8").count(CHART_MARK)
        pages.append({"page": str(page.relative_to(site)), "charts": charts, "scripts": library})
    return pages


def page_weight(site: Path) -> dict:
    """Return the overview's first visit (both languages) and the chart-library check."""
    pages = chart_library_use(site)
    stray = [p["page"] for p in pages if p["scripts"] and not p["charts"]]
    return {
        "overview": first_visit(site, site / "index.html"),
        "overview_en": first_visit(site, site / "en" / "index.html"),
        "pages": pages,
        "library_without_charts": stray,
        "passes": not stray,
    }
