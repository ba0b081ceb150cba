"""The one results object: every computed figure of the site, built once and cached on disk.

Data flow: loaders → indicators / survey → Results → macros. The cache key covers the input
files, the configuration and the code, so a changed input, option or rule is always recomputed.
"""

from __future__ import annotations

import hashlib
import platform
from dataclasses import dataclass, field
from importlib import metadata, util
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

import indicators
import loaders
from indicators import BasicFacts, Evaluation, EvaluationRules, ResourceResult, ResourceRules
from loaders import CountyInfo, Narrative, RuleOptions
from publish import _results_store

if TYPE_CHECKING:  # the survey package is imported only when a package has a survey
    from survey import SurveyResult

# the code that turns a package into results; not `demo`: its generator matters only to the demo
# package, whose generated files are inputs and so already in the key
CODE_PACKAGES = ("loaders", "indicators", "survey", "publish")
REGISTER_COLUMNS = [
    "section_id",
    "school_id",
    "school_name",
    "school_name_en",  # optional register column; "" where not given
    "section_name",
    "school_type",
    "level",
    "town",
]


@dataclass(frozen=True)
class Provenance:
    """Where the figures come from: input file hashes, code hash, software version."""

    input_hashes: dict[str, str] = field(metadata={"help": "SHA-256 of each input file by name"})
    code_hash: str = field(metadata={"help": "SHA-256 over the project's Python and rule files"})
    software_version: str = field(metadata={"help": "version of this publisher"})

    @property
    def data_version(self) -> str:
        """Return a short stable id of the input data (12 hex digits)."""
        joined = "".join(f"{k}={v};" for k, v in sorted(self.input_hashes.items()))
        return hashlib.sha256(joined.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Results:
    """Everything the site shows, computed from one county data package."""

    county: CountyInfo = field(metadata={"help": "county identity and years"})
    options: RuleOptions = field(metadata={"help": "rule options in force"})
    rules: ResourceRules = field(metadata={"help": "the resource-allocation standards applied"})
    basic: BasicFacts = field(metadata={"help": "head counts of schools, students, teachers"})
    resources: ResourceResult = field(metadata={"help": "R1–R7 per section, section classes, CVs"})
    measures: dict[str, float | None] = field(
        metadata={"help": "county-level figures by measure code (loaders/schemas/measure_items)"}
    )
    evaluation_rules: EvaluationRules = field(
        metadata={"help": "indicators, areas and veto items of the evaluation, with thresholds"}
    )
    evaluation: Evaluation = field(
        metadata={
            "help": "every indicator computed and declared, the areas, veto items, overall "
            "verdict and remediation plans"
        }
    )
    survey: SurveyResult | None = field(
        metadata={
            "help": "the satisfaction survey scored and disclosure-controlled (aggregates only); "
            "None when the package has no survey"
        }
    )
    provenance: Provenance = field(metadata={"help": "input hashes and software version"})
    releases: pd.DataFrame = field(
        metadata={"help": "published versions and corrections: version, date, kind, notes"}
    )
    sections_register: pd.DataFrame = field(
        metadata={
            "help": "evaluated sections as registered: section_id, school_id, school_name, "
            "section_name, school_type, level, town"
        }
    )
    shared_split: pd.DataFrame = field(
        default_factory=pd.DataFrame,
        metadata={
            "help": "sections sharing a campus (资源是否共用): section_id, school_id, level, "
            "students, weight, campus_weight, share, school_name, section_name, each shared "
            "total as registered and its part for the section (suffix _section)"
        },
    )
    schools: pd.DataFrame = field(
        default_factory=pd.DataFrame,
        metadata={
            "help": "the school register as validated (every row and column of "
            "loaders/schemas/schools.yaml), after the personal-data scan: open data"
        },
    )
    classes: pd.DataFrame = field(
        default_factory=pd.DataFrame,
        metadata={"help": "the class register as validated: section_id, grade, class_no, students"},
    )
    monitoring: pd.DataFrame = field(
        default_factory=pd.DataFrame,
        metadata={"help": "the monitoring results as validated, one row per grade and subject"},
    )
    measure_sources: dict[str, str | None] = field(
        default_factory=dict,
        metadata={"help": "the document each county measure comes from (依据), by code"},
    )
    narrative: Narrative | None = field(
        default=None,
        metadata={"help": "the county's 主要举措及成效 text in both languages, with its figures"},
    )
    draft: tuple[str, ...] | None = field(
        default=None,
        metadata={
            "help": "None for a full build; for a draft (`build --draft`), the county.toml "
            "[files] keys not there yet"
        },
    )


def code_hash() -> str:
    """Return a hash of every source and rule file of the project's packages."""
    digest = hashlib.sha256()
    for name in CODE_PACKAGES:
        spec = util.find_spec(name)  # found, not imported: the check never needs the survey
        root = Path(spec.submodule_search_locations[0])
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".yaml", ".csv", ".js", ".css", ".html"} and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


# the libraries the results are computed with: a new version may change a figure
COMPUTING_LIBRARIES = ("pandas", "numpy", "pyreadstat", "python-calamine", "pydantic", "pyyaml")


