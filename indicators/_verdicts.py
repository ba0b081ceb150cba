"""Computed versus declared: every indicator's two statuses, the area and overall verdicts.

The county passes only when all four areas pass and no veto item applies (教督〔2017〕6号: no
weighted total). The computed status comes from the data; the declared one is what the
self-evaluation states. A difference is allowed only with its justification — a remediation plan
for 化解后达标, a stated reason otherwise — and an unjustified one stops the build, naming the
indicator and its failing units, because publishing it would present an unsupported claim as
checked.

Plans must cover what fails. For the indicators judged per school, section or class (R, G3, G4,
G5), a 化解后达标 declaration needs, for every failing unit, a plan of that indicator that names
its section (学部编号; for a 一贯制 school judged as one unit under G4, any of its sections) or
names no section at all. Why a plan without a section covers every unit: it is a county-wide
measure (new schools, redrawn zones), which is how counties remediate class sizes; a plan that
names a section covers that section only. An uncovered unit is an error naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from indicators._declarations import (
    SURVEY_NOT_COLLECTED,
    declared_statuses,
    justification_errors,
)
from indicators._guarantee import GUARANTEE, EvaluationInputs
from indicators._messages import AGREES
from indicators._outcome import Computed, Figure, status_of
from indicators._quality import QUALITY
from indicators._remediation import Plan
from indicators._resources import PASSING_CLASSES, SECTION_CLASSES, ResourceResult
from indicators._rules import EvaluationRules
from indicators._standards import ResourceRules
from indicators._units import (
    balance_units,
    resource_units,
)
from loaders import InputError, LoadReport

COMPUTE = {**GUARANTEE, **QUALITY}
# order of severity when statuses are combined into a verdict
# (undeclared: a draft's indicator with no declaration yet, weaker than any declaration)
DECLARED_ORDER = ("undeclared", "not_met", "met_after_remediation", "met_by_judgement", "met")


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator with both statuses and what justifies a difference between them."""

    id: str
    area: str  # resources | guarantee | quality | recognition | veto
    kind: str  # computed | qualitative
    computed: Computed
    declared: str
    reason: str | None = None
    reason_en: str | None = None
    document: str | None = None
    document_en: str | None = None
    plans: tuple[Plan, ...] = ()

    @property
    def differs(self) -> bool:
        """True when the declaration says something other than what the data show."""
        if self.kind == "qualitative":
            return False
        return AGREES.get(self.computed.status) != self.declared


@dataclass(frozen=True)
class AreaResult:
    """One area's verdict, computed (strictly from the data) and declared (from the report)."""

    id: str
    computed: str  # met | not_met | no_data
    declared: str  # one of DECLARED_STATUSES
    parts: tuple[str, ...]
    # True: the declarations state this verdict; False: derived here from its indicators'
    # declarations (the weakest of them), which the site says rather than quote the report
    declared_stated: bool = False


@dataclass(frozen=True)
class Evaluation:
    """Every indicator, veto item, area and the overall verdict.

    `indicators`: R, B, G1–G15, Q1–Q9, S in rule order; `veto`: V1–V7; `plans`: every
    remediation measure, in the order of the remediation file.
    """

    indicators: Mapping[str, IndicatorResult]
    veto: Mapping[str, IndicatorResult]
    areas: Mapping[str, AreaResult]
    veto_computed: str  # met: no veto item applies, by the data and the declarations
    veto_declared: str
    overall_computed: str
    overall_declared: str
    plans: tuple[Plan, ...] = field(default_factory=tuple)
    draft_notes: tuple[InputError, ...] = ()  # drafts only: what would stop a full build
    veto_declared_stated: bool = False  # as AreaResult.declared_stated
    overall_declared_stated: bool = False

    @property
    def differences(self) -> list[IndicatorResult]:
        return [r for r in (*self.indicators.values(), *self.veto.values()) if r.differs]


