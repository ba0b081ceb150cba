"""Resource values of a demonstration section that put it in its target class.

A section's seven resource indicators (R1–R7) are drawn as ratios to their standards, with the
failures the target class needs falling on space, equipment and rooms, never on the indicators
bounded by teacher head counts.
"""

from __future__ import annotations

import math

import numpy as np


def _resource_ratios(target: str, rng: np.random.Generator) -> dict[str, float]:
    """Return value / standard per indicator for the section's target class."""
    ratios = {
        f"R{i}": float(np.clip(rng.lognormal(np.log(1.35), 0.18), 1.03, 2.2)) for i in range(1, 8)
    }
    # R1 and R3 are bounded by teacher head counts; failures fall on space, equipment, rooms
    failing = ["R4", "R5", "R6", "R7", "R2"]
    if target == "six_plus":
        ratios[str(rng.choice(failing))] = float(rng.uniform(0.87, 0.98))
    elif target == "fail_below85":
        ratios[str(rng.choice(failing, p=[0.3, 0.5, 0.1, 0.05, 0.05]))] = float(
            rng.uniform(0.55, 0.82)
        )
    elif target == "fail_two_or_more":
        for ident in rng.choice(failing, 2, replace=False):
            ratios[str(ident)] = float(rng.uniform(0.87, 0.98))
    return ratios


def _count(ratio: float, standard: float, students: int) -> int:
    """Return the head or room count that gives ratio × standard per 100 students, at least 1."""
    return max(1, math.ceil(ratio * standard * students / 100))
