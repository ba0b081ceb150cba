"""Read and validate a county data package into typed tables (the first step of the data flow)."""

from loaders._county import (
    CountyInfo,
    CountyPackage,
    RuleOptions,
    file_sha256,
    load_county,
    package_files,
)
from loaders._errors import InputError, InputErrors, LoadReport
from loaders._schema import ColumnSpec, TableSchema, load_schema

__all__ = [
    "ColumnSpec",
    "CountyInfo",
    "CountyPackage",
    "InputError",
    "InputErrors",
    "LoadReport",
    "RuleOptions",
    "TableSchema",
    "file_sha256",
    "load_county",
    "load_schema",
    "package_files",
]
