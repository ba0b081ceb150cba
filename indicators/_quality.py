"""Education quality (教育质量), Q1–Q4 and Q9 from the data (thresholds: evaluation.yaml).

Q5–Q8 are qualitative: they carry the county's declaration and its document.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from indicators._guarantee import EvaluationInputs
from indicators._outcome import Computed, Figure, at_least, share, status_of
from indicators._rules import IndicatorRule

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

    `variation`: every reported between-school difference < 0.15 (at least one reported);
    `variation_and_level`: also every subject graded Ⅲ or above — no data when a grade is
    missing, since published summaries often give shares rather than grades.
    `detail` holds the monitoring rows as given (percentages); failing rows likewise. Under
    `variation` the status carries a note that only the between-school part was checked.
    """
    t = rule.thresholds
    rows = data.monitoring.reset_index(drop=True)
    between = rows["between_school_pct"] / 100 if "between_school_pct" in rows else None
    if between is None or between.isna().all():
        variation_ok = None
    else:
        variation_ok = bool((between.dropna() < t["max_between_school"]).all())
    checks = [variation_ok]
    levels = rows["level"] if "level" in rows else pd.Series(None, index=rows.index)
    known = pd.to_numeric(levels, errors="coerce")
    note = None
    if data.options.q9_reading == "variation_and_level":
        checks.append(None if known.isna().any() else bool((known >= t["min_level"]).all()))
    elif variation_ok is not None:
        # only the between-school part was judged: say so beside the status, and say why
        note = "q9_levels_unpublished" if known.isna().any() else "q9_levels_not_required"
    values = (
        Figure("q9_subjects", len(rows), "count"),
        Figure(
            "q9_max_between_school",
            None if variation_ok is None else float(between.max()),
            "share",
        ),
    )
    failing = rows[between >= t["max_between_school"]] if between is not None else rows.iloc[:0]
    # the monitoring's attainment level (学业水平等级 1–4) is not a school level: its own name
    rows, failing = (f.rename(columns={"level": "attainment_level"}) for f in (rows, failing))
    return Computed(
        status=status_of(*checks),
        values=values,
        thresholds=(Figure("q9_max_between_school", t["max_between_school"], "share", "<"),),
        failing=failing.reset_index(drop=True),
        detail=rows,
        note=note,
    )


QUALITY: dict[str, Callable[[EvaluationInputs, IndicatorRule], Computed]] = {
    "Q1": q1_retention,
    "Q2": q2_disabled,
    "Q3": q3_charters,
    "Q4": q4_training_budget,
    "Q9": q9_monitoring,
}