def combine_computed(statuses: list[str]) -> str:
    """Return not_met if any part fails, else no_data if any is unknown, else met.

    Not-applicable parts do not count; a verdict is met only if all its parts are.
    """
    counted = [s for s in statuses if s != "not_applicable"]
    return status_of(*({"met": True, "not_met": False}.get(s) for s in counted))


def combine_declared(statuses: list[str]) -> str:
    """Return the weakest declared status: 不达标 < 化解后达标 < 综合评定达标 < 达标."""
    return min(statuses, key=DECLARED_ORDER.index)


def _resources_computed(
    resources: ResourceResult, rules: ResourceRules, register: pd.DataFrame
) -> Computed:
    sections = resources.sections
    failing = sections[~sections["klass"].isin(PASSING_CLASSES)]
    columns = ["level", "klass", "met", "above_floor"]
    return Computed(
        status=status_of(resources.all_sections_pass),
        values=(
            Figure("sections", len(sections), "count"),
            *(
                Figure(f"sections_{k}", int((sections["klass"] == k).sum()), "count")
                for k in SECTION_CLASSES
            ),
        ),
        thresholds=(
            Figure("min_met", rules.min_met, "count", ">="),
            Figure("floor_share", rules.floor_share, "share", ">="),
        ),
        failing=failing[columns].reset_index(),
        units=resource_units(failing, register, rules.standards),
    )


def _balance_computed(resources: ResourceResult) -> Computed:
    """Return B on the levels with two or more sections (their CVs mean something); a level
    with one section or none is left out and the status says so; with no such level at all, B
    is not applicable."""
    cvs = resources.meaningful_cvs.reset_index()
    levels = [lv for lv in ("primary", "junior") if (cvs["level"] == lv).any()]
    limits = cvs.groupby("level")["limit"].first()
    failing = cvs[~cvs["passes"]].reset_index(drop=True)
    skipped = len(levels) < 2
    return Computed(
        status=status_of(resources.all_cvs_pass) if levels else "not_applicable",
        values=tuple(
            Figure(f"cv_max_{lv}", float(cvs.loc[cvs["level"] == lv, "cv"].max()), "ratio")
            for lv in levels
        ),
        thresholds=tuple(
            Figure(f"cv_limit_{lv}", float(limits[lv]), "ratio", "<=") for lv in levels
        ),
        failing=failing[["level", "indicator", "cv", "limit", "passes"]],
        note="b_levels_not_meaningful" if skipped else None,
        units=balance_units(failing),
    )


# the note of S and V7 when the package names no survey (publish/labels.yaml `computed_note`)


def _recognition_computed(satisfaction: float | None, minimum: float) -> Computed:
    """Return S from the overall satisfaction; None: the package has no survey yet.

    Without a survey S is *no data*, noted "survey not yet collected", and counts as not
    computed (never a pass) in its area and the overall verdict. A survey without one valid
    answer (NaN) is *no data* too. Why the declaration then needs no reason (see
    `_not_collected_stands`): the data can neither confirm nor contradict it, so a declared 达标
    is no contradiction that stops the build — the card flags the difference instead.
    """
    known = satisfaction is not None and not pd.isna(satisfaction)
    return Computed(
        status=status_of(satisfaction >= minimum if known else None),
        values=(Figure("satisfaction", satisfaction if known else None, "share"),),
        thresholds=(Figure("satisfaction", minimum, "share", ">="),),
        note=None if satisfaction is not None else SURVEY_NOT_COLLECTED,
    )


