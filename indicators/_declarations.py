"""The declarations file read against the rules, and each declaration held to its justification.

Why apart from the verdicts: reading what a county declares (known ids, every indicator
declared, the plans) and judging whether a declaration is justified are two jobs, and the
verdicts (computed versus declared, areas, overall) need only their results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from indicators._messages import declared_words, expected_words, justification_problem
from indicators._remediation import Plan, plans_from_table
from indicators._rules import EvaluationRules
from indicators._units import failing_detail, failing_units, listing, uncovered
from loaders import InputError, LoadReport

if TYPE_CHECKING:
    from indicators._verdicts import IndicatorResult

# indicators judged unit by unit: a 化解后达标 plan must cover each failing unit
UNIT_INDICATORS = ("R", "G3", "G4", "G5")
VETO_DECLARED = ("met", "not_met", "undeclared")  # met: the situation does not occur
SURVEY_NOT_COLLECTED = "survey_not_collected"


def declared_statuses(
    rules: EvaluationRules,
    declarations: pd.DataFrame,
    remediation: pd.DataFrame,
    files: Mapping[str, str],
    draft: bool,
) -> tuple[dict, tuple[Plan, ...]]:
    """Return {indicator: (row, record)} and the plans; raise `InputErrors` naming unknown ids
    and (except in a draft, where they read as undeclared) indicators not declared."""
    report = LoadReport()
    declared_file = files.get("declarations", "declarations.csv")
    plans_file = files.get("remediation", "remediation.csv")
    known = set(rules.declarable) | set(rules.verdicts)
    by_id = {}
    for row, record in declarations.iterrows():
        if record["indicator"] not in known:
            report.add(
                InputError(
                    declared_file,
                    "unknown-indicator",
                    row=row,
                    column="指标编号",
                    value=record["indicator"],
                    expected=" ".join((*rules.declarable, *rules.verdicts)),
                )
            )
        by_id[record["indicator"]] = (row, record)
    plans = plans_from_table(remediation)
    for row, plan in zip(remediation.index, plans, strict=True):
        if plan.indicator not in known:
            report.add(
                InputError(
                    plans_file,
                    "unknown-indicator",
                    row=row,
                    column="指标编号",
                    value=plan.indicator,
                    expected=" ".join(rules.declarable),
                )
            )
    for ident in rules.declarable:
        if ident not in by_id and draft:
            by_id[ident] = (None, pd.Series({"indicator": ident, "status": "undeclared"}))
        elif ident not in by_id:
            report.add(InputError(declared_file, "undeclared", column="指标编号", value=ident))
    report.raise_if_errors()
    return by_id, plans


def _not_collected_stands(outcome: IndicatorResult, problem: str | None) -> str | None:
    """Return the problem of S / V7 when the survey is not collected: only a 化解后达标
    without its plan remains one (the plan is what that declaration claims)."""
    if outcome.computed.note != SURVEY_NOT_COLLECTED or problem != "unjustified":
        return problem
    return problem if outcome.declared == "met_after_remediation" else None


def justification_errors(
    outcome: IndicatorResult,
    row: int | None,
    record: pd.Series,
    files: Mapping[str, str],
) -> list[InputError]:
    """Return what is wrong with one declaration: unjustified, without its document, not a
    veto status, or 化解后达标 with plans that leave failing units uncovered."""
    ident, area, kind = outcome.id, outcome.area, outcome.kind
    declared_file = files.get("declarations", "declarations.csv")
    plans_file = files.get("remediation", "remediation.csv")
    found: list[InputError] = []
    has_plan = bool(outcome.plans)
    problem = justification_problem(
        kind,
        outcome.computed.status,
        outcome.declared,
        outcome.reason is not None,
        bool(outcome.plans),
        outcome.document is not None,
    )
    problem = _not_collected_stands(outcome, problem)
    if area == "veto" and outcome.declared not in VETO_DECLARED:
        problem = "not-in-list"
    units = failing_units(outcome.computed)
    if outcome.declared == "undeclared":  # drafts only: nothing declared, nothing to check
        return []
    if problem:
        found.append(
            InputError(
                declared_file,
                problem,
                row=row,
                column="依据文件" if problem == "missing-document" else "自评结论",
                value=f"{ident}: {declared_words(record['status'])}",
                expected=expected_words(problem, outcome.computed.status, has_plan=has_plan),
                expected_en=expected_words(
                    problem, outcome.computed.status, "en", has_plan=has_plan
                ),
                **(failing_detail(units) if problem == "unjustified" else {}),
            )
        )
    elif outcome.declared == "met_after_remediation" and ident in UNIT_INDICATORS:
        missing = uncovered(units, outcome.plans)
        if missing:
            found.append(
                InputError(
                    plans_file,
                    "plans-incomplete",
                    column="学部编号",
                    value=f"{ident}: {declared_words(record['status'])}",
                    detail=f"未覆盖：{listing(missing, 'zh')}",
                    detail_en=f"not covered: {listing(missing, 'en')}",
                    expected="每个未达标单位一条化解方案（填其学部编号），"
                    "或一条不填学部编号、覆盖全域的方案",
                    expected_en="a plan for each failing unit (its section id in 学部编号), "
                    "or a county-wide plan with no section id",
                )
            )
    return found
