"""Named single figures the narrative may insert with `{{ fact("name") }}`.

One table of entries, not a chain of ifs: each fact names the result it reads and its format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indicators import LEVEL_WEIGHTS, PASSING_CLASSES, count_plans
from loaders import SiteSettings, measure_items
from publish._escape import page_text
from publish._recognition import survey_of
from publish._results import Results
from publish._table_html import format_cell
from publish._units_table import ATTAINMENT_LEVELS
from survey import Z_95


@dataclass(frozen=True)
class Fact:
    """How to read one figure from the results and how to show it."""

    read: Callable[[Results], float | str]
    kind: str  # "int", "decimal0"–"decimal3", "percent0"–"percent2", "text" or "code"
    help: str


FACTS: dict[str, Fact] = {
    "left_behind_children": Fact(
        lambda r: r.measures.get("left_behind_children"), "int", "left-behind children"
    ),
    "disabled_children": Fact(
        lambda r: r.measures.get("disabled_children"), "int", "school-age disabled children"
    ),
    "data_version": Fact(lambda r: r.provenance.data_version, "text", "fingerprint of the inputs"),
    "report_year": Fact(lambda r: str(r.county.report_year), "text", "year of the self-evaluation"),
    "reference_zh": Fact(lambda r: r.county.reference_zh, "text", "the document reproduced (中文)"),
    "reference_en": Fact(lambda r: r.county.reference_en, "text", "the document reproduced (en)"),
    "default_licence": Fact(
        lambda r: SiteSettings().licence, "text", "licence of text and data without [site] licence"
    ),
    "standards_count": Fact(
        lambda r: len(r.rules.standards), "int", "resource indicators per section (R1–R7)"
    ),
    "small_point_limit": Fact(
        lambda r: r.rules.small_point_limit, "int", "teaching points below this may be left out"
    ),
    "min_met": Fact(lambda r: r.rules.min_met, "int", "standards a section must meet at least"),
    "areas_count": Fact(lambda r: len(r.evaluation_rules.areas), "int", "areas of the evaluation"),
    "source_document": Fact(
        lambda r: r.evaluation_rules.source_zh, "text", "the evaluation measures (教督〔2017〕6号)"
    ),
    "floor_share": Fact(
        lambda r: r.rules.floor_share,
        "percent0",
        "share of its standard every section value must reach",
    ),
    "split_weights": Fact(
        lambda r: " : ".join(f"{w:g}" for w in LEVEL_WEIGHTS.values()),
        "text",
        "primary : junior : senior weights of split_rule = weighted",
    ),
    "split_rule": Fact(lambda r: r.options.split_rule, "text", "option split_rule in force"),
    "legal_schools": Fact(lambda r: r.basic.legal_schools, "int", "legal schools (学校法人数)"),
    "sections": Fact(lambda r: r.basic.sections, "int", "evaluated sections (学部/校区)"),
    "students": Fact(
        lambda r: r.basic.students,
        "int",
        "compulsory-education students: evaluated sections and teaching points outside the "
        "resource rules (the special-education school apart)",
    ),
    "teaching_points_outside": Fact(
        lambda r: r.basic.points_outside,
        "int",
        "teaching points outside the resource rules (under small_point_limit students)",
    ),
    "teaching_points_outside_students": Fact(
        lambda r: int(r.basic.outside["students"].sum()),
        "int",
        "students of the teaching points outside the resource rules",
    ),
    "students_primary": Fact(
        lambda r: r.basic.by_level.loc["primary", "students"], "int", "primary students"
    ),
    "students_junior": Fact(
        lambda r: r.basic.by_level.loc["junior", "students"], "int", "junior students"
    ),
    "teachers": Fact(lambda r: r.basic.teachers, "int", "full-time teachers"),
    "migrant_students": Fact(lambda r: r.basic.migrant_students, "int", "migrant children"),
    "migrant_share": Fact(
        lambda r: r.basic.migrant_students / r.basic.students,
        "percent1",
        "migrant children as a share of students",
    ),
    "sections_all7": Fact(
        lambda r: r.resources.class_counts()["all7"], "int", "sections meeting all 7"
    ),
    "sections_six_plus": Fact(
        lambda r: r.resources.class_counts()["six_plus"],
        "int",
        "sections meeting 6, the 7th ≥ 85 %",
    ),
    "sections_fail_below85": Fact(
        lambda r: r.resources.class_counts()["fail_below85"],
        "int",
        "sections meeting 6, one < 85 %",
    ),
    "sections_fail_two_or_more": Fact(
        lambda r: r.resources.class_counts()["fail_two_or_more"],
        "int",
        "sections meeting 5 or fewer",
    ),
    "sections_failing": Fact(
        lambda r: sum(n for k, n in r.resources.class_counts().items() if k not in PASSING_CLASSES),
        "int",
        "sections that fail and need remediation (fail_below85 + fail_two_or_more)",
    ),
    "plans_total": Fact(lambda r: count_plans(r.evaluation.plans).total, "int", "measures"),
    "plans_completed": Fact(
        lambda r: count_plans(r.evaluation.plans).completed, "int", "measures completed"
    ),
    "plans_open_on_time": Fact(
        lambda r: count_plans(r.evaluation.plans).open_on_time,
        "int",
        "measures not completed whose deadline had not passed on their status date",
    ),
    "plans_overdue": Fact(
        lambda r: count_plans(r.evaluation.plans).overdue,
        "int",
        "measures not completed whose deadline had passed on their status date",
    ),
    "plans_status_date": Fact(
        lambda r: count_plans(r.evaluation.plans).latest_status_date or "—",
        "text",
        "most recent status date of the measures (ISO)",
    ),
}


def fact_html(fact: Fact, results: Results, lang: str) -> str:
    """Return a fact as it goes into a page: formatted and escaped, since a text fact may be the
    county's own words (its reference document, the scoring config's version, a file name).
    A "code" fact comes as `<code>`: in a Markdown code span a backtick would end the span."""
    shown = page_text(format_cell(fact.read(results), fact.kind, lang))
    return f"<code>{shown}</code>" if fact.kind == "code" else shown


def _survey(read: Callable, kind: str, help: str) -> Fact:
    """Return a fact read from the survey result (the build fails if the package has none)."""
    return Fact(lambda r: read(survey_of(r)), kind, help)


def _passing(result) -> int:
    return int(result.sensitivity["passes"].sum())


FACTS |= {
    "satisfaction": _survey(lambda s: s.overall.estimate, "percent2", "overall satisfaction"),
    "satisfaction_ci_low": _survey(lambda s: s.overall.ci_low, "percent2", "95 % interval, low"),
    "satisfaction_ci_high": _survey(lambda s: s.overall.ci_high, "percent2", "95 % interval, high"),
    "satisfaction_threshold": Fact(  # known before any survey: the rules set it
        lambda r: (
            r.survey.overall.threshold
            if r.survey is not None
            else r.evaluation_rules.indicators["S"].thresholds["min_share"]
        ),
        "percent0",
        "pass mark",
    ),
    "satisfaction_margin_pp": _survey(
        lambda s: s.overall.margin * 100, "decimal2", "result minus pass mark, percentage points"
    ),
    "survey_received": _survey(lambda s: s.received, "int", "questionnaires received"),
    "survey_analysed": _survey(lambda s: s.analysed, "int", "questionnaires analysed"),
    "survey_excluded": _survey(
        lambda s: s.received - s.analysed, "int", "questionnaires removed by the quality rules"
    ),
    "survey_respondents": _survey(lambda s: s.overall.n, "int", "respondents with a valid answer"),
    "survey_dont_know_share": _survey(
        lambda s: s.overall.dont_know_share, "percent1", "不了解 answers / answered items"
    ),
    "survey_items": _survey(lambda s: len(s.config.items), "int", "scored questions"),
    "survey_groups": _survey(lambda s: len(s.config.groups), "int", "respondent groups"),
    "survey_min_n": _survey(lambda s: s.config.disclosure.min_n, "int", "smallest published cell"),
    "survey_min_n_eff": _survey(
        lambda s: s.config.disclosure.min_n_eff, "int", "effective n below which cells are flagged"
    ),
    "survey_definitions": _survey(lambda s: len(s.sensitivity), "int", "methods compared"),
    "survey_definitions_passing": _survey(_passing, "int", "methods under which the county passes"),
    "survey_config_version": _survey(lambda s: s.config.version, "text", "scoring config version"),
    "survey_file": _survey(lambda s: s.provenance.file, "code", "survey file name"),
    "survey_encoding": _survey(lambda s: s.provenance.encoding, "text", "detected text encoding"),
    "survey_sha256": _survey(lambda s: s.provenance.sha256[:12], "text", "survey file hash"),
    "survey_config_sha256": _survey(
        lambda s: s.provenance.config_sha256[:12], "text", "scoring config file hash"
    ),
}


def _threshold(ident: str, key: str, kind: str, help: str) -> Fact:
    """Return a fact read from an indicator's thresholds (indicators/evaluation.yaml), so the
    methodology page quotes the rule's own numbers; a year is text (2016, never 2,016)."""

    def read(r: Results) -> float | str:
        value = r.evaluation_rules.indicators[ident].thresholds[key]
        return str(int(value)) if kind == "text" else value

    return Fact(read, kind, help)


