"""Satisfaction-survey scoring (社会认可度): quality rules, weights, ratios, SEs, disclosure.

Pure calculation on coded responses from `loaders.load_survey`, by the method the package's
survey.yaml states (validated in loaders/_survey_config.py; data/demo/survey.yaml is an example).
"""

from survey._assess import (
    VALUE_COLUMNS,
    OverallResult,
    SurveyProvenance,
    SurveyResult,
    accumulate,
    assess_survey,
    assess_survey_chunks,
    summarise,
    survey_labels,
)
from survey._cells import CellStats, cell_stats, option_totals
from survey._disclosure import PUBLISHED_PLACES, rounded_for_publication, suppress
from survey._quality import QualityState, apply_quality_rules
from survey._score import Z_95, Domains, Estimates
from survey._sensitivity import estimate, sensitivity_table
from survey._weights import rake_weights

__all__ = [
    "PUBLISHED_PLACES",
    "VALUE_COLUMNS",
    "Z_95",
    "CellStats",
    "Domains",
    "Estimates",
    "OverallResult",
    "QualityState",
    "SurveyProvenance",
    "SurveyResult",
    "accumulate",
    "apply_quality_rules",
    "assess_survey",
    "assess_survey_chunks",
    "cell_stats",
    "estimate",
    "option_totals",
    "rake_weights",
    "rounded_for_publication",
    "sensitivity_table",
    "summarise",
    "suppress",
    "survey_labels",
]
