"""Open data: every published table as CSV (UTF-8 with BOM) and JSON, plus datapackage.json.

The dictionary in `opendata.yaml` is the single description of each table; it becomes the
Frictionless Table Schemas (the open-data convention portals read) and the dictionary shown on
the open-data page. Tables hold aggregates and school-level statistics only, never rows about
people; values are unrounded, as computed.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from indicators import Figure, IndicatorResult
from publish._cards import figure_label
from publish._format import text_html
from publish._results import Results
from publish._site import datapackage_licence
from publish._table_html import format_cell, header_cells, table_html
from survey import rounded_for_publication

DATA_DIR = "data"
TYPES = {"string", "integer", "number", "boolean", "date"}


@dataclass(frozen=True)
class FieldSpec:
    """One column of a published table, as the data dictionary describes it."""

    name: str
    type: str
    zh: str
    en: str
    description_zh: str | None = None
    description_en: str | None = None


@dataclass(frozen=True)
class ResourceSpec:
    """One published table: its name (file stem), titles and fields."""

    name: str
    title_zh: str
    title_en: str
    fields: tuple[FieldSpec, ...]


@cache
def dictionary() -> dict[str, ResourceSpec]:
    """Read `opendata.yaml`; an unknown type or key fails here, naming the table and field.

    Unknown keys catch a flow mapping cut short by a comma, such as `{en: 95 % interval, lower
    bound}`, which YAML reads as the title "95 % interval" and a stray key "lower bound".
    """
    raw = yaml.safe_load(Path(__file__).with_name("opendata.yaml").read_text(encoding="utf-8"))
    groups = raw.get("field_groups", {})
    resources = {}
    for name, item in raw["resources"].items():
        fields = []
        named = dict(item["fields"])
        if "value_fields" in item:  # a shared block of value columns, after the keys
            named |= groups[item["value_fields"]]
        for field_name, spec in named.items():
            if spec["type"] not in TYPES:
                raise ValueError(f"opendata.yaml: {name}.{field_name}: unknown type {spec['type']}")
            if stray := set(spec) - {"type", "zh", "en", "description"}:
                raise ValueError(f"opendata.yaml: {name}.{field_name}: unknown {sorted(stray)}")
            description = spec.get("description", {})
            fields.append(
                FieldSpec(
                    field_name,
                    spec["type"],
                    spec["zh"],
                    spec["en"],
                    description.get("zh"),
                    description.get("en"),
                )
            )
        resources[name] = ResourceSpec(
            name, item["title"]["zh"], item["title"]["en"], tuple(fields)
        )
    return resources


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


def cvs(results: Results) -> pd.DataFrame:
    return results.resources.cvs.reset_index()


def indicators(results: Results) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator": r.id,
                "area": r.area,
                "name_zh": _name(results, r.id, "zh"),
                "name_en": _name(results, r.id, "en"),
                "kind": r.kind,
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
        }
    )
    rows.append(
        {
            "scope": "overall",
            "name_zh": "总体结论",
            "name_en": "Overall verdict",
            "computed_status": evaluation.overall_computed,
            "declared_status": evaluation.overall_declared,
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
    "sensitivity",
)

TABLES: dict[str, Callable[[Results], pd.DataFrame | None]] = {
    "basic_by_level": basic_by_level,
    "sections": sections,
    "teaching_points": teaching_points,
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


def _json_value(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def table_schema(spec: ResourceSpec) -> dict:
    """Return the Frictionless Table Schema of one table, titles in both languages."""
    fields = []
    for f in spec.fields:
        entry = {"name": f.name, "type": f.type, "title": f"{f.zh} / {f.en}"}
        if f.description_zh or f.description_en:
            entry["description"] = " / ".join(d for d in (f.description_zh, f.description_en) if d)
        fields.append(entry)
    return {"fields": fields}


def write_open_data(results: Results, site_dir: Path) -> list[Path]:
    """Write every table as CSV and JSON and the datapackage.json under `site_dir/data/`."""
    folder = Path(site_dir) / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    resources = []
    for name in published_names(results):
        spec = dictionary()[name]
        frame = published_table(results, name)
        csv_path, json_path = folder / f"{name}.csv", folder / f"{name}.json"
        frame.to_csv(csv_path, index=False, encoding="utf-8-sig", lineterminator="\n")
        records = [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]
        json_path.write_text(
            json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written += [csv_path, json_path]
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": csv_path.name,
                "title": f"{spec.title_zh} / {spec.title_en}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": table_schema(spec),
            }
        )
    county = results.county
    package = {
        "name": f"county-equity-{county.code}",
        "title": f"{county.name_zh} 义务教育优质均衡发展 / {county.name_en} compulsory education",
        "description": "评估结果由县级数据按教督〔2017〕6号规则计算 / Results computed from the "
        f"{county.kind_en}'s data by the rules of 教督〔2017〕6号",
        "version": results.provenance.data_version,
        "licenses": [datapackage_licence(results.county)],
        "resources": resources,
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [*written, path]


def files_table(results: Results, lang: str, link: Callable[[str], str]) -> str:
    """Return the list of published tables with their CSV and JSON links and row counts.

    Table names may break after an underscore and the two links sit one under the other on a
    phone (docs/assets/site.css), so the table fits a 375-px screen with its links in view.
    """
    rows = []
    for name in published_names(results):
        spec = dictionary()[name]
        count = len(published_table(results, name))
        title = spec.title_zh if lang == "zh" else spec.title_en
        breakable = name.replace("_", "_<wbr>")
        rows.append(
            f'<tr><th scope="row">{html.escape(title)}</th><td><code>{breakable}</code></td>'
            f"<td>{format_cell(count, 'int', lang)}</td>"
            f'<td><a href="{link(f"{DATA_DIR}/{name}.csv")}" download>CSV</a>'
            '<span class="ec-files__sep" aria-hidden="true"> · </span>'
            f'<a href="{link(f"{DATA_DIR}/{name}.json")}" download>JSON</a></td></tr>'
        )
    head = header_cells(
        ("column.contents", "column.dataset", "column.rows", "column.download"), lang
    )
    body = "".join(rows)
    return table_html(head, body, "ec-files")


def dictionary_markdown(lang: str) -> str:
    """Return the data dictionary: a heading and a field table per published table."""
    parts = []
    for name, spec in dictionary().items():
        title = spec.title_zh if lang == "zh" else spec.title_en
        parts.append(f"### {title} {{#dict-{name.replace('_', '-')}}}\n")
        head = header_cells(
            (
                "column.field",
                "column.title_zh",
                "column.title_en",
                "column.type",
                "column.description",
            ),
            lang,
        )
        rows = "".join(
            f'<tr><th scope="row"><code>{f.name}</code></th><td>{text_html(f.zh, lang)}</td>'
            f"<td>{html.escape(f.en)}</td><td>{f.type}</td>"
            f"<td>{html.escape((f.description_zh if lang == 'zh' else f.description_en) or '')}"
            "</td></tr>"
            for f in spec.fields
        )
        parts.append(table_html(head, rows, "ec-dictionary") + "\n")
    return "\n".join(parts)
