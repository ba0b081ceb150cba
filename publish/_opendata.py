"""Open data: every published table as CSV (UTF-8 with BOM) and JSON, plus datapackage.json.

The dictionary in `opendata.yaml` is the single description of each table; it becomes the
Frictionless Table Schemas (the open-data convention portals read) and the dictionary shown on
the open-data page. Tables hold aggregates and school-level statistics only, never rows about
people; values are unrounded, as computed. This module holds what each table contains (one
function per table in `TABLES`); the dictionary is read in `_opendata_dictionary`, the files
are written and listed in `_opendata_files`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

import loaders
from indicators import Figure, IndicatorResult
from publish._cards import figure_label
from publish._opendata_dictionary import dictionary
from publish._results import Results
from survey import rounded_for_publication


def _indicator_rows(results: Results) -> list[IndicatorResult]:
    evaluation = results.evaluation
    return [*evaluation.indicators.values(), *evaluation.veto.values()]


def _name(results: Results, ident: str, lang: str) -> str:
    rules = results.evaluation_rules
    if ident in rules.indicators:
        rule = rules.indicators[ident]
        return rule.name_zh if lang == "zh" else rule.name_en
    veto = rules.veto[ident]
    return veto.zh if lang == "zh" else veto.en


def basic_by_level(results: Results) -> pd.DataFrame:
    return results.basic.by_level.rename_axis("level").reset_index()


def teaching_points(results: Results) -> pd.DataFrame:
    """Teaching points outside the resource rules: counted in the totals, not evaluated."""
    return results.basic.outside


def sections(results: Results) -> pd.DataFrame:
    values = results.resources.sections
    register = results.sections_register.set_index("section_id")
    frame = register.loc[values.index].reset_index()
    frame = frame.join(
        values[["students", *results.rules.standards, "met", "above_floor", "klass"]].reset_index(
            drop=True
        )
    )
    return frame.rename(columns={"klass": "section_class"})


def _register(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Every column of the schema, an optional one the county left out as empty cells."""
    frame = frame.copy()
    for spec in dictionary()[name].fields:
        if spec.name not in frame:
            frame[spec.name] = "" if spec.type == "string" else None
    return frame


def school_register(results: Results) -> pd.DataFrame:
    """The register as validated, every row (teaching points and special schools too)."""
    return _register(results.schools, "school_register")


def class_register(results: Results) -> pd.DataFrame:
    return _register(results.classes, "class_register")


def monitoring(results: Results) -> pd.DataFrame:
    return _register(results.monitoring, "monitoring")


def measures(results: Results) -> pd.DataFrame:
    """The county measures in the catalogue's order, with the source the county gave."""
    items = loaders.measure_items()
    rows = [
        {
            "indicator": item.indicator,
            "key": key,
            "label_zh": item.zh,
            "label_en": item.en,
            "value": results.measures.get(key),
            "unit": item.unit,
            "source": results.measure_sources.get(key) or "",
        }
        for key, item in items.items()
        if key in results.measures
    ]
    return pd.DataFrame(rows, columns=[f.name for f in dictionary()["measures"].fields])


def standards(results: Results) -> pd.DataFrame:
    rules = results.rules
    rows = [
        {
            "indicator": ident,
            "level": level,
            "op": standard.op,
            "standard": value,
            # rounded past any standard's precision: 4.5 × 0.85 is 3.8249999999999997 in binary
            "floor": round(value * rules.floor_share, 9),
        }
        for ident, standard in rules.standards.items()
        for level, value in standard.by_level.items()
    ]
    return pd.DataFrame(rows)


def thresholds(results: Results) -> pd.DataFrame:
    """Every number a rule compares with (room sizes, limits, build years …), as held."""
    rows = [
        {"indicator": ident, "key": key, "value": value}
        for ident, rule in results.evaluation_rules.indicators.items()
        for key, value in rule.thresholds.items()
    ]
    return pd.DataFrame(rows, columns=["indicator", "key", "value"])


def rule_options(results: Results) -> pd.DataFrame:
    """The options a reader needs to recompute the figures (the split of shared totals …)."""
    rows = []
    for name, value in vars(results.options).items():
        if isinstance(value, tuple):
            value = ",".join(value)
        elif isinstance(value, bool):
            value = str(value).lower()
        rows.append({"option": name, "value": str(value)})
    return pd.DataFrame(rows)


def cvs(results: Results) -> pd.DataFrame:
    return results.resources.cvs.reset_index()


def _basis(results: Results, ident: str) -> str:
    rules = results.evaluation_rules
    return (rules.indicators.get(ident) or rules.veto[ident]).basis


def indicators(results: Results) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator": r.id,
                "area": r.area,
                "name_zh": _name(results, r.id, "zh"),
                "name_en": _name(results, r.id, "en"),
                "kind": r.kind,
                "basis": _basis(results, r.id),
                "computed_status": r.computed.status,
                "declared_status": r.declared,
                "differs": r.differs,
                "reason": r.reason,
                "reason_en": r.reason_en,
                "document": r.document,
                "document_en": r.document_en,
                "plans": len(r.plans),
            }
            for r in _indicator_rows(results)
        ]
    )


def indicator_figures(results: Results) -> pd.DataFrame:
    rows = []
    for r in _indicator_rows(results):
        rule = results.evaluation_rules.indicators.get(r.id)
        thresholds = rule.thresholds if rule else {}
        for role, figures in (("value", r.computed.values), ("threshold", r.computed.thresholds)):
            for figure in figures:
                rows.append(_figure_row(r.id, role, figure, figure_label, thresholds))
    return pd.DataFrame(rows)


