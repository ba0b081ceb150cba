"""Respondent weights per cell: none, post-stratification, raking (survey config `weighting`).

`group_weights` is not a respondent weight: it combines the groups' own results with fixed policy
weights (see `_score.py`). Post-stratification and raking calibrate the analysed respondents to
known population totals — by group × town cells, or to the group and the town margins — and fail
with a located error on a cell that has population but no respondents (its weight would be
infinite), on respondents with no population, on margins that disagree, or when raking does not
converge within its cap: a silently half-calibrated weight would move the verdict unseen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from loaders import InputError, LoadReport, Population, RakeControl, SurveyConfig


@dataclass(frozen=True)
class Calibration:
    """Weights per cell and the partition(s) the variance is residualised on.

    `weights`: (C,); `partitions`: for poststrat one array of post-stratum per cell, for rake
    one per margin (group, town); empty for none. Cells with no respondents get weight 0.
    """

    weights: np.ndarray
    partitions: tuple[np.ndarray, ...] = ()
    raking: bool = False


def _population_table(
    population: Population, config: SurveyConfig, report: LoadReport
) -> tuple[np.ndarray, bool]:
    """Return (totals by group × town, or by group as a column vector; has towns)."""
    group_index = {g: i for i, g in enumerate(config.group_ids)}
    by_town = any(town is not None for _, town, _ in population.cells)
    towns = len(config.towns) if by_town else 1
    table = np.zeros((len(config.groups), towns))
    for group, town, total in population.cells:
        if town is None and by_town:
            report.add(
                InputError(population.file, "empty", column="town", value=group, expected="镇街")
            )
            continue
        table[group_index[group], config.towns.index(town) if by_town else 0] += total
    return table, by_town


def _cell_errors(
    sample: np.ndarray, totals: np.ndarray, names: list[str], file: str, report: LoadReport
) -> None:
    for name, n, total in zip(names, sample, totals, strict=True):
        if n > 0 and total <= 0:
            report.add(
                InputError(
                    file,
                    "absent-from-population",
                    value=name,
                    expected=f"该单元的总体人数（已有 {n:g} 名受访者）",
                    expected_en=f"a population total for this cell ({n:g} respondents)",
                )
            )
        elif total > 0 and n <= 0:
            report.add(
                InputError(
                    file,
                    "empty-cell",
                    value=name,
                    expected=f"至少 1 名受访者（总体 {total:g} 人），"
                    "或在评分配置中改用其他加权方式",
                    expected_en=f"at least one respondent (population {total:g}), or another "
                    "weighting in the scoring configuration",
                )
            )


def _cell_names(config: SurveyConfig, towns: int) -> list[str]:
    if towns == 1:
        return [g.label for g in config.groups]
    return [f"{g.label} × {t}" for g in config.groups for t in config.towns]


def poststrat_weights(n: np.ndarray, config: SurveyConfig) -> Calibration:
    """Return weights N_c / n_c per post-stratum (group × town, or group when towns are absent)."""
    report = LoadReport()
    population = config.population
    assert population is not None
    table, by_town = _population_table(population, config, report)
    towns = max(len(config.towns), 1)
    sample = n.reshape(len(config.groups), towns)
    if not by_town:
        sample = sample.sum(axis=1, keepdims=True)
    _cell_errors(
        sample.ravel(),
        table.ravel(),
        _cell_names(config, table.shape[1]),
        population.file,
        report,
    )
    report.raise_if_errors()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(sample > 0, table / sample, 0.0)
    if by_town:
        weights, stratum = ratio.ravel(), np.arange(len(n))
    else:
        weights = np.repeat(ratio[:, 0], towns)
        stratum = np.repeat(np.arange(len(config.groups)), towns)
    return Calibration(weights=np.where(n > 0, weights, 0.0), partitions=(stratum,))


def rake_weights(
    sample: np.ndarray,
    row_totals: np.ndarray,
    column_totals: np.ndarray,
    control: RakeControl,
    file: str = "population",
    row_names: list[str] | None = None,
    column_names: list[str] | None = None,
) -> np.ndarray:
    """Return raking factors (rows × columns) so that weighted counts meet both margins.

    Iterative proportional fitting from weight 1, rows then columns each sweep (as R's
    `survey::rake`), until every row margin is within `control.tolerance` (relative) — the
    columns are exact after each sweep. Raises `InputErrors` on an empty margin level,
    inconsistent margin totals, or no convergence within `control.max_iterations`.
    """
    report = LoadReport()
    row_names = row_names or [str(i) for i in range(len(row_totals))]
    column_names = column_names or [str(i) for i in range(len(column_totals))]
    _cell_errors(sample.sum(axis=1), row_totals, row_names, file, report)
    _cell_errors(sample.sum(axis=0), column_totals, column_names, file, report)
    total_rows, total_columns = float(row_totals.sum()), float(column_totals.sum())
    if abs(total_rows - total_columns) > 1e-9 * max(total_rows, total_columns):
        report.add(
            InputError(
                file,
                "inconsistent-margins",
                value=f"{total_rows:g} ≠ {total_columns:g}",
                expected="两个边际的总数相等",
                expected_en="both margins to add up to the same total",
            )
        )
    report.raise_if_errors()
    factors = np.ones_like(sample, dtype=np.float64)
    rows_present, columns_present = row_totals > 0, column_totals > 0
    for _ in range(control.max_iterations):
        weighted = (sample * factors).sum(axis=1)
        factors[rows_present] *= (row_totals[rows_present] / weighted[rows_present])[:, None]
        weighted = (sample * factors).sum(axis=0)
        factors[:, columns_present] *= column_totals[columns_present] / weighted[columns_present]
        weighted = (sample * factors).sum(axis=1)
        gap = np.abs(weighted[rows_present] - row_totals[rows_present]) / row_totals[rows_present]
        if gap.max(initial=0.0) < control.tolerance:
            return np.where(sample > 0, factors, 0.0)
    report.add(
        InputError(
            file,
            "not-converged",
            value=f"{gap.max():.3g}",
            expected=f"≤ {control.tolerance:g}，{control.max_iterations} 次迭代内",
            expected_en=f"≤ {control.tolerance:g} within {control.max_iterations} iterations",
        )
    )
    report.raise_if_errors()
    raise AssertionError("unreachable")


def rake_calibration(n: np.ndarray, config: SurveyConfig) -> Calibration:
    """Return raked weights per cell to the group and town margins of the population table."""
    report = LoadReport()
    population = config.population
    assert population is not None
    table, by_town = _population_table(population, config, report)
    if not by_town:
        report.add(
            InputError(
                population.file,
                "missing-column",
                column="town",
                expected="镇街（raking 需要群体与镇街两个边际）",
                expected_en="town (raking needs the group and the town margins)",
            )
        )
    report.raise_if_errors()
    groups, towns = len(config.groups), len(config.towns)
    factors = rake_weights(
        n.reshape(groups, towns),
        table.sum(axis=1),
        table.sum(axis=0),
        config.rake,
        population.file,
        [g.label for g in config.groups],
        list(config.towns),
    )
    cells = np.arange(groups * towns)
    return Calibration(
        weights=factors.ravel(),
        partitions=(cells // towns, cells % towns),
        raking=True,
    )


def calibrate(n: np.ndarray, config: SurveyConfig, weighting: str) -> Calibration:
    """Return the cell weights of a weighting (`none` and `group_weights`: weight 1)."""
    if weighting == "poststrat":
        return poststrat_weights(n, config)
    if weighting == "rake":
        return rake_calibration(n, config)
    return Calibration(weights=np.where(n > 0, 1.0, 0.0))
