"""The student-weighted coefficient of variation (校际差异系数)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def weighted_cv(values: pd.Series, students: pd.Series) -> float:
    """Return S / X̄ with weights P_i / P and denominator P (not n, not n − 1), unitless.

    校际差异系数: X̄ = Σ P_i X_i / P, S = sqrt(Σ (P_i / P)(X_i − X̄)²). The weighted population form
    is what the 评估办法 prescribes; the unweighted sample form would overstate small schools.
    """
    x = np.asarray(values, dtype=float)
    p = np.asarray(students, dtype=float)
    if x.size == 0 or p.sum() <= 0:
        raise ValueError("weighted_cv needs at least one section with students")
    share = p / p.sum()
    mean = float(np.dot(share, x))
    if mean == 0:
        raise ValueError("weighted_cv is undefined when the weighted mean is 0")
    spread = float(np.sqrt(np.dot(share, (x - mean) ** 2)))
    return spread / mean
