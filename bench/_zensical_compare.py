"""Pure comparisons of two built sites, and the Zensical report's Markdown (issue 19 §6).

Why separate from the runner: these functions read only files and strings, so they are tested on
tiny sites in tmp_path, while the runner (bench/_zensical.py) needs Zensical, MkDocs and minutes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

STATUSES = ("works", "differs", "breaks", "information")
_LINK = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"']*)["']""")
_EXTERNAL = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "//")
_ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)
_DROPPED = re.compile(r"<script.*?</script>|<style.*?</style>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Finding:
    """One measured item: its status (one of STATUSES) and what was seen."""

    status: str
    text: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {STATUSES}")


@dataclass
class Section:
    title: str
    short: str  # the name the verdict uses
    findings: list[Finding] = field(default_factory=list)

    def add(self, status: str, text: str) -> None:
        self.findings.append(Finding(status, text))


def derive_config(
    text: str, site_dir: str, macros_module: str | None = None, custom_dir: str | None = None
) -> str:
    """Return mkdocs.yml's text with another `site_dir` (for the probe: macros module, overrides).

    Text edits, not a YAML round trip: the file's `!ENV` and `!!python` tags stay as written,
    for Zensical's own loader to read. Each edited line must occur exactly once, so a changed
    mkdocs.yml fails here instead of building into the published site.
    """
    text = _replace_once(text, r"(?m)^site_dir:.*$", f"site_dir: {site_dir}")
    if macros_module is not None:
        text = _replace_once(text, r"modules: \[publish\._mkdocs\]", f"modules: [{macros_module}]")
    if custom_dir is not None:
        text = _replace_once(
            text, r"(?m)^(\s+)custom_dir: overrides\b", rf"\1custom_dir: {custom_dir}"
        )
    return text


def _replace_once(text: str, pattern: str, new: str) -> str:
    result, count = re.subn(pattern, new, text)
    if count != 1:
        raise ValueError(f"expected one match of {pattern!r} in mkdocs.yml, found {count}")
    return result


def site_files(site: Path) -> set[str]:
    """Return every file of a built site as a relative POSIX path (hidden files left out)."""
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts)
    }


def page_diff(baseline: Iterable[str], candidate: Iterable[str]) -> tuple[list[str], list[str]]:
    """Return (pages of the baseline missing from the candidate, pages only the candidate has),
    counting HTML pages only."""
    base = {p for p in baseline if p.endswith(".html")}
    cand = {p for p in candidate if p.endswith(".html")}
    return sorted(base - cand), sorted(cand - base)


def article_text(page_html: str) -> str:
    """Return the visible text of a page's <article> (the Markdown content), whitespace folded."""
    match = _ARTICLE.search(page_html)
    body = _DROPPED.sub(" ", match.group(1) if match else "")
    return " ".join(html.unescape(_TAG.sub(" ", body)).split())


def differing_articles(baseline: Path, candidate: Path, pages: Iterable[str]) -> list[str]:
    """Return the pages whose article text differs between the two sites."""
    return [
        page
        for page in sorted(pages)
        if article_text(_read(baseline / page)) != article_text(_read(candidate / page))
    ]


def broken_links(site: Path, files: set[str] | None = None) -> dict[str, list[str]]:
    """Return {missing target: pages linking to it} for every local href/src of the site's pages.

    A link is resolved against its page's folder; a folder link means its index.html.
    """
    files = site_files(site) if files is None else files
    broken: dict[str, list[str]] = {}
    for page in sorted(p for p in files if p.endswith(".html")):
        for link in set(_LINK.findall(_read(site / page))):
            target = resolve_link(page, html.unescape(link))
            if target is not None and target not in files:
                broken.setdefault(target, []).append(page)
    return broken


def resolve_link(page: str, link: str) -> str | None:
    """Return the site file a local link from `page` points to; None for external or anchors."""
    if not link or link.startswith(("#", "?")) or link.lower().startswith(_EXTERNAL):
        return None
    path = unquote(urlsplit(link).path)
    parts = [] if path.startswith("/") else page.split("/")[:-1]
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    if path.endswith("/") or not parts or path in ("", "."):
        parts.append("index.html")
    return "/".join(parts)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""


def render_report(header: list[str], sections: list[Section], verdict: str) -> str:
    """Return the report's Markdown: the header lines, one list per section, the verdict."""
    marks = {"works": "works", "differs": "DIFFERS", "breaks": "BREAKS", "information": "info"}
    lines = ["# Zensical against the MkDocs build", "", *header, ""]
    for number, section in enumerate(sections, start=1):
        lines += [f"## {number}. {section.title}", ""]
        lines += [f"- **{marks[f.status]}**: {f.text}" for f in section.findings]
        lines.append("")
    lines += ["## Verdict", "", verdict, ""]
    return "\n".join(lines)


def verdict(sections: list[Section], version: str) -> str:
    """Return "move" only when nothing breaks; otherwise "not yet", counting what breaks where."""
    counts = {s.short: sum(f.status == "breaks" for f in s.findings) for s in sections}
    broken = {name: n for name, n in counts.items() if n}
    if not broken:
        return f"**Move** (Zensical {version}): nothing measured here breaks."
    where = ", ".join(f"{name} {n}" for name, n in broken.items())
    return (
        f"**Not yet** (Zensical {version}), because {sum(broken.values())} measured items break "
        f"({where}): see the BREAKS lines above."
    )
