"""The synthetic demonstration county (示例): a deterministic generator of its data package."""

from demo._generate import SEED, build_registers, write_demo
from demo._survey import build_survey, ensure_demo_survey, survey_blocks, write_survey

__all__ = [
    "SEED",
    "build_registers",
    "build_survey",
    "ensure_demo_survey",
    "survey_blocks",
    "write_demo",
    "write_survey",
]
