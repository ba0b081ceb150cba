"""The county data package: `county.toml` plus the files it names."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders._checks import check_classes, check_schools
from loaders._errors import InputError, LoadReport
from loaders._schema import load_schema
from loaders._table import read_table

SPLIT_RULES = ("students", "weighted")


@dataclass(frozen=True)
class RuleOptions:
    """Choices where the official text is unsettled (rules.md, marked "option")."""

    split_rule: str = "students"
    exclude_small_points: bool = True


@dataclass(frozen=True)
class CountyInfo:
    """Who the package describes and for which years."""

    code: str
    name_zh: str
    name_en: str
    report_year: int
    statistics_year: int
    demo: bool  # synthetic demonstration data: the site shows a banner on every page


@dataclass(frozen=True)
class CountyPackage:
    """Everything read from one county data package, validated.

    `schools`: one row per section, columns as in `schemas/schools.yaml`, index = spreadsheet row.
    `classes`: one row per class, columns as in `schemas/classes.yaml`.
    `input_hashes`: SHA-256 of every input file, by file name, for provenance and caching.
    """

    root: Path
    info: CountyInfo
    options: RuleOptions
    schools: pd.DataFrame
    classes: pd.DataFrame
    input_hashes: dict[str, str] = field(default_factory=dict)


def package_files(root: Path) -> list[Path]:
    """Return `county.toml` and every file it names, for hashing before anything is parsed."""
    manifest = root / "county.toml"
    files = [manifest]
    try:
        config = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return files
    files += [root / str(p) for p in config.get("files", {}).values()]
    return files


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(root: Path, report: LoadReport) -> dict | None:
    manifest = root / "county.toml"
    if not manifest.is_file():
        report.add(InputError("county.toml", "file-missing", value=str(manifest)))
        return None
    try:
        return tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        report.add(InputError("county.toml", "bad-config", expected=str(exc)))
        return None


def _config_value(config: dict, dotted: str, kind: type, report: LoadReport, default=None):
    node: object = config
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if node is None:
        if default is not None:
            return default
        report.add(InputError("county.toml", "empty", column=dotted, expected=kind.__name__))
        return None
    if not isinstance(node, kind):
        report.add(
            InputError(
                "county.toml", "bad-config", column=dotted, value=str(node), expected=kind.__name__
            )
        )
        return None
    return node


def load_county(root: Path | str) -> CountyPackage:
    """Read and validate a county data package; raise `InputErrors` with every problem found."""
    root = Path(root)
    report = LoadReport()
    config = _read_manifest(root, report)
    report.raise_if_errors()
    assert config is not None
    value = lambda key, kind, default=None: _config_value(config, key, kind, report, default)  # noqa: E731
    info = CountyInfo(
        code=str(value("county.code", str)),
        name_zh=value("county.name_zh", str),
        name_en=value("county.name_en", str),
        report_year=value("county.report_year", int),
        statistics_year=value("county.statistics_year", int),
        demo=value("county.demo", bool, False),
    )
    options = RuleOptions(
        split_rule=value("options.split_rule", str, "students"),
        exclude_small_points=value("options.exclude_small_points", bool, True),
    )
    if options.split_rule not in SPLIT_RULES:
        report.add(
            InputError(
                "county.toml",
                "not-in-list",
                column="options.split_rule",
                value=options.split_rule,
                expected=" / ".join(SPLIT_RULES),
            )
        )
    schools_file = value("files.schools", str)
    classes_file = value("files.classes", str)
    report.raise_if_errors()
    schools = read_table(root / schools_file, load_schema("schools"), report)
    classes = read_table(root / classes_file, load_schema("classes"), report)
    if schools is not None:
        check_schools(schools, Path(schools_file).name, report)
    if schools is not None and classes is not None:
        check_classes(schools, classes, Path(schools_file).name, Path(classes_file).name, report)
    report.raise_if_errors()
    hashes = {p.name: file_sha256(p) for p in package_files(root) if p.is_file()}
    return CountyPackage(
        root=root, info=info, options=options, schools=schools, classes=classes, input_hashes=hashes
    )
