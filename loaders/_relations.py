"""Part ≤ whole relations between figures, read once from `schemas/relations.yaml` and checked
by one function.

Why data and not code: the same rule ("a part may not exceed its whole", i.e. no rate above
100 %) holds within a school-register row, between two county measures and between a measure and
a register total; stating each pair once keeps the docs, the checks and the messages in step
(ARCHITECTURE.md, "Rules as data").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from loaders._errors import InputError, LoadReport
from loaders._schema import SCHEMA_DIR
from loaders._yaml import load_yaml

SCOPES = ("schools", "measures", "register")
RELATION_KEYS = {"parts", "whole", "part_zh", "part_en", "whole_zh", "whole_en", "singular"}


@dataclass(frozen=True)
class PartOfWhole:
    """The sum of `parts` may not exceed `whole`; the names override the catalogue's in messages."""

    parts: tuple[str, ...]
    whole: str
    part_zh: str | None = None
    part_en: str | None = None
    whole_zh: str | None = None
    whole_en: str | None = None
    singular: bool = False  # the English part is one amount: "exceeds", not "exceed"


@dataclass(frozen=True)
class Relations:
    """Every part ≤ whole relation by scope, and the columns a shared campus carries whole."""

    schools: tuple[PartOfWhole, ...]
    measures: tuple[PartOfWhole, ...]
    register: tuple[PartOfWhole, ...]
    shared_totals: tuple[str, ...]


@cache
def relations() -> Relations:
    """Read `schemas/relations.yaml`; an unknown scope or key fails here, naming the file."""
    path = SCHEMA_DIR / "relations.yaml"
    raw = load_yaml(path.read_text(encoding="utf-8"))
    unknown = set(raw) - {*SCOPES, "shared_totals"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    scopes = {}
    for scope in SCOPES:
        items = []
        for item in raw.get(scope, []):
            if set(item) - RELATION_KEYS or not item.get("parts") or "whole" not in item:
                raise ValueError(f"{path}: {scope}: bad relation {item}")
            items.append(PartOfWhole(**{**item, "parts": tuple(item["parts"])}))
        scopes[scope] = tuple(items)
    return Relations(**scopes, shared_totals=tuple(raw["shared_totals"]))


def _count(value: float) -> str:
    """Return a figure as staff would read it: 9,600 or 1,234.5."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def check_parts(
    relation: PartOfWhole,
    values: Mapping[str, float | None],
    names: Callable[[str, str], str],
    where: InputError,
    report: LoadReport,
) -> None:
    """Report `where` (file, row, column already set) when the given parts exceed the whole.

    `names(key, lang)` returns the 中文 or English name of a part or whole. Parts left empty
    (None) are skipped, so a total of the known parts that already exceeds the whole is caught;
    an empty whole skips the relation (the indicator then shows "no data").
    """
    whole = values.get(relation.whole)
    given = [values[p] for p in relation.parts if values.get(p) is not None]
    if whole is None or not given or sum(given) <= whole:
        return
    total = sum(given)
    whole_zh = relation.whole_zh or names(relation.whole, "zh")
    whole_en = relation.whole_en or names(relation.whole, "en")
    part_zh = relation.part_zh or "、".join(names(p, "zh") for p in relation.parts)
    part_en = relation.part_en or " + ".join(names(p, "en") for p in relation.parts)
    if len(relation.parts) > 1:
        part_zh += "合计"
    verb = "exceeds" if relation.singular else "exceed"
    report.add(
        InputError(
            where.file,
            "exceeds-whole",
            row=where.row,
            column=where.column,
            value=_count(total),
            detail=f"{part_zh} {_count(total)} 超过{whole_zh} {_count(whole)}",
            detail_en=f"{part_en} ({_count(total)}) {verb} {whole_en} ({_count(whole)})",
        )
    )