FACTS |= {
    "g3_old_built_by": _threshold("G3", "old_built_by", "text", "G3: last year of the old sizes"),
    "g3_music_room_m2": _threshold("G3", "music_room_m2", "int", "G3: music room, m²"),
    "g3_art_room_m2": _threshold("G3", "art_room_m2", "int", "G3: art room, m²"),
    "g3_music_room_m2_old": _threshold(
        "G3", "music_room_m2_old", "int", "G3: music room of an older school, m²"
    ),
    "g3_art_room_m2_old": _threshold(
        "G3", "art_room_m2_old", "int", "G3: art room of an older school, m²"
    ),
    "g4_single_level_max": _threshold("G4", "single_level_max", "int", "G4: primary or junior"),
    "g4_through_max": _threshold("G4", "through_max", "int", "G4: nine- or twelve-year school"),
    "g4_single_level_max_exception": _threshold(
        "G4", "single_level_max_exception", "int", "G4: primary or junior, with an exception"
    ),
    "g4_through_max_exception": _threshold(
        "G4", "through_max_exception", "int", "G4: nine- or twelve-year, with an exception"
    ),
    "g4_exception_built_by": _threshold(
        "G4", "exception_built_by", "text", "G4: last year of the old-building exception"
    ),
    "g4_exception_migrant_share": _threshold(
        "G4", "exception_migrant_share", "percent0", "G4: migrant share above which it applies"
    ),
    "g6_funded_as_students": _threshold(
        "G6", "funded_as_students", "int", "G6: students a small school is funded as"
    ),
    "q4_min_share": _threshold("Q4", "min_share", "percent0", "Q4: training share of budget"),
    "q9_max_between_school": _threshold(
        "Q9", "max_between_school", "percent0", "Q9: between-school difference below"
    ),
    "q9_min_level": Fact(
        lambda r: ATTAINMENT_LEVELS[
            f"{r.evaluation_rules.indicators['Q9'].thresholds['min_level']:g}"
        ],
        "text",
        "Q9: lowest attainment level that passes (Ⅲ)",
    ),
}
FACTS["survey_min_seconds"] = _survey(
    lambda s: next((q.seconds for q in s.config.quality_rules if q.rule == "min_duration"), None),
    "int",
    "shortest completion time accepted, seconds (— without a min_duration rule: guard the "
    'sentence with survey_rule("min_duration"))',
)
FACTS["confidence_level"] = Fact(lambda r: 0.95, "percent0", "level of the reported intervals")
FACTS["z_95"] = Fact(lambda r: Z_95, "decimal2", "normal quantile of the 95 % intervals")


