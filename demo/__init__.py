"""The synthetic demonstration county (示例): a deterministic generator of its data package."""

from demo._generate import SEED, build_registers, write_demo

__all__ = ["SEED", "build_registers", "write_demo"]
