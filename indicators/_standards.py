"""The resource-allocation standards, read once from `standards.yaml` (thresholds are data)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders import load_yaml

LEVELS = ("primary", "junior")
COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "<": operator.lt,
    ">": operator.gt,
}


@dataclass(frozen=True)
class Standard:
    """One indicator R1–R7: names, unit, comparison and the standard value per level."""

    id: str
    zh: str
    en: str
    unit_zh: str
    unit_en: str
    op: str
    by_level: Mapping[str, float]

    def meets(self, value: float, level: str) -> bool:
        return COMPARE[self.op](value, self.by_level[level])


@dataclass(frozen=True)
class ResourceRules:
    """All resource-allocation rules: the seven standards, the section rule, the CV limits."""

    standards: Mapping[str, Standard]
    min_met: int
    floor_share: float
    cv_limits: Mapping[str, float]
    small_point_limit: int  # students below which a teaching point may be left out
    source_zh: str
    source_en: str


@cache
def load_resource_rules(path: Path | None = None) -> ResourceRules:
    """Read the standards file; an unknown comparison or a missing level fails here."""
    path = path or Path(__file__).with_name("standards.yaml")
    raw = load_yaml(path.read_text(encoding="utf-8"))
    standards = {}
    for ident, item in raw["indicators"].items():
        if item["op"] not in COMPARE:
            raise ValueError(f"{path}: {ident}: unknown comparison {item['op']!r}")
        standards[ident] = Standard(
            id=ident,
            zh=item["zh"],
            en=item["en"],
            unit_zh=item["unit"]["zh"],
            unit_en=item["unit"]["en"],
            op=item["op"],
            by_level={level: float(item[level]) for level in LEVELS},
        )
    return ResourceRules(
        standards=standards,
        min_met=int(raw["section_rule"]["min_met"]),
        floor_share=float(raw["section_rule"]["floor_share"]),
        cv_limits={level: float(raw["cv_limits"][level]) for level in LEVELS},
        small_point_limit=int(raw["scope"]["small_point_students"]),
        source_zh=raw["source"]["zh"],
        source_en=raw["source"]["en"],
    )
