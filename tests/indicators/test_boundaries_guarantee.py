"""G3–G15 and Q1–Q4 at, just above and just below every threshold of evaluation.yaml.

Concrete values with concrete outcomes: a flipped comparison, a changed threshold (95 % →
90 %), a changed build year (2016, 2010) or the migrant exception taken at 50 % instead of
above it fails a case here. The figures of the reference report (渝北区 2025) are worked
examples with their published answers.
"""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import load_evaluation_rules
from indicators._guarantee import GUARANTEE
from indicators._quality import QUALITY

from .test_guarantee import inputs, section

RULES = load_evaluation_rules()
COMPUTE = {**GUARANTEE, **QUALITY}


def status(ident, sections=None, classes=None, measures=None, **options) -> str:
    data = inputs(sections or [section("S1")], classes=classes, measures=measures, **options)
    return COMPUTE[ident](data, RULES.indicators[ident]).status


def figures(ident, sections=None, classes=None, measures=None, **options) -> dict:
    data = inputs(sections or [section("S1")], classes=classes, measures=measures, **options)
    return {f.key: f.value for f in COMPUTE[ident](data, RULES.indicators[ident]).values}


# G3: ceil(classes / 12) rooms of each kind; 96 / 90 m², or 73 / 67 m² if built by 2016 ---------


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"classes": 12, "music_rooms": 1, "art_rooms": 1}, "met"),  # 12 classes: one room
        ({"classes": 13, "music_rooms": 1, "art_rooms": 2}, "not_met"),  # 13: two music rooms
        ({"classes": 13, "music_rooms": 2, "art_rooms": 1}, "not_met"),  # … and two art rooms
        ({"classes": 13, "music_rooms": 2, "art_rooms": 2}, "met"),
        ({"classes": 11, "music_rooms": 1, "art_rooms": 1}, "met"),
        ({"classes": 36, "music_rooms": 3, "art_rooms": 3}, "met"),
        ({"classes": 37, "music_rooms": 3, "art_rooms": 4}, "not_met"),
        ({"classes": 24, "music_rooms": 1, "art_rooms": 2}, "not_met"),
    ],
)
def test_g3_one_room_of_each_kind_per_twelve_classes(values, expected):
    assert status("G3", [section("S1", year_built=2020, **values)]) == expected


@pytest.mark.parametrize(
    "year, music, art, expected",
    [
        (2017, 96, 90, "met"),  # built after 2016: the 2017 sizes
        (2017, 95.99, 90, "not_met"),
        (2017, 96, 89.99, "not_met"),
        (2017, 96.01, 90.01, "met"),
        (2017, 73, 90, "not_met"),  # the old size is no longer enough
        (2017, 96, 67, "not_met"),
        (2016, 73, 67, "met"),  # built in 2016: 2016 年及之前 keeps the old sizes
        (2016, 72.99, 67, "not_met"),
        (2016, 73, 66.99, "not_met"),
        (2010, 73, 67, "met"),
        (2016, 96, 90, "met"),
    ],
)
def test_g3_room_sizes_and_the_build_year(year, music, art, expected):
    row = section("S1", year_built=year, music_room_min_area_m2=music, art_room_min_area_m2=art)
    assert status("G3", [row]) == expected


def test_g3_counts_old_and_new_sections():
    rows = [section("A", year_built=2016), section("B", year_built=2017), section("C")]
    values = figures("G3", rows)
    assert (values["g3_sections_old"], values["g3_sections_new"]) == (2, 1)
    assert (values["g3_sections"], values["g3_sections_ok"]) == (3, 3)


# G4: 2000 / 2500, raised to 2400 / 3000 when built by 2010 or more than half migrants ---------


