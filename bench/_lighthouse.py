"""Lighthouse on every page: mobile performance ≥ 95 and accessibility 100, served with gzip.

The site is built once from the snapshot, served from 127.0.0.1 by a stdlib server that gzips
text files as any static host does (the scores of an uncompressed site would mislead), and every
page of both languages is run through Lighthouse with its mobile defaults (simulated slow 4G, a
375-px phone, 4× CPU slowdown) in Debian's headless Chromium. Lighthouse comes from npm, pinned by
bench/lighthouse/package-lock.json and installed with `npm ci` into build/bench/lighthouse.

Simulated throttling scales the tasks it observed, so a loaded machine inflates Total Blocking
Time; each page's report keeps Lighthouse's own CPU benchmark index to judge that by.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench._build import module, publish_args
from bench._timing import command_seconds

PERFORMANCE_TARGET = 95
ACCESSIBILITY_TARGET = 100
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
RUN_TIMEOUT_S = 300
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".csv"}
# unscored audits of the performance category that say where the time and bytes go
OPPORTUNITIES = (
    "render-blocking-resources",
    "unused-javascript",
    "unused-css-rules",
    "legacy-javascript",
    "uses-long-cache-ttl",
)


@functools.cache
def _compressed(path: str, mtime: float) -> bytes:
    """Return a file gzipped (the mtime in the key drops a stale copy after a rebuild)."""
    return gzip.compress(Path(path).read_bytes(), 6)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files, gzipping text ones when the client accepts it (compressed once per file)."""

    def send_head(self) -> io.BufferedIOBase | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = _compressed(str(path), path.stat().st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:  # a run makes thousands of requests
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` with gzip on 127.0.0.1 and a free port; yield its base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site: Path) -> list[str]:
    """Return every page's path below the site root ('' is the overview), Chinese first."""
    paths = []
    for index in site.rglob("index.html"):
        folder = index.parent.relative_to(site).as_posix()
        paths.append("" if folder == "." else f"{folder}/")
    return sorted(paths, key=lambda p: (p.startswith("en/"), p.removeprefix("en/")))


def install(source: Path, target: Path) -> Path:
    """Install the pinned Lighthouse with `npm ci` unless `target` holds that lock already."""
    lock = source / "package-lock.json"
    installed = target / "node_modules" / ".package-lock.json"
    stamp = target / "package-lock.json"
    if not (installed.is_file() and stamp.is_file() and stamp.read_bytes() == lock.read_bytes()):
        target.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(source / name, target / name)
        npm = ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
        subprocess.run(npm, cwd=target, check=True, stdout=subprocess.DEVNULL)
    return target / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(lighthouse: Path, url: str, report: Path) -> dict:
    """Run Lighthouse's mobile defaults (performance, accessibility) on `url`; return the JSON."""
    args = [
        str(lighthouse),
        url,
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    subprocess.run(args, check=True, timeout=RUN_TIMEOUT_S, stdout=subprocess.DEVNULL)
    return json.loads(report.read_text(encoding="utf-8"))


def _score(category: dict) -> int | None:
    return None if category.get("score") is None else round(category["score"] * 100)


def _lcp_element(audits: dict) -> str | None:
    """Return the selector or snippet of the Largest Contentful Paint element, if reported."""
    items = audits.get("largest-contentful-paint-element", {}).get("details", {}).get("items", [])
    for item in items:
        for row in item.get("items", [item]):
            node = row.get("node")
            if node:
                return node.get("selector") or node.get("snippet")
    return None


def points_lost(report: dict, category: str) -> list[tuple[str, float]]:
    """Return (audit id, points of the 100 it cost), largest first, for one category."""
    entry = report["categories"][category]
    refs = [r for r in entry["auditRefs"] if r.get("weight")]
    total = sum(r["weight"] for r in refs)
    lost = []
    for ref in refs:
        score = report["audits"][ref["id"]].get("score")
        if score is not None and score < 1:
            lost.append((ref["id"], round(100 * ref["weight"] * (1 - score) / total, 1)))
    return sorted(lost, key=lambda x: -x[1])


def opportunities(audits: dict) -> list[tuple[str, str]]:
    """Return (audit id, Lighthouse's estimate such as "Est savings of 220 ms") of the hints."""
    found = []
    for name in OPPORTUNITIES:
        audit = audits.get(name, {})
        if audit.get("score") is not None and audit["score"] < 1:
            found.append((name, audit.get("displayValue", "")))
    return found


def heaviest_scripts(audits: dict, count: int = 3) -> list[tuple[str, int]]:
    """Return (file name, main-thread ms) of the scripts that kept the CPU busiest."""
    items = (audits.get("bootup-time", {}).get("details") or {}).get("items", [])
    named = [(urlsplit(i["url"]).path, i["total"]) for i in items if "://" in i.get("url", "")]
    return [(path.rsplit("/", 1)[-1] or path, round(ms)) for path, ms in named][:count]


def summarize(page: str, report: dict) -> dict:
    """Return the figures of one Lighthouse report the bench shows."""
    audits = report["audits"]
    return {
        "page": page,
        "performance": _score(report["categories"]["performance"]),
        "accessibility": _score(report["categories"]["accessibility"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "transfer_kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "lcp_element": _lcp_element(audits),
        "performance_lost": points_lost(report, "performance"),
        "accessibility_failed": [name for name, _ in points_lost(report, "accessibility")],
        "opportunities": opportunities(audits),
        "heaviest_scripts": heaviest_scripts(audits),
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "lighthouse": report.get("lighthouseVersion"),
    }


def lowest(pages: list[dict], category: str) -> dict | None:
    """Return the page scoring lowest in `category` (the first of equals), or None if none did."""
    scored = [p for p in pages if p.get(category) is not None]
    return min(scored, key=lambda p: p[category]) if scored else None


def verdicts(pages: list[dict]) -> dict:
    """Return the lowest page of each category and whether every page meets its target."""
    performance, accessibility = lowest(pages, "performance"), lowest(pages, "accessibility")
    return {
        "lowest_performance": performance,
        "lowest_accessibility": accessibility,
        "performance_passes": bool(performance)
        and performance["performance"] >= PERFORMANCE_TARGET,
        "accessibility_passes": bool(accessibility)
        and accessibility["accessibility"] >= ACCESSIBILITY_TARGET,
    }


def measure(root: Path, project: Path, package: Path, out: Path, log=print) -> dict:
    """Build the site once, serve it with gzip and run Lighthouse on every page."""
    lighthouse = install(root / "bench" / "lighthouse", out / "lighthouse")
    site, reports = out / "lighthouse-site", out / "lighthouse-reports"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir(parents=True)
    build_s = command_seconds(module("publish", *publish_args(package, site)), project)
    pages = []
    with serve(site) as base:
        for path in site_pages(site):
            name = (path.strip("/") or "index").replace("/", "_") + ".json"
            report = run_lighthouse(lighthouse, base + path, reports / name)
            pages.append(summarize(path or "/", report))
            log(
                f"lighthouse {path or '/'}: {pages[-1]['performance']} / "
                f"{pages[-1]['accessibility']}"
            )
    return {"build_s": build_s, "pages": pages, **verdicts(pages)}
