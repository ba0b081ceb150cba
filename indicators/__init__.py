"""The evaluation rules of 教督〔2017〕6号, computed from validated tables (pure functions)."""

from indicators._basic import BasicFacts, basic_facts
from indicators._cv import weighted_cv
from indicators._guarantee import EvaluationInputs
from indicators._messages import justification_problem
from indicators._outcome import COMPUTED_STATUSES, DECLARED_STATUSES, Computed, Figure
from indicators._remediation import (
    PLAN_STANDINGS,
    PLAN_STATUSES,
    Plan,
    PlanCounts,
    count_plans,
    is_overdue,
)
from indicators._resources import (
    PASSING_CLASSES,
    SECTION_CLASSES,
    ResourceResult,
    assess_resources,
    classify_section,
    in_scope,
    section_values,
)
from indicators._rules import EvaluationRules, IndicatorRule, load_evaluation_rules
from indicators._size import size_units
from indicators._split import (
    LEVEL_WEIGHTS,
    SHARED_COLUMNS,
    split_shared_resources,
    split_shares,
)
from indicators._standards import LEVELS, ResourceRules, Standard, load_resource_rules
from indicators._units import failing_units
from indicators._verdicts import (
    AreaResult,
    Evaluation,
    IndicatorResult,
    combine_computed,
    combine_declared,
    evaluate,
)

__all__ = [
    "COMPUTED_STATUSES",
    "DECLARED_STATUSES",
    "LEVELS",
    "LEVEL_WEIGHTS",
    "PASSING_CLASSES",
    "PLAN_STANDINGS",
    "PLAN_STATUSES",
    "SECTION_CLASSES",
    "SHARED_COLUMNS",
    "AreaResult",
    "BasicFacts",
    "Computed",
    "Evaluation",
    "EvaluationInputs",
    "EvaluationRules",
    "Figure",
    "IndicatorResult",
    "IndicatorRule",
    "Plan",
    "PlanCounts",
    "ResourceResult",
    "ResourceRules",
    "Standard",
    "assess_resources",
    "basic_facts",
    "classify_section",
    "combine_computed",
    "combine_declared",
    "count_plans",
    "evaluate",
    "failing_units",
    "in_scope",
    "is_overdue",
    "justification_problem",
    "load_evaluation_rules",
    "load_resource_rules",
    "section_values",
    "size_units",
    "split_shared_resources",
    "split_shares",
    "weighted_cv",
]
