"""County-level inputs of the evaluation: measures, monitoring results, declarations, plans.

The school and class registers describe sections; everything else the 评估办法 asks for is a
county figure (pay, training, enrolment flows …), a monitoring result, or the county's own
declared status with its justification. Each is a small staff table read like the registers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._relations import check_parts, relations
from loaders._schema import SCHEMA_DIR, load_schema
from loaders._table import read_table
from loaders._yaml import load_yaml


@dataclass(frozen=True)
class MeasureItem:
    """One county measure a package may give (from `schemas/measure_items.yaml`)."""

    key: str
    indicator: str
    zh: str
    en: str
    type: str  # integer | number
    unit: str
    required: bool = True


@cache
def measure_items() -> dict[str, MeasureItem]:
    """Return the catalogue of county measures by code."""
    raw = load_yaml((SCHEMA_DIR / "measure_items.yaml").read_text(encoding="utf-8"))
    return {key: MeasureItem(key=key, **item) for key, item in raw["items"].items()}


@dataclass(frozen=True)
class Measures:
    """County-level figures by measure code; None where the county left 数值 empty.

    `sources`: the document each figure comes from, as written in 依据.
    `rows`: the spreadsheet row of each measure, for messages that cross files.
    """

    values: Mapping[str, float | None] = field(default_factory=dict)
    sources: Mapping[str, str | None] = field(default_factory=dict)
    rows: Mapping[str, int] = field(default_factory=dict)

    def get(self, key: str) -> float | None:
        return self.values.get(key)


def read_measures(path: Path, report: LoadReport) -> Measures | None:
    """Read measures.csv/xlsx: known codes only, each once, integers whole, parts ≤ wholes."""
    table = read_table(path, load_schema("measures"), report)
    if table is None:
        return None
    if "value" not in table:
        report.add(
            InputError(path.name, "missing-column", row=1, column="数值", expected="数值 / value")
        )
        return None
    name, items = path.name, measure_items()
    codes = ", ".join(items)
    before = len(report.errors)
    rows: dict[str, int] = {}
    for row, record in table.to_dict("index").items():
        item = items.get(record["key"])
        if item is None:
            report.add(
                InputError(
                    name,
                    "not-in-list",
                    row=row,
                    column="项目代码",
                    value=record["key"],
                    expected=codes,
                )
            )
            continue
        rows[item.key] = row
        if record["indicator"] != item.indicator:
            report.add(
                InputError(
                    name,
                    "inconsistent",
                    row=row,
                    column="指标编号",
                    value=record["indicator"],
                    expected=f"{item.key} → {item.indicator}",
                )
            )
        value = None if pd.isna(record["value"]) else record["value"]  # empty: no figure
        if item.type == "integer" and value is not None and not float(value).is_integer():
            report.add(
                InputError(
                    name,
                    "not-integer",
                    row=row,
                    column="数值",
                    value=f"{value:g}",
                    expected=f"{item.zh}：整数",
                    expected_en=f"{item.en}: a whole number",
                )
            )
        if item.unit == "percent" and value is not None and value > 100:  # a rate, as written
            report.add(
                InputError(
                    name,
                    "out-of-range",
                    row=row,
                    column="数值",
                    value=f"{value:g}",
                    expected=f"{item.zh}：0–100 之间的百分数",
                    expected_en=f"{item.en}: a percentage from 0 to 100",
                )
            )
    for item in items.values():
        if item.required and item.key not in rows:
            report.add(
                InputError(
                    name,
                    "missing-measure",
                    column="项目代码",
                    value=item.key,
                    expected=f"{item.indicator} {item.zh}",
                    expected_en=f"{item.indicator} {item.en}",
                )
            )
    if len(report.errors) > before:
        return None
    values = {
        r["key"]: (None if pd.isna(r["value"]) else float(r["value"]))
        for r in table.to_dict("records")
    }
    _check_measure_parts(values, rows, name, report)
    if len(report.errors) > before:
        return None
    sources = {r["key"]: r["source"] for r in table.to_dict("records")} if "source" in table else {}
    return Measures(values=values, sources=sources, rows=rows)


def _measure_name(key: str, lang: str) -> str:
    item = measure_items()[key]
    return item.zh if lang == "zh" else item.en


def _check_measure_parts(
    values: Mapping[str, float | None], rows: Mapping[str, int], file: str, report: LoadReport
) -> None:
    """Report every part ≤ whole relation between measures (schemas/relations.yaml) it breaks,
    at the row of the relation's first part given."""
    for relation in relations().measures:
        row = next((rows[p] for p in relation.parts if values.get(p) is not None), None)
        where = InputError(file, "exceeds-whole", row=row, column="数值")
        check_parts(relation, values, _measure_name, where, report)


def check_register_parts(
    measures: Measures, schools: pd.DataFrame, file: str, report: LoadReport
) -> None:
    """Report measures above a total of the school register, e.g. certified teachers above the
    full-time teachers of every section except special-education schools (relations.yaml)."""
    ordinary = schools[schools["school_type"] != "special"]
    totals = {column: float(ordinary[column].sum()) for column in ("teachers", "students")}
    for relation in relations().register:
        values = {**measures.values, relation.whole: totals[relation.whole]}
        row = next((measures.rows.get(p) for p in relation.parts), None)
        where = InputError(file, "exceeds-whole", row=row, column="数值")
        check_parts(relation, values, _measure_name, where, report)


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*日?)?)?")


