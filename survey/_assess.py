"""The survey's one entry point: responses + config → `SurveyResult` (aggregates only).

The result is what the site shows and what is cached under build/cache/: it holds no row-level
data, and every hidden cell is already blank (NaN) in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import SurveyConfig, SurveyResponses, SurveySource, load_yaml
from survey._cells import CellStats, cell_stats, option_totals
from survey._disclosure import CrossTable, control, no_valid_answers
from survey._protect import sums_link, uniform_cells
from survey._quality import QualityState, apply_quality_rules
from survey._score import Domains, Estimates
from survey._sensitivity import cell_strata, estimate, sensitivity_table

VALUE_COLUMNS = {
    "estimate": "satisfaction as a fraction 0–1 (rate: satisfied share of valid answers; "
    "score: mean points / full score); NaN when suppressed",
    "se": "Taylor-linearised standard error, same unit as estimate",
    "ci_low": "lower bound of the 95 % interval (Wilson on the effective n, or normal clipped "
    "to 0–1: config `variance.interval`)",
    "ci_high": "upper bound of the 95 % interval (same rule as ci_low)",
    "n": "respondents with at least one valid answer in the cell (NA when suppressed)",
    "n_eff": "Kish effective sample size (Σw)²/Σw², respondents",
    "dont_know_share": "不了解 answers / answered items in the cell, unweighted fraction",
    "suppressed": "True when the cell is blank on the site (see suppression)",
    "suppression": "why blank: empty, no_valid_answers, county_only, small_n, secondary; '' "
    "when published",
    "flagged_low_neff": "published, but n_eff is under the minimum effective n",
}


@cache
def survey_labels() -> dict:
    """Return zh/en names of exclusion steps, methods, weightings and suppression reasons."""
    return load_yaml(Path(__file__).with_name("labels.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class OverallResult:
    """The county's satisfaction under the configured method, against the pass mark."""

    estimate: float = field(metadata={"help": "overall satisfaction, fraction 0–1"})
    se: float = field(metadata={"help": "Taylor-linearised standard error, fraction"})
    ci_low: float = field(metadata={"help": "95 % interval, lower bound, fraction"})
    ci_high: float = field(metadata={"help": "95 % interval, upper bound, fraction"})
    n: int = field(metadata={"help": "analysed respondents with a valid answer"})
    n_eff: float = field(metadata={"help": "Kish effective sample size, respondents"})
    dont_know_share: float = field(metadata={"help": "不了解 answers / answered items, fraction"})
    threshold: float = field(metadata={"help": "pass mark, fraction (0.85)"})
    passes: bool = field(metadata={"help": "estimate ≥ threshold"})

    @property
    def margin(self) -> float:
        """Return estimate − threshold, as a fraction (positive: passes)."""
        return self.estimate - self.threshold


@dataclass(frozen=True)
class SurveyProvenance:
    """Which file and which config produced the result, by hash."""

    file: str = field(metadata={"help": "survey file name"})
    format: str = field(metadata={"help": "sav, zsav or csv"})
    sha256: str = field(metadata={"help": "SHA-256 of the survey file"})
    encoding: str = field(metadata={"help": "text encoding that decoded the file's labels"})
    config_file: str = field(metadata={"help": "scoring config file name"})
    config_version: str = field(metadata={"help": "the config's `version`"})
    config_sha256: str = field(metadata={"help": "SHA-256 of the scoring config file"})
    population_file: str | None = field(metadata={"help": "population totals file, if any"})
    population_sha256: str | None = field(metadata={"help": "SHA-256 of the population file"})