def _measure(key: str, kind: str, help: str) -> Fact:
    """Return a fact read from one county measure; a percentage (unit percent, 100 = 100 %)
    reads as a share. None, shown "—", when the package leaves the measure out: guard the
    sentence with the measure's `_given` fact."""
    scale = 0.01 if measure_items()[key].unit == "percent" else 1

    def read(r: Results) -> float | None:
        value = r.measures.get(key)
        return None if value is None else value * scale

    return Fact(read, kind, help)


def _given(*keys: str) -> Fact:
    """Return how many of these measures the package gives, for `{% if count("…_given") %}`:
    an optional measure left out leaves no sentence with a gap in it."""
    return Fact(lambda r: sum(r.measures.get(k) is not None for k in keys), "int", "measures given")


def _sections(types: tuple[str, ...], level: str, help: str) -> Fact:
    """Return a count of evaluated sections of these school types at one level."""

    def read(r: Results) -> int:
        register = r.sections_register
        return int((register["school_type"].isin(types) & (register["level"] == level)).sum())

    return Fact(read, "int", help)


def _figure(ident: str, key: str, kind: str, help: str) -> Fact:
    """Return one computed figure of an indicator's card (None when not computed)."""
    return Fact(
        lambda r: next(
            (f.value for f in r.evaluation.indicators[ident].computed.values if f.key == key), None
        ),
        kind,
        help,
    )


