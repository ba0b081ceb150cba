"""Education quality (教育质量), Q1–Q4 and Q9 from the data (thresholds: evaluation.yaml).

Q5–Q8 are qualitative: they carry the county's declaration and its document.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from indicators._guarantee import EvaluationInputs
from indicators._outcome import Computed, Figure, Unit, at_least, share, status_of
from indicators._rules import IndicatorRule

# 学业水平等级 as monitoring reports write them
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}
RETENTION_TERMS = {
    # option retention_formula → (measure, sign) terms of the denominator
    "full": (
        ("junior_entrants_3y_ago", 1),
        ("transfers_in", 1),
        ("returned", 1),
        ("transfers_out", -1),
        ("suspended", -1),
        ("deceased", -1),
    ),
    "simple": (("junior_entrants_3y_ago", 1), ("transfers_in", 1), ("transfers_out", -1)),
}


def retention_base(measures, formula: str) -> float | None:
    """Return the Q1 denominator under the chosen formula, or None if a term is missing."""
    terms = [(measures.get(key), sign) for key, sign in RETENTION_TERMS[formula]]
    if any(value is None for value, _ in terms):
        return None
    return sum(value * sign for value, sign in terms)


def q1_retention(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return Q1: junior graduates / the cohort base ≥ 95 % (option `retention_formula`).

    Why an option: the 评估办法 names the rate but not its formula; the default counts every
    movement the report lists (transfers, returns, suspensions, deaths), the alternative only
    entrants and transfers.
    """
    m = data.measures
    base = retention_base(m, data.options.retention_formula)
    rate = share(m.get("junior_graduates"), base)
    terms = [key for key, _ in RETENTION_TERMS["full"]]
    return Computed(
        status=status_of(at_least(rate, rule.thresholds["min_share"])),
        values=(
            Figure("junior_graduates", m.get("junior_graduates"), "count"),
            *(Figure(key, m.get(key), "count") for key in terms),
            Figure("q1_cohort_base", base, "count"),
            Figure("q1_retention", rate, "share"),
        ),
        thresholds=(Figure("q1_retention", rule.thresholds["min_share"], "share", ">="),),
    )