def through(primary: int, junior: int, **values) -> list[dict]:
    """Return a nine-year school (one campus) of two sections."""
    shared = {"school_id": "N1", "school_type": "nine_year"} | values
    return [
        section("P", students=primary, **shared),
        section("J", level="junior", students=junior, **shared),
    ]


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"students": 2000}, "met"),  # 不超过 2000: at the limit passes
        ({"students": 2001}, "not_met"),
        ({"students": 2001, "school_type": "junior", "level": "junior"}, "not_met"),
        ({"students": 2000, "school_type": "junior", "level": "junior"}, "met"),
        ({"students": 2001, "year_built": 2010}, "met"),  # 2010 年及之前: excused up to 2400
        ({"students": 2400, "year_built": 2010}, "met"),
        ({"students": 2401, "year_built": 2010}, "not_met"),
        ({"students": 2001, "year_built": 2011}, "not_met"),  # built after 2010: no exception
        ({"students": 2200, "migrant_students": 1100}, "not_met"),  # exactly 50 %: not over
        ({"students": 2200, "migrant_students": 1101}, "met"),  # over 50 %
        ({"students": 2401, "migrant_students": 2000}, "not_met"),  # above 2400 all the same
    ],
)
def test_g4_single_level_limits_and_exceptions(values, expected):
    assert status("G4", [section("S1", **({"year_built": 2015} | values))]) == expected


@pytest.mark.parametrize(
    "primary, junior, values, expected",
    [
        (1500, 1000, {}, "met"),  # 2500 together: at the limit
        (1500, 1001, {}, "not_met"),
        (1800, 1200, {"year_built": 2010}, "met"),  # 3000: the raised limit
        (1800, 1201, {"year_built": 2010}, "not_met"),
        (1500, 1001, {"year_built": 2011}, "not_met"),
        (1300, 1300, {"migrant_students": 650}, "not_met"),  # 1300 of 2600: exactly half
        (1300, 1300, {"migrant_students": 651}, "met"),
    ],
)
def test_g4_through_school_limits_and_exceptions(primary, junior, values, expected):
    assert status("G4", through(primary, junior, **({"year_built": 2015} | values))) == expected


def test_g4_a_through_school_is_as_old_as_its_oldest_part():
    rows = through(1500, 1001)
    rows[0]["year_built"], rows[1]["year_built"] = 2008, 2015
    assert status("G4", rows) == "met"
    rows[0]["year_built"] = 2011
    assert status("G4", rows) == "not_met"


@pytest.mark.parametrize(
    "exceptions, values, expected",
    [
        ((), {"students": 2001, "year_built": 2010}, "not_met"),
        ((), {"students": 2200, "migrant_students": 1101}, "not_met"),
        (("built_by_2010",), {"students": 2200, "migrant_students": 1101}, "not_met"),
        (("migrant_over_half",), {"students": 2001, "year_built": 2010}, "not_met"),
        (("migrant_over_half",), {"students": 2200, "migrant_students": 1101}, "met"),
        (("built_by_2010",), {"students": 2001, "year_built": 2010}, "met"),
        # within its planned size: compliant only with the option
        ((), {"students": 2100, "planned_students": 2100}, "not_met"),
        (("within_planned_size",), {"students": 2100, "planned_students": 2100}, "met"),
        (("within_planned_size",), {"students": 2100, "planned_students": 2099}, "not_met"),
    ],
)
def test_g4_each_exception_only_when_its_option_names_it(exceptions, values, expected):
    row = section("S1", year_built=2015) | values
    assert status("G4", [row], g4_exceptions=exceptions) == expected


# G5: every class within 45 (primary) and 50 (junior) -------------------------------------


def classes(sid: str, *sizes: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "section_id": sid,
            "grade": 1,
            "class_no": [str(i) for i in range(1, len(sizes) + 1)],
            "students": list(sizes),
        }
    )


@pytest.mark.parametrize(
    "level, sizes, expected",
    [
        ("primary", (45, 40), "met"),
        ("primary", (46, 40), "not_met"),
        ("primary", (50,), "not_met"),  # the junior limit is not the primary one
        ("junior", (50, 40), "met"),
        ("junior", (51,), "not_met"),
        ("junior", (46,), "met"),
    ],
)
def test_g5_class_size_at_and_above_the_limit(level, sizes, expected):
    rows = [section("S1", level=level, school_type=level)]
    assert status("G5", rows, classes=classes("S1", *sizes)) == expected


