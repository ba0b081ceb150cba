"""Estimate any domain under any (method, weighting), and the sensitivity table.

No official formula exists and plausible definitions differ by about a percentage point
(survey.md), enough to flip the 85 % verdict: so the site shows the overall result under every
alternative the config lists, beside the configured one, from the same cell sums.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders import SurveyConfig
from survey._cells import CellStats, moments
from survey._score import Domains, Estimates, group_weighted_estimates, ratio_estimates
from survey._weights import calibrate


def cell_strata(config: SurveyConfig) -> np.ndarray:
    """Return the stratum (respondent group) of every cell."""
    return np.repeat(np.arange(len(config.groups)), max(len(config.towns), 1))


def estimate(
    stats: CellStats, config: SurveyConfig, method: str, weighting: str, domains: Domains
) -> Estimates:
    """Return the estimates of `domains` under one method and weighting."""
    mom = moments(stats, config, method)
    strata = cell_strata(config)
    if weighting == "group_weights":
        assert config.group_weights is not None
        weights = np.array([config.group_weights.weights.get(g, 0.0) for g in config.group_ids])
        return group_weighted_estimates(mom, strata, domains, weights)
    return ratio_estimates(mom, calibrate(stats.n, config, weighting), strata, domains)


def sensitivity_table(stats: CellStats, config: SurveyConfig) -> pd.DataFrame:
    """Return the overall result under the configured and every alternative definition.

    Columns: method, weighting (ids), estimate, se, ci_low, ci_high (fractions 0–1), n_eff,
    passes (estimate ≥ threshold), configured (the row the site's verdict uses).
    """
    overall = Domains(cells=np.ones((1, stats.cells)), column=np.zeros(1, dtype=np.int64))
    pairs = [(config.method, config.weighting)]
    pairs += [(a.method, a.weighting) for a in config.sensitivity]
    rows = []
    for method, weighting in dict.fromkeys(pairs):
        result = estimate(stats, config, method, weighting, overall)
        rows.append(
            {
                "method": method,
                "weighting": weighting,
                "estimate": float(result.estimate[0]),
                "se": float(result.se[0]),
                "ci_low": float(result.ci_low[0]),
                "ci_high": float(result.ci_high[0]),
                "n_eff": float(result.n_eff[0]),
                "passes": bool(result.estimate[0] >= config.threshold),
                "configured": (method, weighting) == pairs[0],
            }
        )
    return pd.DataFrame(rows)