def q2_disabled(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return Q2: enrolled disabled children (four placements) / all school-age ones ≥ 95 %."""
    m = data.measures
    keys = (
        "disabled_in_special_school",
        "disabled_home_delivered",
        "disabled_inclusive",
        "disabled_outside_district",
    )
    parts = [m.get(k) for k in keys]
    enrolled = None if any(p is None for p in parts) else sum(parts)
    rate = share(enrolled, m.get("disabled_children"))
    return Computed(
        status=status_of(at_least(rate, rule.thresholds["min_share"])),
        values=(
            Figure("disabled_children", m.get("disabled_children"), "count"),
            *(Figure(k, m.get(k), "count") for k in keys),
            Figure("q2_enrolled", enrolled, "count"),
            Figure("q2_enrolment_rate", rate, "share"),
        ),
        thresholds=(Figure("q2_enrolment_rate", rule.thresholds["min_share"], "share", ">="),),
    )


def q3_charters(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return Q3: schools with a charter and with informatised management, each / legal schools."""
    m = data.measures
    schools = int(data.schools["school_id"].nunique())
    charter = share(m.get("schools_with_charter"), schools)
    digital = share(m.get("schools_informatised"), schools)
    limit = rule.thresholds["min_share"]
    return Computed(
        status=status_of(at_least(charter, limit), at_least(digital, limit)),
        values=(
            Figure("q3_legal_schools", schools, "count"),
            Figure("schools_with_charter", m.get("schools_with_charter"), "count"),
            Figure("schools_informatised", m.get("schools_informatised"), "count"),
            Figure("q3_charter_share", charter, "share"),
            Figure("q3_informatised_share", digital, "share"),
        ),
        thresholds=(
            Figure("q3_charter_share", limit, "share", ">="),
            Figure("q3_informatised_share", limit, "share", ">="),
        ),
    )


def q4_training_budget(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return Q4: teacher-training budget / annual public-funds budget ≥ 5 %.

    The 评估办法 asks it of every school; counties report the county total, which is what the
    data gives — the card says so.
    """
    m = data.measures
    budget, spend = m.get("public_funds_budget_yuan"), m.get("teacher_training_spend_yuan")
    limit = rule.thresholds["min_share"]
    rate = share(spend, budget)
    return Computed(
        status=status_of(at_least(rate, limit)),
        values=(
            Figure("public_funds_budget_yuan", budget, "yuan"),
            Figure("fiscal_public_funds_yuan", m.get("fiscal_public_funds_yuan"), "yuan"),
            Figure("q4_required_yuan", None if budget is None else budget * limit, "yuan"),
            Figure("teacher_training_spend_yuan", spend, "yuan"),
            Figure("q4_training_share", rate, "share"),
        ),
        thresholds=(Figure("q4_training_share", limit, "share", ">="),),
    )


def q9_monitoring(data: EvaluationInputs, rule: IndicatorRule) -> Computed:
    """Return Q9 from the monitoring rows under the option `q9_reading`.

    `variation`: every subject's between-school difference < 0.15 (低于: strictly below);
    `variation_and_level`: also every subject graded Ⅲ or above (学业水平等级 1–4). A subject
    without its figure is *no data*, never a pass: the rule asks it of every subject monitored,
    and a summary that reports one subject's difference says nothing of the other's (see
    docs/methodology.md#rule-readings). A failing figure still fails: one subject at or above
    the limit, or below Ⅲ, is not met whatever the others lack. `detail` holds the monitoring
    rows as given (percentages), the level renamed `attainment_level`; `failing`: the subjects
    that fail a part judged. The note says what could not be judged, or that only the
    between-school part counts.
    """
    t = rule.thresholds
    rows = data.monitoring.reset_index(drop=True)
    between = (
        rows["between_school_pct"].astype(float) / 100
        if "between_school_pct" in rows
        else pd.Series(float("nan"), index=rows.index)
    )
    levels = rows["level"] if "level" in rows else pd.Series(None, index=rows.index)
    known = pd.to_numeric(levels, errors="coerce")
    too_varied = between >= t["max_between_school"]
    variation_ok = _every_subject(rows, too_varied, between.isna())
    by_level = data.options.q9_reading == "variation_and_level"
    too_low = known < t["min_level"] if by_level else pd.Series(False, index=rows.index)
    checks = [variation_ok]
    if by_level:
        checks.append(_every_subject(rows, too_low, known.isna()))
    values = [
        Figure("q9_subjects", len(rows), "count"),
        Figure("q9_subjects_without_between_school", int(between.isna().sum()), "count"),
        Figure(
            "q9_max_between_school",
            None if between.isna().all() else float(between.max()),
            "share",
        ),
    ]
    thresholds = [Figure("q9_max_between_school", t["max_between_school"], "share", "<")]
    if by_level:
        lowest = None if known.isna().all() else float(known.min())
        values.append(Figure("q9_lowest_level", lowest, "level"))
        thresholds.append(Figure("q9_lowest_level", t["min_level"], "level", ">="))
    failing = rows[too_varied | too_low]
    # the monitoring's attainment level (学业水平等级 1–4) is not a school level: its own name
    rows, failing = (f.rename(columns={"level": "attainment_level"}) for f in (rows, failing))
    return Computed(
        status=status_of(*checks),
        values=tuple(values),
        thresholds=tuple(thresholds),
        failing=failing.reset_index(drop=True),
        detail=rows,
        note=_q9_note(between, known, by_level),
        units=_q9_units(rows, between, known, by_level, t),
    )


def _q9_units(
    rows: pd.DataFrame, between: pd.Series, known: pd.Series, by_level: bool, t: dict
) -> tuple[Unit, ...]:
    """Return, in words, each subject that fails a part of Q9 or lacks its figure, so a
    declaration error names them (grade, subject, the figure and its limit)."""
    units = []
    limit = f"{t['max_between_school'] * 100:g}%"
    for i, row in rows.iterrows():
        zh_subject = f"{row.get('grade')} 年级{row.get('subject')}"
        en_subject = f"grade {row.get('grade')} {row.get('subject_en') or row.get('subject')}"
        if pd.isna(between[i]):
            units.append(
                Unit(f"{zh_subject}：缺少校间差异", f"{en_subject}: no between-school figure")
            )
        elif between[i] >= t["max_between_school"]:
            shown = f"{between[i] * 100:g}%"
            units.append(
                Unit(
                    f"{zh_subject}：校间差异 {shown}，标准 < {limit}",
                    f"{en_subject}: between-school difference {shown}, standard < {limit}",
                )
            )
        if not by_level:
            continue
        if pd.isna(known[i]):
            units.append(Unit(f"{zh_subject}：缺少学业水平等级", f"{en_subject}: no level grade"))
        elif known[i] < t["min_level"]:
            grade = ROMAN.get(int(known[i]), str(known[i]))
            need = ROMAN.get(int(t["min_level"]), str(t["min_level"]))
            units.append(
                Unit(
                    f"{zh_subject}：学业水平等级 {grade}，标准 ≥ {need}",
                    f"{en_subject}: level {grade}, standard ≥ {need}",
                )
            )
    return tuple(units)


def _every_subject(rows: pd.DataFrame, fails: pd.Series, missing: pd.Series) -> bool | None:
    """Return False if a subject fails, None if one lacks its figure (or none is given), else
    True: one part of Q9 over every subject monitored."""
    if rows.empty:
        return None
    if bool(fails.any()):
        return False
    return None if bool(missing.any()) else True


def _q9_note(between: pd.Series, known: pd.Series, by_level: bool) -> str | None:
    """Return the caveat shown beside Q9's status (publish/labels.yaml `computed_note`).

    A subject without its between-school figure comes first: it is why the status is *no data*.
    Under `variation`, a status judged on the differences says the levels were not counted, and
    why (not published, or not required by the reading chosen).
    """
    if between.empty or between.isna().all():
        return None  # nothing reported: the status (no data) says it all
    if between.isna().any():
        return "q9_between_school_missing"
    if by_level:
        return "q9_levels_missing" if known.isna().any() else None
    return "q9_levels_unpublished" if known.isna().any() else "q9_levels_not_required"


QUALITY: dict[str, Callable[[EvaluationInputs, IndicatorRule], Computed]] = {
    "Q1": q1_retention,
    "Q2": q2_disabled,
    "Q3": q3_charters,
    "Q4": q4_training_budget,
    "Q9": q9_monitoring,
}
