"""Read and validate a county data package into typed tables (the first step of the data flow)."""

from loaders._county import (
    RULE_OPTION_VALUES,
    CountyInfo,
    CountyPackage,
    RuleOptions,
    file_sha256,
    load_county,
    package_files,
)
from loaders._errors import InputError, InputErrors, LoadReport
from loaders._evaluation import MeasureItem, Measures, measure_items, parse_deadline
from loaders._schema import ColumnSpec, TableSchema, load_schema
from loaders._table import read_table

__all__ = [
    "RULE_OPTION_VALUES",
    "ColumnSpec",
    "CountyInfo",
    "CountyPackage",
    "InputError",
    "InputErrors",
    "LoadReport",
    "MeasureItem",
    "Measures",
    "RuleOptions",
    "TableSchema",
    "file_sha256",
    "load_county",
    "load_schema",
    "measure_items",
    "package_files",
    "parse_deadline",
    "read_table",
]
