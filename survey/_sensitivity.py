"""Estimate any domain under any (method, weighting), and the sensitivity table.

No official formula exists and plausible definitions differ by about a percentage point on the
same data, enough to flip the 85 % verdict: so the site shows the overall result under every
alternative the config lists, beside the configured one, from the same cell sums.

An alternative that cannot be computed on this county's data (a weighting cell with a
population but no respondents, which a small county meets at once: a town with no junior
school, a group of three) is a row that says so and why — it never stops the build, since the
verdict does not rest on it. The configured definition is computed before this table (by
`_tables`), so its own failure is already an input error naming the cell.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import InputError, InputErrors, LoadReport, SurveyConfig, load_yaml
from survey._cells import CellStats, moments
from survey._score import Design, Domains, Estimates, group_weighted_estimates, ratio_estimates
from survey._weights import calibrate

ESTIMATE_COLUMNS = ("estimate", "se", "ci_low", "ci_high", "n_eff")
LANGS = ("zh", "en")


@cache
def _reasons() -> dict:
    labels = Path(__file__).with_name("labels.yaml").read_text(encoding="utf-8")
    return load_yaml(labels)["not_computable"]


def cell_strata(config: SurveyConfig) -> np.ndarray:
    """Return the stratum (respondent group) of every cell."""
    return np.repeat(np.arange(len(config.groups)), max(len(config.towns), 1))


def design(stats: CellStats, config: SurveyConfig) -> Design:
    """Return the variance options of the config (`variance`), N_h per group for the correction.

    Raises `InputErrors` when a group has more analysed respondents than its population: the
    correction (1 − n/N) would be negative, and a population total that small is an error.
    """
    options = config.variance
    population = None
    if options.fpc and config.population is not None:
        groups = {g: i for i, g in enumerate(config.group_ids)}
        population = np.zeros(len(groups))
        for group, _, total in config.population.cells:
            population[groups[group]] += total
        sample = np.bincount(cell_strata(config), weights=stats.n, minlength=len(groups))
        report = LoadReport()
        for g, (n, total) in enumerate(zip(sample, population, strict=True)):
            if n > total:
                report.add(
                    InputError(
                        config.population.file,
                        "inconsistent",
                        value=f"{config.groups[g].label}: {total:g} < {n:g}",
                        expected="总体人数不少于纳入分析的受访者人数（有限总体校正）",
                        expected_en="a population total no smaller than the analysed "
                        "respondents (finite-population correction)",
                    )
                )
        report.raise_if_errors()
    return Design(
        clustered=options.cluster == "town",
        population=population,
        interval=options.interval,
    )


def estimate(
    stats: CellStats, config: SurveyConfig, method: str, weighting: str, domains: Domains
) -> Estimates:
    """Return the estimates of `domains` under one method and weighting."""
    mom = moments(stats, config, method)
    strata = cell_strata(config)
    options = design(stats, config)
    if weighting == "group_weights":
        assert config.group_weights is not None
        weights = np.array([config.group_weights.weights.get(g, 0.0) for g in config.group_ids])
        return group_weighted_estimates(mom, strata, domains, weights, options)
    return ratio_estimates(mom, calibrate(stats.n, config, weighting), strata, domains, options)


def _english_cell(name: str, config: SurveyConfig) -> str:
    """Return a weighting cell's name ("家长 × 甲镇") in English ("Parents × Jia Town")."""
    words = {g.label: g.en for g in config.groups}
    words.update(zip(config.towns, config.town_en, strict=True))
    return " × ".join(words.get(part, part) for part in name.split(" × "))


def why_not_computable(errors: InputErrors, config: SurveyConfig, lang: str) -> str:
    """Return in words why a definition cannot be computed, one clause per problem found."""
    texts = _reasons()
    clauses = []
    for error in errors.report.errors:
        template = texts.get(error.code, {}).get(lang)
        if template is None:  # a problem without its own sentence: the located message
            clauses.append(error.message(lang).rsplit(" [", 1)[0])
            continue
        value = error.value or ""
        cell = value if lang == "zh" else _english_cell(value, config)
        clauses.append(template.format(cell=cell, value=value))
    return ("；" if lang == "zh" else "; ").join(clauses)


def _row(
    stats: CellStats, config: SurveyConfig, method: str, weighting: str, domains: Domains
) -> dict:
    """Return one row of the table; an alternative that cannot be computed says why."""
    configured = (method, weighting) == (config.method, config.weighting)
    row: dict = {"method": method, "weighting": weighting}
    try:
        result = estimate(stats, config, method, weighting, domains)
    except InputErrors as errors:
        if configured:
            raise
        row.update(dict.fromkeys(ESTIMATE_COLUMNS, np.nan))
        row.update(passes=False, configured=False, computable=False)
        row.update({f"reason_{lang}": why_not_computable(errors, config, lang) for lang in LANGS})
        return row
    row.update({name: float(getattr(result, name)[0]) for name in ESTIMATE_COLUMNS})
    computable = bool(np.isfinite(row["estimate"]))
    row.update(
        passes=computable and bool(row["estimate"] >= config.threshold),
        configured=configured,
        computable=computable,
    )
    row.update(
        {
            f"reason_{lang}": "" if computable else _reasons()["no_valid_answers"][lang]
            for lang in LANGS
        }
    )
    return row


def sensitivity_table(stats: CellStats, config: SurveyConfig) -> pd.DataFrame:
    """Return the overall result under the configured and every alternative definition.

    Columns: method, weighting (ids), estimate, se, ci_low, ci_high (fractions 0–1; NaN when
    not computable), n_eff, passes (estimate ≥ threshold), configured (the row the site's
    verdict uses), computable, reason_zh / reason_en (why not, '' when computable).
    """
    overall = Domains(cells=np.ones((1, stats.cells)), column=np.zeros(1, dtype=np.int64))
    pairs = [(config.method, config.weighting)]
    pairs += [(a.method, a.weighting) for a in config.sensitivity]
    rows = [_row(stats, config, m, w, overall) for m, w in dict.fromkeys(pairs)]
    return pd.DataFrame(rows)
