"""The mkdocs-macros module: the one extension point, registering every macro (style.md).

Macros only look up, format and insert. `define_env` runs once per language build (the i18n
plugin rebuilds the site per language), so the page language is resolved inside each macro, and
the results come from a module-level cache that survives both builds.
"""

from __future__ import annotations

import html
import os
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.utils import get_relative_url

from publish._assets import BUNDLE_PATH, CHARTS_JS_PATH, write_chart_assets
from publish._cards import (
    area_cards,
    badge_kind,
    differences_table,
    indicator_card,
    plans_table,
    status_badge,
    verdicts_table,
)
from publish._charts import CHARTS
from publish._facts import FACTS
from publish._figure import csv_text, render_figure
from publish._format import text_html
from publish._labels import LANGUAGES, label
from publish._opendata import dictionary_markdown, files_table, write_open_data
from publish._recognition import SURVEY_TABLES, sensitivity_summary, survey_of
from publish._releases import releases_table
from publish._results import Results, cached_results
from publish._schools import school_directory
from publish._survey_charts import SURVEY_CHARTS
from publish._tables import TABLES, format_cell, input_columns_table

_RESULTS: dict[tuple[str, float], Results] = {}
ALL_CHARTS = {**CHARTS, **SURVEY_CHARTS}


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


def page_lang(env) -> str:
    """Return the language of the page being rendered ("zh" or "en")."""
    locale = getattr(getattr(env.page, "file", None), "locale", None) if env.page else None
    lang = locale or env.conf["theme"]["language"]
    if lang not in LANGUAGES:
        raise ValueError(f"page language {lang!r} is not one of {LANGUAGES}")
    return lang


