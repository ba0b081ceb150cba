"""The synthetic demonstration county (示例): a deterministic generator of its data package."""

from demo._builtin import ensure_builtin_demo
from demo._files import BUILTIN, DemoTargetError, IncompleteFile
from demo._generate import SEED, build_registers
from demo._registers import write_demo
from demo._survey import (
    build_survey,
    ensure_demo_survey,
    survey_blocks,
    verify_survey,
    write_survey,
)

__all__ = [
    "BUILTIN",
    "SEED",
    "DemoTargetError",
    "IncompleteFile",
    "build_registers",
    "build_survey",
    "ensure_builtin_demo",
    "ensure_demo_survey",
    "survey_blocks",
    "verify_survey",
    "write_demo",
    "write_survey",
]