def impossible_date(text: str) -> dict[str, str]:
    """Say so when a date is written correctly but is not on the calendar (2025-02-30)."""
    match = _DATE.match(unicodedata.normalize("NFKC", str(text)).strip())
    if not match or match[3] is None or not 1 <= int(match[2]) <= 12:
        return {}
    try:
        dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return {"detail": "日历上没有这一天", "detail_en": "there is no such day on the calendar"}
    return {}


def parse_deadline(text: str) -> str | None:
    """Return an ISO date (YYYY-MM or YYYY-MM-DD) from the ways staff write one, else None."""
    match = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), match[3]
    if not 1 <= month <= 12:
        return None
    if day is not None:
        try:  # the calendar, not 1–31: 2026-02-31 and 2025-02-29 do not exist
            dt.date(year, month, int(day))
        except ValueError:
            return None
    return f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def read_remediation(
    path: Path,
    sections: set[str] | None,
    report: LoadReport,
    latest_release: str | None = None,
) -> pd.DataFrame | None:
    """Read remediation.csv/xlsx: deadlines and status dates become ISO dates; sections must be
    registered (checked only when the school register itself could be read: `sections` is not
    None); a status date may not fall after `latest_release`, the most recent publication date
    of the package, when it has one (progress cannot be known before it happens)."""
    table = read_table(path, load_schema("remediation"), report)
    if table is None:
        return None
    before = len(report.errors)
    deadlines, status_dates = [], []
    for row, record in table.to_dict("index").items():
        deadline = parse_deadline(record["deadline"])
        if deadline is None:
            report.add(
                InputError(
                    path.name,
                    "bad-date",
                    row=row,
                    column="完成时限",
                    value=record["deadline"],
                    **impossible_date(record["deadline"]),
                    expected="年-月 或 年-月-日，如 2026-08 或 2026年8月31日",
                    expected_en="year-month or year-month-day, e.g. 2026-08",
                )
            )
        deadlines.append(deadline)
        status_dates.append(
            _status_date(path.name, row, record["status_date"], latest_release, report)
        )
        section = record.get("section_id")
        if sections is not None and isinstance(section, str) and section not in sections:
            report.add(
                InputError(
                    path.name,
                    "unknown-reference",
                    row=row,
                    column="学部编号",
                    value=section,
                    expected="学校名册中的学部编号",
                    expected_en="a section id of the school register",
                )
            )
    if len(report.errors) > before:
        return None
    return table.assign(deadline=deadlines, status_date=status_dates)


def _status_date(
    file: str, row: int, text: str, latest_release: str | None, report: LoadReport
) -> str | None:
    """Return a status date as ISO year-month-day, or None after reporting why it is not one.

    Why a whole day: the date says when the progress was true, and a month would leave a
    measure due that month neither late nor on time.
    """
    date = parse_deadline(text)
    if date is None or len(date) != len("YYYY-MM-DD"):
        report.add(
            InputError(
                file,
                "bad-date",
                row=row,
                column="状态更新日期",
                value=text,
                **impossible_date(text),
                expected="年-月-日，如 2026-11-28 或 2026年11月28日",
                expected_en="year-month-day, e.g. 2026-11-28",
            )
        )
        return None
    # ISO strings compare as dates; a release given as a month allows any day of it
    if latest_release is not None and date[: len(latest_release)] > latest_release:
        report.add(
            InputError(
                file,
                "out-of-range",
                row=row,
                column="状态更新日期",
                value=text,
                expected=f"不晚于最近一次发布日期 {latest_release}（发布与更正记录）",
                expected_en=f"not after the latest release date, {latest_release} (releases)",
            )
        )
        return None
    return date


def latest_release_date(releases: pd.DataFrame | None) -> str | None:
    """Return the most recent release date (ISO) of a read releases table, else None."""
    if releases is None:
        return None
    dates = [d for d in releases["date"] if isinstance(d, str)]
    return max(dates) if dates else None


def read_declarations(path: Path, report: LoadReport) -> pd.DataFrame | None:
    """Read declarations.csv/xlsx (one row per indicator; ids are checked by the evaluation)."""
    return read_table(path, load_schema("declarations"), report)


def read_monitoring(path: Path, report: LoadReport) -> pd.DataFrame | None:
    """Read the national monitoring results (shares and differences in percent)."""
    return read_table(path, load_schema("monitoring"), report)


def read_releases(path: Path, report: LoadReport) -> pd.DataFrame | None:
    """Read the release notes (版本, 发布日期, 类型, 说明); dates become ISO dates."""
    table = read_table(path, load_schema("releases"), report)
    if table is None:
        return None
    dates = []
    for row, record in table.to_dict("index").items():
        date = parse_deadline(record["date"])
        if date is None:
            report.add(
                InputError(
                    path.name,
                    "bad-date",
                    row=row,
                    column="发布日期",
                    value=record["date"],
                    **impossible_date(record["date"]),
                    expected="年-月-日，如 2025年3月20日",
                    expected_en="year-month-day",
                )
            )
        dates.append(date)
    return table.assign(date=dates)
