"""Input-file schemas, read from the YAML beside this module (rules as data: ARCHITECTURE.md)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from loaders._yaml import load_yaml

SCHEMA_DIR = Path(__file__).parent / "schemas"
COLUMN_TYPES = {"id", "text", "integer", "number", "choice"}
_UNIT_IN_HEADER = re.compile(r"[（(][^）)]*[）)]")


def normalise_header(text: str) -> str:
    """Return a header reduced for matching: NFKC, no spaces, no unit in brackets, lower case."""
    text = unicodedata.normalize("NFKC", str(text))
    text = _UNIT_IN_HEADER.sub("", text)
    return re.sub(r"\s+", "", text).lower()


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an input file: code name, the headers staff may write, type and constraints."""

    name: str
    zh: str
    en: str
    type: str
    aliases: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    minimum: float | None = None
    maximum: float | None = None
    required: bool = True
    unit: str | None = None

    def headers(self) -> frozenset[str]:
        """The normalised headers that name this column (computed once per spec)."""
        cached = self.__dict__.get("_headers")
        if cached is None:
            cached = frozenset(
                normalise_header(h) for h in (self.zh, self.en, self.name, *self.aliases)
            )
            object.__setattr__(self, "_headers", cached)
        return cached

    def expected(self, lang: str, glossed: bool = False) -> str:
        """Describe the accepted values in words for an error message.

        `glossed`: English lists each choice as staff write it with its English word beside it
        (城区 (urban)), since the cell to correct is in Chinese; docs tables list the English.
        """
        if self.type == "choice" and glossed and lang == "en":
            return ", ".join(
                v[0] if v[0] == v[-1] else f"{v[0]} ({v[-1]})" for v in self.choices.values()
            )
        if self.type == "choice":
            return (
                "、".join(v[0] for v in self.choices.values())
                if lang == "zh"
                else ", ".join(v[-1] for v in self.choices.values())
            )
        parts = {"integer": ("整数", "a whole number"), "number": ("数字", "a number")}.get(
            self.type
        )
        if not parts:
            return "非空文本" if lang == "zh" else "non-empty text"
        text = parts[0] if lang == "zh" else parts[1]
        if self.minimum is not None:
            text += f" ≥ {self.minimum:g}"
        if self.maximum is not None:
            text += f" ≤ {self.maximum:g}"
        return text


@dataclass(frozen=True)
class TableSchema:
    """The columns of one input file and the columns that identify a row."""

    file: str
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)


@cache
def load_schema(name: str) -> TableSchema:
    """Read `schemas/<name>.yaml`; an unknown type or key fails here, naming the file."""
    path = SCHEMA_DIR / f"{name}.yaml"
    raw = load_yaml(path.read_text(encoding="utf-8"))
    columns = []
    allowed = {"name", "zh", "en", "aliases", "type", "choices", "min", "max", "required", "unit"}
    for item in raw["columns"]:
        unknown = set(item) - allowed
        if unknown or item.get("type") not in COLUMN_TYPES:
            raise ValueError(f"{path}: column {item.get('name')}: unknown keys or type {unknown}")
        columns.append(
            ColumnSpec(
                name=item["name"],
                zh=item["zh"],
                en=item["en"],
                type=item["type"],
                aliases=tuple(item.get("aliases", ())),
                choices={str(k): tuple(map(str, v)) for k, v in item.get("choices", {}).items()},
                minimum=item.get("min"),
                maximum=item.get("max"),
                required=item.get("required", True),
                unit=item.get("unit"),
            )
        )
    key = raw["key"]
    return TableSchema(
        file=raw["file"], key=tuple(key if isinstance(key, list) else [key]), columns=tuple(columns)
    )


TABLE_SCHEMAS = (
    "schools",
    "classes",
    "measures",
    "monitoring",
    "declarations",
    "remediation",
    "releases",
)


@cache
def _english_headers() -> dict[str, str]:
    headers: dict[str, str] = {}
    specs = [spec for name in TABLE_SCHEMAS for spec in load_schema(name).columns]
    for spec in specs:  # a column's own header first, so that an alias elsewhere cannot take it
        headers.setdefault(normalise_header(spec.zh), spec.en)
    for spec in specs:
        for header in spec.headers():
            headers.setdefault(header, spec.en)
    return headers


def english_header(header: str) -> str | None:
    """Return the English name of a column staff headed in Chinese (在校学生数 → students).

    Why: messages locate a column by the header as staff wrote it, which an English reader
    cannot always read; the English name goes beside it.
    """
    english = _english_headers().get(normalise_header(header))
    return english if english and normalise_header(english) != normalise_header(header) else None
