"""Exact disclosure audit (精确披露审计): the range each hidden count can take, by LP.

Why: the greedy rule of `_disclosure` (no published line hides exactly one cell) is necessary
but not sufficient. In a 4 × 5 table two blocks of four hidden cells joined by one more hidden
cell satisfy it everywhere, yet the joining cell is the difference of two sums of totals and
comes back exactly (it is a bridge of the rows × columns graph of hidden cells). So after the
greedy pass every hidden value is bounded the way an intruder would bound it: minimise and
maximise it subject to everything published — the shown cells, every total, the reasons shown
beside hidden cells (fewer than min_n: 0 … min_n − 1; hidden to protect another: at least
min_n; empty: 0) and the links between tables — with SciPy's HiGHS solver (`linprog`). This is
the audit of τ-ARGUS and of the R packages sdcTable and GaussSuppression (Hundepool et al.,
*Statistical Disclosure Control*, Wiley 2012, §4.3: the feasibility interval of a cell).

The protection rule is the "sliding protection range" of the same chapter (GaussSuppression's
`rangeMin` / `rangePercent`): the feasibility interval of every hidden count must be at least
`range_min(min_n)` = ⌈min_n / 2⌉ wide, and that of a cell hidden for its own sake (too few
respondents, the county-only policy, uniform answers) also at least RANGE_PERCENT of its value.
A width, not a window around the true value: with the reasons published, a small cell can
only range over 0 … min_n − 1, so half of that range is what is asked. Bounds are the LP
relaxation's, rounded inward to whole respondents (the two-way tables are totally unimodular, so
the relaxation's bounds are the integer ones there).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

RANGE_PERCENT = 0.3  # a sensitive hidden cell's range: at least this fraction of its value
TOLERANCE = 1e-6


def range_min(min_n: int) -> int:
    """Return the smallest feasibility range of any hidden count: half of min_n, at least 1."""
    return max(1, math.ceil(min_n / 2))


@dataclass(frozen=True)
class Cells:
    """One published table's values, flat, as the audit sees them.

    `value`: the true values; `hidden`: blank on the site; `lower`, `upper`: what the published
    reasons say of a hidden value (±inf when nothing); `width`: the range each hidden value
    needs; `movable`: may be hidden to protect another (a shown, non-empty cell of a table the
    control may add to); `integer`: counts of respondents (bounds rounded inward); `target`:
    the table whose cell is hidden to hide this one (the sums follow the group table).
    """

    value: np.ndarray
    hidden: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    width: np.ndarray
    movable: np.ndarray
    integer: bool = True
    margin: bool = False
    target: str | None = None


@dataclass(frozen=True)
class Relation:
    """Σ coefficient × value = 0 (`equal`) or ≤ 0, over (table, flat index, coefficient)."""

    terms: tuple[tuple[str, int, float], ...]
    equal: bool = True


def known(value) -> Cells:
    """Return a published constant (a total), never hidden and never hidden by the control."""
    value = np.atleast_1d(np.asarray(value, dtype=np.float64))
    zeros = np.zeros(len(value), bool)
    return Cells(value, zeros, value, value, np.zeros(len(value)), zeros)


def feasible_ranges(tables: dict[str, Cells], relations: list[Relation]) -> dict[str, np.ndarray]:
    """Return per table (lower, upper) of every value given what is published (rows: 2 × n).

    Shown values are their own range; a hidden one that needs a width is minimised and
    maximised by HiGHS subject to the relations, one small LP per connected group of hidden
    values; a hidden one that needs none keeps the range its reason gives.
    """
    position = {name: np.cumsum(c.hidden) - 1 for name, c in tables.items()}
    counts = [int(c.hidden.sum()) for c in tables.values()]
    offset = dict(zip(tables, np.concatenate([[0], np.cumsum(counts)[:-1]]), strict=True))
    variables = sum(counts)
    rows, cols, data, rhs, equal = [], [], [], [], []
    for r, relation in enumerate(relations):
        constant = 0.0
        for name, i, coefficient in relation.terms:
            cells = tables[name]
            if cells.hidden[i]:
                rows.append(r)
                cols.append(int(offset[name]) + int(position[name][i]))
                data.append(coefficient)
            else:
                constant += coefficient * cells.value[i]
        rhs.append(-constant)
        equal.append(relation.equal)
    from scipy.sparse import coo_matrix  # imported here: scipy costs a second to import, and
    # `check` and the site read the audit's module for every package, survey or not

    matrix = coo_matrix((data, (rows, cols)), shape=(len(relations), variables)).tocsr()
    lower = np.concatenate([c.lower[c.hidden] for c in tables.values()] or [np.zeros(0)])
    upper = np.concatenate([c.upper[c.hidden] for c in tables.values()] or [np.zeros(0)])
    wanted = np.concatenate([c.width[c.hidden] > 0 for c in tables.values()] or [np.zeros(0)])
    low, high = lower.astype(float).copy(), upper.astype(float).copy()
    if variables and wanted.any():
        equal = np.asarray(equal, bool)
        _solve(matrix, np.asarray(rhs), equal, lower, upper, low, high, wanted.astype(bool))
    out = {}
    for (name, cells), count in zip(tables.items(), counts, strict=True):
        span = np.vstack([cells.value, cells.value]).astype(float)
        start = int(offset[name])
        span[0, cells.hidden] = low[start : start + count]
        span[1, cells.hidden] = high[start : start + count]
        if cells.integer:
            span[0, cells.hidden] = np.ceil(span[0, cells.hidden] - TOLERANCE)
            span[1, cells.hidden] = np.floor(span[1, cells.hidden] + TOLERANCE)
        out[name] = span
    return out


def _solve(matrix, rhs, equal, lower, upper, low, high, wanted) -> None:
    """Fill `low`, `high` with the LP bounds of each `wanted` variable, component by component.

    A component held by one equation alone (a county-only group's row of towns) has its bounds
    in closed form; the rest take two HiGHS runs per wanted variable.
    """
    used = matrix.getnnz(axis=0) > 0
    from scipy.sparse.csgraph import connected_components

    _, component = connected_components((matrix.T @ matrix).tocsr(), directed=False)
    for label in np.unique(component[used & wanted]):
        members = np.flatnonzero(component == label)
        sub = matrix[:, members]
        touched = sub.getnnz(axis=1) > 0
        a_eq, a_ub = sub[touched & equal], sub[touched & ~equal]
        b_eq, b_ub = rhs[touched & equal], rhs[touched & ~equal]
        box = lower[members], upper[members]
        asked = [k for k, m in enumerate(members) if wanted[m]]
        if a_eq.shape[0] == 1 and a_ub.shape[0] == 0:
            ends = _one_equation(a_eq.toarray()[0], float(b_eq[0]), *box, asked)
        else:
            ends = _programs(a_eq, b_eq, a_ub, b_ub, box, asked)
        for k, (lo, hi) in zip(asked, ends, strict=True):
            low[members[k]], high[members[k]] = lo, hi


def _one_equation(a, b, lower, upper, asked) -> list[tuple[float, float]]:
    """Return the range of each asked x_k given Σ a_i x_i = b and lower ≤ x ≤ upper."""
    with np.errstate(invalid="ignore"):
        ends = np.stack([a * lower, a * upper])
    small, large = np.nanmin(ends, axis=0), np.nanmax(ends, axis=0)
    out = []
    for k in asked:
        rest_low, rest_high = np.delete(small, k).sum(), np.delete(large, k).sum()
        span = sorted(((b - rest_high) / a[k], (b - rest_low) / a[k]))
        out.append((max(span[0], lower[k]), min(span[1], upper[k])))
    return out


def _programs(a_eq, b_eq, a_ub, b_ub, box, asked) -> list[tuple[float, float]]:
    """Return the range of each asked variable by minimising and maximising it with HiGHS."""
    from scipy.optimize import linprog

    bounds = [
        (lo if np.isfinite(lo) else None, hi if np.isfinite(hi) else None)
        for lo, hi in zip(*box, strict=True)
    ]
    out = []
    for k in asked:
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(len(bounds))
            objective[k] = sign
            found = linprog(
                objective,
                A_ub=a_ub if a_ub.shape[0] else None,
                b_ub=b_ub if a_ub.shape[0] else None,
                A_eq=a_eq if a_eq.shape[0] else None,
                b_eq=b_eq if a_eq.shape[0] else None,
                bounds=bounds,
                method="highs",
            )
            if found.status == 3:  # unbounded in that direction
                ends.append(-np.inf if sign > 0 else np.inf)
            elif found.status == 0:
                ends.append(float(found.x[k]))
            else:  # the true values satisfy every relation: this cannot happen
                raise RuntimeError(f"disclosure audit LP failed: {found.message}")
        out.append((ends[0], ends[1]))
    return out


def weak_cells(tables: dict[str, Cells], ranges: dict[str, np.ndarray]) -> list[tuple[str, int]]:
    """Return the hidden values whose feasibility range is narrower than their width."""
    weak = []
    for name, cells in tables.items():
        span = ranges[name][1] - ranges[name][0]
        short = cells.hidden & (span < cells.width - TOLERANCE)
        weak.extend((name, int(i)) for i in np.flatnonzero(short))
    return weak


def partners(
    tables: dict[str, Cells], relations: list[Relation], weak: list[tuple[str, int]]
) -> set[tuple[str, int]]:
    """Return cells to hide next: per weak value, the smallest shown movable cell related to it.

    Cells of the two-way tables come before totals (hiding a total loses more); when every
    value related to a weak one is hidden already, the search widens through them. A weak value
    with nothing left to hide around it gets no partner: its range is set by totals that are
    always published (the county's n), so no suppression can widen it.
    """
    touching: dict[tuple[str, int], list[int]] = {}
    for r, relation in enumerate(relations):
        for name, i, _ in relation.terms:
            touching.setdefault((name, i), []).append(r)
    chosen = set()
    for start in weak:
        frontier, seen = [start], {start}
        while frontier:
            options = []
            for key in frontier:
                for r in touching.get(key, []):
                    for name, i, _ in relations[r].terms:
                        cells = tables[name]
                        if not cells.hidden[i] and cells.movable[i]:
                            options.append((cells.margin, cells.value[i], cells.target or name, i))
            if options:
                _, _, name, i = min(options)
                chosen.add((name, i))
                break
            frontier = [
                (name, i)
                for key in frontier
                for r in touching.get(key, [])
                for name, i, _ in relations[r].terms
                if (name, i) not in seen and tables[name].hidden[i]
            ]
            seen.update(frontier)
    return chosen
