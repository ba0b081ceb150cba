"""Every macro the pages use, as plain functions of (page, results): the one source of page text.

Why apart from the site generator: the site (through publish/_mkdocs.py, the one MkDocs
adapter) and the report document (publish/_document_pages.py) render the same pages with the
same functions, so a table or sentence exists once. Macros only look up, format and insert;
the page's language and address come from `page()`, asked at call time because one registry
serves every page of a language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from loaders import SHARED_TOTALS, load_schema
from publish._assets import chart_scripts
from publish._cards import (
    area_cards,
    badge_kind,
    differences_table,
    indicator_card,
    plans_table,
    status_badge,
    verdicts_table,
)
from publish._chart_figures import ALL_CHARTS, chart_figure, chart_files
from publish._draft import (
    draft_notes_list,
    missing_files_table,
    package_files_table,
)
from publish._escape import page_text
from publish._facts import FACTS, fact_html
from publish._findings import key_findings
from publish._format import text_html
from publish._glossary import glossary_table, term
from publish._labels import label
from publish._links import relative_url
from publish._memo import remembered
from publish._narrative import narrative_html
from publish._opendata_dictionary import dictionary_markdown
from publish._opendata_files import files_table
from publish._page import Page
from publish._recognition import (
    SURVEY_TABLES,
    has_survey,
    method_words,
    not_collected,
    sensitivity_summary,
)
from publish._releases import releases_table
from publish._report_links import report_links
from publish._report_pages import chapters_table
from publish._results import Results
from publish._schools import school_directory
from publish._site import citation_html, kinds_list, licence_html
from publish._split_table import shared_split_table
from publish._survey_doc import alternatives, config_default, config_values, uses_method, uses_rule
from publish._tables import TABLES, input_columns_table


def macro_functions(
    results: Results, page: Callable[[], Page], reports: Mapping[str, str] | None = None
) -> dict[str, Callable]:
    """Return every macro by the name pages call it with; `reports`: the report PDFs the build
    publishes (language → path under the site root), none for the document itself."""
    reports = reports or {}

    def count(name: str) -> float:
        """Return a figure's raw value, for `{% if count("plans_total") %}` and plurals in pages."""
        value = FACTS[name].read(results) if name in FACTS else None
        if value is None:
            raise KeyError(f"unknown figure {name!r} for count(); see publish/_facts.py")
        return value

    def plural(name: str, one: str, many: str) -> str:
        """Return `one` when the figure `name` is 1, else `many` (English pages: 1 measure)."""
        return one if count(name) == 1 else many

    def draft_missing() -> str:
        """Insert the table of the package files a draft build lacks (docs/draft.md)."""
        return missing_files_table(results.draft or (), page().lang)

    def package_files() -> str:
        """Insert the table of every file a county package may name (about-data page)."""
        return package_files_table(page().lang)

    def draft_notes() -> str:
        """Insert the declaration problems a full build would stop on (docs/draft.md)."""
        declared = "declarations" not in (results.draft or ())
        return draft_notes_list(results.evaluation.draft_notes, page().lang, declared)

    def fact(name: str) -> str:
        """Insert one named figure, formatted for the page language and escaped."""
        if name not in FACTS:
            raise KeyError(f"unknown fact {name!r}; known facts: {', '.join(sorted(FACTS))}")
        return fact_html(FACTS[name], results, page().lang)

    def county_name() -> str:
        """Insert the county's name in the page language."""
        county = results.county
        return page_text(county.name_zh if page().lang == "zh" else county.name_en)

    def county_word(capital: bool = False) -> str:
        """Insert the county's word for itself (区 / district, 县 / county …) in the page language;
        `capital=True` starts it with a capital letter, for the start of an English sentence."""
        return county_kind_word(results.county, page().lang, capital)

    def county_kinds() -> str:
        """Insert the allowed `[county] kind` values (区、县、市 …), as county.toml takes them."""
        return kinds_list(page().lang)

    def citation() -> str:
        """Insert how to cite the site: title, statistics year, data version, address."""
        return citation_html(results.county, results.provenance.data_version, page().lang)

    def site_licence() -> str:
        """Insert the licence of the site's text and data (county.toml `[site] licence`)."""
        return licence_html(results.county, page().lang)

    def table(name: str) -> str:
        """Insert a results table (sections, section_classes, cvs, standards)."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; known tables: {', '.join(sorted(TABLES))}")
        return TABLES[name](results, page().lang)

    def input_columns(name: str) -> str:
        """Insert the documentation of an input file's columns (schools, classes)."""
        return input_columns_table(name, page().lang)

    def report_chapters() -> str:
        """Insert the report's parts, their titles and default pages (`[report]` documented)."""
        return chapters_table(page().lang)

    def shared_split() -> str:
        """Insert the worked example of shared campuses: each section's share and split totals."""
        return shared_split_table(results, page().lang)

    def shared_columns() -> str:
        """Insert the register columns a shared campus gives as whole-school totals."""
        lang = page().lang
        columns = {c.name: c for c in load_schema("schools").columns}
        words = [
            f'<span lang="zh">{page_text(columns[n].zh)}</span>'
            if lang == "en"
            else page_text(columns[n].zh)
            for n in SHARED_TOTALS
        ]
        return ("、" if lang == "zh" else ", ").join(words)

    def computed_status(ident: str) -> str:
        """Insert the computed status badge of one indicator (R, B, G1 …) or area."""
        evaluation = results.evaluation
        if ident in evaluation.areas:
            return status_badge("computed", evaluation.areas[ident].computed, page().lang)
        result = evaluation.indicators.get(ident) or evaluation.veto[ident]
        return status_badge(badge_kind(result, "computed"), result.computed.status, page().lang)

    def declared_status(ident: str) -> str:
        """Insert the declared status badge of one indicator or area."""
        evaluation = results.evaluation
        if ident in evaluation.areas:
            return status_badge("declared", evaluation.areas[ident].declared, page().lang)
        result = evaluation.indicators.get(ident) or evaluation.veto[ident]
        return status_badge(badge_kind(result, "declared"), result.declared, page().lang)

    def in_report() -> bool:
        """Say whether the page is being rendered for the report document, not the site:
        sentences about scrolling, searching or the site's own pages are left out there."""
        return bool(page().meta.get("report"))

    def we(capital: bool = False) -> str:
        """Insert the page's name for itself: 本站 / the site, or 本报告 / this report."""
        words = label("ui.we_report" if in_report() else "ui.we_site", page().lang)
        return words[:1].upper() + words[1:] if capital else words

    def statuses_differ(ident: str) -> bool:
        """Say whether an indicator's declared status differs from the computed one."""
        evaluation = results.evaluation
        return (evaluation.indicators.get(ident) or evaluation.veto[ident]).differs

    def indicator(ident: str) -> str:
        """Insert one indicator's card: rule, figures, both statuses, justification, units."""
        return indicator_card(results, ident, page().lang)

    def indicators_of(area: str) -> str:
        """Insert the cards of every indicator of an area (guarantee, quality …)."""
        return area_cards(results, area, page().lang)

    def findings() -> str:
        """Insert the key findings: the verdict, each shortfall and what the plans cover."""
        return key_findings(results, page())

    def verdicts() -> str:
        """Insert the four areas, the veto items and the overall verdict."""
        return verdicts_table(results, page().lang)

    def differences() -> str:
        """Insert every indicator whose declared status differs from the computed one."""
        return differences_table(results, page().lang)

    def remediation_plans() -> str:
        """Insert every remediation measure with its deadline."""
        return plans_table(results, page().lang)

    def schools() -> str:
        """Insert the school directory: by town, each section's indicators and status."""
        return school_directory(results, page().lang)

    def open_data_files() -> str:
        """Insert the published tables with their CSV and JSON links."""
        return files_table(results, page().lang, page().link)

    def data_file(name: str) -> str:
        """Insert a link to one open-data file (under /data/) from the current page."""
        return f'<a href="{page().link(f"data/{name}")}"><code>{page_text(name)}</code></a>'

    def data_dictionary() -> str:
        """Insert the data dictionary of every published table."""
        return dictionary_markdown(page().lang)

    def releases() -> str:
        """Insert the published versions and corrections, and this build's data version."""
        return releases_table(results, page().lang)

    def survey_table(name: str) -> str:
        """Insert a survey table (by group, item, town, the grids, exclusions, sensitivity)."""
        if name not in SURVEY_TABLES:
            known = ", ".join(sorted(SURVEY_TABLES))
            raise KeyError(f"unknown survey table {name!r}; known: {known}")
        return SURVEY_TABLES[name](results, page().lang)

    def demo_note(topic: str) -> str:
        """Insert the demonstration notice of a page's topic (e.g. "survey"), for the demo only."""
        if not results.county.demo:
            return ""
        text = text_html(label(f"{topic}.demo_note", page().lang), page().lang)
        return f'<p class="ec-demo-note" role="note">{text}</p>'

    def survey_sensitivity_summary(conclusion_only: bool = False) -> str:
        """Insert whether the survey verdict depends on the method, in words from the table."""
        return sensitivity_summary(results, page().lang, conclusion_only)

    def survey_method() -> str:
        """Insert the method and weighting the site's survey verdict uses, in words."""
        return method_words(results, page().lang)

    def survey_collected() -> bool:
        """True when the package has its survey: pages guard their survey text with it."""
        return has_survey(results)

    def survey_rule(rule: str) -> bool:
        """True when the county's scoring config applies quality rule `rule` (min_duration …)."""
        return uses_rule(results, rule)

    def survey_uses(name: str) -> bool:
        """True when the sensitivity table has a row with method or weighting `name`."""
        return uses_method(results, name)

    def survey_alternatives() -> int:
        """Return how many methods the sensitivity table compares with the configured one."""
        return alternatives(results)

    def survey_config_values(name: str) -> str:
        """Insert the values the scoring config accepts for roles, methods, weightings or
        quality_rules, from the loader's own tables (About page)."""
        return config_values(name, page().lang)

    def survey_config_default(key: str) -> str:
        """Insert the value an optional scoring-config key takes when left out (About page)."""
        return config_default(key, page().lang)

    def survey_not_collected() -> str:
        """Insert the notice that the survey is not collected yet (S and V7: no data)."""
        return not_collected(page().lang)

    def report_downloads() -> str:
        """Insert the links to the report document in each language, when the build made it."""
        return report_links(reports, page().lang, page().link)

    def narrative() -> str:
        """Insert the county's own text on its measures and results, figures from its data."""
        return narrative_html(results, page().lang)

    def narrative_mark(kind: str, code: str) -> str:
        """Insert how the narrative writes a figure mark, as code (About page)."""
        mark = f"{page_text(kind)}(&quot;{page_text(code)}&quot;)"
        return f"<code>&#123;&#123; {mark} &#125;&#125;</code>"  # braces as text, not a macro

    def narrative_given() -> bool:
        """True when the package has its narrative: the page says so otherwise."""
        return results.narrative is not None

    def chart(name: str) -> str:
        """Insert a chart figure with its caption, alternative text, table and downloads."""
        if name not in ALL_CHARTS:
            known = ", ".join(sorted(ALL_CHARTS))
            raise KeyError(f"unknown chart {name!r}; known charts: {known}")
        current = page()
        lang = current.lang
        prefix = "" if lang == "zh" else f"{lang}/"
        csv_path = f"{prefix}data/charts/{name}.csv"
        figure = chart_figure(results, name, lang, relative_url(csv_path, current.url))
        if current.site_dir is not None:
            files = chart_files(results, name, lang)
            target = current.site_dir / csv_path
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix, content in files.items():
                target.with_suffix(f".{suffix}").write_bytes(content)
        scripts = ""
        if not current.meta.get("_ec_chart_scripts"):
            current.meta["_ec_chart_scripts"] = True
            scripts = chart_scripts(current.link)
        return scripts + figure

    def glossary_term(key: str, plural: bool = False, capital: bool = False) -> str:
        """Insert a glossary term (publish/glossary.yaml) in the page language."""
        return page_text(term(key, page().lang, plural, capital))

    def glossary() -> str:
        """Insert the glossary: every term in both languages with its definition."""
        return glossary_table(page().lang)

    functions = {
        "term": glossary_term,
        "glossary": glossary,
        "count": count,
        "plural": plural,
        "draft_missing": draft_missing,
        "package_files": package_files,
        "draft_notes": draft_notes,
        "fact": fact,
        "county_name": county_name,
        "county_word": county_word,
        "county_kinds": county_kinds,
        "site_licence": site_licence,
        "table": table,
        "input_columns": input_columns,
        "report_chapters": report_chapters,
        "citation": citation,
        "shared_split": shared_split,
        "shared_columns": shared_columns,
        "computed_status": computed_status,
        "declared_status": declared_status,
        "indicator": indicator,
        "indicators_of": indicators_of,
        "key_findings": findings,
        "in_report": in_report,
        "we": we,
        "statuses_differ": statuses_differ,
        "verdicts": verdicts,
        "differences": differences,
        "remediation_plans": remediation_plans,
        "schools": schools,
        "open_data_files": open_data_files,
        "data_file": data_file,
        "data_dictionary": data_dictionary,
        "releases": releases,
        "survey_table": survey_table,
        "demo_note": demo_note,
        "survey_sensitivity_summary": survey_sensitivity_summary,
        "survey_method": survey_method,
        "survey_collected": survey_collected,
        "survey_rule": survey_rule,
        "survey_uses": survey_uses,
        "survey_alternatives": survey_alternatives,
        "survey_config_values": survey_config_values,
        "survey_config_default": survey_config_default,
        "survey_not_collected": survey_not_collected,
        "report_downloads": report_downloads,
        "narrative": narrative,
        "narrative_given": narrative_given,
        "narrative_mark": narrative_mark,
        "chart": chart,
    }
    where = lambda: (page().lang, page().url)  # noqa: E731
    return {name: remembered(results, name, f, where) for name, f in functions.items()}


def county_kind_word(county, lang: str, capital: bool = False) -> str:
    """Return the county's word for itself in `lang`: 区 / district, 县 / county …"""
    if lang == "zh":
        return county.kind
    word = county.kind_en
    return word[:1].upper() + word[1:] if capital else word
