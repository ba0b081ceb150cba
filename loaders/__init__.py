"""Read and validate a county data package into typed tables (the first step of the data flow)."""

from loaders._cell_checks import EXAMPLE_MARK
from loaders._county import (
    RULE_OPTION_VALUES,
    CountyInfo,
    CountyPackage,
    RuleOptions,
    SurveyFiles,
    file_sha256,
    load_county,
    package_files,
)
from loaders._errors import ErrorCode, InputError, InputErrors, LoadReport, left_out
from loaders._evaluation import MeasureItem, Measures, measure_items, parse_deadline
from loaders._files import PACKAGE_FILES, PackageFile
from loaders._hints import hint
from loaders._limits import limits
from loaders._narrative import NARRATIVE_MARK, Narrative
from loaders._personal_data import has_personal_data
from loaders._relations import relations
from loaders._schema import ColumnSpec, TableSchema, load_schema
from loaders._site import SiteSettings, county_kinds
from loaders._sources import NamedFile, sheet_label, split_label
from loaders._survey import iter_survey_chunks, load_survey, survey_responses_from_frame
from loaders._survey_config_types import DEFAULTS as SURVEY_CONFIG_DEFAULTS
from loaders._survey_config_types import METHODS as SURVEY_METHODS
from loaders._survey_config_types import QUALITY_RULES as SURVEY_QUALITY_RULES
from loaders._survey_config_types import ROLES as SURVEY_ROLES
from loaders._survey_config_types import WEIGHTINGS as SURVEY_WEIGHTINGS
from loaders._survey_config_types import (
    AnswerOption,
    DisclosureRules,
    Population,
    RakeControl,
    SurveyConfig,
)
from loaders._survey_responses import SurveyResponses, SurveySource
from loaders._table import HEADER_SEARCH_ROWS, read_table
from loaders._yaml import load_yaml

# the columns a shared campus (资源是否共用 = 是) carries as whole-school totals, for the split
SHARED_TOTALS: tuple[str, ...] = relations().shared_totals

__all__ = [
    "EXAMPLE_MARK",
    "HEADER_SEARCH_ROWS",
    "NARRATIVE_MARK",
    "PACKAGE_FILES",
    "RULE_OPTION_VALUES",
    "SHARED_TOTALS",
    "SURVEY_CONFIG_DEFAULTS",
    "SURVEY_METHODS",
    "SURVEY_QUALITY_RULES",
    "SURVEY_ROLES",
    "SURVEY_WEIGHTINGS",
    "AnswerOption",
    "ColumnSpec",
    "CountyInfo",
    "CountyPackage",
    "DisclosureRules",
    "ErrorCode",
    "InputError",
    "InputErrors",
    "LoadReport",
    "MeasureItem",
    "Measures",
    "NamedFile",
    "Narrative",
    "PackageFile",
    "Population",
    "RakeControl",
    "RuleOptions",
    "SiteSettings",
    "SurveyConfig",
    "SurveyFiles",
    "SurveyResponses",
    "SurveySource",
    "TableSchema",
    "county_kinds",
    "file_sha256",
    "has_personal_data",
    "hint",
    "iter_survey_chunks",
    "left_out",
    "limits",
    "load_county",
    "load_schema",
    "load_survey",
    "load_survey_config",
    "load_yaml",
    "measure_items",
    "package_files",
    "parse_deadline",
    "read_table",
    "sheet_label",
    "split_label",
    "survey_responses_from_frame",
]


def __getattr__(name: str) -> object:
    """Import the survey config's reader (pydantic models) on first use, not with the package:
    a package without a survey, and the check of one, never pay for it."""
    if name == "load_survey_config":
        from loaders._survey_config import load_survey_config

        return load_survey_config
    raise AttributeError(f"module 'loaders' has no attribute {name!r}")
