"""Government guarantee (政府保障程度), G3–G15 where the data allows (thresholds: evaluation.yaml).

G1, G2 and G10 are qualitative: they carry the county's declaration and its document.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from indicators._outcome import Computed, Figure, at_least, share, status_of
from indicators._rules import IndicatorRule
from indicators._size import g4_size, ordinary_sections
from indicators._units import g3_units, g5_units


@dataclass(frozen=True)
class EvaluationInputs:
    """The validated tables an indicator may read.

    `schools`: the whole register (one row per section, special schools included);
    `sections`: the sections the resource rules cover (`in_scope`: teaching points under 50
    students may be left out); `classes`: the class register;
    `measures`: county figures by measure code (None = no figure); `monitoring`: one row per
    grade and subject; `options`: the rule options in force (loaders.RuleOptions);
    `teachers`: every full-time teacher of compulsory education, teaching points outside the
    resource rules included (the denominator of G9 and G12; the special school apart).
    """

    schools: pd.DataFrame
    sections: pd.DataFrame
    classes: pd.DataFrame
    measures: Mapping[str, float | None]
    monitoring: pd.DataFrame
    options: object
    teachers: int


def g3_rooms(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G3: ceil(classes / 12) music and art rooms each, every room large enough.

    Every section of an ordinary school, small teaching points included (`ordinary_sections`).
    The smallest room of each kind is compared with 96 / 90 m², or 73 / 67 m² for sections built
    in or before 2016 — an allowance not in the 2017 measures but in later national guidance on
    applying them, quoted as such by self-evaluations (the methodology page says so).
    """
    t = rule.thresholds
    s = ordinary_sections(data)
    need = (s["classes"] / t["classes_per_room"]).apply(math.ceil)
    old = s["year_built"] <= t["old_built_by"]
    min_music = old.map({True: t["music_room_m2_old"], False: t["music_room_m2"]})
    min_art = old.map({True: t["art_room_m2_old"], False: t["art_room_m2"]})
    ok = (
        (s["music_rooms"] >= need)
        & (s["art_rooms"] >= need)
        & (s["music_room_min_area_m2"] >= min_music)
        & (s["art_room_min_area_m2"] >= min_art)
    )
    failing = s.loc[~ok, ["section_id", "classes", "music_rooms", "art_rooms"]].assign(
        rooms_needed=need[~ok],
        music_room_min_area_m2=s.loc[~ok, "music_room_min_area_m2"],
        art_room_min_area_m2=s.loc[~ok, "art_room_min_area_m2"],
    )
    minimums = pd.DataFrame(
        {"music": min_music.to_numpy(), "art": min_art.to_numpy()}, index=s["section_id"]
    )
    return Computed(
        status=status_of(bool(ok.all())),
        values=(
            Figure("g3_sections", len(s), "count"),
            Figure("g3_sections_old", int(old.sum()), "count"),
            Figure("g3_sections_new", int((~old).sum()), "count"),
            Figure("g3_sections_ok", int(ok.sum()), "count"),
        ),
        thresholds=(
            Figure("g3_classes_per_room", t["classes_per_room"], "count", "<="),
            Figure("g3_music_room_m2", t["music_room_m2"], "m2", ">="),
            Figure("g3_art_room_m2", t["art_room_m2"], "m2", ">="),
            Figure("g3_music_room_m2_old", t["music_room_m2_old"], "m2", ">="),
            Figure("g3_art_room_m2_old", t["art_room_m2_old"], "m2", ">="),
        ),
        failing=failing.reset_index(drop=True),
        units=g3_units(failing, s, minimums),
    )