def test_g5_the_reports_shares_of_classes_within_the_limit():
    """The report: 1,104 of 2,239 primary classes within 45 (49.3 %), 810 of 949 junior
    classes within 50 (85.4 %) — so G5 is not met as computed."""
    register = pd.concat(
        [
            classes("P", *([45] * 1104 + [46] * 1135)),
            classes("J", *([50] * 810 + [51] * 139)),
        ]
    )
    rows = [section("P"), section("J", level="junior", school_type="junior")]
    values = figures("G5", rows, classes=register)
    assert (values["g5_primary_classes"], values["g5_primary_within"]) == (2239, 1104)
    assert (values["g5_junior_classes"], values["g5_junior_within"]) == (949, 810)
    assert (values["g5_primary_oversized"], values["g5_junior_oversized"]) == (1135, 139)
    assert round(values["g5_primary_within_share"] * 100, 1) == 49.3
    assert round(values["g5_junior_within_share"] * 100, 1) == 85.4
    assert status("G5", rows, classes=register) == "not_met"


# G6: small schools funded as if they had 100 students --------------------------------------


@pytest.mark.parametrize(
    "values, funds, expected",
    [
        ({"area_type": "rural", "students": 99}, 72_000, "met"),  # 99 < 100: small
        ({"area_type": "rural", "students": 99}, 71_999, "not_met"),
        ({"area_type": "rural", "students": 100}, 0, "not_applicable"),  # 100: not small
        ({"school_type": "teaching_point", "students": 99}, 71_999, "not_met"),
        ({"school_type": "special", "area_type": "rural", "students": 50}, 0, "not_applicable"),
    ],
)
def test_g6_under_100_students_funded_as_100(values, funds, expected):
    measures = {"small_school_public_funds_yuan": funds, "public_funds_base_yuan_per_student": 720}
    assert status("G6", [section("S1", **values)], measures=measures) == expected


# county figures: exactly at the threshold meets it, just below does not ----------------------

