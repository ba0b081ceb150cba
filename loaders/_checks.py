"""Checks across columns and files that a single-cell schema cannot express."""

from __future__ import annotations

import pandas as pd

from loaders._errors import InputError, LoadReport
from loaders._schema import load_schema

# (part, whole, 中文 expectation, English expectation): each part must not exceed its whole
NOT_ABOVE = [
    (["teachers_above_degree"], "teachers", "不超过专任教师数", "at most the full-time teachers"),
    (["backbone_teachers"], "teachers", "不超过专任教师数", "at most the full-time teachers"),
    (
        ["pe_teachers", "music_teachers", "art_teachers"],
        "teachers",
        "体育、音乐、美术教师合计不超过专任教师数",
        "PE + music + art at most the full-time teachers",
    ),
    (["migrant_students"], "students", "不超过在校学生数", "at most the students"),
]
SHARED_COLUMNS = [
    "teaching_area_m2",
    "sports_area_m2",
    "equipment_value_yuan",
    "multimedia_classrooms",
]


def zh_headers(name: str) -> dict[str, str]:
    """Return the 中文 header of every column of an input file, for messages."""
    return {c.name: c.zh for c in load_schema(name).columns}


def check_schools(schools: pd.DataFrame, file: str, report: LoadReport) -> None:
    """Report rows whose counts contradict each other, and shared totals that differ by section."""
    headers = zh_headers("schools")
    for parts, whole, zh, en in NOT_ABOVE:
        total = schools[parts].sum(axis=1)
        for row in schools.index[total > schools[whole]]:
            report.add(
                InputError(
                    file,
                    "inconsistent",
                    row=int(row),
                    column=headers[parts[0]],
                    value=str(int(total[row])),
                    expected=zh,
                    expected_en=en,
                )
            )
    if "shared_resources" not in schools:
        return
    shared = schools[schools["shared_resources"] == "yes"]
    for _school, rows in shared.groupby("school_id"):
        for column in SHARED_COLUMNS:
            if rows[column].nunique() > 1:
                row = rows.index[1]
                report.add(
                    InputError(
                        file,
                        "inconsistent",
                        row=int(row),
                        column=headers[column],
                        value=str(rows.loc[row, column]),
                        expected="资源共用的各学部应填写同一学校总量",
                        expected_en="the same school total on every section that shares resources",
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
    for row, section in classes["section_id"].items():
        if section not in known:
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
    per_section = classes.groupby("section_id")["students"].agg(["size", "sum"])
    for row, school in schools.iterrows():
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
