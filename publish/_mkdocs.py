"""The one MkDocs adapter: the only module that imports MkDocs or knows its plugin objects.

Why one module: Material for MkDocs reached end of life on 2026-11-05 and MkDocs 1.x is
unmaintained; moving to the successor should touch this file, mkdocs.yml and overrides/ only.
The macros themselves (publish/_macros.py) are plain functions of (page, results) that the
report document uses too. mkdocs-macros loads this module (mkdocs.yml `modules`) and calls
`define_env` once per language build: the i18n plugin builds the site twice, so each macro asks
for the current page when it runs.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from publish._assets import write_chart_assets
from publish._labels import LANGUAGES
from publish._macros import macro_functions
from publish._opendata_files import write_open_data
from publish._page import Page, page_variables, theme_settings
from publish._results import Results, cached_results
from publish._search_aliases import ALIAS_BOOST, ALIAS_FIELD, add_aliases, section_aliases

_RESULTS: dict[tuple[str, float], Results] = {}
# the report PDFs this build publishes (language → path under the site root), for the footer
_REPORTS: dict[str, str] = {}


def project_paths(env) -> tuple[Path, Path, Path]:
    """Return (project root, county package, cache dir) from the MkDocs configuration."""
    root = Path(env.conf.config_file_path or ".").resolve().parent
    package = root / str(env.conf["extra"].get("county_package", "data/demo"))
    return root, package, root / "build" / "cache"


def _state(package: Path) -> tuple[str, float]:
    """Return the key of a package's state: its path and the newest file's modification time."""
    newest = max((p.stat().st_mtime for p in package.glob("*") if p.is_file()), default=0.0)
    return str(package.resolve()), newest


def remember(package: Path, results: Results) -> None:
    """Hand this process's MkDocs build the results just computed (`python -m publish build`)."""
    _RESULTS.clear()
    _RESULTS[_state(Path(package))] = results


def results_for(env) -> Results:
    """Return the results for this build, computed at most once per process and input state."""
    _, package, cache_dir = project_paths(env)
    key = _state(package)
    if key not in _RESULTS:
        _RESULTS.clear()
        _RESULTS[key] = cached_results(package, cache_dir)
    return _RESULTS[key]


def current_page(env) -> Page:
    """Return the page MkDocs is rendering as the macros' `Page` (language, address, site)."""
    page = env.page
    locale = getattr(getattr(page, "file", None), "locale", None) if page else None
    lang = locale or env.conf["theme"]["language"]
    if lang not in LANGUAGES:
        raise ValueError(f"page language {lang!r} is not one of {LANGUAGES}")
    meta = page.meta if page is not None else {}
    return Page(lang, page.url if page else "", Path(env.conf["site_dir"]), meta)


def define_env(env) -> None:
    """Register every macro and hand the theme what its banner and footer need."""
    results = results_for(env)
    env.variables.update(page_variables(results))
    env.conf["extra"]["ec"] = theme_settings(results, _REPORTS)
    functions = macro_functions(results, lambda: current_page(env), _REPORTS)
    for name, function in functions.items():
        env.macro(function, name)


def on_post_build(env) -> None:
    """Write the chart assets and the open data once the pages are written (runs once per
    language pass; both passes write the same files into the one site root)."""
    _, _, cache_dir = project_paths(env)
    site_dir = Path(env.conf["site_dir"])
    if not env.conf.get("site_url"):  # a sitemap needs absolute addresses: none without site_url
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
    write_chart_assets(site_dir, cache_dir)
    write_open_data(results_for(env), site_dir)
    _index_aliases(env)


def _index_aliases(env) -> None:
    """Add each school section's other names (十四中, 柳河一中) to its search entry, in a field
    of their own: search finds them, and the result still shows the heading as written.

    Why now: Material writes the index from these entries after this event (the i18n plugin,
    last, writes both languages' entries at once), so the entries changed here are written.
    """
    for name in ("material/search", "search"):
        plugin = env.conf.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            plugin.search_index.config["fields"][ALIAS_FIELD] = {"boost": ALIAS_BOOST}
            add_aliases(plugin.search_index.entries, section_aliases(results_for(env)))


def page_settings(config_file: Path) -> tuple[list[str], dict[str, dict], dict[str, str]]:
    """Return the Markdown extensions, their settings and the Jinja markers the site's pages use.

    Why here: they are written in mkdocs.yml, in MkDocs' YAML dialect (`!ENV`, `!!python`), and
    the report document renders the same pages with the same settings.
    """
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    with open(config_file, encoding="utf-8") as stream:
        config = yaml.load(stream, Loader=get_yaml_loader())
    names, settings = [], {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = options or {}
    jinja: dict[str, str] = {}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "macros" in plugin:
            options = plugin["macros"] or {}
            jinja = {k.removeprefix("j2_"): v for k, v in options.items() if k.startswith("j2_")}
    return names, settings, jinja


def _show_messages() -> None:
    """Print MkDocs' warnings and errors as its command line would (once per process)."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_ec", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._ec = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
        # the Chinese search tokenizer logs its dictionary cache at DEBUG on every build; jieba
        # resets its own level when imported, so a filter (which survives that) keeps warnings
        logging.getLogger("jieba").addFilter(lambda record: record.levelno >= logging.WARNING)


def run_build(
    config_file: Path,
    package: Path,
    site_dir: Path,
    results: Results,
    hidden_pages: str,
    draft: bool,
    reports: dict[str, str],
) -> bool:
    """Run MkDocs in this process (strict) with the results in memory; False on failure.

    `hidden_pages` (gitignore-style patterns) are left out of a full build and kept out of the
    menu of a draft, which reaches them from its banner.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build  # imported late: only to build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    _show_messages()
    remember(package, results)
    _REPORTS.clear()
    _REPORTS.update(reports)
    try:
        config = load_config(
            str(config_file),
            site_dir=str(site_dir),
            strict=True,
            **({"not_in_nav": hidden_pages} if draft else {"exclude_docs": hidden_pages}),
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as abort:
        print(abort.message if hasattr(abort, "message") else str(abort), file=sys.stderr)
        return False
    except SystemExit:  # the macros plugin exits after printing the macro error
        return False
    except OSError:  # a full disk or a read-only folder: said once, by the caller
        raise
    except Exception as error:  # a macro or theme error: its message, not a traceback
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return False
    return True


def serve_command(config_file: Path, address: str) -> list[str]:
    """Return the command line of MkDocs' live preview (dirty, not strict: edits show at once)."""
    return [
        *(sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address, "--livereload"),
        *("--dirty", "--no-strict", "--config-file", str(config_file)),
    ]
