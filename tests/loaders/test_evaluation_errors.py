"""Mistakes in the county-level tables and declarations: each located, worded, and collected.

Each case copies the demo package, edits one table as staff would in Excel, and asserts the
(file, row, column, code) reported — by the loaders, or by the evaluation for declarations that
the data contradict. Row numbers are the spreadsheet's (header = row 1).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from loaders import InputErrors, parse_deadline
from publish import compute_results

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def package_with(tmp_path: Path, name: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    """Copy the demo package and apply `change` to one table read as text."""
    root = tmp_path / "county"
    # without its survey (S and V7: no data): the evaluation files are the point here, and the
    # demo's generated 106 MB survey is then not needed
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("survey.sav", "survey.csv"))
    manifest = root / "county.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("survey =", "survey_config ="))]
    manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    path = root / f"{name}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    change(frame).to_csv(path, index=False, encoding="utf-8-sig")
    return root


def errors_of(root: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputErrors) as caught:
        compute_results(root)
    return [(e.file, e.row, e.column, e.code) for e in caught.value.report.errors]


def edit(column_key: str, key: str, column: str, value: str):
    """Return a change that sets `column` on the row whose `column_key` is `key`."""

    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame[column_key] == key, column] = value
        return frame

    return change


def row_of(name: str, column_key: str, key: str) -> int:
    frame = pd.read_csv(DEMO / f"{name}.csv", dtype=str, encoding="utf-8-sig")
    return int(frame.index[frame[column_key] == key][0]) + 2


CASES = {
    "unknown measure code": (
        "measures",
        edit("项目代码", "teacher_pay_yuan", "项目代码", "teacher_salary"),
        [
            (
                "measures.csv",
                row_of("measures", "项目代码", "teacher_pay_yuan"),
                "项目代码",
                "not-in-list",
            ),
            ("measures.csv", None, "项目代码", "missing-measure"),
        ],
    ),
    "unit typed into a measure": (
        "measures",
        edit("项目代码", "teacher_pay_yuan", "数值", "16.59万元"),
        [
            (
                "measures.csv",
                row_of("measures", "项目代码", "teacher_pay_yuan"),
                "数值",
                "number-with-unit",
            )
        ],
    ),
    "a part above its whole": (
        "measures",
        edit("项目代码", "rotated_teachers", "数值", "2000"),
        [
            (
                "measures.csv",
                row_of("measures", "项目代码", "rotated_teachers"),
                "数值",
                "exceeds-whole",
            )
        ],
    ),
    "measure filed under the wrong indicator": (
        "measures",
        edit("项目代码", "teacher_pay_yuan", "指标编号", "G9"),
        [
            (
                "measures.csv",
                row_of("measures", "项目代码", "teacher_pay_yuan"),
                "指标编号",
                "inconsistent",
            )
        ],
    ),
    "unreadable deadline": (
        "remediation",
        lambda f: f.assign(完成时限=["明年", *list(f["完成时限"][1:])]),
        [("remediation.csv", 2, "完成时限", "bad-date")],
    ),
    "plan for an unregistered section": (
        "remediation",
        lambda f: f.assign(学部编号=["S999", *list(f["学部编号"][1:])]),
        [("remediation.csv", 2, "学部编号", "unknown-reference")],
    ),
    "unknown declared status": (
        "declarations",
        edit("指标编号", "G8", "自评结论", "基本达标"),
        [("declarations.csv", row_of("declarations", "指标编号", "G8"), "自评结论", "not-in-list")],
    ),
    "unknown indicator": (
        "declarations",
        edit("指标编号", "G8", "指标编号", "G16"),
        [
            (
                "declarations.csv",
                row_of("declarations", "指标编号", "G8"),
                "指标编号",
                "unknown-indicator",
            ),
            ("declarations.csv", None, "指标编号", "undeclared"),
        ],
    ),
    # the report's G5: computed not met; declaring it simply 达标 cannot be justified
    "G5 declared met against the data": (
        "declarations",
        edit("指标编号", "G5", "自评结论", "达标"),
        [("declarations.csv", row_of("declarations", "指标编号", "G5"), "自评结论", "unjustified")],
    ),
    "G4 judged without a reason": (
        "declarations",
        edit("指标编号", "G4", "理由", ""),
        [("declarations.csv", row_of("declarations", "指标编号", "G4"), "自评结论", "unjustified")],
    ),
    "化解后达标 without any plan": (
        "remediation",
        lambda f: f[f["指标编号"] != "G5"],
        [("declarations.csv", row_of("declarations", "指标编号", "G5"), "自评结论", "unjustified")],
    ),
    "qualitative item without its document": (
        "declarations",
        edit("指标编号", "G1", "依据文件", ""),
        [
            (
                "declarations.csv",
                row_of("declarations", "指标编号", "G1"),
                "依据文件",
                "missing-document",
            )
        ],
    ),
    # a declared absence is only as good as its basis: V1–V6 cite one like G1 does
    "veto item declared absent without its document": (
        "declarations",
        edit("指标编号", "V2", "依据文件", ""),
        [
            (
                "declarations.csv",
                row_of("declarations", "指标编号", "V2"),
                "依据文件",
                "missing-document",
            )
        ],
    ),
    "veto item declared after remediation": (
        "declarations",
        edit("指标编号", "V3", "自评结论", "化解后达标"),
        [("declarations.csv", row_of("declarations", "指标编号", "V3"), "自评结论", "not-in-list")],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_mistake_is_located_and_named(tmp_path, case):
    name, change, expected = CASES[case]
    assert errors_of(package_with(tmp_path, name, change)) == expected


def test_unjustified_message_names_the_indicator_in_both_languages(tmp_path):
    root = package_with(tmp_path, "declarations", edit("指标编号", "G5", "自评结论", "达标"))
    with pytest.raises(InputErrors) as caught:
        compute_results(root)
    zh, en = caught.value.render("zh"), caught.value.render("en")
    assert '"G5: 达标"' in zh and "化解后达标" in zh
    assert '"G5: 达标"' in en and "remediation plan" in en


def test_an_empty_value_is_no_data_and_then_needs_a_reason(tmp_path):
    root = package_with(tmp_path, "measures", edit("项目代码", "teacher_pay_yuan", "数值", ""))
    assert errors_of(root) == [
        ("declarations.csv", row_of("declarations", "指标编号", "G8"), "自评结论", "unjustified")
    ]


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2026-08", "2026-08"),
        ("2026年8月", "2026-08"),
        ("2026/8/31", "2026-08-31"),
        ("2026-08-31 00:00:00", "2026-08-31"),  # an Excel date cell
        ("２０２６年８月", "2026-08"),  # full-width digits
        ("2026-13", None),
        ("明年", None),
    ],
)
def test_deadlines_as_staff_write_them(text, iso):
    assert parse_deadline(text) == iso
