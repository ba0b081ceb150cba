"""Sufficient statistics per cell (respondent group × town): all that scoring needs.

Why cells: every weighting here gives the same weight to every respondent of a group × town
cell (none, poststrat and rake calibrate on group and town only — the respondent facts a survey
like this records), and every published domain is a union of cells. So the pooled ratio, its
Taylor variance, Kish's n_eff and the 不了解 share all follow from a few sums per cell, which add
up across chunks exactly (integer-valued sums in float64 are exact below 2^53). A 5-million-row
CSV is scored chunk by chunk with the same code as a small file held in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from loaders import SurveyConfig, SurveyResponses

METHODS = ("rate", "score")


@dataclass(frozen=True)
class AnswerValues:
    """Per answer option: its numerator (a), denominator (b) and 不了解 (d) contribution.

    `rate`: a = 1 for satisfied options; `score`: a = the option's points. b = 1 for satisfied
    and valid options, d = 1 for 不了解. Index −1 (no answer) is the last entry, all zero.
    """

    a: np.ndarray
    b: np.ndarray
    d: np.ndarray
    scale: float  # divide a ratio by this to get a fraction: 1 for rate, full_score for score


def answer_values(config: SurveyConfig, method: str) -> AnswerValues:
    """Return the option contributions for a method (a trailing zero entry for no answer)."""
    roles = [o.role for o in config.options]
    valid = np.array([r in {"satisfied", "valid"} for r in roles] + [False], dtype=np.float64)
    if method == "rate":
        a = np.array([r == "satisfied" for r in roles] + [False], dtype=np.float64)
        scale = 1.0
    else:
        a = np.array([o.score or 0.0 for o in config.options] + [0.0], dtype=np.float64) * valid
        scale = float(config.full_score)
    d = np.array([r == "dont_know" for r in roles] + [False], dtype=np.float64)
    return AnswerValues(a=a, b=valid, d=d, scale=scale)


@dataclass(frozen=True)
class CellStats:
    """Sums per cell over analysed respondents; cell = group index × len(towns) + town index.

    `n`: respondents (C,). `option_counts`: answers per cell, item and option, the last option
    slot counting no answer (C, items, options + 1). `respondent`: per method, sums over
    respondents of a_i, a_i², a_i·b_i (C, 3); `b`: sums of b_i, b_i², respondents with b_i > 0,
    不了解 answers d_i and answered items b_i + d_i (C, 5).
    """

    towns: int
    n: np.ndarray
    option_counts: np.ndarray
    respondent: dict[str, np.ndarray]
    b: np.ndarray

    def __add__(self, other: CellStats) -> CellStats:
        return CellStats(
            towns=self.towns,
            n=self.n + other.n,
            option_counts=self.option_counts + other.option_counts,
            respondent={m: self.respondent[m] + other.respondent[m] for m in self.respondent},
            b=self.b + other.b,
        )

    @property
    def cells(self) -> int:
        return len(self.n)


def cell_index(responses: SurveyResponses, config: SurveyConfig) -> np.ndarray:
    """Return each respondent's cell (group × town), as int64."""
    towns = max(len(config.towns), 1)
    cell = responses.group.astype(np.int64) * towns
    if responses.town is not None:
        cell += responses.town
    return cell


def option_totals(answers: np.ndarray, options: int) -> np.ndarray:
    """Return per respondent how many items got each option, last column no answer (n, O + 1)."""
    rows = answers.shape[0]
    slots = options + 1
    # slot = answer + 1 puts "no answer" (−1) first; one bincount counts every row at once
    flat = (np.arange(rows, dtype=np.int64)[:, None] * slots + (answers + 1)).ravel()
    counts = np.bincount(flat, minlength=rows * slots).reshape(rows, slots)
    return np.roll(counts, -1, axis=1).astype(np.float64)


def cell_stats(
    responses: SurveyResponses,
    config: SurveyConfig,
    keep: np.ndarray,
    totals: np.ndarray | None = None,
) -> CellStats:
    """Return the cell sums over the respondents in `keep` (boolean mask over rows).

    `totals`: the respondents' option totals if already computed (the quality rules need them).
    """
    options = len(config.options)
    towns = max(len(config.towns), 1)
    cells = len(config.groups) * towns
    items = len(config.items)
    cell = cell_index(responses, config)[keep]
    answers = responses.answers[keep]
    per = (totals if totals is not None else option_totals(responses.answers, options))[keep]

    def per_cell(weights: np.ndarray) -> np.ndarray:
        return np.bincount(cell, weights=weights, minlength=cells)

    # the answer codes run −1 … O−1; shift by one so that slot 0 is "no answer", then rotate
    # it to the end so that option o sits at slot o
    flat = (cell[:, None] * items + np.arange(items)) * (options + 1) + (answers + 1)
    counts = np.bincount(flat.ravel(), minlength=cells * items * (options + 1)).astype(np.float64)
    counts = np.roll(counts.reshape(cells, items, options + 1), -1, axis=2)

    first = answer_values(config, METHODS[0])
    b_i = per @ first.b
    d_i = per @ first.d
    b = np.column_stack(
        [
            per_cell(b_i),
            per_cell(b_i * b_i),
            per_cell((b_i > 0) * 1.0),
            per_cell(d_i),
            per_cell(b_i + d_i),
        ]
    )
    respondent = {}
    for method in METHODS:
        if method == "score" and any(
            o.score is None for o in config.options if o.role in {"satisfied", "valid"}
        ):
            continue
        a_i = per @ answer_values(config, method).a
        respondent[method] = np.column_stack(
            [per_cell(a_i), per_cell(a_i * a_i), per_cell(a_i * b_i)]
        )
    return CellStats(
        towns=towns,
        n=np.bincount(cell, minlength=cells).astype(np.float64),
        option_counts=counts,
        respondent=respondent,
        b=b,
    )


@dataclass(frozen=True)
class Moments:
    """For one method, per cell (C) and column (K = 1 + items; column 0 = all items pooled).

    `m`: respondents with at least one valid answer in the column; `sa`, `sb`: sums of a and b;
    `saa`, `sab`, `sbb`: sums of squares and products; `sd`: 不了解 answers; `sans`: answered.
    `n`: all analysed respondents per cell (C); `scale`: see AnswerValues.
    """

    n: np.ndarray
    m: np.ndarray
    sa: np.ndarray
    sb: np.ndarray
    saa: np.ndarray
    sab: np.ndarray
    sbb: np.ndarray
    sd: np.ndarray
    sans: np.ndarray
    scale: float


def moments(stats: CellStats, config: SurveyConfig, method: str) -> Moments:
    """Return the per-cell moments of one method, items from their option counts."""
    values = answer_values(config, method)
    counts = stats.option_counts  # (C, J, O + 1)
    resp = stats.respondent[method]

    def columns(first: np.ndarray, per_option: np.ndarray) -> np.ndarray:
        return np.column_stack([first, counts @ per_option])

    return Moments(
        n=stats.n,
        m=columns(stats.b[:, 2], values.b),
        sa=columns(resp[:, 0], values.a),
        sb=columns(stats.b[:, 0], values.b),
        saa=columns(resp[:, 1], values.a * values.a),
        sab=columns(resp[:, 2], values.a * values.b),
        sbb=columns(stats.b[:, 1], values.b * values.b),
        sd=columns(stats.b[:, 3], values.d),
        sans=columns(stats.b[:, 4], values.b + values.d),
        scale=values.scale,
    )
