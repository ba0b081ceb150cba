"""Declaration errors name their cause: the failing classes, schools or figures, and the units a
化解后达标 declaration's plans leave uncovered (a tiny county built here, no demo)."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import (
    assess_resources,
    evaluate,
    load_evaluation_rules,
    load_resource_rules,
)
from indicators._units import listing
from loaders import InputErrors

from .test_guarantee import inputs, section

RULES = load_evaluation_rules()
RESOURCE_RULES = load_resource_rules()


def full_section(sid: str, **values) -> dict:
    """Return a section of 1,000 students that meets every resource standard."""
    base = {
        "teachers_above_degree": 60,
        "backbone_teachers": 15,
        "pe_teachers": 5,
        "music_teachers": 3,
        "art_teachers": 3,
        "teaching_area_m2": 6000,
        "sports_area_m2": 11000,
        "equipment_value_yuan": 3_000_000,
        "multimedia_classrooms": 30,
    }
    return section(sid, **(base | values))


def classes(rows: list[tuple[str, int, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["section_id", "grade", "class_no", "students"])


def declarations(**statuses: str) -> pd.DataFrame:
    """Every declarable item 达标 with a reason and a document, except those given."""
    rows = [
        {
            "indicator": ident,
            "status": statuses.get(ident, "met"),
            "reason": "理由",
            "document": "文件",
        }
        for ident in RULES.declarable
    ]
    frame = pd.DataFrame(rows)
    frame.index = range(2, len(frame) + 2)  # rows as Excel numbers them
    return frame


def plans(*rows: tuple[str, str | None]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                "indicator": ident,
                "section_id": sid,
                "measures": "措施",
                "responsible": "区教委",
                "deadline": "2026-08",
                "status": "in_progress",
                "status_date": "2025-10-01",
            }
            for ident, sid in rows
        ],
        columns=[
            "indicator",
            "section_id",
            "measures",
            "responsible",
            "deadline",
            "status",
            "status_date",
        ],
    )
    frame.index = range(2, len(frame) + 2)
    return frame


def run(sections, class_rows=(), remediation=None, measures=None, **statuses):
    data = inputs(sections, classes=classes(list(class_rows)), measures=measures)
    return evaluate(
        data,
        assess_resources(data.sections, RESOURCE_RULES),
        RESOURCE_RULES,
        RULES,
        declarations(**statuses),
        plans() if remediation is None else remediation,
        satisfaction=None,
        files={},
    )


def errors(excinfo) -> tuple[str, str]:
    return excinfo.value.render("zh"), excinfo.value.render("en")


TWO_SECTIONS = [full_section("S1"), full_section("S2", school_name="示例第二小学")]
OVERSIZED = [("S1", 3, "2", 44), ("S2", 5, "3", 52), ("S2", 5, "4", 47)]


def test_a_met_declaration_the_data_contradict_names_the_oversized_classes():
    with pytest.raises(InputErrors) as excinfo:
        run(TWO_SECTIONS, OVERSIZED)
    zh, en = errors(excinfo)
    assert "G5: 达标" in zh
    # the largest first, with section, grade, class and size; the class within 45 is not named
    assert "S2 示例第二小学（本部） 5 年级 3 班：52 人（上限 45 人）；S2" in zh
    assert "4 班：47 人" in zh
    assert "3 年级 2 班" not in zh
    assert "S2 示例第二小学（本部） grade 5 class 3: 52 students (limit 45)" in en


def test_a_long_list_is_capped_with_how_many_more():
    many = [("S1", 1, str(n), 46 + n % 3) for n in range(1, 26)]
    with pytest.raises(InputErrors) as excinfo:
        run(TWO_SECTIONS, many)
    zh, en = errors(excinfo)
    assert "另有 5 个" in zh
    assert "and 5 more" in en
    assert zh.count(" 班：") == 20


def test_the_listing_cap_is_exact():
    from indicators._outcome import Unit

    units = tuple(Unit(f"u{n}", f"u{n}") for n in range(20))
    assert "另有" not in listing(units, "zh")
    assert listing((*units, Unit("x", "x")), "en").endswith("; and 1 more")


def test_r_names_the_sections_below_standard_and_which_indicators():
    weak = full_section(
        "S2", school_name="示例第二小学", sports_area_m2=6000, teaching_area_m2=4000
    )
    with pytest.raises(InputErrors) as excinfo:
        run([full_section("S1"), weak])
    zh, en = errors(excinfo)
    # R4 4.0 ≥ 85 % of 4.5; R5 6.0 < 85 % of 7.5
    assert "S2 示例第二小学（本部）：R4、R5 未达标（R5 低于标准的 85%）" in zh
    assert "S2 示例第二小学（本部）: R4, R5 not met (R5 below 85% of the standard)" in en
    assert "S1 school S1" not in zh


def test_g4_names_the_oversized_school_with_its_limit():
    big = full_section("S2", school_name="示例第二小学", students=2300, year_built=2015)
    with pytest.raises(InputErrors) as excinfo:
        run([full_section("S1"), big])
    zh, en = errors(excinfo)
    assert "S2 示例第二小学（本部），小学：2,300 人，上限 2,000 人" in zh
    assert "S2 示例第二小学（本部）, primary: 2,300 students, limit 2,000" in en


def test_g3_names_the_section_lacking_rooms():
    short = full_section("S2", classes=25, music_rooms=2, art_rooms=3)
    with pytest.raises(InputErrors) as excinfo:
        run([full_section("S1"), short])
    zh, en = errors(excinfo)
    assert "S2 school S2（本部）：音乐教室 2 间，需 3 间" in zh
    assert "2 music rooms, 3 needed" in en
    assert "美术教室 3 间" not in zh


def test_a_county_measure_names_the_figure_and_its_standard():
    measures = {"teacher_pay_yuan": 150_000, "civil_servant_pay_yuan": 153_400}
    with pytest.raises(InputErrors) as excinfo:
        run(TWO_SECTIONS, measures=measures)
    zh, en = errors(excinfo)
    assert "教师年平均工资收入 150,000，标准 ≥ 153,400" in zh
    assert "average annual teacher pay 150,000, standard ≥ 153,400" in en


def test_remediation_plans_must_cover_every_failing_section():
    remediation = plans(("G5", "S2"))
    outcome = run(TWO_SECTIONS, OVERSIZED, remediation, G5="met_after_remediation")
    assert outcome.indicators["G5"].declared == "met_after_remediation"

    three = [*TWO_SECTIONS, full_section("S3", school_name="示例第三小学")]
    with pytest.raises(InputErrors) as excinfo:
        run(three, [*OVERSIZED, ("S3", 2, "1", 46)], remediation, G5="met_after_remediation")
    zh, en = errors(excinfo)
    assert "remediation.csv" in zh and "学部编号" in zh
    assert "S3 示例第三小学（本部） 2 年级 1 班：46 人" in zh
    assert "S2 示例第二小学" not in zh  # covered by its plan
    assert "plans do not cover every failing school or class: not covered: S3" in en


def test_a_plan_naming_no_section_covers_the_whole_indicator():
    remediation = plans(("G5", None))
    outcome = run(TWO_SECTIONS, OVERSIZED, remediation, G5="met_after_remediation")
    assert outcome.indicators["G5"].plans[0].section_id is None


def test_a_plan_for_another_indicator_covers_nothing():
    failing = [*OVERSIZED, ("S1", 4, "1", 48)]
    with pytest.raises(InputErrors) as excinfo:
        run(TWO_SECTIONS, failing, plans(("G5", "S2"), ("R", None)), G5="met_after_remediation")
    zh = errors(excinfo)[0]
    assert "S1 school S1（本部） 4 年级 1 班：48 人" in zh
    assert "S2 示例第二小学（本部） 5 年级" not in zh

    weak = full_section("S2", sports_area_m2=6000)
    with pytest.raises(InputErrors) as excinfo:
        run([full_section("S1"), weak], (), plans(("G5", None)), R="met_after_remediation")
    assert "S2 school S2（本部）：R5 未达标" in errors(excinfo)[0]


DOUBLE = {
    "teachers_above_degree": 60,
    "backbone_teachers": 15,
    "pe_teachers": 5,
    "music_teachers": 3,
    "art_teachers": 3,
    "teaching_area_m2": 6000,
    "sports_area_m2": 11000,
    "equipment_value_yuan": 3_000_000,
    "multimedia_classrooms": 30,
}


def test_a_through_school_is_covered_by_a_plan_for_either_of_its_sections():
    through = [
        full_section(
            f"S{n}",
            school_id="X1",
            school_name="示例一贯制学校",
            section_name=name,
            school_type="nine_year",
            level=level,
            students=1400,
            **{k: v * 2 for k, v in DOUBLE.items()},
        )
        for n, name, level in ((2, "小学部", "primary"), (3, "初中部", "junior"))
    ]
    sections = [full_section("S1"), full_section("S4", level="junior"), *through]
    outcome = run(sections, (), plans(("G4", "S3")), G4="met_after_remediation")
    assert outcome.indicators["G4"].computed.status == "not_met"
    with pytest.raises(InputErrors) as excinfo:
        run(sections, (), plans(("G4", "S1")), G4="met_after_remediation")
    assert (
        "X1 示例一贯制学校（小学部、初中部），一贯制：2,800 人，上限 2,500 人" in errors(excinfo)[0]
    )


def test_b_is_judged_on_the_levels_with_two_or_more_sections():
    sections = [*TWO_SECTIONS, full_section("S3", level="junior")]
    outcome = run(sections)
    balance = outcome.indicators["B"].computed
    assert (balance.status, balance.note) == ("met", "b_levels_not_meaningful")
    assert [f.key for f in balance.values] == ["cv_max_primary"]


def test_b_with_one_section_per_level_is_not_applicable():
    outcome = run([full_section("S1"), full_section("S2", level="junior")])
    assert outcome.indicators["B"].computed.status == "not_applicable"
    assert outcome.indicators["B"].differs is False  # 达标 declared: nothing to fail


def test_b_names_the_cv_above_its_limit_on_the_level_that_has_one():
    # R6 9,000 and 2,000 yuan per student, equal weights: CV = 7,000 / 11,000 = 0.636 > 0.50
    spread = [
        full_section("S1", equipment_value_yuan=9_000_000),
        full_section("S2", equipment_value_yuan=2_000_000),
        full_section("S3", level="junior"),
    ]
    with pytest.raises(InputErrors) as excinfo:
        run(spread)
    zh, en = errors(excinfo)
    assert "B: 达标" in zh
    assert "小学 R6：差异系数 0.636，上限 0.5" in zh
    assert "primary R6: coefficient of variation 0.636, limit 0.5" in en
    assert "初中" not in zh


def test_g7_without_a_special_school_is_not_applicable_and_its_area_still_passes():
    outcome = run(TWO_SECTIONS)
    g7 = outcome.indicators["G7"]
    assert (g7.computed.status, g7.differs) == ("not_applicable", False)
    statuses = {p: outcome.indicators[p].computed.status for p in RULES.areas["guarantee"].parts}
    assert "not_met" not in statuses.values()
    assert outcome.areas["guarantee"].computed != "not_met"