def evaluate(
    data: EvaluationInputs,
    resources: ResourceResult,
    resource_rules: ResourceRules,
    rules: EvaluationRules,
    declarations: pd.DataFrame,
    remediation: pd.DataFrame,
    satisfaction: float | None,
    files: Mapping[str, str],
    draft: bool = False,
) -> Evaluation:
    """Return the whole evaluation; raise `InputErrors` naming every unknown, missing or
    unjustified declaration (file, row, indicator) so nothing unsupported is published.

    `draft` (never published): an indicator not declared yet is shown as undeclared, and
    unjustified or uncovered declarations become `draft_notes` instead of stopping the build.
    """
    report = LoadReport()
    notes = LoadReport() if draft else report
    by_id, plans = declared_statuses(rules, declarations, remediation, files, draft)

    computed: dict[str, Computed] = {
        "R": _resources_computed(resources, resource_rules, data.sections),
        "B": _balance_computed(resources),
        "S": _recognition_computed(satisfaction, rules.indicators["S"].thresholds["min_share"]),
    }
    for ident, rule in rules.indicators.items():
        if ident in COMPUTE:
            computed[ident] = COMPUTE[ident](data, rule)
        elif rule.kind == "qualitative":
            computed[ident] = Computed(status="qualitative")
    computed["V7"] = Computed(
        status=computed["S"].status,
        values=computed["S"].values,
        thresholds=computed["S"].thresholds,
        note=computed["S"].note,
    )

    def result(ident: str, area: str, kind: str) -> IndicatorResult:
        row, record = by_id[ident]

        def text(key):
            value = record.get(key)
            return None if value is None or pd.isna(value) else str(value)

        outcome = IndicatorResult(
            id=ident,
            area=area,
            kind=kind,
            computed=computed.get(ident, Computed(status="qualitative")),
            declared=record["status"],
            reason=text("reason"),
            reason_en=text("reason_en"),
            document=text("document"),
            document_en=text("document_en"),
            plans=tuple(p for p in plans if p.indicator == ident),
        )
        for error in justification_errors(outcome, row, record, files):
            notes.add(error)
        return outcome

    indicators = {
        ident: result(ident, rules.area_of(ident) or "", rule.kind)
        for ident, rule in rules.indicators.items()
    }
    veto = {
        ident: result(ident, "veto", "computed" if ident == "V7" else "qualitative")
        for ident in rules.veto
    }
    report.raise_if_errors()

    def declared(ident: str, derived: str) -> tuple[str, bool]:
        """The verdict as the declarations state it, else the one derived from its parts."""
        return (str(by_id[ident][1]["status"]), True) if ident in by_id else (derived, False)

    areas = {}
    for area in rules.areas.values():
        parts = [indicators[p] for p in area.parts]
        status, stated = declared(area.id, combine_declared([p.declared for p in parts]))
        areas[area.id] = AreaResult(
            id=area.id,
            computed=combine_computed([_stand_in(p) for p in parts]),
            declared=status,
            parts=area.parts,
            declared_stated=stated,
        )
    veto_computed = combine_computed([_stand_in(v) for v in veto.values()])
    veto_declared, veto_stated = declared(
        "veto", combine_declared([v.declared for v in veto.values()])
    )
    overall_declared, overall_stated = declared(
        "overall", combine_declared([*(a.declared for a in areas.values()), veto_declared])
    )
    return Evaluation(
        indicators=indicators,
        veto=veto,
        areas=areas,
        veto_computed=veto_computed,
        veto_declared=veto_declared,
        overall_computed=combine_computed([*(a.computed for a in areas.values()), veto_computed]),
        overall_declared=overall_declared,
        plans=plans,
        draft_notes=tuple(notes.errors) if draft else (),
        veto_declared_stated=veto_stated,
        overall_declared_stated=overall_stated,
    )


def _stand_in(result: IndicatorResult) -> str:
    """Return the status a part contributes to a computed verdict.

    Qualitative items cannot be computed, so their declared status stands in (the methodology
    page says so); everything else contributes its computed status.
    """
    if result.kind == "qualitative" and result.declared == "undeclared":
        return "no_data"  # a draft's qualitative item with no declaration yet
    if result.kind == "qualitative":
        return "met" if result.declared == "met" else "not_met"
    return result.computed.status
