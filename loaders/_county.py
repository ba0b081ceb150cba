"""The county data package: `county.toml` plus the files it names."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from loaders._checks import check_classes, check_schools
from loaders._errors import InputError, InputErrors, LoadReport
from loaders._evaluation import (
    Measures,
    check_register_parts,
    latest_release_date,
    read_declarations,
    read_measures,
    read_monitoring,
    read_releases,
    read_remediation,
)
from loaders._files import draft_files, file_entry, named_files, read_optional, read_or_empty
from loaders._manifest import config_value, read_manifest, unknown_keys
from loaders._narrative import Narrative, read_narrative
from loaders._paths import unsafe_reason
from loaders._personal_data import allow_list, allowing, scan_config
from loaders._report_settings import report_chapters
from loaders._schema import load_schema
from loaders._site import SiteSettings, county_kind, site_settings
from loaders._survey_config_types import SurveyConfig
from loaders._table import read_table
from loaders._towns import check_towns
from loaders._yaml import load_yaml

SPLIT_RULES = ("students", "weighted")
RETENTION_FORMULAS = ("full", "simple")
Q9_READINGS = ("variation", "variation_and_level")
G4_EXCEPTIONS = ("built_by_2010", "migrant_over_half", "within_planned_size")
# every rule option and its possible values (bool options: true / false), for documentation
RULE_OPTION_VALUES: dict[str, tuple] = {
    "split_rule": SPLIT_RULES,
    "exclude_small_points": (True, False),
    "retention_formula": RETENTION_FORMULAS,
    "q9_reading": Q9_READINGS,
    "g4_exceptions": G4_EXCEPTIONS,
}


@dataclass(frozen=True)
class RuleOptions:
    """Choices where the official text is unsettled (each printed on the methodology page).

    `retention_formula`: Q1 denominator — `full` counts entrants + transfers in + returned −
    transfers out − suspended − deceased; `simple` only entrants + transfers in − transfers out.
    `q9_reading`: `variation` judges Q9 on the between-school difference alone (the level grades
    are rarely published); `variation_and_level` also needs every subject graded Ⅲ or above.
    `g4_exceptions`: which G4 exceptions raise a school's size limit; the official two by default,
    `within_planned_size` is a local practice some reports apply.
    """

    split_rule: str = "students"
    exclude_small_points: bool = True
    retention_formula: str = "full"
    q9_reading: str = "variation"
    g4_exceptions: tuple[str, ...] = ("built_by_2010", "migrant_over_half")


@dataclass(frozen=True)
class CountyInfo:
    """Who the package describes and for which years."""

    code: str
    name_zh: str
    name_en: str
    report_year: int
    statistics_year: int
    demo: bool  # synthetic demonstration data: the site shows a banner on every page
    kind: str = "区"  # the county's word for itself (区, 县, 市 …), a key of county_kinds.yaml
    kind_en: str = "district"  # the same in English (district, county, city …)
    site: SiteSettings = field(default_factory=SiteSettings)  # the optional [site] table
    # the published document whose figures the package reproduces, if any (the demo: 渝北区's
    # report); pages name it from here, never in their own prose
    reference_zh: str = ""
    reference_en: str = ""
    # `[report]`: the site pages of each chapter of the report document, where the county sets
    # them (chapter, pages); the others keep the project's default (publish/report.yaml)
    report_chapters: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class SurveyFiles:
    """The survey named by `county.toml`: the responses file and its validated scoring config."""

    path: Path
    config: SurveyConfig


@dataclass(frozen=True)
class CountyPackage:
    """Everything read from one county data package, validated.

    `schools`: one row per section, columns as in `schemas/schools.yaml`, index = spreadsheet row.
    `classes`: one row per class, columns as in `schemas/classes.yaml`.
    `measures`: county-level figures by measure code (schemas/measure_items.yaml).
    `monitoring`: national monitoring results, one row per grade and subject.
    `declarations`: declared status per indicator (status, reason, reason_en, document).
    `releases`: published versions and corrections (version, ISO date, kind, notes, notes_en);
    empty when the package lists none (optional: loaders/schemas/package_files.yaml).
    `remediation`: one row per remediation measure (indicator, section_id, measures, responsible,
    deadline as ISO year-month[-day], status (not_started | in_progress | completed), status_date
    as ISO year-month-day, progress, and their English twins where given); empty when the
    package has no plans (the file is optional, or may hold its header only).
    `survey`: the satisfaction-survey file (.sav/.zsav/.csv) and its scoring config, or None when
    the package has no survey yet (社会认可度 is then not computed). The file is read later, by
    `load_survey`, so that loading the registers stays fast.
    `input_hashes`: SHA-256 of every input file, by file name, for provenance and caching.
    """

    root: Path
    info: CountyInfo
    options: RuleOptions
    schools: pd.DataFrame
    classes: pd.DataFrame
    measures: Measures
    monitoring: pd.DataFrame
    declarations: pd.DataFrame
    remediation: pd.DataFrame
    releases: pd.DataFrame
    survey: SurveyFiles | None = None
    narrative: Narrative | None = None  # 主要举措及成效 in both languages, with its figures
    files: dict[str, str] = field(default_factory=dict)  # role → file name, for messages
    input_hashes: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # draft builds only: the [files] keys not there yet


def package_files(root: Path) -> list[Path]:
    """Return `county.toml` and every file it names, for hashing before anything is parsed."""
    manifest = root / "county.toml"
    files = [manifest]
    try:
        config = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return files
    named = [file_entry(value)[0] for value in config.get("files", {}).values()]
    safe = [n for n in named if isinstance(n, str) and n and unsafe_reason(root, n) is None]
    files += dict.fromkeys(root / name for name in safe)  # one workbook, several sheets
    survey_config = config.get("files", {}).get("survey_config")
    if survey_config:  # the population totals it names are an input too
        population = _population_file(root / str(survey_config))
        if population is not None:
            files.append(population)
    return files


def _population_file(config_path: Path) -> Path | None:
    """Return the population-totals file a survey config names, without validating the config."""
    try:
        raw = load_yaml(config_path.read_text(encoding="utf-8"))
        name = raw["population"]["file"]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError, KeyError):
        return None
    return config_path.parent / str(name) if isinstance(name, str) else None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _survey_files(root: Path, files: dict, report: LoadReport) -> SurveyFiles | None:
    """Return the survey file and its parsed config; both are named, or neither."""
    survey, config = files.get("survey"), files.get("survey_config")
    if not survey and not config:
        return None
    if not survey or not config:
        missing = "survey" if not survey else "survey_config"
        report.add(
            InputError(
                "county.toml",
                "empty",
                column=f"files.{missing}",
                expected="survey 与 survey_config 须同时填写 / name both survey and survey_config",
            )
        )
        return None
    path = root / str(survey)
    if not path.is_file():
        report.add(InputError(path.name, "file-missing", value=str(path)))
    try:
        from loaders._survey_config import load_survey_config  # pydantic: only with a survey

        parsed = load_survey_config(root / str(config))
    except InputErrors as errors:
        for error in errors.report.errors:
            report.add(error)
        return None
    return SurveyFiles(path, parsed)


def load_county(root: Path | str, draft: bool = False) -> CountyPackage:
    """Read and validate a county data package; raise `InputErrors` with every problem found.

    `draft`: only the school register is required; files not there yet are read as empty
    tables and listed in `missing` (`build --draft`, never published).
    """
    root = Path(root)
    report = LoadReport()
    config = read_manifest(root, report)
    report.raise_if_errors()
    assert config is not None
    unknown_keys(config, report)
    public = allow_list(config, report)  # [privacy]: public numbers that may be published
    with allowing(public):
        scan_config("county.toml", config, report)
    value = lambda key, kind, default=None: config_value(config, key, kind, report, default)  # noqa: E731
    name_zh = value("county.name_zh", str)
    kind, kind_en = county_kind(config.get("county", {}), name_zh, report)
    info = CountyInfo(
        code=str(value("county.code", str)),
        name_zh=name_zh,
        name_en=value("county.name_en", str),
        report_year=value("county.report_year", int),
        statistics_year=value("county.statistics_year", int),
        demo=value("county.demo", bool, False),
        kind=kind,
        kind_en=kind_en,
        site=site_settings(config, report),
        reference_zh=value("county.reference_zh", str, ""),
        reference_en=value("county.reference_en", str, ""),
        report_chapters=report_chapters(config, report),
    )
    defaults = RuleOptions()
    options = RuleOptions(
        split_rule=value("options.split_rule", str, defaults.split_rule),
        exclude_small_points=value("options.exclude_small_points", bool, True),
        retention_formula=value("options.retention_formula", str, defaults.retention_formula),
        q9_reading=value("options.q9_reading", str, defaults.q9_reading),
        g4_exceptions=tuple(value("options.g4_exceptions", list, list(defaults.g4_exceptions))),
    )
    for key, allowed in (
        ("split_rule", SPLIT_RULES),
        ("retention_formula", RETENTION_FORMULAS),
        ("q9_reading", Q9_READINGS),
    ):
        if getattr(options, key) not in allowed:
            report.add(
                InputError(
                    "county.toml",
                    "not-in-list",
                    column=f"options.{key}",
                    value=str(getattr(options, key)),
                    expected=" / ".join(allowed),
                )
            )
    for item in options.g4_exceptions:
        if item not in G4_EXCEPTIONS:
            report.add(
                InputError(
                    "county.toml",
                    "not-in-list",
                    column="options.g4_exceptions",
                    value=str(item),
                    expected=" / ".join(G4_EXCEPTIONS),
                )
            )
    files_table = config.get("files", {})
    files_table = files_table if isinstance(files_table, dict) else {}
    missing: tuple[str, ...] = ()
    if draft:
        files_table, missing = draft_files(root, files_table)
    settings_errors = len(report.errors)
    paths = named_files(root, files_table, report, draft=draft)
    if len(report.errors) > settings_errors:  # a file named but absent: nothing more to read
        report.raise_if_errors()
    # a wrong setting or survey config does not stop the tables being read: staff get every
    # problem of every file in one run; free text is scanned for personal data as it is read
    with allowing(public):
        survey = _survey_files(root, files_table, report)
        schools = read_table(paths["schools"], load_schema("schools"), report)
        classes = read_or_empty(paths["classes"], "classes", report)
        if schools is not None and "school_name_en" not in schools:  # optional column: "" = none
            schools["school_name_en"] = ""
        if schools is not None:
            check_schools(schools, paths["schools"].name, report)
        if schools is not None and classes is not None and paths["classes"] is not None:
            check_classes(schools, classes, paths["schools"].name, paths["classes"].name, report)
        sections = set(schools["section_id"]) if schools is not None else None
        measures = read_measures(paths["measures"], report) if paths["measures"] else Measures()
        if measures is not None and schools is not None and paths["measures"] is not None:
            check_register_parts(measures, schools, paths["measures"].name, report)
        if schools is not None and survey is not None:
            check_towns(schools, paths["schools"].name, survey.config, report)
        monitoring = read_or_empty(paths["monitoring"], "monitoring", report, read_monitoring)
        declarations = read_or_empty(
            paths["declarations"], "declarations", report, read_declarations
        )
        releases = read_optional(paths["releases"], "releases", read_releases, report)
        narrative = read_narrative(paths, report)
        remediation = read_optional(
            paths["remediation"],
            "remediation",
            lambda path, rep: read_remediation(path, sections, rep, latest_release_date(releases)),
            report,
        )
    report.raise_if_errors()
    hashes = {p.name: file_sha256(p) for p in package_files(root) if p.is_file()}
    return CountyPackage(
        root=root,
        info=info,
        options=options,
        schools=schools,
        classes=classes,
        measures=measures,
        monitoring=monitoring,
        declarations=declarations,
        remediation=remediation,
        releases=releases,
        survey=survey,
        narrative=narrative,
        files={
            **{role: path.name for role, path in paths.items() if path is not None},
            **({"survey": survey.path.name, "survey_config": survey.config.file} if survey else {}),
        },
        input_hashes=hashes,
        missing=missing,
    )
