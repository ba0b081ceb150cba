"""The Zensical report's items, measured on the built sites (bench/_zensical.py builds them).

Each check reads the MkDocs site and a Zensical site and records what works, differs or breaks;
nothing here is assumed from release notes: every finding names what was seen in the output.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench import _zensical_search as browser_search
from bench._zensical_compare import (
    Section,
    article_text,
    broken_links,
    differing_articles,
    page_diff,
    site_files,
)

SCHOOL_QUERY, SCHOOL_FRAGMENT = "示例第五小学", "#s005"  # as in tests/site/test_browser.py
GENERATOR = r'<meta name="generator" content="([^"]*)"'
_SWITCH = re.compile(r'<a href="([^"]*)" hreflang="(\w+)"[^>]*md-i18n__link')


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""


def newest_note() -> str:
    """Say whether a Zensical newer than the installed one exists and installs (one look-up)."""
    import importlib.metadata

    uv = shutil.which("uv")
    if uv is None:
        return "(uv not found: the newest release was not looked up)"
    installed = importlib.metadata.version("zensical")
    done = subprocess.run(
        [uv, "pip", "install", "--dry-run", "--python", sys.executable, f"zensical>{installed}"],
        capture_output=True,
        text=True,
    )
    lines = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    if done.returncode == 0:
        return f"A newer Zensical resolves: {lines[-1] if lines else '?'}."
    cause = next((line for line in lines if "because" in line.lower()), lines[-1] if lines else "")
    return f"No newer Zensical installs here: {cause}"


def i18n(mk: Path, probe: Path, plain: Path, builds: dict) -> Section:
    section = Section(
        "i18n — both languages, the suffix docs structure, the language switcher", "i18n"
    )
    mk_files, pr_files, pl_files = site_files(mk), site_files(probe), site_files(plain)
    suffixed = sorted(p for p in pl_files if re.search(r"\.en/index\.html$", p))
    section.add(
        "differs" if suffixed or builds["plain"]["code"] else "works",
        f"Zensical alone (`zensical build`, exit {builds['plain']['code']}) ignores the i18n "
        f"plugin: {len(suffixed)} `*.en.md` pages become pages of their own "
        f"(e.g. {', '.join(suffixed[:2]) or 'none'}) and no en/ site is built. "
        "zensical-i18n (a third-party wrapper that runs Zensical once per language, tested "
        "against Zensical < 0.1) is needed, and is what the builds below use.",
    )
    for lang, prefix in (("zh", ""), ("en", "en/")):
        mine = {p for p in mk_files if p.endswith(".html") and p.startswith(prefix)}
        if lang == "zh":
            mine = {p for p in mine if not p.startswith("en/")}
        present = [p for p in mine if p in pr_files]
        section.add(
            "works" if len(present) == len(mine) else "breaks",
            f"{lang}: {len(present)} of the MkDocs build's {len(mine)} pages built by "
            f"zensical-i18n (suffix structure, {prefix or 'site root'}).",
        )
    common = sorted(p for p in mk_files & pr_files if p.endswith(".html"))
    differing = differing_articles(mk, probe, common)
    section.add(
        "works" if not differing else "differs",
        f"page content (each page's article text) identical on "
        f"{len(common) - len(differing)} of {len(common)} pages"
        + (f"; differs on {', '.join(differing[:5])}" if differing else ""),
    )
    good, checked = 0, 0
    for page in common:
        links = dict((lang, href) for href, lang in _SWITCH.findall(_read(probe / page)))
        other = page[3:] if page.startswith("en/") else f"en/{page}"
        if other not in pr_files or set(links) != {"zh", "en"}:
            continue
        checked += 1
        target = (Path(page).parent / links["zh" if page.startswith("en/") else "en"]).as_posix()
        target = target.replace("&#x2f;", "/")
        good += _normalise(target) == _normalise(str(Path(other).parent))
    section.add(
        "works" if checked and good == checked else "breaks",
        f"language switcher: on {good} of {checked} pages with both languages it links to the same "
        "page in the other language (MkDocs: the same, by mkdocs-static-i18n).",
    )
    en_index = _read(probe / "en/index.html")
    section.add(
        "works" if "Switch to dark mode" in en_index and "Overview" in en_index else "breaks",
        "per-language settings (nav_translations, site_name, palette toggle names) "
        + ("applied" if "Overview" in en_index else "missing")
        + " on the English pages.",
    )
    return section


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.replace("&#x2f;", "/").split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def macros(mk: Path, probe: Path, builds: dict, asis_error: str) -> Section:
    from zensical.extensions.context import Page
    from zensical.extensions.macros import MacroEnv

    section = Section(
        "Macros with page context (publish/_mkdocs.py via mkdocs-macros define_env)", "macros"
    )
    section.add(
        "breaks" if builds["asis"]["code"] else "works",
        f"our macros as they are: exit {builds['asis']['code']}: `{asis_error}`. "
        "Zensical's shim passes `env.conf` as a plain dict (no `config_file_path`), "
        f"`hasattr(MacroEnv().conf, 'config_file_path')` = "
        f"{hasattr(MacroEnv().conf, 'config_file_path')}.",
    )
    page = Page("x/", "x.md")
    section.add(
        "differs",
        "`env.page` exists (url, path, title, meta: "
        f"{all(hasattr(page, a) for a in ('url', 'path', 'title', 'meta'))}) but has no "
        f"`file.locale` (hasattr file: {hasattr(page, 'file')}); under zensical-i18n each "
        "language is a separate build whose `theme.language` is the page language, which the "
        "probe adapter passes on. define_env runs once per page (MkDocs: once per language).",
    )
    pr = site_files(probe)
    missing = sorted(p for p in site_files(mk) - pr if not p.endswith(".html"))
    post_build = [p for p in missing if p.startswith(("data/", "en/data/", "assets/javascripts/"))]
    section.add(
        "breaks" if post_build else "works",
        f"`on_post_build` is never called: {len(post_build)} files it writes are missing "
        f"(the open data and chart scripts, e.g. {', '.join(post_build[:3])}).",
    )
    mk_index, pr_index = _read(mk / "index.html"), _read(probe / "index.html")
    reached = "ec-provenance" in pr_index or "ec-demo-banner" in pr_index
    section.add(
        "works" if reached else "breaks",
        "values define_env hands the theme in `env.conf['extra']` (banner, footer) "
        + ("reach" if reached else "do not reach")
        + " the templates (MkDocs: they do"
        + ("" if "ec-provenance" in mk_index else " — not seen in the MkDocs build either")
        + ").",
    )
    en_charts = sorted(p for p in pr if p.startswith("en/en/"))
    section.add(
        "breaks" if en_charts else "works",
        f"chart CSVs the macros write per page: {len(en_charts)} English ones land under en/en/ "
        "(each language's build has its own site_dir), so their download links break.",
    )
    return section


def search(mk: Path, probe: Path, nosearch: Path, browser: bool) -> Section:
    section = Section("Search — Chinese segmentation", "search")
    mk_index = json.loads(_read(mk / "search/search_index.json") or "{}")
    mk_zwsp = sum(d.get("text", "").count("\u200b") for d in mk_index.get("docs", []))
    pr_index = json.loads(_read(probe / "search.json") or "{}")
    pr_zwsp = sum(d.get("text", "").count("\u200b") for d in pr_index.get("items", []))
    section.add(
        "differs",
        f"build time: MkDocs segments with jieba ({mk_zwsp} word breaks U+200B in its index, "
        f"lang {mk_index.get('config', {}).get('lang')}); Zensical's index has {pr_zwsp} "
        f"(lang {pr_index.get('config', {}).get('lang')}, one index per language; the `lang`, "
        "`jieba_dict` options are dropped).",
    )
    workers = sorted((probe / "assets/javascripts/workers").glob("search.*.js"))
    segmenter = [w.name for w in workers if "Intl.Segmenter" in _read(w)]
    section.add(
        "information",
        f"Zensical's worker ({', '.join(segmenter) or 'none found'}) segments Han text in the "
        "browser with `Intl.Segmenter` (ICU's dictionary) when the index's lang is zh/ja/ko.",
    )
    ours = [w.name for w in workers if w.name not in segmenter]
    unused = [n for n in ours if n not in "".join(_read(p) for p in probe.glob("assets/**/*.js"))]
    section.add(
        "differs",
        f"our patched Material worker (overrides/search_worker.py) is copied ({', '.join(ours)}) "
        f"but {'unused' if unused else 'used'}; the script itself is published too "
        f"(search_worker.py in the site: {(probe / 'search_worker.py').exists()}).",
    )
    if not browser:
        section.add("information", "browser search skipped (--no-browser).")
        return section
    why = browser_search.available()
    if why:
        section.add("information", f"browser search not run: {why}.")
        return section
    runs = {
        "MkDocs": (mk, "material"),
        "Zensical, our overrides": (probe, "zensical"),
        "Zensical, without overrides/partials/search.html": (nosearch, "zensical"),
    }
    for name, (site, kind) in runs.items():
        links = browser_search.search(site, "", SCHOOL_QUERY, kind)
        if isinstance(links, str):
            section.add("breaks", f"{name}: searching {SCHOOL_QUERY}: {links}.")
            continue
        position = browser_search.rank(links, SCHOOL_FRAGMENT)
        section.add(
            "works" if position is not None and position <= 3 else "breaks",
            f"{name}: {SCHOOL_QUERY} in Chromium: {len(links)} results, the school's entry "
            f"({SCHOOL_FRAGMENT}) at position {position}.",
        )
    return section


def overrides(mk: Path, probe: Path, probe_broken: dict[str, list[str]]) -> Section:
    section = Section("Theme overrides (overrides/main.html blocks, partials/)", "overrides")
    mk_index, pr_index = _read(mk / "index.html"), _read(probe / "index.html")
    section.add(
        "works" if "ec-chart__print" in pr_index else "breaks",
        "main.html `scripts` block (print copies of charts, keyboard-scrollable tables) "
        + ("rendered" if "ec-chart__print" in pr_index else "missing")
        + '; Zensical renders `extends "base.html"` with its own base.',
    )
    feeds = sorted(t for t in probe_broken if "feed_rss" in t)
    section.add(
        "breaks" if feeds else "works",
        'main.html `site_meta` block renders, but `"rss" in config.plugins` is true under '
        f"Zensical, so the pages link RSS feeds that do not exist ({len(feeds)} targets, "
        f"e.g. {', '.join(feeds[:2])}); generator meta reads "
        f"`{_first(GENERATOR, pr_index)}`.",
    )
    section.add(
        "works" if "ec-demo-banner" in pr_index else "breaks",
        "main.html `announce` block (demo and draft banners): "
        + ("shown" if "ec-demo-banner" in pr_index else "empty")
        + f" (MkDocs: {'shown' if 'ec-demo-banner' in mk_index else 'empty'}); it reads "
        "config.extra.ec, which define_env sets.",
    )
    section.add(
        "works" if "ec-provenance" in pr_index else "breaks",
        "partials/copyright.html (county footer, data version, build time, software): "
        + ("rendered" if "ec-provenance" in pr_index else "an empty md-copyright div")
        + f" (MkDocs: {'rendered' if 'ec-provenance' in mk_index else 'empty'}).",
    )
    section.add(
        "breaks" if "md-search__input" in pr_index else "works",
        "partials/search.html (Material's search box with an aria-label) replaces Zensical's "
        "own search partial, a button its script needs: "
        + (
            "the classic box is rendered and Zensical's search never starts"
            if "md-search__input" in pr_index
            else "not rendered"
        )
        + ".",
    )
    style = _first(r'href="[^"]*assets/stylesheets/(\w+)/main', pr_index) or "classic"
    section.add(
        "differs",
        f"Zensical renders its `{style}` look by default (MkDocs: Material's); "
        "assets/site.css is loaded by both.",
    )
    return section


def _first(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    return match.group(1) if match else ""


def timing(builds: dict) -> Section:
    section = Section("Build time (wall clock, one run each, same machine and cache)", "build time")
    mk = builds["mkdocs"]["seconds"]
    for name, label in (("probe_cold", "Zensical cache cleaned"), ("probe_warm", "cache warm")):
        seconds = builds[name]["seconds"]
        section.add(
            "information",
            f"zensical-i18n, both languages, {label}: {seconds:.1f} s = {seconds / mk:.2f} × "
            f"`python -m publish build` ({mk:.1f} s, results cache warm).",
        )
    return section


def pages(mk: Path, probe: Path, mk_broken: dict, pr_broken: dict) -> Section:
    section = Section("Pages of the MkDocs build, present or missing", "pages")
    mk_files, pr_files = site_files(mk), site_files(probe)
    missing, extra = page_diff(mk_files, pr_files)
    total = len([p for p in mk_files if p.endswith(".html")])
    section.add(
        "works" if not missing else "breaks",
        f"{total - len(missing)} of {total} pages present"
        + (f"; missing: {', '.join(missing)}" if missing else "")
        + ".",
    )
    if extra:
        section.add(
            "differs",
            f"only in Zensical: {', '.join(extra)} (publish build leaves the draft page out with "
            "`exclude_docs`; a plain config build does not).",
        )
    other = sorted(p for p in mk_files - pr_files if not p.endswith(".html"))
    section.add(
        "information", f"other files of the MkDocs build missing in Zensical's: {len(other)}."
    )
    section.add(
        "works" if len(pr_broken) <= len(mk_broken) else "breaks",
        f"local links to missing files: MkDocs {len(mk_broken)} targets, Zensical "
        f"{len(pr_broken)} (e.g. {', '.join(sorted(pr_broken)[:4])}).",
    )
    return section


def inspect(out: Path, builds: dict, browser: bool) -> list[Section]:
    """Return the report's six sections, measured on the sites under `out`."""
    from bench._zensical import last_error

    project = out / "project"
    mk, probe = out / "mkdocs-site", project / "site-probe"
    mk_broken, pr_broken = broken_links(mk), broken_links(probe)
    asis_error = last_error(builds["asis"]["log"]) if builds["asis"]["code"] else ""
    return [
        i18n(mk, probe, project / "site-plain", builds),
        macros(mk, probe, builds, asis_error),
        search(mk, probe, project / "site-nosearch", browser),
        overrides(mk, probe, pr_broken),
        timing(builds),
        pages(mk, probe, mk_broken, pr_broken),
    ]


__all__ = ["article_text", "inspect", "newest_note"]
