"""Quality rules (数据清洗): which received questionnaires are analysed, each exclusion counted.

Rules run in the order the config lists them, each on the rows the previous ones kept, so the
exclusion flow reads received → rule 1 → rule 2 → … → analysed and every row is counted once:
- `duplicate_submissions`: a later row identical to an earlier kept one in submission time,
  group, town and every answer (a double-clicked submit). Not the IP address: that is personal
  data and is dropped at ingestion. Rows are compared by a 64-bit hash; across 5 million rows the
  chance of one false match is under one in a million.
- `min_duration`: completed in fewer than the configured seconds (rows with no duration stay);
- `no_valid_answers`: not one item answered with a valid option (all 不了解 or skipped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from loaders import SurveyConfig, SurveyResponses
from survey._cells import answer_values


@dataclass(frozen=True)
class QualityState:
    """What the rules carry from one chunk to the next: the keys of kept submissions.

    `seen`: sorted keys of earlier chunks; `pending`: the last chunk's keys, merged in only when
    another chunk arrives (a file read in one piece never pays for the sort).
    """

    seen: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    pending: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))

    def merged(self) -> np.ndarray:
        """Return every kept key so far, sorted (two sorted runs: a linear merge)."""
        if not len(self.pending):
            return self.seen
        return np.sort(np.concatenate([self.seen, np.sort(self.pending)]), kind="stable")


def _mix(key: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Return splitmix64(key xor part): every input bit reaches every output bit."""
    with np.errstate(over="ignore"):
        z = key ^ part.astype(np.uint64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def submission_keys(responses: SurveyResponses, options: int) -> np.ndarray:
    """Return one 64-bit hash per row over submission time, group, town and answers.

    `options`: the number of answer options, fixing the digit base so that the same row gives
    the same key in every chunk.
    """
    if responses.submitted is None:
        raise ValueError("duplicate_submissions needs the submission time column")
    key = _mix(np.zeros(responses.rows, dtype=np.uint64), responses.submitted)
    key = _mix(key, responses.group.astype(np.int64).view(np.uint64))
    if responses.town is not None:
        key = _mix(key, responses.town.astype(np.int64).view(np.uint64))
    # answers: exact base-(options + 1) digits, packed into as many 64-bit words as needed
    base = np.uint64(options + 1)
    digits = max(int(np.floor(64 / np.log2(options + 1))), 1)
    answers = responses.answers
    for start in range(0, answers.shape[1], digits):
        word = np.zeros(responses.rows, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for column in range(start, min(start + digits, answers.shape[1])):
                word = word * base + (answers[:, column] + 1).astype(np.uint64)
        key = _mix(key, word)
    return key


def _duplicates(keys: np.ndarray, state: QualityState) -> tuple[np.ndarray, QualityState]:
    """Return (is a repeat of an earlier row, state with the new rows' keys added)."""
    repeat = pd.Series(keys).duplicated().to_numpy()
    seen = state.merged()
    if len(seen):
        where = np.minimum(np.searchsorted(seen, keys), len(seen) - 1)
        repeat = repeat | (seen[where] == keys)
    return repeat, QualityState(seen=seen, pending=keys[~repeat])


def apply_quality_rules(
    responses: SurveyResponses,
    config: SurveyConfig,
    totals: np.ndarray,
    state: QualityState | None = None,
) -> tuple[np.ndarray, list[int], QualityState]:
    """Return (rows kept, rows removed by each configured rule in order, state for next chunk).

    `totals`: per respondent how many items got each option (from `option_totals`).
    """
    state = state or QualityState()
    keep = np.ones(responses.rows, dtype=bool)
    removed = []
    for rule in config.quality_rules:
        if rule.rule == "duplicate_submissions":
            rows = np.flatnonzero(keep)
            repeat, state = _duplicates(
                submission_keys(responses, len(config.options))[rows], state
            )
            drop = np.zeros_like(keep)
            drop[rows[repeat]] = True
        elif rule.rule == "min_duration":
            if responses.duration_s is None:
                raise ValueError("min_duration needs the duration column")
            drop = keep & (responses.duration_s < rule.seconds)  # NaN compares False: kept
        else:  # no_valid_answers
            drop = keep & ((totals @ answer_values(config, "rate").b) == 0)
        removed.append(int(drop.sum()))
        keep &= ~drop
    return keep, removed, state
