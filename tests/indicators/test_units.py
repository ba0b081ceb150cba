"""Failing units in words: how a figure and its standard are written in a declaration error."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from indicators import Computed, Figure
from indicators._outcome import Unit
from indicators._units import (
    _figure_text,
    class_en,
    class_zh,
    failing_detail,
    failing_units,
    figure_units,
    g5_units,
    listing,
    resource_units,
)


@pytest.mark.parametrize(
    "figure, text",
    [
        (Figure("k", 0.131, "share"), "13.1%"),
        (Figure("k", 0.85, "share"), "85%"),
        (Figure("k", 0.98765, "share"), "98.77%"),  # four significant digits
        (Figure("k", 0.4512, "ratio"), "0.451"),
        (Figure("k", 2300.0, "count"), "2,300"),
        (Figure("k", 6000, "yuan"), "6,000"),
        (Figure("k", 5999.5, "yuan"), "5,999.50"),
        (Figure("k", None, "share"), "—"),
        (Figure("k", float("nan"), "count"), "—"),
    ],
)
def test_figure_text(figure, text):
    assert _figure_text(figure) == text


@pytest.mark.parametrize(
    "value, op, limit, words",
    [
        (0.84, ">=", 0.85, ["share 84%, standard ≥ 85%"]),
        (0.85, ">=", 0.85, []),  # at the threshold: nothing fails
        (46, "<=", 45, ["share 4600%, standard ≤ 4500%"]),
        (45, "<=", 45, []),
        (0.15, "<", 0.15, ["share 15%, standard < 15%"]),  # 低于: at the line fails
        (0.1499, "<", 0.15, []),
        (None, ">=", 0.85, ["no figure: share"]),
    ],
)
def test_figure_units_name_the_thresholds_a_figure_misses(value, op, limit, words):
    computed = Computed(
        status="not_met",
        values=(Figure("share", value, "share"),),
        thresholds=(Figure("share", limit, "share", op),),
    )
    assert [u.en for u in figure_units(computed, {})] == words


def test_figure_units_use_the_catalogue_names_in_both_languages():
    computed = Computed(
        status="not_met",
        values=(Figure("g15_public_share", 0.84, "share"),),
        thresholds=(Figure("g15_public_share", 0.85, "share", ">="),),
    )
    names = {"g15_public_share": ("随迁子女公办就读比例", "migrant children in public schools")}
    (unit,) = figure_units(computed, names)
    assert unit.zh == "随迁子女公办就读比例 84%，标准 ≥ 85%"
    assert unit.en == "migrant children in public schools 84%, standard ≥ 85%"


def test_resource_units_name_the_standards_missed_and_those_below_85_percent():
    sections = pd.DataFrame(
        [
            {"section_id": "S1", "school_name": "甲小学", "section_name": "本部"},
            {"section_id": "S2", "school_name": "乙中学", "section_name": None},
        ]
    )
    failing = pd.DataFrame(
        [
            {"R1_met": False, "R1_above_floor": False, "R4_met": False, "R4_above_floor": True},
            {"R1_met": True, "R1_above_floor": True, "R4_met": False, "R4_above_floor": True},
        ],
        index=pd.Index(["S1", "S2"], name="section_id"),
    )
    units = resource_units(failing, sections, ("R1", "R4"))
    assert [(u.zh, u.en, u.sections) for u in units] == [
        (
            "S1 甲小学（本部）：R1、R4 未达标（R1 低于标准的 85%）",
            "S1 甲小学（本部）: R1, R4 not met (R1 below 85% of the standard)",
            ("S1",),
        ),
        ("S2 乙中学：R4 未达标", "S2 乙中学: R4 not met", ("S2",)),
    ]


def test_listing_and_the_detail_of_an_error():
    units = (Unit("甲", "a"), Unit("乙", "b"), Unit("丙", "c"))
    assert listing(units, "zh") == "甲；乙；丙"
    assert listing(units, "en") == "a; b; c"
    assert listing(units, "zh", cap=2) == "甲；乙；另有 1 个"
    assert listing(units, "en", cap=2) == "a; b; and 1 more"
    assert listing(units, "en", cap=3) == "a; b; c"
    assert failing_detail(units[:1]) == {"detail": "未达标的是 甲", "detail_en": "what fails: a"}
    assert failing_detail(()) == {}


def test_failing_units_are_the_units_or_else_the_figures_missed():
    unit = Unit("甲", "a")
    assert failing_units(Computed(status="not_met", units=(unit,))) == (unit,)
    by_figure = Computed(
        status="not_met",
        values=(Figure("share", 0.5, "share"),),
        thresholds=(Figure("share", 0.85, "share", ">="),),
    )
    assert [u.en for u in failing_units(by_figure)] == ["share 50%, standard ≥ 85%"]
    assert failing_units(replace(by_figure, status="met")) == ()
    assert [u.en for u in failing_units(replace(by_figure, status="no_data"))] == [
        "share 50%, standard ≥ 85%"
    ]


def test_a_missing_figure_is_named_in_both_languages_and_the_next_threshold_still_checked():
    computed = Computed(
        status="not_met",
        values=(Figure("a", float("nan"), "share"), Figure("b", 0.5, "share")),
        thresholds=(Figure("a", 0.85, "share", ">="), Figure("b", 0.85, "share", ">=")),
    )
    names = {"a": ("甲比例", "share a"), "b": ("乙比例", "share b")}
    assert [(u.zh, u.en) for u in figure_units(computed, names)] == [
        ("缺少数据：甲比例", "no figure: share a"),  # NaN, an empty cell, is no figure too
        ("乙比例 50%，标准 ≥ 85%", "share b 50%, standard ≥ 85%"),
    ]


def test_a_threshold_without_a_comparison_names_nothing():
    computed = Computed(
        status="not_met",
        values=(Figure("a", 0.5, "share"),),
        thresholds=(Figure("a", 0.85, "share"),),
    )
    assert figure_units(computed, {}) == ()


def test_an_indicator_without_data_names_the_figures_it_lacks():
    computed = Computed(
        status="no_data",
        values=(Figure("teacher_pay_yuan", None, "yuan"),),
        thresholds=(Figure("teacher_pay_yuan", 150_000, "yuan", ">="),),
    )
    (unit,) = failing_units(computed)
    assert unit.zh.startswith("缺少数据：") and unit.en.startswith("no figure: ")
    assert "teacher_pay_yuan" not in unit.en  # the catalogue's name, not the code


def test_resource_units_name_only_what_the_failing_rows_tell():
    """Without the floor columns only the standards missed are named; a standard without its
    `_met` column is not counted as missed; a section the register lacks is named by its id."""
    sections = pd.DataFrame([{"section_id": "S1", "school_name": "甲小学", "section_name": None}])
    # floors unknown, and no column at all for R5
    unknown = pd.DataFrame(
        [{"R1_met": False, "R4_met": False}], index=pd.Index(["S1"], name="section_id")
    )
    (unit,) = resource_units(unknown, sections, ("R1", "R4", "R5"))
    assert (unit.zh, unit.en, unit.sections) == (
        "S1 甲小学：R1、R4 未达标",
        "S1 甲小学: R1, R4 not met",
        ("S1",),
    )
    both_low = pd.DataFrame(
        [{"R1_met": False, "R1_above_floor": False, "R4_met": False, "R4_above_floor": False}],
        index=pd.Index(["S9"], name="section_id"),
    )
    (unit,) = resource_units(both_low, sections, ("R1", "R4"))
    assert (unit.zh, unit.en, unit.sections) == (
        "S9 ：R1、R4 未达标（R1、R4 低于标准的 85%）",
        "S9 : R1, R4 not met (R1, R4 below 85% of the standard)",
        ("S9",),
    )


@pytest.mark.parametrize(
    "class_no, zh, en",
    [
        ("3", "3 班", "class 3"),
        ("3班", "3班", "class 3"),
        ("03 班", "03 班", "class 03"),
        ("三班", "三班", "class 三班"),
        ("A", "A 班", "class A"),
    ],
)
def test_a_class_is_named_once_however_staff_wrote_its_number(class_no, zh, en):
    assert (class_zh(class_no), class_en(class_no)) == (zh, en)


def test_an_oversized_class_written_with_its_ban_is_not_named_twice():
    oversized = pd.DataFrame(
        [{"section_id": "S1", "grade": 7, "class_no": "1班", "students": 56, "limit": 50}]
    )
    sections = pd.DataFrame([{"section_id": "S1", "school_name": "甲中学", "level": "junior"}])
    (unit,) = g5_units(oversized, sections)
    assert "7 年级 1班：56 人" in unit.zh and "班 班" not in unit.zh and "1班 班" not in unit.zh
    assert "grade 7 class 1: 56 students" in unit.en