AT_AND_BELOW = [
    ("G7", {"special_school_funds_yuan_per_student": 6000}, "met"),
    ("G7", {"special_school_funds_yuan_per_student": 5999}, "not_met"),
    ("G8", {"teacher_pay_yuan": 100_000, "civil_servant_pay_yuan": 100_000}, "met"),
    ("G8", {"teacher_pay_yuan": 99_999, "civil_servant_pay_yuan": 100_000}, "not_met"),
    ("G8", {"teacher_pay_yuan": 100_001, "civil_servant_pay_yuan": 100_000}, "met"),
    ("G9", {"teachers_trained_360h": 60}, "met"),  # all 60 teachers of the section
    ("G9", {"teachers_trained_360h": 59}, "not_met"),
    ("G12", {"certified_teachers": 60}, "met"),
    ("G12", {"certified_teachers": 59}, "not_met"),
    ("G14", {"quality_senior_places": 1000, "allocated_senior_places": 500}, "met"),
    ("G14", {"quality_senior_places": 1000, "allocated_senior_places": 499}, "not_met"),
    ("G15", {"migrant_children_eligible": 1000, "migrant_children_public": 850}, "met"),
    ("G15", {"migrant_children_eligible": 1000, "migrant_children_public": 849}, "not_met"),
    ("G15", {"migrant_children_eligible": 1000, "migrant_children_public": 820}, "not_met"),
    ("Q2", {"disabled_children": 1000, "disabled_inclusive": 950}, "met"),
    ("Q2", {"disabled_children": 1000, "disabled_inclusive": 949}, "not_met"),
    ("Q2", {"disabled_children": 1000, "disabled_inclusive": 920}, "not_met"),
    ("Q4", {"public_funds_budget_yuan": 1000, "teacher_training_spend_yuan": 50}, "met"),
    ("Q4", {"public_funds_budget_yuan": 1000, "teacher_training_spend_yuan": 49.99}, "not_met"),
    ("Q4", {"public_funds_budget_yuan": 1000, "teacher_training_spend_yuan": 41}, "not_met"),
]
ROTATION = {"rotation_eligible_teachers": 1000, "rotated_teachers": 100}
AT_AND_BELOW += [
    ("G11", ROTATION | {"rotated_backbone_teachers": 20}, "met"),  # 10 % and 20 % exactly
    ("G11", ROTATION | {"rotated_teachers": 99, "rotated_backbone_teachers": 20}, "not_met"),
    ("G11", ROTATION | {"rotated_teachers": 90, "rotated_backbone_teachers": 18}, "not_met"),
    ("G11", ROTATION | {"rotated_backbone_teachers": 19}, "not_met"),  # 19 %
    ("G11", ROTATION | {"rotated_backbone_teachers": 16}, "not_met"),
]
ZONED = {
    "primary_entrants": 1000,
    "primary_zoned_entrants": 1000,
    "junior_entrants": 1000,
    "junior_zoned_entrants": 950,
}
AT_AND_BELOW += [
    ("G13", ZONED, "met"),  # primary 100 %, junior 95 % exactly
    ("G13", ZONED | {"primary_zoned_entrants": 999}, "not_met"),
    ("G13", ZONED | {"primary_zoned_entrants": 950}, "not_met"),  # junior's 95 % is not enough
    ("G13", ZONED | {"junior_zoned_entrants": 949}, "not_met"),
    ("G13", ZONED | {"junior_zoned_entrants": 920}, "not_met"),
]
NO_MOVES = {k: 0 for k in ("transfers_in", "returned", "transfers_out", "suspended", "deceased")}
AT_AND_BELOW += [
    ("Q1", NO_MOVES | {"junior_entrants_3y_ago": 1000, "junior_graduates": 950}, "met"),
    ("Q1", NO_MOVES | {"junior_entrants_3y_ago": 1000, "junior_graduates": 949}, "not_met"),
    ("Q1", NO_MOVES | {"junior_entrants_3y_ago": 1000, "junior_graduates": 920}, "not_met"),
]
Q2_OTHERS = {"disabled_in_special_school": 0, "disabled_home_delivered": 0}
Q2_OTHERS |= {"disabled_outside_district": 0}


@pytest.mark.parametrize("ident, measures, expected", AT_AND_BELOW)
def test_county_figures_at_and_just_below_their_threshold(ident, measures, expected):
    rows = [section("S1"), section("T1", school_type="special", teachers=0)]
    if ident == "Q2":
        measures = Q2_OTHERS | measures
    assert status(ident, rows, measures=measures) == expected


@pytest.mark.parametrize(
    "charters, digital, expected",
    [(20, 20, "met"), (19, 20, "not_met"), (20, 19, "not_met"), (17, 20, "not_met")],
)
def test_q3_every_school_has_a_charter_and_digital_management(charters, digital, expected):
    rows = [section(f"S{i}") for i in range(20)]
    measures = {"schools_with_charter": charters, "schools_informatised": digital}
    assert status("Q3", rows, measures=measures) == expected


