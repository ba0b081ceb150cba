"""The evaluation rules of 教督〔2017〕6号, computed from validated tables (pure functions)."""

from indicators._basic import BasicFacts, basic_facts
from indicators._cv import weighted_cv
from indicators._resources import (
    PASSING_CLASSES,
    SECTION_CLASSES,
    ResourceResult,
    assess_resources,
    classify_section,
    in_scope,
    section_values,
)
from indicators._split import LEVEL_WEIGHTS, split_shared_resources
from indicators._standards import LEVELS, ResourceRules, Standard, load_resource_rules

__all__ = [
    "LEVELS",
    "LEVEL_WEIGHTS",
    "PASSING_CLASSES",
    "SECTION_CLASSES",
    "BasicFacts",
    "ResourceResult",
    "ResourceRules",
    "Standard",
    "assess_resources",
    "basic_facts",
    "classify_section",
    "in_scope",
    "load_resource_rules",
    "section_values",
    "split_shared_resources",
    "weighted_cv",
]
