"""The mkdocs-macros module: the one extension point, registering every macro (ARCHITECTURE.md).

Macros only look up, format and insert. `define_env` runs once per language build (the i18n
plugin rebuilds the site per language), so the page language is resolved inside each macro, and
the results come from a module-level cache that survives both builds.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.utils import get_relative_url

from loaders import SHARED_TOTALS, load_schema
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
from publish._draft import (
    draft_banner,
    draft_notes_list,
    missing_files_table,
    package_files_table,
)
from publish._escape import page_text
from publish._facts import FACTS, fact_html
from publish._figure import csv_text, render_figure
from publish._format import text_html
from publish._labels import LANGUAGES, label, use_county_word
from publish._opendata_dictionary import dictionary_markdown
from publish._opendata_files import files_table, write_open_data
from publish._recognition import (
    SURVEY_TABLES,
    has_survey,
    method_words,
    not_collected,
    sensitivity_summary,
)
from publish._releases import releases_table
from publish._results import Results, cached_results
from publish._schools import school_directory
from publish._site import footer_html, kinds_list, licence_html
from publish._split_table import shared_split_table
from publish._survey_charts import SURVEY_CHARTS
from publish._survey_doc import alternatives, config_default, config_values, uses_method, uses_rule
from publish._tables import TABLES, input_columns_table

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
    county = results.county
    use_county_word({"zh": county.kind, "en": county.kind_en})
    # `{% if demo %}…{% endif %}` in a page: text for the demonstration county only
    env.variables["demo"] = county.demo
    # `{% if teaching_points_outside %}`: sentences about teaching points left out of the rules
    env.variables["teaching_points_outside"] = FACTS["teaching_points_outside"].read(results)
    env.conf["extra"]["ec"] = {
        "demo": county.demo,
        "footer": {lang: footer_html(county, lang) for lang in LANGUAGES},
        "banner": {lang: label("ui.demo_banner", lang) for lang in LANGUAGES},
        "draft": results.draft is not None,
        "draft_banner": {lang: draft_banner(lang) for lang in LANGUAGES},
        "draft_link": {lang: label("ui.draft_link", lang) for lang in LANGUAGES},
        "labels": {
            lang: {k: label(f"ui.{k}", lang) for k in ("data_version", "built_at", "software")}
            for lang in LANGUAGES
        },
        "data_version": provenance.data_version,
        "software_version": provenance.software_version,
        "built_at": build_time().strftime("%Y-%m-%d %H:%M UTC"),
    }

    @env.macro
    def count(name: str) -> float:
        """Return a figure's raw value, for `{% if count("plans_total") %}` and plurals in pages."""
        value = FACTS[name].read(results) if name in FACTS else None
        if value is None:
            raise KeyError(f"unknown figure {name!r} for count(); see publish/_facts.py")
        return value

    @env.macro
    def plural(name: str, one: str, many: str) -> str:
        """Return `one` when the figure `name` is 1, else `many` (English pages: 1 measure)."""
        return one if count(name) == 1 else many

    @env.macro
    def draft_missing() -> str:
        """Insert the table of the package files a draft build lacks (docs/draft.md)."""
        return missing_files_table(results.draft or (), page_lang(env))

    @env.macro
    def package_files() -> str:
        """Insert the table of every file a county package may name (about-data page)."""
        return package_files_table(page_lang(env))

    @env.macro
    def draft_notes() -> str:
        """Insert the declaration problems a full build would stop on (docs/draft.md)."""
        declared = "declarations" not in (results.draft or ())
        return draft_notes_list(results.evaluation.draft_notes, page_lang(env), declared)

    @env.macro
    def fact(name: str) -> str:
        """Insert one named figure, formatted for the page language and escaped."""
        if name not in FACTS:
            raise KeyError(f"unknown fact {name!r}; known facts: {', '.join(sorted(FACTS))}")
        return fact_html(FACTS[name], results, page_lang(env))

    @env.macro
    def county_name() -> str:
        """Insert the county's name in the page language."""
        county = results.county
        return page_text(county.name_zh if page_lang(env) == "zh" else county.name_en)

    @env.macro
    def county_word(capital: bool = False) -> str:
        """Insert the county's word for itself (区 / district, 县 / county …) in the page language;
        `capital=True` starts it with a capital letter, for the start of an English sentence."""
        return county_kind_word(results.county, page_lang(env), capital)

    @env.macro
    def county_kinds() -> str:
        """Insert the allowed `[county] kind` values (区、县、市 …), as county.toml takes them."""
        return kinds_list(page_lang(env))

    @env.macro
    def site_licence() -> str:
        """Insert the licence of the site's text and data (county.toml `[site] licence`)."""
        return licence_html(results.county, page_lang(env))

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
    def shared_split() -> str:
        """Insert the worked example of shared campuses: each section's share and split totals."""
        return shared_split_table(results, page_lang(env))

    @env.macro
    def shared_columns() -> str:
        """Insert the register columns a shared campus gives as whole-school totals."""
        lang = page_lang(env)
        columns = {c.name: c for c in load_schema("schools").columns}
        words = [
            f'<span lang="zh">{page_text(columns[n].zh)}</span>'
            if lang == "en"
            else page_text(columns[n].zh)
            for n in SHARED_TOTALS
        ]
        return ("、" if lang == "zh" else ", ").join(words)

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
        return f'<a href="{site_link(env, f"data/{name}")}"><code>{page_text(name)}</code></a>'

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
        return method_words(results, page_lang(env))

    @env.macro
    def survey_collected() -> bool:
        """True when the package has its survey: pages guard their survey text with it."""
        return has_survey(results)

    @env.macro
    def survey_rule(rule: str) -> bool:
        """True when the county's scoring config applies quality rule `rule` (min_duration …)."""
        return uses_rule(results, rule)

    @env.macro
    def survey_uses(name: str) -> bool:
        """True when the sensitivity table has a row with method or weighting `name`."""
        return uses_method(results, name)

    @env.macro
    def survey_alternatives() -> int:
        """Return how many methods the sensitivity table compares with the configured one."""
        return alternatives(results)

    @env.macro
    def survey_config_values(name: str) -> str:
        """Insert the values the scoring config accepts for roles, methods, weightings or
        quality_rules, from the loader's own tables (About page)."""
        return config_values(name, page_lang(env))

    @env.macro
    def survey_config_default(key: str) -> str:
        """Insert the value an optional scoring-config key takes when left out (About page)."""
        return config_default(key, page_lang(env))

    @env.macro
    def survey_not_collected() -> str:
        """Insert the notice that the survey is not collected yet (S and V7: no data)."""
        return not_collected(page_lang(env))

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
                f'<script src="{page_text(get_relative_url(path, page_url))}"></script>\n'
                for path in (BUNDLE_PATH, CHARTS_JS_PATH)
            )
        figure = render_figure(name, data, lang, get_relative_url(csv_path, page_url))
        return scripts + figure


def county_kind_word(county, lang: str, capital: bool = False) -> str:
    """Return the county's word for itself in `lang`: 区 / district, 县 / county …"""
    if lang == "zh":
        return county.kind
    word = county.kind_en
    return word[:1].upper() + word[1:] if capital else word


def site_link(env, path: str) -> str:
    """Return a link from the current page to a file at `path` under the site root."""
    return page_text(get_relative_url(path, env.page.url))


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