def g5_class_size(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G5: every class within 45 (primary) or 50 (junior).

    Every class of an ordinary school, those of small teaching points included (所有班级; see
    `ordinary_sections`). `detail`: every section (section_id, level, classes, oversized,
    largest); `failing`: those with at least one oversized class, most oversized first.
    """
    t = rule.thresholds
    sections = ordinary_sections(data)
    level = sections.set_index("section_id")["level"]
    classes = data.classes[data.classes["section_id"].isin(level.index)]
    classes = classes.assign(level=classes["section_id"].map(level))
    limit = classes["level"].map(
        {"primary": t["primary_class_max"], "junior": t["junior_class_max"]}
    )
    classes = classes.assign(oversized=classes["students"] > limit, limit=limit)
    values = []
    for name in ("primary", "junior"):
        part = classes[classes["level"] == name]
        within = int((~part["oversized"]).sum())
        values += [
            Figure(f"g5_{name}_classes", len(part), "count"),
            Figure(f"g5_{name}_within", within, "count"),
            Figure(f"g5_{name}_oversized", len(part) - within, "count"),
            Figure(f"g5_{name}_within_share", share(within, len(part)), "share"),
        ]
    by_section = (
        classes.groupby(["section_id", "level"], sort=False)
        .agg(
            classes=("students", "size"),
            oversized=("oversized", "sum"),
            largest=("students", "max"),
        )
        .reset_index()
    )
    failing = by_section[by_section["oversized"] > 0].sort_values(
        ["oversized", "largest"], ascending=False
    )
    return Computed(
        # no class registered (a draft without its class register): nothing to judge
        status=status_of(None if classes.empty else not bool(classes["oversized"].any())),
        values=tuple(values),
        thresholds=(
            Figure("g5_primary_class_max", t["primary_class_max"], "count", "<="),
            Figure("g5_junior_class_max", t["junior_class_max"], "count", "<="),
        ),
        failing=failing.reset_index(drop=True),
        detail=by_section,
        units=g5_units(classes[classes["oversized"]], sections),
    )


def g6_small_schools(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G6: funds for village schools and teaching points under 100 students ≥ base × 100.

    Small schools come from the whole register (teaching points under 50 are outside the
    resource scope but not outside G6): rural sections or teaching points below 100 students.
    Not applicable when the county has none.
    """
    t = rule.thresholds
    s = data.schools
    small = s[
        ((s["area_type"] == "rural") | (s["school_type"] == "teaching_point"))
        & (s["students"] < t["funded_as_students"])
        & (s["school_type"] != "special")
    ]
    funds = data.measures.get("small_school_public_funds_yuan")
    base = data.measures.get("public_funds_base_yuan_per_student")
    required = None if base is None else base * t["funded_as_students"] * len(small)
    values = (
        Figure("g6_small_schools", len(small), "count"),
        Figure("g6_small_school_students", int(small["students"].sum()), "count"),
        Figure("small_school_public_funds_yuan", funds, "yuan"),
        Figure("g6_required_yuan", required, "yuan"),
    )
    status = (
        "not_applicable"
        if small.empty
        else status_of(None if funds is None or required is None else funds >= required)
    )
    return Computed(
        status=status,
        values=values,
        thresholds=(Figure("g6_funded_as_students", t["funded_as_students"], "count", ">="),),
        detail=small[["section_id", "school_name", "students"]].reset_index(drop=True),
    )


def _measure_ratio(
    data: EvaluationInputs,
    rule: IndicatorRule,
    part: str,
    whole: str | int,
    key: str,
    threshold: str = "min_share",
) -> Computed:
    """Return an indicator that is one share of two county figures against a minimum."""
    numerator = data.measures.get(part)
    denominator = data.measures.get(whole) if isinstance(whole, str) else whole
    value = share(numerator, denominator)
    limit = rule.thresholds[threshold]
    return Computed(
        status=status_of(at_least(value, limit)),
        values=(
            Figure(part, numerator, "count"),
            Figure(whole if isinstance(whole, str) else "teachers", denominator, "count"),
            Figure(key, value, "share"),
        ),
        thresholds=(Figure(key, limit, "share", ">="),),
    )


def g7_special_funds(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G7: the special school's public funds per student ≥ 6000 yuan.

    Not applicable when the register has no special-education school (school type special):
    there is no such school to fund, whatever figure, if any, the package gives.
    """
    amount = data.measures.get("special_school_funds_yuan_per_student")
    limit = rule.thresholds["min_yuan_per_student"]
    inclusive = data.measures.get("inclusive_funds_yuan_per_student")
    special = bool((data.schools["school_type"] == "special").any())
    return Computed(
        status=status_of(at_least(amount, limit)) if special else "not_applicable",
        note=None if special else "g7_no_special_school",
        values=(
            Figure("special_school_funds_yuan_per_student", amount, "yuan"),
            Figure("inclusive_funds_yuan_per_student", inclusive, "yuan"),
        ),
        thresholds=(Figure("special_school_funds_yuan_per_student", limit, "yuan", ">="),),
    )


def g8_pay(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G8: average teacher pay ≥ average civil-servant pay (不低于).

    G8 has two halves: the pay comparison, computed here, and 按规定足额核定教师绩效工资总量
    (performance pay set in full), which no figure shows: it rests on the declaration and its
    document, and the note beside the status says so.
    """
    teacher = data.measures.get("teacher_pay_yuan")
    civil = data.measures.get("civil_servant_pay_yuan")
    gap = None if teacher is None or civil is None else teacher - civil
    return Computed(
        status=status_of(None if gap is None else gap >= 0),
        values=(
            Figure("teacher_pay_yuan", teacher, "yuan"),
            Figure("civil_servant_pay_yuan", civil, "yuan"),
            Figure("g8_pay_gap_yuan", gap, "yuan"),
        ),
        thresholds=(Figure("teacher_pay_yuan", civil, "yuan", ">="),),
        note="g8_performance_pay_declared",
    )


def g9_training(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G9: teachers who completed 360 hours / all full-time teachers (`data.teachers`)."""
    return _measure_ratio(data, rule, "teachers_trained_360h", data.teachers, "g9_trained_share")


def g11_rotation(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G11: rotated ≥ 10 % of eligible, and backbone ≥ 20 % of those rotated."""
    m, t = data.measures, rule.thresholds
    rotated = share(m.get("rotated_teachers"), m.get("rotation_eligible_teachers"))
    backbone = share(m.get("rotated_backbone_teachers"), m.get("rotated_teachers"))
    return Computed(
        status=status_of(
            at_least(rotated, t["min_rotated_share"]), at_least(backbone, t["min_backbone_share"])
        ),
        values=(
            Figure("rotation_eligible_teachers", m.get("rotation_eligible_teachers"), "count"),
            Figure("rotated_teachers", m.get("rotated_teachers"), "count"),
            Figure("rotated_backbone_teachers", m.get("rotated_backbone_teachers"), "count"),
            Figure("g11_rotated_share", rotated, "share"),
            Figure("g11_backbone_share", backbone, "share"),
        ),
        thresholds=(
            Figure("g11_rotated_share", t["min_rotated_share"], "share", ">="),
            Figure("g11_backbone_share", t["min_backbone_share"], "share", ">="),
        ),
    )


def g12_certificates(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G12: certified teachers / full-time teachers of the evaluated sections = 100 %."""
    return _measure_ratio(data, rule, "certified_teachers", data.teachers, "g12_certified_share")


def g13_zoning(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G13: zoned nearby entrants ≥ 100 % (primary) and ≥ 95 % (junior)."""
    m, t = data.measures, rule.thresholds
    primary = share(m.get("primary_zoned_entrants"), m.get("primary_entrants"))
    junior = share(m.get("junior_zoned_entrants"), m.get("junior_entrants"))
    return Computed(
        status=status_of(
            at_least(primary, t["primary_min_share"]), at_least(junior, t["junior_min_share"])
        ),
        values=(
            Figure("primary_entrants", m.get("primary_entrants"), "count"),
            Figure("primary_zoned_entrants", m.get("primary_zoned_entrants"), "count"),
            Figure("g13_primary_share", primary, "share"),
            Figure("junior_entrants", m.get("junior_entrants"), "count"),
            Figure("junior_zoned_entrants", m.get("junior_zoned_entrants"), "count"),
            Figure("g13_junior_share", junior, "share"),
        ),
        thresholds=(
            Figure("g13_primary_share", t["primary_min_share"], "share", ">="),
            Figure("g13_junior_share", t["junior_min_share"], "share", ">="),
        ),
    )


def g14_places(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G14: places allocated to junior schools / quality senior-high places ≥ 50 %.

    The tilt towards rural schools is not in the data: the declaration states it (the note).
    """
    computed = _measure_ratio(
        data, rule, "allocated_senior_places", "quality_senior_places", "g14_allocated_share"
    )
    return replace(computed, note="g14_rural_tilt_declared")


def g15_migrants(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return G15: migrant children in public or purchased places / eligible ≥ 85 %.

    The status rests on that share, which is what the rule asks. Many reports give the
    enrolment rate instead (随迁子女入学率: enrolled / eligible); a county that gives
    `migrant_children_enrolled` sees it beside the share, never judged, since every migrant child
    may be in school while too few are in public or purchased places. The other half,
    留守儿童关爱体系健全 (a care system for left-behind children), is qualitative: it rests on
    the declaration and its document (the note says both).
    """
    computed = _measure_ratio(
        data, rule, "migrant_children_public", "migrant_children_eligible", "g15_public_share"
    )
    enrolled = data.measures.get("migrant_children_enrolled")
    shown: tuple[Figure, ...] = ()
    if enrolled is not None:
        rate = share(enrolled, data.measures.get("migrant_children_eligible"))
        shown = (
            Figure("migrant_children_enrolled", enrolled, "count"),
            Figure("g15_enrolment_rate", rate, "share"),
        )
    return replace(computed, values=computed.values + shown, note="g15_left_behind_care_declared")


GUARANTEE: dict[str, Callable[[EvaluationInputs, IndicatorRule], Computed]] = {
    "G3": g3_rooms,
    "G4": g4_size,
    "G5": g5_class_size,
    "G6": g6_small_schools,
    "G7": g7_special_funds,
    "G8": g8_pay,
    "G9": g9_training,
    "G11": g11_rotation,
    "G12": g12_certificates,
    "G13": g13_zoning,
    "G14": g14_places,
    "G15": g15_migrants,
}