def _figure_row(ident: str, role: str, figure: Figure, label_of: Callable, thresholds) -> dict:
    return {
        "indicator": ident,
        "figure": figure.key,
        "label_zh": label_of(figure.key, "zh", thresholds),
        "label_en": label_of(figure.key, "en", thresholds),
        "role": role,
        "op": figure.op,
        "value": figure.value,
        "unit": figure.unit,
    }


def verdicts(results: Results) -> pd.DataFrame:
    evaluation, rules = results.evaluation, results.evaluation_rules
    rows = [
        {
            "scope": area.id,
            "name_zh": rules.areas[area.id].zh,
            "name_en": rules.areas[area.id].en,
            "computed_status": area.computed,
            "declared_status": area.declared,
            "declared_stated": area.declared_stated,
        }
        for area in evaluation.areas.values()
    ]
    rows.append(
        {
            "scope": "veto",
            "name_zh": "一票否决",
            "name_en": "Veto items",
            "computed_status": evaluation.veto_computed,
            "declared_status": evaluation.veto_declared,
            "declared_stated": evaluation.veto_declared_stated,
        }
    )
    rows.append(
        {
            "scope": "overall",
            "name_zh": "总体结论",
            "name_en": "Overall verdict",
            "computed_status": evaluation.overall_computed,
            "declared_status": evaluation.overall_declared,
            "declared_stated": evaluation.overall_declared_stated,
        }
    )
    return pd.DataFrame(rows)


def class_sizes(results: Results) -> pd.DataFrame:
    return results.evaluation.indicators["G5"].computed.detail


def school_sizes(results: Results) -> pd.DataFrame:
    return results.evaluation.indicators["G4"].computed.detail


def remediation(results: Results) -> pd.DataFrame:
    fields = [f.name for f in dictionary()["remediation"].fields]
    rows = [{k: getattr(p, k) for k in fields} for p in results.evaluation.plans]
    return pd.DataFrame(rows, columns=fields)  # a county with no plans publishes the header


def releases(results: Results) -> pd.DataFrame:
    return results.releases


def _survey(table: str) -> Callable[[Results], pd.DataFrame | None]:
    """Return the reader of one survey table; None when the package has no survey.

    The breakdowns are published at the precision the page shows (disclosure control).
    """

    def read(results: Results) -> pd.DataFrame | None:
        if results.survey is None:
            return None
        frame = getattr(results.survey, table)
        return rounded_for_publication(frame) if table in BREAKDOWN_TABLES else frame

    return read


BREAKDOWN_TABLES = ("by_group", "by_item", "by_town", "group_by_item", "group_by_town")
SURVEY_TABLES = (
    "by_group",
    "by_item",
    "by_town",
    "group_by_item",
    "group_by_town",
    "exclusions",
    "sums",
    "sensitivity",
)


def narrative_figures(results: Results) -> pd.DataFrame | None:
    """The figures the county's narrative inserts, with their sources; None without one."""
    if results.narrative is None:
        return None
    figures = results.narrative.figures
    return pd.DataFrame(
        {
            "key": figures.index,
            "label_zh": figures["label"].to_numpy(),
            "label_en": figures["label_en"].to_numpy(),
            "value": figures["value"].to_numpy(),
            "unit_zh": figures["unit"].fillna("").to_numpy(),
            "unit_en": figures["unit_en"].fillna("").to_numpy(),
            "source": figures["source"].to_numpy(),
        }
    )


TABLES: dict[str, Callable[[Results], pd.DataFrame | None]] = {
    "basic_by_level": basic_by_level,
    "sections": sections,
    "teaching_points": teaching_points,
    "school_register": school_register,
    "class_register": class_register,
    "monitoring": monitoring,
    "measures": measures,
    "narrative_figures": narrative_figures,
    "standards": standards,
    "thresholds": thresholds,
    "rule_options": rule_options,
    "cvs": cvs,
    "indicators": indicators,
    "indicator_figures": indicator_figures,
    "verdicts": verdicts,
    "class_sizes": class_sizes,
    "school_sizes": school_sizes,
    "remediation": remediation,
    "releases": releases,
    **{f"survey_{name}": _survey(name) for name in SURVEY_TABLES},
}


def published_names(results: Results) -> list[str]:
    """Return the tables this package publishes (the survey tables only if it has a survey)."""
    return [name for name in dictionary() if TABLES[name](results) is not None]


def published_table(results: Results, name: str) -> pd.DataFrame:
    """Return one table with exactly the dictionary's columns, in its order."""
    spec = dictionary()[name]
    frame = TABLES[name](results)
    if frame is None:
        raise ValueError(f"open data table {name}: this package has no data for it")
    columns = [f.name for f in spec.fields]
    missing = set(columns) - set(frame.columns)
    if missing:
        raise ValueError(f"open data table {name}: missing columns {sorted(missing)}")
    frame = frame[columns].reset_index(drop=True)
    for f in spec.fields:
        if f.type == "integer":
            frame[f.name] = pd.to_numeric(frame[f.name]).round().astype("Int64")
        elif f.type == "number":
            frame[f.name] = pd.to_numeric(frame[f.name]).astype(float)
        elif f.type == "boolean":
            frame[f.name] = frame[f.name].astype(bool)
    return frame
