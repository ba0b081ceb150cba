"""What each sheet of the Excel template holds: headers, prompts, example row and pre-filled rows.

Why from the schemas and nothing else: the loaders match a header by the schema's 中文 name and
check each cell by its type and range, so a template typed by hand would drift from what the
check accepts. This module only describes the cells; `publish/_template.py` writes them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import indicators
import loaders
from loaders import ColumnSpec, CountyPackage, TableSchema

# one sheet per table of the package, by county.toml [files] key: the instructions, the tests
# and the docs name the sheets from here (≤ 31 characters, Excel's limit)
SHEETS: dict[str, str] = {
    "schools": "学校名册",
    "classes": "班级名册",
    "measures": "指标数据",
    "monitoring": "质量监测",
    "declarations": "自评结论",
    "remediation": "化解方案",
    "releases": "发布记录",
    "narrative_figures": "正文数字",
}
INSTRUCTIONS_SHEET = "说明 Instructions"
LISTS_SHEET = "列表 Lists"  # hidden: drop-down lists too long for Excel's 255-character limit
DEFAULT_NAME = "数据模板.xlsx"
# the loaders skip a row whose first cell starts with EXAMPLE_MARK (样例): the example row
EXAMPLE_MARK = loaders.EXAMPLE_MARK

# how a schema unit is written in brackets after the header; the yuan and m2 spellings are the
# ones loaders/_table.py (UNIT_WORDS) accepts, so the header-unit check passes
UNIT_WORDS = {"yuan": "元", "m2": "㎡", "percent": "%", "pp": "百分点"}
# monitoring's shares carry no schema unit; their code names say it (rule 11: units in the name)
NAME_SUFFIX_UNITS = {"_pct": "percent", "_pp": "pp"}
# how measures.yaml units read after an item's name in 项目名称 (for the reader; not checked)
ITEM_UNIT_WORDS = {
    "yuan": "元",
    "people": "人",
    "schools": "所",
    "places": "个",
    "count": "个",
    "percent": "%",
    "hours": "小时",
    "weeks": "周",
}
# text columns that hold a whole day: the template offers Excel's date validation for them
# (the schemas type them as text, the loaders parse the date themselves)
DATE_COLUMNS = {("releases", "date"), ("remediation", "status_date")}

# what an id or text column takes, in words (the loaders' "non-empty text" reads oddly beside
# 可空 / optional)
TEXT_WORDS = {"id": ("编号", "an id"), "text": ("文本", "text")}
# per-column advice beyond type and range, zh and en (kept short: the prompt has 255 characters)
NOTES: dict[tuple[str, str], tuple[str, str]] = {
    ("remediation", "deadline"): (
        "写成 年-月 或 年-月-日，如 2026-08",
        "year-month or year-month-day, e.g. 2026-08",
    ),
    ("remediation", "status_date"): ("进展属实的日期", "the day the progress was true"),
    ("remediation", "section_id"): ("县级措施留空", "empty for county-wide measures"),
    ("measures", "value"): ("没有数据时留空", "leave empty when there is no figure"),
    ("measures", "key"): ("已预填，勿改", "pre-filled, do not change"),
    ("declarations", "indicator"): ("已预填，勿改", "pre-filled, do not change"),
    ("schools", "shared_resources"): (
        "共用校园的各学部都填是，并填全校合计",
        "是 on each section sharing a campus, with whole-school totals",
    ),
}

# one plausible row per sheet, by column code name: values pass the loaders' checks (a test
# loads each with the mark removed); the first column's value is written after EXAMPLE_MARK
EXAMPLES: dict[str, dict[str, object]] = {
    "schools": {
        "section_id": "XX01",
        "school_id": "2143010001",
        "school_name": "城关第一小学",
        "school_name_en": "Chengguan No. 1 Primary School",
        "section_name": "小学部",
        "school_type": "primary",
        "level": "primary",
        "town": "城关镇",
        "area_type": "urban",
        "ownership": "public",
        "boarding": "no",
        "year_built": 2008,
        "students": 1260,
        "migrant_students": 85,
        "classes": 28,
        "teachers": 70,
        "teachers_above_degree": 68,
        "backbone_teachers": 12,
        "pe_teachers": 5,
        "music_teachers": 4,
        "art_teachers": 3,
        "teaching_area_m2": 6800,
        "sports_area_m2": 9500,
        "equipment_value_yuan": 3200000,
        "multimedia_classrooms": 28,
        "music_rooms": 2,
        "music_room_min_area_m2": 96,
        "art_rooms": 2,
        "art_room_min_area_m2": 92,
        "planned_students": 1350,
        "shared_resources": "no",
        "senior_students": 0,
    },
    "classes": {"section_id": "XX01", "grade": 1, "class_no": "1.01", "students": 45},
    "measures": {
        "indicator": "G8",
        "key": "teacher_pay_yuan",
        "value": 98600,
        "source": "县人社局 2024 年工资统计",
    },
    "monitoring": {
        "grade": 4,
        "subject": "数学",
        "subject_en": "Mathematics",
        "year": 2023,
        "share_medium_or_above_pct": 82.5,
        "above_city_pp": 1.2,
        "above_nation_pp": 3.4,
        "between_school_pct": 11.2,
        "level": "2",
    },
    "declarations": {
        "indicator": "G1",
        "status": "met",
        "document": "《XX县中小学布局规划（2021—2030 年）》",
        "document_en": "XX County school layout plan, 2021–2030",
    },
    "remediation": {
        "indicator": "G5",
        "section_id": "XX01",
        "measures": "一年级按 45 人编班，超额学生就近分流",
        "measures_en": "Form first-grade classes of at most 45 and place the others nearby",
        "responsible": "县教育局",
        "responsible_en": "County education bureau",
        "deadline": "2026-08",
        "status": "in_progress",
        "status_date": "2026-06-30",
        "progress": "秋季招生方案已公布",
        "progress_en": "The autumn admissions plan has been published",
    },
    "releases": {
        "version": "2025.1",
        "date": "2025-06-30",
        "kind": "release",
        "notes": "首次发布。",
        "notes_en": "First publication.",
    },
    "narrative_figures": {
        "key": "new_places",
        "label": "近五年新增学位",
        "label_en": "school places added in the last five years",
        "value": 12000,
        "unit": "个",
        "unit_en": "places",
        "source": "区教委基建统计",
    },
}


@dataclass(frozen=True)
class SheetPlan:
    """One sheet to write: its name, the schema, rows of cell values (None = empty), the example
    row (None when pre-filled from a package) and, for measures, each row's item type."""

    key: str
    name: str
    schema: TableSchema
    rows: tuple[tuple[object, ...], ...]
    example: tuple[object, ...] | None
    row_types: tuple[str, ...] = ()  # measures: integer | number per pre-filled row


