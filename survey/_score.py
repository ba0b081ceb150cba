"""Pooled ratios with Taylor-linearised standard errors, from cell sums (as R's `svyratio`).

Respondent i has a_i satisfied answers (or score points) and b_i valid answers; with weight
w_i the domain estimate is R = Σ w a / Σ w b. Respondents are the units and respondent groups
the strata, as R's `svydesign(ids = ~1, strata = ~group, weights = ~w)`:
z_i = w_i (a_i − R b_i) / Σ w b (zero outside the domain), V = Σ_h n_h/(n_h−1) Σ_{i∈h} (z_i − z̄_h)².
After post-stratification or raking z is first replaced by its residual on the calibration
cells, as R's `svyrecvar` does (x − w · mean(x / w) within each cell, margins alternated for
raking until the residual stops changing). Everything is a sum over cells, so the arithmetic is
on arrays of (domains × cells), never on rows.

`group_weights` combines the groups' own ratios: R = Σ_g W_g R_g, V = Σ_g W_g² V_g (strata are
independent), with W renormalised over the groups present in a domain. A stratum with a single
respondent adds nothing to V (R would stop; a one-person group has no spread to estimate).

Design options (config `variance`, `Design` here), both off by default: the finite-population
correction multiplies each stratum's term by (1 − n_h / N_h), as R's `svydesign(fpc = ~N)`;
clusters (`town`: each group × town cell one cluster, R's `ids = ~cell`) put the cluster totals
of z in the sum instead of the respondents' z, with n_h the clusters of the stratum — still sums
per cell, since a cluster is a cell. The interval is Wilson's score interval on the effective
sample n* = p(1 − p) / V (Kish's n_eff where V = 0: at 0 % or 100 %), or the normal one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from survey._cells import Moments
from survey._weights import Calibration

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal
RESIDUAL_SWEEPS = 100
RESIDUAL_TOLERANCE = 1e-15


@dataclass(frozen=True)
class Design:
    """The variance options: clusters (cells as clusters), N_h per stratum for the correction
    (None: no correction), and the interval (`wilson` or `normal`)."""

    clustered: bool = False
    population: np.ndarray | None = None
    interval: str = "normal"


def interval(estimate, se, n_eff, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Return the 95 % interval (low, high) of fractions, by `kind`.

    `normal`: estimate ± z·SE, clipped to 0–1 (what R's `confint` gives for svyratio); it has
    zero width where SE = 0, at 0 % or 100 %. `wilson`: Wilson's score interval with the
    design's effective sample n* = p(1 − p) / SE² (Korn and Graubard's effective n), and Kish's
    n_eff where that is undefined (SE = 0): so a cell where everyone is satisfied reads
    [n/(n + z²), 1], not [1, 1]. Where 0 < p < 1 it is within a hair of the normal interval on
    large cells and pulled toward ½ on small ones.
    """
    p, se, n_eff = (np.asarray(v, dtype=np.float64) for v in (estimate, se, n_eff))
    if kind == "normal":
        return np.clip(p - Z_95 * se, 0.0, 1.0), np.clip(p + Z_95 * se, 0.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_star = np.where((se > 0) & (p > 0) & (p < 1), p * (1 - p) / se**2, n_eff)
        z2 = Z_95 * Z_95 / n_star
        centre = (p + z2 / 2) / (1 + z2)
        half = Z_95 * np.sqrt(p * (1 - p) / n_star + z2 / (4 * n_star)) / (1 + z2)
    low = np.where(p == 0, 0.0, np.clip(centre - half, 0.0, 1.0))  # exact at the ends
    return low, np.where(p == 1, 1.0, np.clip(centre + half, 0.0, 1.0))


@dataclass(frozen=True)
class Domains:
    """Domains to estimate: `cells` (D × C, 0/1) selects cells, `column` the item (0 = all)."""

    cells: np.ndarray
    column: np.ndarray


@dataclass(frozen=True)
class Estimates:
    """One value per domain (D): ratio as a fraction, its SE and 95 % CI, counts.

    `n`: respondents with a valid answer in the domain; `n_eff`: Kish's (Σw)²/Σw² over them;
    `dont_know_share`: 不了解 answers / answered items, unweighted. `numerator`, `denominator`:
    the sums Σ w a (satisfied answers, or points under `score`) and Σ w b (valid answers) the
    pooled ratio is made of, so a reader can add them up (unweighted under `group_weights`,
    whose estimate combines the groups' own ratios instead).
    """

    estimate: np.ndarray
    se: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    n: np.ndarray
    n_eff: np.ndarray
    dont_know_share: np.ndarray
    numerator: np.ndarray
    denominator: np.ndarray


def _take(values: np.ndarray, domains: Domains) -> np.ndarray:
    """Return the (D × C) matrix of a (C × K) statistic at each domain's column, zero outside."""
    return values[:, domains.column].T * domains.cells


def _shifts(sz: np.ndarray, n: np.ndarray, w: np.ndarray, calibration: Calibration) -> np.ndarray:
    """Return per domain and cell the shift s with residual x_i = z_i − w_c s_c (D × C).

    Each projection subtracts w · mean(x / w) over the units of a calibration cell, as
    `survey:::svyrecvar`; for raking the margins alternate until the shift stops moving.
    """
    shift = np.zeros_like(sz)
    if not calibration.partitions:
        return shift
    with np.errstate(divide="ignore", invalid="ignore"):
        z_over_w = np.where(w > 0, sz / np.where(w > 0, w, 1.0), 0.0)
    sweeps = RESIDUAL_SWEEPS if calibration.raking else 1
    for _ in range(sweeps):
        moved = 0.0
        for partition in calibration.partitions:
            levels = int(partition.max()) + 1
            units = np.bincount(partition, weights=n, minlength=levels)
            # Σ_{i∈level} x_i / w_i = Σ_c (Sz_c / w_c − n_c s_c)
            inside = z_over_w - n * shift
            sums = np.stack(
                [np.bincount(partition, weights=row, minlength=levels) for row in inside]
            )
            with np.errstate(divide="ignore", invalid="ignore"):
                means = np.where(units > 0, sums / np.where(units > 0, units, 1.0), 0.0)
            step = means[:, partition]
            shift += step
            moved = max(moved, float(np.abs(step).max(initial=0.0)))
        scale = float(np.abs(shift).max(initial=0.0))
        if moved <= RESIDUAL_TOLERANCE * max(scale, 1e-300):
            break
    return shift


def ratio_estimates(
    mom: Moments,
    calibration: Calibration,
    strata: np.ndarray,
    domains: Domains,
    design: Design = Design(),
) -> Estimates:
    """Return the weighted ratio, Taylor SE, CI and counts of every domain.

    `strata`: the stratum (respondent group) of each cell.
    """
    w = calibration.weights
    sa, sb = _take(mom.sa, domains), _take(mom.sb, domains)
    saa, sab, sbb = _take(mom.saa, domains), _take(mom.sab, domains), _take(mom.sbb, domains)
    big_a, big_b = (w * sa).sum(axis=1), (w * sb).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = big_a / big_b
    r, denominator = ratio[:, None], big_b[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        sz = w * (sa - r * sb) / denominator
        szz = w * w * (saa - 2 * r * sab + r * r * sbb) / denominator**2
    sz, szz = np.nan_to_num(sz), np.nan_to_num(szz)
    shift = _shifts(sz, mom.n, w, calibration)
    sx = sz - mom.n * w * shift
    sxx = szz - 2 * w * shift * sz + mom.n * w * w * shift * shift
    layers = int(strata.max()) + 1
    units = mom.n
    if design.clustered:  # a cell is one cluster: its total of x is the unit's value
        units, sxx = (mom.n > 0).astype(np.float64), sx * sx
    n_h = np.bincount(strata, weights=units, minlength=layers)
    sx_h = np.stack([np.bincount(strata, weights=row, minlength=layers) for row in sx])
    sxx_h = np.stack([np.bincount(strata, weights=row, minlength=layers) for row in sxx])
    with np.errstate(divide="ignore", invalid="ignore"):
        per_stratum = np.where(
            n_h > 1, n_h / (n_h - 1) * (sxx_h - sx_h**2 / np.where(n_h > 0, n_h, 1)), 0.0
        )
        if design.population is not None:
            per_stratum = per_stratum * (1 - n_h / design.population)
    variance = np.maximum(per_stratum.sum(axis=1), 0.0)
    se = np.sqrt(variance)
    m = _take(mom.m, domains)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_eff = (w * m).sum(axis=1) ** 2 / (w * w * m).sum(axis=1)
        dont_know = _take(mom.sd, domains).sum(axis=1) / _take(mom.sans, domains).sum(axis=1)
    estimate, se = ratio / mom.scale, se / mom.scale
    estimate = np.where(big_b > 0, estimate, np.nan)
    se = np.where(big_b > 0, se, np.nan)
    low, high = interval(estimate, se, n_eff, design.interval)
    return Estimates(
        estimate=estimate,
        se=se,
        ci_low=low,
        ci_high=high,
        n=m.sum(axis=1),
        n_eff=n_eff,
        dont_know_share=dont_know,
        numerator=big_a,
        denominator=big_b,
    )


def group_weighted_estimates(
    mom: Moments,
    strata: np.ndarray,
    domains: Domains,
    weights: np.ndarray,
    design: Design = Design(),
) -> Estimates:
    """Return Σ_g W_g R_g per domain, with V = Σ_g W_g² V_g and Kish n_eff = 1 / Σ W_g²/n_g.

    `weights`: W per group (stratum), summing to 1; renormalised over the groups that have a
    valid answer in the domain.
    """
    groups = len(weights)
    unit = Calibration(weights=np.where(mom.n > 0, 1.0, 0.0))
    # split every domain by group: domain d × group g keeps the cells of d in stratum g
    in_group = strata[None, :] == np.arange(groups)[:, None]  # (G × C)
    split = Domains(
        cells=(domains.cells[:, None, :] * in_group[None, :, :]).reshape(-1, len(strata)),
        column=np.repeat(domains.column, groups),
    )
    parts = ratio_estimates(mom, unit, strata, split, design)
    shape = (len(domains.column), groups)
    estimate, se = parts.estimate.reshape(shape), parts.se.reshape(shape)
    n = parts.n.reshape(shape)
    present = (n > 0) & ~np.isnan(estimate)
    share = np.where(present, weights[None, :], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = share / share.sum(axis=1, keepdims=True)
        combined = np.where(present, share * estimate, 0.0).sum(axis=1)
        variance = np.where(present, share**2 * se**2, 0.0).sum(axis=1)
        n_eff = 1.0 / np.where(present, share**2 / np.where(n > 0, n, 1), 0.0).sum(axis=1)
    valid = present.any(axis=1)
    combined, se_all = np.where(valid, combined, np.nan), np.where(valid, np.sqrt(variance), np.nan)
    pooled = ratio_estimates(mom, unit, strata, domains)  # counts and 不了解 share are unweighted
    n_eff = np.where(valid, n_eff, np.nan)
    low, high = interval(combined, se_all, n_eff, design.interval)
    return Estimates(
        estimate=combined,
        se=se_all,
        ci_low=low,
        ci_high=high,
        n=pooled.n,
        n_eff=n_eff,
        dont_know_share=pooled.dont_know_share,
        numerator=pooled.numerator,
        denominator=pooled.denominator,
    )
