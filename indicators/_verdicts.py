"""Computed versus declared: every indicator's two statuses, the area and overall verdicts.

rules.md §1 and §7. The computed status comes from the data; the declared one is what the
self-evaluation states. A difference is allowed only with its justification — a remediation plan
for 化解后达标, a stated reason otherwise — and an unjustified one stops the build, naming the
indicator, because publishing it would present an unsupported claim as checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from indicators._guarantee import GUARANTEE, EvaluationInputs
from indicators._outcome import Computed, Figure, status_of
from indicators._quality import QUALITY
from indicators._remediation import Plan, plans_from_table
from indicators._resources import PASSING_CLASSES, SECTION_CLASSES, ResourceResult
from indicators._rules import EvaluationRules
from indicators._standards import ResourceRules
from loaders import InputError, LoadReport, load_schema

COMPUTE = {**GUARANTEE, **QUALITY}
# the declared status a computed one corresponds to; other pairs are differences
AGREES = {"met": "met", "not_met": "not_met"}
# order of severity when statuses are combined into a verdict
DECLARED_ORDER = ("not_met", "met_after_remediation", "met_by_judgement", "met")
VETO_DECLARED = ("met", "not_met")  # met: the situation does not occur


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

    @property
    def differences(self) -> list[IndicatorResult]:
        return [r for r in (*self.indicators.values(), *self.veto.values()) if r.differs]


def justification_problem(
    kind: str,
    computed: str,
    declared: str,
    has_reason: bool,
    has_plan: bool,
    has_document: bool,
) -> str | None:
    """Return the error code that stops the build, or None when the declaration stands.

    - a qualitative item must cite its document: an indicator judged by documents, and a veto
      item the data cannot show (V1–V6), whose declared absence is only as good as its basis;
    - a declaration that agrees with the data needs nothing more;
    - 达标 against a computed *not met* cannot be justified: the data contradict it;
    - 化解后达标 needs a remediation plan, any other difference a stated reason.
    """
    if kind == "qualitative":
        return None if has_document else "missing-document"
    if AGREES.get(computed) == declared:
        return None
    if declared == "met" and computed == "not_met":
        return "unjustified"
    if declared == "met_after_remediation":
        return None if has_plan else "unjustified"
    return None if has_reason else "unjustified"


def combine_computed(statuses: list[str]) -> str:
    """Return not_met if any part fails, else no_data if any is unknown, else met.

    Not-applicable parts do not count; a verdict is met only if all its parts are.
    """
    counted = [s for s in statuses if s != "not_applicable"]
    return status_of(*({"met": True, "not_met": False}.get(s) for s in counted))


def combine_declared(statuses: list[str]) -> str:
    """Return the weakest declared status: 不达标 < 化解后达标 < 综合评定达标 < 达标."""
    return min(statuses, key=DECLARED_ORDER.index)


def _resources_computed(resources: ResourceResult, rules: ResourceRules) -> Computed:
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
    )


def _balance_computed(resources: ResourceResult) -> Computed:
    cvs = resources.cvs.reset_index()
    values = []
    for level in ("primary", "junior"):
        part = cvs[cvs["level"] == level]
        values.append(Figure(f"cv_max_{level}", float(part["cv"].max()), "ratio"))
    limits = cvs.groupby("level")["limit"].first()
    return Computed(
        status=status_of(resources.all_cvs_pass),
        values=tuple(values),
        thresholds=tuple(
            Figure(f"cv_limit_{level}", float(limits[level]), "ratio", "<=")
            for level in ("primary", "junior")
        ),
        failing=cvs[~cvs["passes"]].reset_index(drop=True),
    )


def _recognition_computed(satisfaction: float | None, minimum: float) -> Computed:
    return Computed(
        status=status_of(None if satisfaction is None else satisfaction >= minimum),
        values=(Figure("satisfaction", satisfaction, "share"),),
        thresholds=(Figure("satisfaction", minimum, "share", ">="),),
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
) -> Evaluation:
    """Return the whole evaluation; raise `InputErrors` naming every unknown, missing or
    unjustified declaration (file, row, indicator) so nothing unsupported is published."""
    report = LoadReport()
    declared_file = files.get("declarations", "declarations.csv")
    plans_file = files.get("remediation", "remediation.csv")
    known = set(rules.declarable)
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
                    expected=" ".join(rules.declarable),
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
        if ident not in by_id:
            report.add(InputError(declared_file, "undeclared", column="指标编号", value=ident))
    report.raise_if_errors()

    computed: dict[str, Computed] = {
        "R": _resources_computed(resources, resource_rules),
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
        problem = justification_problem(
            kind,
            outcome.computed.status,
            outcome.declared,
            outcome.reason is not None,
            bool(outcome.plans),
            outcome.document is not None,
        )
        if area == "veto" and outcome.declared not in VETO_DECLARED:
            problem = "not-in-list"
        if problem:
            report.add(
                InputError(
                    declared_file,
                    problem,
                    row=row,
                    column="依据文件" if problem == "missing-document" else "自评结论",
                    value=f"{ident}: {_declared_words(record['status'])}",
                    expected=_expected(problem, outcome.computed.status),
                    expected_en=_expected(problem, outcome.computed.status, "en"),
                )
            )
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

    areas = {}
    for area in rules.areas.values():
        parts = [indicators[p] for p in area.parts]
        areas[area.id] = AreaResult(
            id=area.id,
            computed=combine_computed([_stand_in(p) for p in parts]),
            declared=combine_declared([p.declared for p in parts]),
            parts=area.parts,
        )
    veto_computed = combine_computed([_stand_in(v) for v in veto.values()])
    veto_declared = combine_declared([v.declared for v in veto.values()])
    return Evaluation(
        indicators=indicators,
        veto=veto,
        areas=areas,
        veto_computed=veto_computed,
        veto_declared=veto_declared,
        overall_computed=combine_computed([*(a.computed for a in areas.values()), veto_computed]),
        overall_declared=combine_declared([*(a.declared for a in areas.values()), veto_declared]),
        plans=plans,
    )


def _declared_words(status: str) -> str:
    """Return a declared status as staff write it (达标, 化解后达标 …), for messages."""
    return load_schema("declarations").column("status").choices[status][0]


def _stand_in(result: IndicatorResult) -> str:
    """Return the status a part contributes to a computed verdict.

    Qualitative items cannot be computed, so their declared status stands in (the methodology
    page says so); everything else contributes its computed status.
    """
    if result.kind == "qualitative":
        return "met" if result.declared == "met" else "not_met"
    return result.computed.status


def _expected(problem: str, computed: str, lang: str = "zh") -> str:
    zh = {
        "missing-document": "在「依据文件」中注明文件名称",
        "not-in-list": "达标（不存在该情形）或 不达标（存在）",
        "unjustified": {
            "not_met": "计算结果为不达标：请填 化解后达标（并在整改计划中列出化解方案）、"
            "综合评定达标（并填写理由）或 不达标",
        }.get(computed, "填写理由；化解后达标须在整改计划中列出化解方案"),
    }
    en = {
        "missing-document": "the document named in 依据文件",
        "not-in-list": "达标 (does not occur) or 不达标 (occurs)",
        "unjustified": {
            "not_met": "the data say not met: declare 化解后达标 with a remediation plan, "
            "综合评定达标 with a reason, or 不达标",
        }.get(computed, "a reason; 化解后达标 needs a remediation plan"),
    }
    return (zh if lang == "zh" else en)[problem]