def build_time() -> datetime:
    """Return the build time; SOURCE_DATE_EPOCH makes builds reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def define_env(env) -> None:
    """Register every macro and hand the theme what its banner and footer need."""
    results = results_for(env)
    provenance = results.provenance
    env.conf["extra"]["ec"] = {
        "demo": results.county.demo,
        "banner": {lang: label("ui.demo_banner", lang) for lang in LANGUAGES},
        "labels": {
            lang: {k: label(f"ui.{k}", lang) for k in ("data_version", "built_at", "software")}
            for lang in LANGUAGES
        },
        "data_version": provenance.data_version,
        "software_version": provenance.software_version,
        "built_at": build_time().strftime("%Y-%m-%d %H:%M UTC"),
    }

    @env.macro
    def fact(name: str) -> str:
        """Insert one named figure, formatted for the page language."""
        if name not in FACTS:
            raise KeyError(f"unknown fact {name!r}; known facts: {', '.join(sorted(FACTS))}")
        entry = FACTS[name]
        return format_cell(entry.read(results), entry.kind, page_lang(env))

    @env.macro
    def county_name() -> str:
        """Insert the county's name in the page language."""
        return results.county.name_zh if page_lang(env) == "zh" else results.county.name_en

    @env.macro
    def table(name: str) -> str:
        """Insert a results table (sections, section_classes, cvs, standards)."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; known tables: {', '.join(sorted(TABLES))}")
        return TABLES[name](results, page_lang(env))

    @env.macro
    def input_columns(name: str) -> str:
        """Insert the documentation of an input file's columns (schools, classes)."""
        return input_columns_table(name, page_lang(env))

    @env.macro
    def computed_status(ident: str) -> str:
        """Insert the computed status badge of one indicator (R, B, G1 …) or area."""
        evaluation = results.evaluation
        if ident in evaluation.areas:
            return status_badge("computed", evaluation.areas[ident].computed, page_lang(env))
        result = evaluation.indicators.get(ident) or evaluation.veto[ident]
        return status_badge(badge_kind(result, "computed"), result.computed.status, page_lang(env))

    @env.macro
    def declared_status(ident: str) -> str:
        """Insert the declared status badge of one indicator or area."""
        evaluation = results.evaluation
        if ident in evaluation.areas:
            return status_badge("declared", evaluation.areas[ident].declared, page_lang(env))
        result = evaluation.indicators.get(ident) or evaluation.veto[ident]
        return status_badge(badge_kind(result, "declared"), result.declared, page_lang(env))

    @env.macro
    def indicator(ident: str) -> str:
        """Insert one indicator's card: rule, figures, both statuses, justification, units."""
        return indicator_card(results, ident, page_lang(env))

    @env.macro
    def indicators_of(area: str) -> str:
        """Insert the cards of every indicator of an area (guarantee, quality …)."""
        return area_cards(results, area, page_lang(env))

    @env.macro
    def verdicts() -> str:
        """Insert the four areas, the veto items and the overall verdict."""
        return verdicts_table(results, page_lang(env))

    @env.macro
    def differences() -> str:
        """Insert every indicator whose declared status differs from the computed one."""
        return differences_table(results, page_lang(env))

    @env.macro
    def remediation_plans() -> str:
        """Insert every remediation measure with its deadline."""
        return plans_table(results, page_lang(env))

    @env.macro
    def schools() -> str:
        """Insert the school directory: by town, each section's indicators and status."""
        return school_directory(results, page_lang(env))

    @env.macro
    def open_data_files() -> str:
        """Insert the published tables with their CSV and JSON links."""
        return files_table(results, page_lang(env), lambda path: site_link(env, path))

    @env.macro
    def data_file(name: str) -> str:
        """Insert a link to one open-data file (under /data/) from the current page."""
        return f'<a href="{site_link(env, f"data/{name}")}"><code>{html.escape(name)}</code></a>'

    @env.macro
    def data_dictionary() -> str:
        """Insert the data dictionary of every published table."""
        return dictionary_markdown(page_lang(env))

    @env.macro
    def releases() -> str:
        """Insert the published versions and corrections, and this build's data version."""
        return releases_table(results, page_lang(env))

    @env.macro
    def survey_table(name: str) -> str:
        """Insert a survey table (by group, item, town, the grids, exclusions, sensitivity)."""
        if name not in SURVEY_TABLES:
            known = ", ".join(sorted(SURVEY_TABLES))
            raise KeyError(f"unknown survey table {name!r}; known: {known}")
        return SURVEY_TABLES[name](results, page_lang(env))

    @env.macro
    def demo_note(topic: str) -> str:
        """Insert the demonstration notice of a page's topic (e.g. "survey"), for the demo only."""
        if not results.county.demo:
            return ""
        text = text_html(label(f"{topic}.demo_note", page_lang(env)), page_lang(env))
        return f'<p class="ec-demo-note" role="note">{text}</p>'

    @env.macro
    def survey_sensitivity_summary(conclusion_only: bool = False) -> str:
        """Insert whether the survey verdict depends on the method, in words from the table."""
        return sensitivity_summary(results, page_lang(env), conclusion_only)

    @env.macro
    def survey_method() -> str:
        """Insert the method and weighting the site's survey verdict uses, in words."""
        lang = page_lang(env)
        config = survey_of(results).config
        method = label(f"survey.method_phrase.{config.method}", lang)
        weighting = label(f"survey.weighting_short.{config.weighting}", lang)
        return f"{method}{'，' if lang == 'zh' else ', '}{weighting}"

    @env.macro
    def chart(name: str) -> str:
        """Insert a chart figure with its caption, alternative text, table and CSV download."""
        if name not in ALL_CHARTS:
            known = ", ".join(sorted(ALL_CHARTS))
            raise KeyError(f"unknown chart {name!r}; known charts: {known}")
        lang = page_lang(env)
        data = ALL_CHARTS[name](results, lang)
        prefix = "" if lang == "zh" else f"{lang}/"
        csv_path = f"{prefix}data/charts/{name}.csv"
        target = Path(env.conf["site_dir"]) / csv_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(csv_text(data), encoding="utf-8-sig")
        page_url = env.page.url
        scripts = ""
        if not env.page.meta.get("_ec_chart_scripts"):
            env.page.meta["_ec_chart_scripts"] = True
            scripts = "".join(
                f'<script src="{html.escape(get_relative_url(path, page_url))}"></script>\n'
                for path in (BUNDLE_PATH, CHARTS_JS_PATH)
            )
        figure = render_figure(name, data, lang, get_relative_url(csv_path, page_url))
        return scripts + figure


def site_link(env, path: str) -> str:
    """Return a link from the current page to a file at `path` under the site root."""
    return html.escape(get_relative_url(path, env.page.url))


def on_post_build(env) -> None:
    """Write the chart assets and the open data once the pages are written (runs once per
    language pass; both passes write the same files into the one site root)."""
    _, _, cache_dir = project_paths(env)
    site_dir = Path(env.conf["site_dir"])
    write_chart_assets(site_dir, cache_dir)
    write_open_data(results_for(env), site_dir)
