"""Plausibility across figures (issue 13 §3): no part above its whole, shared campuses filled in
evenly, towns spelled alike in the register and the survey config.

Each case copies the demo's small tables into a tmp package (the survey file only linked, when
the town check needs its config) and asserts the errors with `==` on (file, row, column, code).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml

from loaders import InputErrors, load_county
from loaders._errors import MESSAGES
from loaders._relations import relations

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def small_package(tmp_path: Path, survey: bool = False) -> Path:
    """Copy the demo's tables; with `survey`, its config too and a link to the responses."""
    root = tmp_path / "county"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("survey.sav", "survey.csv"))
    if survey:
        (root / "survey.sav").write_bytes(b"")  # never read by load_county: a stand-in
    else:
        manifest = root / "county.toml"
        lines = manifest.read_text(encoding="utf-8").splitlines()
        kept = [ln for ln in lines if ln.split("=")[0].strip() not in {"survey", "survey_config"}]
        manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return root


def edit(root: Path, name: str, change: Callable[[pd.DataFrame], None]) -> None:
    path = root / f"{name}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    change(frame)
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def set_measure(root: Path, key: str, value: float) -> int:
    """Set one measure's 数值; return its spreadsheet row."""

    def change(frame: pd.DataFrame) -> None:
        frame.loc[frame["项目代码"] == key, "数值"] = f"{value:.2f}"

    edit(root, "measures", change)
    frame = pd.read_csv(root / "measures.csv", dtype=str, encoding="utf-8-sig")
    return int(frame.index[frame["项目代码"] == key][0]) + 2


def measure(key: str) -> float:
    frame = pd.read_csv(DEMO / "measures.csv", dtype=str, encoding="utf-8-sig")
    return float(frame.loc[frame["项目代码"] == key, "数值"].iloc[0])


def caught(root: Path) -> InputErrors:
    with pytest.raises(InputErrors) as info:
        load_county(root)
    return info.value


def located(errors: InputErrors) -> list[tuple[str, int | None, str | None, str]]:
    return [(e.file, e.row, e.column, e.code) for e in errors.report.errors]


def register_teachers() -> int:
    """专任教师数 over every section except special-education schools (relations.yaml)."""
    schools = pd.read_csv(DEMO / "schools.csv", encoding="utf-8-sig")  # the committed register
    return int(schools.loc[schools["学校类型"] != "特殊教育学校", "专任教师数"].sum())


# --- a measure against the school register ------------------------------------------------


def test_certified_teachers_above_all_teachers_name_both_numbers(tmp_path):
    root = small_package(tmp_path)
    teachers = register_teachers()
    row = set_measure(root, "certified_teachers", teachers + 92)
    errors = caught(root)
    assert located(errors) == [("measures.csv", row, "数值", "exceeds-whole")]
    assert f"持有教师资格证的专任教师数 {teachers + 92:,} 超过专任教师总数 {teachers:,}" in (
        errors.render("zh")
    )
    assert (
        f"certified teachers ({teachers + 92:,}) exceed all full-time teachers ({teachers:,})"
        in (errors.render("en"))
    )


@pytest.mark.parametrize("key", ["certified_teachers", "teachers_trained_360h"])
def test_teacher_measure_boundary(tmp_path, key):
    teachers = register_teachers()
    root = small_package(tmp_path)
    set_measure(root, key, teachers)  # 100 %: allowed
    load_county(root)
    row = set_measure(root, key, teachers + 1)  # one above: an error
    assert located(caught(root)) == [("measures.csv", row, "数值", "exceeds-whole")]


# --- two figures of measures.csv -----------------------------------------------------------


@pytest.mark.parametrize(
    "relation", relations().measures, ids=lambda r: f"{'+'.join(r.parts)}<={r.whole}"
)
def test_measure_part_above_its_whole(tmp_path, relation):
    root = small_package(tmp_path)
    whole = measure(relation.whole)
    row = set_measure(root, relation.parts[0], whole + 1)
    errors = caught(root)
    assert located(errors) == [("measures.csv", row, "数值", "exceeds-whole")]
    total = whole + 1 + sum(measure(p) for p in relation.parts[1:])
    assert f"{total:,.0f}" in errors.render("zh") and f"{whole:,.0f}" in errors.render("en")


@pytest.mark.parametrize(
    "part, whole",
    [(r.parts[0], r.whole) for r in relations().measures if len(r.parts) == 1],
)
def test_measure_part_equal_to_its_whole_is_accepted(tmp_path, part, whole):
    root = small_package(tmp_path)
    set_measure(root, part, measure(whole))
    if part == "rotated_teachers":  # keep rotated backbone ≤ rotated
        set_measure(root, "rotated_backbone_teachers", 0)
    load_county(root)


def test_rotated_backbone_above_rotated(tmp_path):
    root = small_package(tmp_path)
    rotated = measure("rotated_teachers")
    row = set_measure(root, "rotated_backbone_teachers", rotated + 5)
    errors = caught(root)
    assert located(errors) == [("measures.csv", row, "数值", "exceeds-whole")]
    assert "交流轮岗骨干教师数" in errors.render("zh") and "交流轮岗教师数" in errors.render("zh")
    assert "leading teachers rotated" in errors.render("en")


# --- within one row of the school register --------------------------------------------------


def test_arts_teachers_together_above_all_teachers(tmp_path):
    root = small_package(tmp_path)

    def change(frame: pd.DataFrame) -> None:
        frame.loc[0, ["专任教师数", "体育专任教师数", "音乐专任教师数", "美术专任教师数"]] = [
            "60", "30", "20", "11"
        ]  # fmt: skip
        frame.loc[0, ["高于规定学历教师数", "县级及以上骨干教师数"]] = ["40", "10"]

    edit(root, "schools", change)
    errors = caught(root)
    assert located(errors) == [("schools.csv", 2, "体育专任教师数", "exceeds-whole")]
    assert "体育专任教师数、音乐专任教师数、美术专任教师数合计 61 超过专任教师数 60" in (
        errors.render("zh")
    )
    assert (
        "PE teachers + music teachers + fine-art teachers (61) exceed full-time teachers (60)"
        in (errors.render("en"))
    )