def unit_of(spec: ColumnSpec) -> str | None:
    """Return the column's unit code: the schema's, else the one its code name ends with."""
    if spec.unit:
        return spec.unit
    return next((u for end, u in NAME_SUFFIX_UNITS.items() if spec.name.endswith(end)), None)


def header_text(spec: ColumnSpec) -> str:
    """Return the header as the loaders match it: the 中文 name, the unit in brackets."""
    word = UNIT_WORDS.get(unit_of(spec) or "")
    return f"{spec.zh}（{word}）" if word else spec.zh


def is_date(schema: TableSchema, spec: ColumnSpec) -> bool:
    return spec.type == "date" or (schema.file, spec.name) in DATE_COLUMNS


def prompt_text(schema: TableSchema, spec: ColumnSpec) -> str:
    """Return the input message (zh, then en), within Excel's 255 characters."""
    need_zh, need_en = ("必填", "required") if spec.required else ("可空", "optional")
    if is_date(schema, spec):
        what_zh, what_en = "日期，如 2025-06-30", "a date, e.g. 2025-06-30"
    elif list_values(schema, spec) is not None:
        what_zh, what_en = "从下拉列表选择", "choose from the list"
    elif spec.type in TEXT_WORDS:
        what_zh, what_en = TEXT_WORDS[spec.type]
    else:
        what_zh, what_en = spec.expected("zh"), spec.expected("en")
    note = NOTES.get((schema.file, spec.name))
    if note:
        what_zh, what_en = f"{what_zh}；{note[0]}", f"{what_en}; {note[1]}"
    text = f"{spec.zh}（{need_zh}）：{what_zh}。\n{spec.en} ({need_en}): {what_en}."
    return text if len(text) <= 255 else text[:254] + "…"