@dataclass(frozen=True)
class SurveyResult:
    """Everything the site shows about the satisfaction survey (社会认可度), aggregates only.

    The five tables share the columns of `VALUE_COLUMNS` after their keys: `group`, `group_zh`,
    `group_en` (respondent group id and names), `item`, `item_zh`, `item_en`, `town`, `town_en`
    (the town as the file names it, and in English).
    """

    config: SurveyConfig = field(
        metadata={"help": "the scoring config: method, weighting, options, rules, thresholds"}
    )
    overall: OverallResult = field(metadata={"help": "county result under the configured method"})
    received: int = field(metadata={"help": "questionnaires received (rows in the file)"})
    analysed: int = field(metadata={"help": "questionnaires analysed after the quality rules"})
    by_group: pd.DataFrame = field(metadata={"help": "by respondent group: group keys + values"})
    by_item: pd.DataFrame = field(metadata={"help": "by item, all groups: item keys + values"})
    by_town: pd.DataFrame = field(metadata={"help": "by town (镇街), all groups: town + values"})
    group_by_item: pd.DataFrame = field(metadata={"help": "group × item: keys + values"})
    group_by_town: pd.DataFrame = field(
        metadata={"help": "group × town: keys + values; county-only groups always suppressed"}
    )
    exclusions: pd.DataFrame = field(
        metadata={
            "help": "exclusion flow in order: step (received, each rule, analysed), step_zh, "
            "step_en, removed (questionnaires), remaining (questionnaires)"
        }
    )
    sums: pd.DataFrame = field(
        metadata={
            "help": "per group and for all respondents (group `all`): n, numerator (Σ w × "
            "satisfied answers, or points under score), denominator (Σ w × valid answers), "
            "suppressed; NaN where the group is hidden"
        }
    )
    sensitivity: pd.DataFrame = field(
        metadata={
            "help": "overall result per definition: method, weighting, method_zh/en, "
            "weighting_zh/en, estimate, se, ci_low, ci_high, n_eff, passes, configured"
        }
    )
    provenance: SurveyProvenance = field(metadata={"help": "input file, encoding, config hashes"})


def _domains(config: SurveyConfig) -> dict[str, Domains]:
    """Return the domains of every table; cells are group-major (group × towns + town)."""
    groups, towns, items = len(config.groups), max(len(config.towns), 1), len(config.items)
    cells = groups * towns
    strata = cell_strata(config)
    town_of = np.arange(cells) % towns
    by_group = (strata[None, :] == np.arange(groups)[:, None]).astype(float)
    zero = np.zeros
    found = {
        "overall": Domains(np.ones((1, cells)), zero(1, dtype=np.int64)),
        "by_group": Domains(by_group, zero(groups, dtype=np.int64)),
        "by_item": Domains(np.ones((items, cells)), np.arange(1, items + 1)),
        "group_by_item": Domains(
            np.repeat(by_group, items, axis=0), np.tile(np.arange(1, items + 1), groups)
        ),
    }
    if config.towns:
        # by town covers only the groups that may be shown by town: a total that counted
        # principals or deputies would give their numbers back once the group cells are subtracted
        by_town_groups = np.array(
            [g not in config.disclosure.county_only for g in config.group_ids]
        )
        found["by_town"] = Domains(
            (
                (town_of[None, :] == np.arange(towns)[:, None]) & by_town_groups[strata][None, :]
            ).astype(float),
            zero(towns, np.int64),
        )
        found["group_by_town"] = Domains(np.eye(cells), zero(cells, dtype=np.int64))
    return found


def _frame(
    keys: pd.DataFrame, values: Estimates, hidden: np.ndarray, why, min_n_eff
) -> pd.DataFrame:
    frame = keys.reset_index(drop=True).copy()
    hidden = np.asarray(hidden, bool).ravel() | (values.n == 0)
    for name in ("estimate", "se", "ci_low", "ci_high"):
        frame[name] = np.where(hidden, np.nan, getattr(values, name))
    frame["n"] = pd.array(np.where(hidden, 0, values.n).astype(np.int64), dtype="Int64")
    frame.loc[hidden, "n"] = pd.NA
    frame["n_eff"] = np.where(hidden, np.nan, values.n_eff)
    frame["dont_know_share"] = np.where(hidden, np.nan, values.dont_know_share)
    frame["suppressed"] = hidden
    frame["suppression"] = np.asarray(why, dtype=object).ravel()
    frame["flagged_low_neff"] = ~hidden & (values.n_eff < min_n_eff)
    return frame


def _split(values: Estimates, start: int, stop: int) -> Estimates:
    return Estimates(*(getattr(values, f)[start:stop] for f in Estimates.__dataclass_fields__))