@pytest.mark.parametrize(
    "header, whole", [("县级及以上骨干教师数", "专任教师数"), ("随迁子女数", "在校学生数")]
)
def test_register_part_boundary(tmp_path, header, whole):
    root = small_package(tmp_path)

    def equal(frame: pd.DataFrame) -> None:
        frame[header] = frame[whole]

    def one_above_on_row_6(frame: pd.DataFrame) -> None:
        frame.loc[4, header] = str(int(frame.loc[4, whole]) + 1)

    edit(root, "schools", equal)  # 100 % on every row: allowed
    load_county(root)
    edit(root, "schools", one_above_on_row_6)
    assert located(caught(root)) == [("schools.csv", 6, header, "exceeds-whole")]


# --- shared campuses --------------------------------------------------------------------------

SHARED = ("S082", "S083")  # the two sections of 九年一贯制 school 99500081, rows 83 and 84


def share_campus(frame: pd.DataFrame, marks: tuple[str, str] = ("是", "是")) -> None:
    rows = frame["学部编号"].isin(SHARED)
    for header in ("教学及辅助用房面积（㎡）", "体育运动场馆面积（㎡）", "教学仪器设备值（元）"):
        frame.loc[rows, header] = f"{frame.loc[rows, header].astype(float).sum():.2f}"
    frame.loc[rows, "网络多媒体教室数"] = str(frame.loc[rows, "网络多媒体教室数"].astype(int).sum())
    frame["资源是否共用"] = ""
    frame.loc[rows, "资源是否共用"] = list(marks)


def test_shared_campus_with_identical_totals_loads(tmp_path):
    root = small_package(tmp_path)
    edit(root, "schools", share_campus)
    schools = load_county(root).schools
    assert list(schools.loc[[83, 84], "shared_resources"]) == ["yes", "yes"]


def test_shared_campus_with_different_totals_names_both_rows(tmp_path):
    root = small_package(tmp_path)

    def change(frame: pd.DataFrame) -> None:
        share_campus(frame)
        frame.loc[frame["学部编号"] == "S083", "网络多媒体教室数"] = "100"

    edit(root, "schools", change)
    errors = caught(root)
    assert located(errors) == [("schools.csv", 84, "网络多媒体教室数", "shared-totals-differ")]
    assert "第 83 行为 104，第 84 行为 100" in errors.render("zh")
    assert "row 83 of the same school gives 104, row 84 gives 100" in errors.render("en")


def test_shared_mark_on_one_section_only_names_both_rows(tmp_path):
    root = small_package(tmp_path)
    edit(root, "schools", lambda f: share_campus(f, ("是", "否")))
    errors = caught(root)
    assert located(errors) == [("schools.csv", 84, "资源是否共用", "shared-totals-differ")]
    assert "第 83 行" in errors.render("zh") and "row 83" in errors.render("en")


# --- towns in the register and the survey config ----------------------------------------------


def rename_town(old: str, new: str, only_first: bool = False) -> Callable[[pd.DataFrame], None]:
    def change(frame: pd.DataFrame) -> None:
        rows = frame.index[frame["镇街"] == old]
        frame.loc[rows[:1] if only_first else rows, "镇街"] = new

    return change


def town_rows(town: str) -> list[int]:
    frame = pd.read_csv(DEMO / "schools.csv", dtype=str, encoding="utf-8-sig")
    return [int(i) + 2 for i in frame.index[frame["镇街"] == town]]


def config_index(town: str) -> int:
    towns = yaml.safe_load((DEMO / "survey.yaml").read_text(encoding="utf-8"))["towns"]
    return [t["label"] for t in towns].index(town)


def test_town_spelled_differently_names_both_spellings(tmp_path):
    root = small_package(tmp_path, survey=True)
    edit(root, "schools", rename_town("龙泉镇", "龙泉乡"))
    errors = caught(root)
    assert located(errors) == [
        ("schools.csv", town_rows("龙泉镇")[0], "镇街", "town-mismatch"),
        ("survey.yaml", None, f"towns[{config_index('龙泉镇')}].label", "town-mismatch"),
    ]
    zh, en = errors.render("zh"), errors.render("en")
    assert '"龙泉乡"' in zh and "最接近的是「龙泉镇」" in zh and "最接近的是「龙泉乡」" in zh
    assert 'has no school in this town; the closest it has is "龙泉乡"' in en
    assert 'lists no such town; the closest it has is "龙泉镇"' in en


def test_one_school_in_a_misspelled_town_is_reported_alone(tmp_path):
    root = small_package(tmp_path, survey=True)
    edit(root, "schools", rename_town("龙泉镇", "龍泉镇", only_first=True))
    assert located(caught(root)) == [
        ("schools.csv", town_rows("龙泉镇")[0], "镇街", "town-mismatch")
    ]


def test_towns_not_checked_without_a_survey_config(tmp_path):
    root = small_package(tmp_path)
    edit(root, "schools", rename_town("龙泉镇", "龙泉乡"))
    assert set(load_county(root).schools["town"]) >= {"龙泉乡"}


@pytest.mark.parametrize("code", ["exceeds-whole", "shared-totals-differ", "town-mismatch"])
def test_new_codes_have_both_languages(code):
    assert MESSAGES[code]["zh"] and MESSAGES[code]["en"]