@pytest.mark.parametrize(
    "ident, measures, key, published",
    [
        # 2024: 191 of 1,463 eligible teachers rotated (13.1 %), 41 of them backbone (21.5 %)
        (
            "G11",
            {
                "rotation_eligible_teachers": 1463,
                "rotated_teachers": 191,
                "rotated_backbone_teachers": 41,
            },
            {"g11_rotated_share": 13.1, "g11_backbone_share": 21.5},
            "met",
        ),
        # 3,027 of 4,325 quality senior-high places allocated (70 %)
        (
            "G14",
            {"quality_senior_places": 4325, "allocated_senior_places": 3027},
            {"g14_allocated_share": 70.0},
            "met",
        ),
        # 11,587 graduates of 11,556 + 356 + 121 − 323 − 122 − 1 = 11,587 (100 %)
        (
            "Q1",
            {
                "junior_graduates": 11_587,
                "junior_entrants_3y_ago": 11_556,
                "transfers_in": 356,
                "returned": 121,
                "transfers_out": 323,
                "suspended": 122,
                "deceased": 1,
            },
            {"q1_retention": 100.0, "q1_cohort_base": None},
            "met",
        ),
        # 22,095 万 budget, 5 % = 1,105 万 due, 2,009 万 spent (9.1 %)
        (
            "Q4",
            {"public_funds_budget_yuan": 220_950_000, "teacher_training_spend_yuan": 20_090_000},
            {"q4_training_share": 9.1, "q4_required_yuan": None},
            "met",
        ),
    ],
)
def test_the_reports_county_figures(ident, measures, key, published):
    values = figures(ident, measures=measures)
    for name, percent in key.items():
        if percent is not None:
            assert round(values[name] * 100, 1) == percent, name
    if ident == "Q1":
        assert values["q1_cohort_base"] == 11_587
    if ident == "Q4":
        assert round(values["q4_required_yuan"] / 10_000) == 1105
    assert status(ident, measures=measures) == published


def described(computed) -> list[tuple]:
    return [(f.key, f.value, f.unit, f.op) for f in (*computed.values, *computed.thresholds)]


def test_the_figures_of_q2_q3_g9_g12_and_g15_name_what_they_count():
    """Every figure's key is its label on the card and its column in the open data."""
    data = inputs(
        [section("S1"), section("S2", school_id="S1"), section("S3")],
        measures={
            "disabled_children": 100,
            "disabled_in_special_school": 10,
            "disabled_home_delivered": 5,
            "disabled_inclusive": 80,
            "disabled_outside_district": 1,
            "schools_with_charter": 2,
            "schools_informatised": 1,
            "teachers_trained_360h": 180,
            "certified_teachers": 179,
            "migrant_children_eligible": 200,
            "migrant_children_public": 170,
        },
    )
    q2 = QUALITY["Q2"](data, RULES.indicators["Q2"])
    assert described(q2) == [
        ("disabled_children", 100, "count", None),
        ("disabled_in_special_school", 10, "count", None),
        ("disabled_home_delivered", 5, "count", None),
        ("disabled_inclusive", 80, "count", None),
        ("disabled_outside_district", 1, "count", None),
        ("q2_enrolled", 96, "count", None),
        ("q2_enrolment_rate", 0.96, "share", None),
        ("q2_enrolment_rate", 0.95, "share", ">="),
    ]
    q3 = QUALITY["Q3"](data, RULES.indicators["Q3"])
    assert (q3.status, described(q3)) == (
        "not_met",
        [
            ("q3_legal_schools", 2, "count", None),  # S1 and S3: S2 is a section of S1
            ("schools_with_charter", 2, "count", None),
            ("schools_informatised", 1, "count", None),
            ("q3_charter_share", 1.0, "share", None),
            ("q3_informatised_share", 0.5, "share", None),
            ("q3_charter_share", 1.0, "share", ">="),
            ("q3_informatised_share", 1.0, "share", ">="),
        ],
    )
    assert described(GUARANTEE["G9"](data, RULES.indicators["G9"])) == [
        ("teachers_trained_360h", 180, "count", None),
        ("teachers", 180, "count", None),
        ("g9_trained_share", 1.0, "share", None),
        ("g9_trained_share", 1.0, "share", ">="),
    ]
    g12 = GUARANTEE["G12"](data, RULES.indicators["G12"])
    assert (g12.status, described(g12)[2]) == (
        "not_met",
        ("g12_certified_share", 179 / 180, "share", None),
    )
    g15 = GUARANTEE["G15"](data, RULES.indicators["G15"])
    assert (g15.status, g15.note, described(g15)) == (
        "met",
        "g15_left_behind_care_declared",
        [
            ("migrant_children_public", 170, "count", None),
            ("migrant_children_eligible", 200, "count", None),
            ("g15_public_share", 0.85, "share", None),
            ("g15_public_share", 0.85, "share", ">="),
        ],
    )