def _tables(stats: CellStats, config: SurveyConfig) -> dict[str, pd.DataFrame]:
    """Return the five published tables after disclosure control."""
    domains = _domains(config)
    names = list(domains)
    every = Domains(
        cells=np.vstack([domains[k].cells for k in names]),
        column=np.concatenate([domains[k].column for k in names]),
    )
    values = estimate(stats, config, config.method, config.weighting, every)
    parts, start = {}, 0
    for name in names:
        stop = start + len(domains[name].column)
        parts[name] = _split(values, start, stop)
        start = stop
    rules = config.disclosure
    group_keys = pd.DataFrame(
        {
            "group": config.group_ids,
            "group_zh": [g.label for g in config.groups],
            "group_en": [g.en for g in config.groups],
        }
    )
    item_keys = pd.DataFrame(
        {
            "item": [i.id for i in config.items],
            "item_zh": [i.zh for i in config.items],
            "item_en": [i.en for i in config.items],
        }
    )
    county_only = np.array([g in rules.county_only for g in config.group_ids])
    groups, items = len(config.groups), len(config.items)
    keys = {"by_group": group_keys, "by_item": item_keys}
    crosses = {
        "group_by_item": CrossTable(
            parts["group_by_item"].n.reshape(groups, items),
            "by_group",
            "by_item",
            np.zeros((groups, items), bool),
            rows_add_up=False,
        )
    }
    keys["group_by_item"] = group_keys.loc[group_keys.index.repeat(items)].assign(
        **{k: np.tile(item_keys[k], groups) for k in item_keys}
    )
    if config.towns:
        towns = len(config.towns)
        keys["by_town"] = pd.DataFrame(
            {"town": list(config.towns), "town_en": list(config.town_en)}
        )
        crosses["group_by_town"] = CrossTable(
            parts["group_by_town"].n.reshape(groups, towns),
            "by_group",
            "by_town",
            np.repeat(county_only[:, None], towns, axis=1),
        )
        keys["group_by_town"] = group_keys.loc[group_keys.index.repeat(towns)].assign(
            town=np.tile(list(config.towns), groups), town_en=np.tile(list(config.town_en), groups)
        )
    margins = {name: parts[name].n for name in ("by_group", "by_item", "by_town") if name in keys}
    primary = {name: uniform_cells(parts[name], rules) for name in margins}
    primary.update(
        {k: uniform_cells(parts[k], rules).reshape(c.n.shape) for k, c in crosses.items()}
    )
    link = sums_link(parts["by_group"], parts["overall"], config)
    hidden, why = control(margins, crosses, rules.min_n, frozenset({"by_item"}), primary, link)
    for name in why:
        present = domains[name].cells @ stats.n  # analysed respondents, valid answer or not
        policy = crosses[name].policy if name in crosses else np.zeros(len(present), bool)
        why[name] = no_valid_answers(why[name], present.reshape(why[name].shape), policy, rules)
    tables = {
        name: _frame(keys[name], parts[name], hidden[name], why[name], rules.min_n_eff)
        for name in keys
    }
    if not config.towns:
        empty = pd.DataFrame(
            columns=["group", "group_zh", "group_en", "town", "town_en", *VALUE_COLUMNS]
        )
        tables["by_town"] = empty.drop(columns=["group", "group_zh", "group_en"])
        tables["group_by_town"] = empty
    tables["sums"] = _sums(group_keys, parts["by_group"], parts["overall"], hidden["by_group"])
    tables["_overall"] = parts["overall"]
    return tables


def _sums(
    keys: pd.DataFrame, groups: Estimates, overall: Estimates, hidden: np.ndarray
) -> pd.DataFrame:
    """Return per group, and for all respondents, the sums the pooled ratio is made of.

    Why: with the rounded shares alone a reader cannot reproduce the overall figure (the
    county's 86.51 % came out as 86.46 %); Σ numerator / Σ denominator over these rows gives it
    exactly. A group hidden in the by-group table is hidden here too, for the same reason.
    """
    everyone = survey_labels()["all_respondents"]
    frame = pd.concat(
        [
            keys,
            pd.DataFrame(
                {"group": ["all"], "group_zh": [everyone["zh"]], "group_en": [everyone["en"]]}
            ),
        ],
        ignore_index=True,
    )
    hide = np.append(np.asarray(hidden, bool).ravel() | (groups.n == 0), False)
    for name in ("n", "numerator", "denominator"):
        values = np.append(getattr(groups, name), getattr(overall, name)[:1])
        frame[name] = np.where(hide, np.nan, values)
    frame["n"] = pd.array(frame["n"].round(), dtype="Int64")
    frame["suppressed"] = hide
    return frame


