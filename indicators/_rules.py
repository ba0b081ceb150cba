"""The evaluation's indicators, areas and veto items, read once from `evaluation.yaml`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders import load_yaml

KINDS = ("computed", "qualitative")
# what a status rests on; `declared` for qualitative items (evaluation.yaml explains each)
BASES = ("school_rows", "class_rows", "monitoring", "survey", "county_figure", "declared")


@dataclass(frozen=True)
class IndicatorRule:
    """One indicator (R, B, G1–G15, Q1–Q9, S): names, the rule in words, thresholds."""

    id: str
    kind: str
    name_zh: str
    name_en: str
    rule_zh: str
    rule_en: str
    thresholds: Mapping[str, float]
    basis: str = "declared"


@dataclass(frozen=True)
class AreaRule:
    """One of the four areas and the indicators that make it up."""

    id: str
    zh: str
    en: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class VetoRule:
    """One veto item (一票否决): a situation that fails the county whatever its other results."""

    id: str
    zh: str
    en: str
    basis: str = "declared"


@dataclass(frozen=True)
class EvaluationRules:
    """Every rule of the evaluation beyond the resource standards (see standards.yaml for those)."""

    source_zh: str
    source_en: str
    areas: Mapping[str, AreaRule]
    indicators: Mapping[str, IndicatorRule]
    veto: Mapping[str, VetoRule]

    def area_of(self, indicator: str) -> str | None:
        return next((a.id for a in self.areas.values() if indicator in a.parts), None)

    @property
    def declarable(self) -> tuple[str, ...]:
        """Return every id a county declares a status for: indicators, then veto items."""
        return (*self.indicators, *self.veto)

    @property
    def verdicts(self) -> tuple[str, ...]:
        """Return the ids of the verdicts a county may state (the areas, `veto`, `overall`).

        Optional: a verdict the declarations do not state is derived by the site from its
        indicators' declarations and marked as such, never attributed to the report.
        """
        return (*self.areas, "veto", "overall")


@cache
def load_evaluation_rules(path: Path | None = None) -> EvaluationRules:
    """Read the rules file; an unknown kind or an area naming an unknown indicator fails here."""
    path = path or Path(__file__).with_name("evaluation.yaml")
    raw = load_yaml(path.read_text(encoding="utf-8"))
    indicators = {}
    for ident, item in raw["indicators"].items():
        if item["kind"] not in KINDS:
            raise ValueError(f"{path}: {ident}: unknown kind {item['kind']!r}")
        basis = item.get("basis", "declared")
        if basis not in BASES or (basis == "declared") != (item["kind"] == "qualitative"):
            raise ValueError(f"{path}: {ident}: basis {basis!r} does not fit kind {item['kind']}")
        indicators[ident] = IndicatorRule(
            id=ident,
            kind=item["kind"],
            name_zh=item["name"]["zh"],
            name_en=item["name"]["en"],
            rule_zh=item["rule"]["zh"],
            rule_en=item["rule"]["en"],
            thresholds={k: float(v) for k, v in item.get("thresholds", {}).items()},
            basis=basis,
        )
    areas = {}
    for ident, item in raw["areas"].items():
        unknown = set(item["parts"]) - set(indicators)
        if unknown:
            raise ValueError(f"{path}: area {ident}: unknown indicators {sorted(unknown)}")
        areas[ident] = AreaRule(ident, item["zh"], item["en"], tuple(item["parts"]))
    veto = {
        ident: VetoRule(ident, item["zh"], item["en"], item.get("basis", "declared"))
        for ident, item in raw["veto"].items()
    }
    return EvaluationRules(
        source_zh=raw["source"]["zh"],
        source_en=raw["source"]["en"],
        areas=areas,
        indicators=indicators,
        veto=veto,
    )
