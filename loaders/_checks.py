"""Checks across columns and files that a single-cell schema cannot express."""

from __future__ import annotations

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._relations import check_parts, relations
from loaders._schema import load_schema


def zh_headers(name: str) -> dict[str, str]:
    """Return the 中文 header of every column of an input file, for messages."""
    return {c.name: c.zh for c in load_schema(name).columns}


def _column_name(key: str, lang: str) -> str:
    spec = load_schema("schools").column(key)
    return spec.zh if lang == "zh" else spec.en


def check_schools(schools: pd.DataFrame, file: str, report: LoadReport) -> None:
    """Report rows whose counts contradict each other, and shared campuses filled in unevenly."""
    headers = zh_headers("schools")
    records = schools.to_dict("index")  # once: iterrows builds a Series per row per relation
    for relation in relations().schools:
        for row, record in records.items():
            where = InputError(
                file, "exceeds-whole", row=int(row), column=headers[relation.parts[0]]
            )
            check_parts(relation, record, _column_name, where, report)
    if "shared_resources" in schools:
        _check_shared(schools, file, headers, report)


def _check_shared(
    schools: pd.DataFrame, file: str, headers: dict[str, str], report: LoadReport
) -> None:
    """Report shared campuses whose sections disagree, naming the first row and the other.

    Rule (schemas/relations.yaml, shared_totals): when one section of a 学校代码 is marked
    资源是否共用 = 是, every section of that school is, and each carries the same school totals.
    Why an error and not the first row's value: a split of two different totals has no meaning,
    and only staff know which figure is right.
    """
    marked = schools["shared_resources"] == "yes"
    for _school, rows in schools[
        schools["school_id"].isin(schools.loc[marked, "school_id"])
    ].groupby("school_id"):
        first = rows.index[0]
        for row in rows.index[1:]:
            if (rows.loc[row, "shared_resources"] == "yes") != (
                rows.loc[first, "shared_resources"] == "yes"
            ):
                report.add(
                    InputError(
                        file,
                        "shared-totals-differ",
                        row=int(row),
                        column=headers["shared_resources"],
                        value=_yes_no(rows.loc[row], "zh"),
                        detail=f"同一学校代码的第 {first} 行填「{_yes_no(rows.loc[first], 'zh')}」",
                        detail_en=f"row {first} of the same school code says "
                        f'"{_yes_no(rows.loc[first], "en")}"',
                        expected="同一学校的各学部都填「是」",
                        expected_en='"是" (yes) on every section of the school',
                    )
                )
                continue
            for column in relations().shared_totals:
                a, b = rows.loc[first, column], rows.loc[row, column]
                if a != b:
                    report.add(
                        InputError(
                            file,
                            "shared-totals-differ",
                            row=int(row),
                            column=headers[column],
                            value=f"{b:g}",
                            detail=f"同一学校第 {first} 行为 {a:g}，第 {row} 行为 {b:g}",
                            detail_en=f"row {first} of the same school gives {a:g}, "
                            f"row {row} gives {b:g}",
                            expected="各学部填写同一学校总量",
                            expected_en="the same school total on every section",
                        )
                    )


def _yes_no(record: pd.Series, lang: str) -> str:
    yes = record["shared_resources"] == "yes"
    if lang == "zh":
        return "是" if yes else ("否" if record["shared_resources"] == "no" else "（空）")
    return "yes" if yes else ("no" if record["shared_resources"] == "no" else "empty")


def zeros_lost(values: pd.Series, known: set[str]) -> dict[int, tuple[str, str]]:
    """Return {row: (value, the known id)} for values that differ from a known id only by
    leading zeros (0101 typed as a number in Excel becomes 101, in either file)."""
    digits = {k.lstrip("0"): k for k in known if isinstance(k, str) and k.isdigit()}
    lost = {}
    for row, value in values.items():
        if isinstance(value, str) and value.isdigit():
            match = digits.get(value.lstrip("0"))
            if match is not None and match != value:
                lost[int(row)] = (value, match)
    return lost


def report_zeros_lost(
    lost: dict[int, tuple[str, str]], file: str, column: str, other: str, report: LoadReport
) -> None:
    """Report lost leading zeros once for the column, with the first example, not per row."""
    row, (value, match) = next(iter(lost.items()))
    here = len(value) < len(match)
    where, where_en = (file, file) if here else (other, other)
    report.add(
        InputError(
            file,
            "leading-zeros-lost",
            row=row,
            column=column,
            value=value,
            detail=f"共 {len(lost)} 行的编号与 {other} 中的编号只差前面的 0"
            f"（如 {value} 与 {match}）；丢失 0 的是 {where}",
            detail_en=f"on {len(lost)} rows the identifier differs from one in {other} only by "
            f"leading zeros (e.g. {value} and {match}); {where_en} lost them",
        )
    )


def check_classes(
    schools: pd.DataFrame,
    classes: pd.DataFrame,
    schools_file: str,
    classes_file: str,
    report: LoadReport,
) -> None:
    """Report sections unknown to the school register, and counts that disagree between files."""
    school_headers = zh_headers("schools")
    known = set(schools["section_id"])
    unknown = classes.loc[~classes["section_id"].isin(known), "section_id"]
    lost = zeros_lost(unknown, known)
    if lost:
        report_zeros_lost(
            lost, classes_file, zh_headers("classes")["section_id"], schools_file, report
        )
    for row, section in unknown.items():
        if row not in lost:
            report.add(
                InputError(
                    classes_file,
                    "unknown-reference",
                    row=int(row),
                    column=zh_headers("classes")["section_id"],
                    value=section,
                    expected=f"{schools_file} 中的学部编号",
                    expected_en=f"a section id from {schools_file}",
                )
            )
    if len(unknown):
        # the counts per section cannot be compared until every class names its section: a
        # mistyped id would also show as one class too few in the register, a mere symptom
        return
    per_section = classes.groupby("section_id")["students"].agg(["size", "sum"])
    for row, school in schools.to_dict("index").items():
        if school["school_type"] == "special":
            continue  # out of scope: its classes need not be registered
        size, total = (
            per_section.loc[school["section_id"]]
            if school["section_id"] in per_section.index
            else (0, 0)
        )
        if size != school["classes"]:
            report.add(
                InputError(
                    schools_file,
                    "inconsistent",
                    row=int(row),
                    column=school_headers["classes"],
                    value=str(school["classes"]),
                    expected=f"与 {classes_file} 中该学部的班级数一致（{size}）",
                    expected_en=f"the number of classes of this section in {classes_file} ({size})",
                )
            )
        elif total != school["students"]:
            report.add(
                InputError(
                    schools_file,
                    "inconsistent",
                    row=int(row),
                    column=school_headers["students"],
                    value=str(school["students"]),
                    expected=f"与 {classes_file} 中该学部各班人数之和一致（{total}）",
                    expected_en=f"the sum of this section's classes in {classes_file} ({total})",
                )
            )