def _exclusions(received: int, config: SurveyConfig, removed: list[int]) -> pd.DataFrame:
    labels = survey_labels()["steps"]
    steps = ["received", *(r.rule for r in config.quality_rules), "analysed"]
    counts = [0, *removed, 0]
    remaining = np.concatenate(
        [[received], received - np.cumsum(removed), [received - sum(removed)]]
    )
    return pd.DataFrame(
        {
            "step": steps,
            "step_zh": [labels[s]["zh"] for s in steps],
            "step_en": [labels[s]["en"] for s in steps],
            "removed": np.asarray(counts, dtype=np.int64),
            "remaining": remaining.astype(np.int64),
        }
    )


def summarise(
    stats: CellStats,
    received: int,
    removed: list[int],
    config: SurveyConfig,
    source: SurveySource,
) -> SurveyResult:
    """Return the result from accumulated cell sums (the last step of both entry points)."""
    tables = _tables(stats, config)
    overall = tables.pop("_overall")
    sensitivity = sensitivity_table(stats, config)
    labels = survey_labels()
    for kind, column in (("methods", "method"), ("weightings", "weighting")):
        for lang in ("zh", "en"):
            sensitivity[f"{column}_{lang}"] = [labels[kind][v][lang] for v in sensitivity[column]]
    population = config.population
    return SurveyResult(
        config=config,
        overall=OverallResult(
            estimate=float(overall.estimate[0]),
            se=float(overall.se[0]),
            ci_low=float(overall.ci_low[0]),
            ci_high=float(overall.ci_high[0]),
            n=int(overall.n[0]),
            n_eff=float(overall.n_eff[0]),
            dont_know_share=float(overall.dont_know_share[0]),
            threshold=config.threshold,
            passes=bool(overall.estimate[0] >= config.threshold),
        ),
        received=received,
        analysed=received - sum(removed),
        by_group=tables["by_group"],
        by_item=tables["by_item"],
        by_town=tables["by_town"],
        group_by_item=tables["group_by_item"],
        group_by_town=tables["group_by_town"],
        exclusions=_exclusions(received, config, removed),
        sums=tables["sums"],
        sensitivity=sensitivity,
        provenance=SurveyProvenance(
            file=source.file,
            format=source.format,
            sha256=source.sha256,
            encoding=source.encoding,
            config_file=config.file,
            config_version=config.version,
            config_sha256=config.sha256,
            population_file=population.file if population else None,
            population_sha256=population.sha256 if population else None,
        ),
    )


def accumulate(
    chunks: Iterable[SurveyResponses], config: SurveyConfig
) -> tuple[CellStats, int, list[int], SurveySource]:
    """Return (cell sums, rows received, rows removed per rule, source) over all chunks."""
    total: CellStats | None = None
    state = QualityState()
    received, removed, source = 0, [0] * len(config.quality_rules), None
    for chunk in chunks:
        totals = option_totals(chunk.answers, len(config.options))
        keep, dropped, state = apply_quality_rules(chunk, config, totals, state)
        stats = cell_stats(chunk, config, keep, totals)
        total = stats if total is None else total + stats
        received += chunk.rows
        removed = [a + b for a, b in zip(removed, dropped, strict=True)]
        source = chunk.source
    if total is None or source is None:
        raise ValueError("the survey file holds no responses")
    return total, received, removed, source


def assess_survey(responses: SurveyResponses, config: SurveyConfig) -> SurveyResult:
    """Return the scored, disclosure-controlled survey result for responses held in memory."""
    return assess_survey_chunks([responses], config)


def assess_survey_chunks(chunks: Iterable[SurveyResponses], config: SurveyConfig) -> SurveyResult:
    """Return the same result as `assess_survey`, reading responses chunk by chunk.

    Memory is bounded by one chunk plus the duplicate-submission hashes (8 bytes per kept row).
    """
    stats, received, removed, source = accumulate(chunks, config)
    return summarise(stats, received, removed, config, source)
