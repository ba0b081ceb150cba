"""The open-data dictionary (`opendata.yaml`): read once, as Table Schemas, and as the page.

The dictionary is the single description of each published table, so the Frictionless Table
Schemas of datapackage.json and the dictionary shown on the open-data page both come from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders import SHARED_TOTALS, ColumnSpec, load_schema, load_yaml
from publish._escape import page_text
from publish._format import text_html
from publish._table_html import header_cells, table_html

TYPES = {"string", "integer", "number", "boolean", "date"}
# an input column's type as a Table Schema type (the registers are published as validated)
INPUT_TYPES = {"id": "string", "text": "string", "choice": "string"}
UNITS = {"m2": ("平方米", "m²"), "yuan": ("元", "yuan")}


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


def _input_field(column: ColumnSpec) -> FieldSpec:
    """Describe a register column from the loaders' schema, so the two can never disagree."""
    zh, en = column.zh, column.en[:1].upper() + column.en[1:]
    if column.unit in UNITS:
        zh, en = f"{zh}（{UNITS[column.unit][0]}）", f"{en} ({UNITS[column.unit][1]})"
    description_zh = description_en = None
    if column.type == "choice":  # published as codes: say what each code stands for
        description_zh = "；".join(f"{code} {words[0]}" for code, words in column.choices.items())
        description_en = ", ".join(column.choices)
        if not column.required:
            description_zh += "；登记表中未填写时为空"
            description_en += "; empty where the register gives none"
    elif column.name in SHARED_TOTALS:  # the whole school's total on each sharing section
        description_zh = (
            "资源共用（shared_resources 为 yes）的学部填全校合计，各学部相同；"
            "计算前按规则选项 split_rule 在各学部之间分摊"
        )
        description_en = (
            "for sections that share resources (shared_resources yes), the whole school's "
            "total, the same on each of them; split between them by the rule option "
            "split_rule before computing"
        )
    elif not column.required:
        description_zh = "登记表中未填写时为空"
        description_en = "empty where the register gives none"
    return FieldSpec(
        column.name,
        INPUT_TYPES.get(column.type, column.type),
        zh,
        en,
        description_zh,
        description_en,
    )


@cache
def dictionary() -> dict[str, ResourceSpec]:
    """Read `opendata.yaml`; an unknown type or key fails here, naming the table and field.

    Unknown keys catch a flow mapping cut short by a comma, such as `{en: 95 % interval, lower
    bound}`, which YAML reads as the title "95 % interval" and a stray key "lower bound".
    """
    raw = load_yaml(Path(__file__).with_name("opendata.yaml").read_text(encoding="utf-8"))
    groups = raw.get("field_groups", {})
    resources = {}
    for name, item in raw["resources"].items():
        if "schema" in item:  # a register, published as the loaders read it
            fields = [_input_field(c) for c in load_schema(item["schema"]).columns]
            resources[name] = ResourceSpec(
                name, item["title"]["zh"], item["title"]["en"], tuple(fields)
            )
            continue
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


def table_schema(spec: ResourceSpec) -> dict:
    """Return the Frictionless Table Schema of one table, titles in both languages."""
    fields = []
    for f in spec.fields:
        entry = {"name": f.name, "type": f.type, "title": f"{f.zh} / {f.en}"}
        if f.description_zh or f.description_en:
            entry["description"] = " / ".join(d for d in (f.description_zh, f.description_en) if d)
        fields.append(entry)
    return {"fields": fields}


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
            f"<td>{page_text(f.en)}</td><td>{f.type}</td>"
            f"<td>{page_text((f.description_zh if lang == 'zh' else f.description_en) or '')}"
            "</td></tr>"
            for f in spec.fields
        )
        parts.append(table_html(head, rows, "ec-dictionary") + "\n")
    return "\n".join(parts)