def comment_text(schema: TableSchema, spec: ColumnSpec) -> str:
    """Return the header cell's note: what the column holds and how else it may be headed."""
    lines = [prompt_text(schema, spec)]
    if spec.type == "choice":
        lines.append("可选 / choices: " + spec.expected("en", glossed=True))
    others = list(dict.fromkeys(a for a in (spec.en, spec.name, *spec.aliases) if a != spec.zh))
    lines.append("也可写作 / also accepted as: " + ", ".join(others))
    return "\n".join(lines)


def list_values(schema: TableSchema, spec: ColumnSpec) -> tuple[str, ...] | None:
    """Return the drop-down offered for a column: each choice's first (中文) label, or the ids
    the loaders accept for the indicator and measure-code columns; None for free entry."""
    if spec.type == "choice":
        return tuple(labels[0] for labels in spec.choices.values())
    items = loaders.measure_items()
    if schema.file == "measures" and spec.name == "key":
        return tuple(items)
    if schema.file == "measures" and spec.name == "indicator":
        return tuple(dict.fromkeys(item.indicator for item in items.values()))
    if schema.file in {"declarations", "remediation"} and spec.name == "indicator":
        return indicators.load_evaluation_rules().declarable
    return None


def cell_value(schema: TableSchema, spec: ColumnSpec, value: object) -> object:
    """Return a loaded value as staff would type it: a choice code as its 中文 label, a whole
    number without .0, an ISO day as a date; None for empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    if spec.type == "choice":
        return spec.choices[str(value)][0]
    if spec.type in {"integer", "number"}:
        number = float(value)
        return int(number) if number.is_integer() else number
    text = str(value)
    if is_date(schema, spec) and len(text) == len("YYYY-MM-DD"):
        return dt.date.fromisoformat(text)
    return text


def _row(schema: TableSchema, record: dict[str, object]) -> tuple[object, ...]:
    return tuple(cell_value(schema, spec, record.get(spec.name)) for spec in schema.columns)


def _item_label(key: str) -> str:
    item = loaders.measure_items()[key]
    word = ITEM_UNIT_WORDS.get(item.unit)
    return f"{item.zh}（{word}）" if word else item.zh


def _measure_rows(package: CountyPackage | None) -> tuple[list[dict[str, object]], list[str]]:
    """One row per county measure, id and name filled: every item of the catalogue for a blank
    template, the package's own items (in its order) when pre-filled."""
    items = loaders.measure_items()
    if package is None:
        keys = list(items)
    else:
        rows = package.measures.rows
        keys = sorted(package.measures.values, key=lambda k: rows.get(k, 0))
    records = [
        {
            "indicator": items[key].indicator,
            "key": key,
            "label": _item_label(key),
            "value": package.measures.values.get(key) if package else None,
            "source": package.measures.sources.get(key) if package else None,
        }
        for key in keys
    ]
    return records, [items[key].type for key in keys]


def _records(key: str, package: CountyPackage | None) -> list[dict[str, object]]:
    """The rows a sheet starts with: a package's table, else the declarable ids (declarations)
    or nothing."""
    if package is None:
        if key == "declarations":
            return [{"indicator": i} for i in indicators.load_evaluation_rules().declarable]
        return []
    if key == "narrative_figures":  # kept with the narrative's text, by code
        figures = package.narrative.figures if package.narrative else None
        return [] if figures is None else figures.reset_index().to_dict("records")
    frame = getattr(package, key)
    return frame.to_dict("records")


def sheet_plans(package: CountyPackage | None = None) -> list[SheetPlan]:
    """Return every sheet of the template, in [files] order, pre-filled from `package` if given."""
    plans = []
    for file in loaders.PACKAGE_FILES:
        if file.key not in SHEETS:
            continue  # the survey and its config are files of their own, not tables
        schema = loaders.load_schema(file.key)
        row_types: list[str] = []
        if file.key == "measures":
            records, row_types = _measure_rows(package)
        else:
            records = _records(file.key, package)
        example = None
        if package is None:
            record = EXAMPLES[file.key]
            if file.key == "measures":
                record = {**record, "label": _item_label(str(record["key"]))}
            values = list(_row(schema, record))
            values[0] = f"{EXAMPLE_MARK}：{values[0]}"
            example = tuple(values)
        plans.append(
            SheetPlan(
                key=file.key,
                name=SHEETS[file.key],
                schema=schema,
                rows=tuple(_row(schema, r) for r in records),
                example=example,
                row_types=tuple(row_types),
            )
        )
    return plans
