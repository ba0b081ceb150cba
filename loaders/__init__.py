"""Read and validate a county data package into typed tables (the first step of the data flow)."""

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
from loaders._errors import InputError, InputErrors, LoadReport
from loaders._evaluation import MeasureItem, Measures, measure_items, parse_deadline
from loaders._schema import ColumnSpec, TableSchema, load_schema
from loaders._survey import (
    SurveyResponses,
    SurveySource,
    iter_survey_chunks,
    load_survey,
    survey_responses_from_frame,
)
from loaders._survey_config import (
    AnswerOption,
    DisclosureRules,
    Population,
    RakeControl,
    SurveyConfig,
    load_survey_config,
)
from loaders._table import read_table

__all__ = [
    "RULE_OPTION_VALUES",
    "AnswerOption",
    "ColumnSpec",
    "CountyInfo",
    "CountyPackage",
    "DisclosureRules",
    "InputError",
    "InputErrors",
    "LoadReport",
    "MeasureItem",
    "Measures",
    "Population",
    "RakeControl",
    "RuleOptions",
    "SurveyConfig",
    "SurveyFiles",
    "SurveyResponses",
    "SurveySource",
    "TableSchema",
    "file_sha256",
    "iter_survey_chunks",
    "load_county",
    "load_schema",
    "load_survey",
    "load_survey_config",
    "measure_items",
    "package_files",
    "parse_deadline",
    "read_table",
    "survey_responses_from_frame",
]