def environment_fingerprint() -> str:
    """Return the Python version and the installed versions of the computing libraries.

    Why in the cache key: the lock pins them, but a cache written under an older lock (or a
    machine installed by hand) must not hand back figures another pandas would compute
    differently.
    """
    versions = [f"python={platform.python_version()}"]
    for name in COMPUTING_LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    return ";".join(versions)


def software_version() -> str:
    try:
        return metadata.version("equity-site")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def assess_package_survey(package: loaders.CountyPackage) -> SurveyResult | None:
    """Read the package's survey chunk by chunk and score it (raises loaders.InputErrors)."""
    if package.survey is None:
        return None
    import survey

    config = package.survey.config
    return survey.assess_survey_chunks(
        loaders.iter_survey_chunks(package.survey.path, config), config
    )


def compute_results(package_dir: Path, code: str | None = None, draft: bool = False) -> Results:
    """Load, validate and evaluate one county data package (raises loaders.InputErrors).

    `draft`: build from whatever files are there (a school register is enough); indicators
    without their data compute as no data, and undeclared ones are shown as such.
    """
    package = loaders.load_county(package_dir, draft=draft)
    return results_from_package(package, code, draft)


def results_from_package(
    package: loaders.CountyPackage,
    code: str | None = None,
    draft: bool = False,
    declarations_as_notes: bool = False,
) -> Results:
    """Evaluate a loaded package (raises loaders.InputErrors on a bad survey or declaration).

    `declarations_as_notes` (the check report): declarations the data contradict are listed
    in `evaluation.draft_notes` instead of stopping, so staff see what the data compute first.
    """
    rules = indicators.load_resource_rules()
    scope = indicators.in_scope(package.schools, package.options.exclude_small_points)
    evaluated = indicators.split_shared_resources(scope, package.options.split_rule)
    shares = indicators.split_shares(scope, package.options.split_rule)
    shared_split = shares.join(scope[["school_name", "section_name", *indicators.SHARED_COLUMNS]])
    shared_split = shared_split.join(
        evaluated[indicators.SHARED_COLUMNS].add_suffix("_section")
    ).reset_index(drop=True)
    resources = indicators.assess_resources(evaluated, rules)
    evaluation_rules = indicators.load_evaluation_rules()
    satisfaction = assess_package_survey(package)
    basic = indicators.basic_facts(package.schools, scope)
    inputs = indicators.EvaluationInputs(
        schools=package.schools,
        sections=scope,
        classes=package.classes,
        measures=package.measures.values,
        monitoring=package.monitoring,
        options=package.options,
        # G9 and G12 cover every full-time teacher, those of teaching points outside the
        # resource rules too: the county's training and certificate counts include them
        teachers=basic.teachers,
    )
    evaluation = indicators.evaluate(
        inputs,
        resources,
        rules,
        evaluation_rules,
        package.declarations,
        package.remediation,
        satisfaction=None if satisfaction is None else satisfaction.overall.estimate,
        files=package.files,
        draft=draft or declarations_as_notes,
    )
    return Results(
        county=package.info,
        options=package.options,
        rules=rules,
        basic=basic,
        resources=resources,
        measures=dict(package.measures.values),
        evaluation_rules=evaluation_rules,
        evaluation=evaluation,
        survey=satisfaction,
        releases=package.releases.reset_index(drop=True),
        provenance=Provenance(
            input_hashes=package.input_hashes,
            code_hash=code or code_hash(),
            software_version=software_version(),
        ),
        sections_register=scope[REGISTER_COLUMNS].reset_index(drop=True),
        draft=package.missing if draft else None,
        shared_split=shared_split,
        schools=package.schools.reset_index(drop=True),
        classes=package.classes.reset_index(drop=True),
        monitoring=package.monitoring.reset_index(drop=True),
        measure_sources=dict(package.measures.sources),
        narrative=package.narrative,
    )


def cache_key(package_dir: Path, code: str, draft: bool = False) -> str:
    """Return the hash of the package's files (contents), the code, the kind of build, and the
    Python and library versions (`environment_fingerprint`)."""
    digest = hashlib.sha256(code.encode() + (b"draft" if draft else b"full"))
    digest.update(environment_fingerprint().encode())
    for path in loaders.package_files(package_dir):
        digest.update(path.name.encode())
        digest.update(loaders.file_sha256(path).encode() if path.is_file() else b"absent")
    return digest.hexdigest()[:32]


def cached_results(package_dir: Path, cache_dir: Path, draft: bool = False) -> Results:
    """Return the results for a package, from `cache_dir` when inputs and code are unchanged.

    The cache is JSON with its hash beside it (publish/_results_store.py): a file that does not
    match its hash, is not this format or does not hold a Results is recomputed, never trusted.
    """
    package_dir = Path(package_dir)
    code = code_hash()
    path = Path(cache_dir) / f"results-{cache_key(package_dir, code, draft)}.json"
    if path.is_file():
        try:
            return _results_store.read(path, Results)
        except (OSError, _results_store.CacheFormatError):
            path.unlink(missing_ok=True)
    results = compute_results(package_dir, code, draft=draft)
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("results-*"):
        old.unlink(missing_ok=True)
    _results_store.write(path, results)
    return results