def _work(r: Results):
    """Return the survey's fieldwork (scoring config `fieldwork`), or None when not stated."""
    return r.survey.config.fieldwork if r.survey is not None else None


def _fieldwork(read: Callable, kind: str, help: str) -> Fact:
    """Return a fact of the survey's fieldwork; None when the config states none, so the page
    guards the sentence with count("survey_fieldwork_given")."""
    return Fact(lambda r: None if _work(r) is None else read(_work(r)), kind, help)


RATES = ("primary_enrolment_rate_pct", "primary_to_junior_rate_pct", "junior_enrolment_rate_pct")
THROUGH = ("nine_year", "twelve_year")
FACTS |= {
    "statistics_year": Fact(
        lambda r: str(r.county.statistics_year), "text", "the year the statistics describe"
    ),
    "guarantee_indicators": Fact(
        lambda r: len(r.evaluation_rules.areas["guarantee"].parts), "int", "G1–G15"
    ),
    "quality_indicators": Fact(
        lambda r: len(r.evaluation_rules.areas["quality"].parts), "int", "Q1–Q9"
    ),
    "enrolment_rates_given": _given(*RATES),
    "primary_enrolment_rate_given": _given(RATES[0]),
    "primary_to_junior_rate_given": _given(RATES[1]),
    "junior_enrolment_rate_given": _given(RATES[2]),
    "primary_enrolment_rate": _measure(
        RATES[0], "percent1", "enrolment rate of primary-age children"
    ),
    "primary_to_junior_rate": _measure(RATES[1], "percent1", "primary leavers going on to junior"),
    "junior_enrolment_rate": _measure(RATES[2], "percent1", "junior secondary enrolment rate"),
    "junior_retention": _figure("Q1", "q1_retention", "percent1", "Q1 three-year retention"),
    "sections_primary": Fact(
        lambda r: r.basic.by_level.loc["primary", "sections"], "int", "evaluated primary sections"
    ),
    "sections_junior": Fact(
        lambda r: r.basic.by_level.loc["junior", "sections"], "int", "evaluated junior sections"
    ),
    "sections_primary_standalone": _sections(("primary",), "primary", "primary schools' sections"),
    "sections_primary_through": _sections(THROUGH, "primary", "nine/twelve-year primary sections"),
    "sections_junior_standalone": _sections(("junior",), "junior", "junior schools' sections"),
    "sections_junior_through": _sections(THROUGH, "junior", "nine/twelve-year junior sections"),
    "sections_junior_complete": _sections(
        ("complete_secondary",), "junior", "junior sections of complete secondary schools"
    ),
    "sections_points": Fact(
        lambda r: int((r.sections_register["school_type"] == "teaching_point").sum()),
        "int",
        "teaching points evaluated (at least small_point_limit students)",
    ),
    "monitoring_year": Fact(
        lambda r: str(int(r.monitoring["year"].max())) if len(r.monitoring) else "—",
        "text",
        "latest year of the monitoring results",
    ),
    "monitoring_years": Fact(
        lambda r: int(r.monitoring["year"].nunique()) if len(r.monitoring) else 0,
        "int",
        "distinct years of the monitoring results",
    ),
    "monitoring_earlier_years": Fact(
        lambda r: max(int(r.monitoring["year"].nunique()) - 1, 0) if len(r.monitoring) else 0,
        "int",
        "years of the monitoring results before the latest (pages: some subjects are older)",
    ),
    "survey_fieldwork_given": Fact(
        lambda r: int(_work(r) is not None), "int", "1 when the config says who ran the survey"
    ),
    "survey_year": _fieldwork(lambda w: str(w.year), "text", "year of the survey"),
    "survey_commissioned_by_zh": _fieldwork(
        lambda w: w.commissioned_by_zh, "text", "who commissioned it"
    ),
    "survey_commissioned_by_en": _fieldwork(lambda w: w.commissioned_by_en, "text", "the same, en"),
    "survey_conducted_given": Fact(
        lambda r: int(bool(_work(r) and _work(r).conducted_by_zh)), "int", "1 if stated"
    ),
    "survey_conducted_by_zh": _fieldwork(lambda w: w.conducted_by_zh, "text", "who carried it out"),
    "survey_conducted_by_en": _fieldwork(lambda w: w.conducted_by_en, "text", "the same, en"),
    "survey_issued_given": Fact(
        lambda r: int(_work(r) is not None and _work(r).issued is not None), "int", "1 if stated"
    ),
    "survey_issued": _fieldwork(lambda w: w.issued, "int", "questionnaires handed out (发放)"),
}
