"""Disclosure control (统计披露控制): which cells may be published (survey config `disclosure`).

- primary: a cell with fewer than `min_n` respondents is hidden;
- policy: principals, NPC deputies and CPPCC members are shown at county level only, so their
  rows in any table by town are hidden whatever their size (a town has a handful of each);
- secondary: a table whose row or column total is published must never hide exactly one cell of
  that row or column — the total and the siblings would give it back — so the smallest other
  published cell is hidden too, repeatedly until no row or column has a lone hidden cell;
- a total that cannot be protected that way (its line hides one cell and has no other to hide)
  is hidden itself, which starts the one-way table of those totals over, until nothing changes;
- exact audit: that line rule is necessary, not sufficient (a hidden cell can still be the
  difference of sums of totals), so every hidden value is then bounded by linear programming
  over everything published, and cells are added until each range is wide enough (`_audit`);
- attribute disclosure: a cell of fewer than `min_n_uniform` respondents whose valid answers
  all fall on one side (0 % or 100 % satisfied) would tell each member's answers; it is hidden
  for its own sake (`primary`) and its reason reads like any other protective blank, since
  "uniform" would itself say half of it;
- a published cell whose Kish effective n is under `min_n_eff` is flagged, not hidden.
Hidden cells carry no estimate at all (NaN) in the results object, so nothing downstream can leak
them; the reason is kept so the page can say why a cell is blank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from survey._audit import (
    RANGE_PERCENT,
    Cells,
    Relation,
    feasible_ranges,
    known,
    partners,
    range_min,
    weak_cells,
)

REASONS = ("", "empty", "county_only", "small_n", "secondary", "no_valid_answers")


def suppress(
    n: np.ndarray,
    primary: np.ndarray,
    row_totals: np.ndarray | None = None,
    column_totals: np.ndarray | None = None,
) -> np.ndarray:
    """Return the hidden cells of a (rows × columns) table after secondary suppression.

    `n`: respondents per cell; `primary`: cells hidden for their own sake; `row_totals` /
    `column_totals`: which rows' / columns' totals are published (default: all). Cells with
    n = 0 hold nothing and never count as hidden.
    """
    n = np.asarray(n, dtype=np.float64)
    hidden = np.asarray(primary, dtype=bool) & (n > 0)
    rows = np.ones(n.shape[0], bool) if row_totals is None else np.asarray(row_totals, bool)
    columns = (
        np.ones(n.shape[1], bool) if column_totals is None else np.asarray(column_totals, bool)
    )
    changed = True
    while changed:
        changed = False
        for axis, published in ((1, rows), (0, columns)):
            lone = (hidden.sum(axis=axis) == 1) & published
            for line in np.flatnonzero(lone):
                cells = n[line] if axis == 1 else n[:, line]
                shown = ~(hidden[line] if axis == 1 else hidden[:, line]) & (cells > 0)
                if not shown.any():
                    continue
                pick = np.flatnonzero(shown)[np.argmin(cells[shown])]
                if axis == 1:
                    hidden[line, pick] = True
                else:
                    hidden[pick, line] = True
                changed = True
    return hidden


def reasons(n: np.ndarray, policy: np.ndarray, min_n: int, hidden: np.ndarray) -> np.ndarray:
    """Return why each cell is blank: empty, county_only, small_n, secondary, or ''."""
    out = np.full(n.shape, "", dtype=object)
    out[hidden] = "secondary"
    out[hidden & (n < min_n)] = "small_n"
    out[n == 0] = "empty"
    out[policy] = "county_only"  # even when empty: a blank that says 0 would tell the town
    return out


def no_valid_answers(why: np.ndarray, present: np.ndarray, policy: np.ndarray, rules) -> np.ndarray:
    """Return the reasons with "empty" told apart from "no valid answers".

    A cell without a valid answer may still have respondents: all answered 不了解 or left the
    question blank. It reads 无有效回答, not 无受访者 — unless it has fewer than `min_n`
    respondents, which it then says instead (telling that one person did not know would
    publish that person's answer); a cell under the county-only policy keeps that reason.
    """
    out = why.copy()
    empty = (why == "empty") & (present > 0)
    out[empty & policy] = "county_only"
    out[empty & ~policy & (present < rules.min_n)] = "small_n"
    out[empty & ~policy & (present >= rules.min_n)] = "no_valid_answers"
    return out


def lone_lines(n: np.ndarray, hidden: np.ndarray, rows: np.ndarray, columns: np.ndarray):
    """Return the rows and columns whose total is published and that hide one non-empty cell:
    their total minus the shown cells gives the hidden cell back."""
    held = hidden & (n > 0)
    return (held.sum(axis=1) == 1) & rows, (held.sum(axis=0) == 1) & columns


@dataclass(frozen=True)
class CrossTable:
    """A two-way table to protect: cell counts, the one-way tables holding its row and column
    totals, and the cells hidden by policy (rows under policy count in no column total).

    `rows_add_up`: False when a row's cells do not sum to its total (a respondent answers many
    questions, so group × question cells overlap within a row): such a row's total only bounds
    them (each cell ≤ the total ≤ their sum).
    """

    n: np.ndarray
    rows: str
    columns: str
    policy: np.ndarray
    rows_add_up: bool = True


Linked = Callable[[dict[str, np.ndarray]], tuple[dict[str, Cells], list[Relation]]]


def _greedy(margins, crosses, min_n, overlapping, extra) -> dict[str, np.ndarray]:
    """Return the hidden cells after the line-by-line rule (a lone hidden cell gets a partner;
    a total that cannot be protected that way is hidden, and the pass starts again)."""
    forced = {name: np.zeros(len(n), bool) for name, n in margins.items()}
    while True:
        hidden = {
            name: suppress(
                n[None, :],
                ((n < min_n) | forced[name] | extra[name])[None, :],
                [name not in overlapping],
            )[0]
            for name, n in margins.items()
        }
        changed = False
        for name, cross in crosses.items():
            n, policy = cross.n, cross.policy
            counted = ~policy.all(axis=1)
            cells = policy.copy()  # a policy cell is blank even when empty: 0 would be news
            row_shown = ~hidden[cross.rows][counted] & cross.rows_add_up
            column_shown = ~hidden[cross.columns]
            primary = (n < min_n) | extra[name]
            cells[counted] = suppress(n[counted], primary[counted], row_shown, column_shown)
            hidden[name] = cells
            rows, columns = lone_lines(n[counted], cells[counted], row_shown, column_shown)
            for table, lines in (
                (cross.rows, np.flatnonzero(counted)[rows]),
                (cross.columns, np.flatnonzero(columns)),
            ):
                if len(lines) and not forced[table][lines].all():
                    forced[table][lines] = True
                    changed = True
        if not changed:
            return hidden


def _cells(n, hidden, why, sensitive, min_n, movable, margin) -> Cells:
    """Return a table as the audit sees it: reasons bound the hidden values (module doc).

    Only a cell hidden for its own count (fewer than min_n, or the county-only policy) needs a
    range (`_audit`); a cell hidden to protect another holds a count publishable on its own,
    and a cell hidden for uniform answers protects its share, not its n (which the totals
    give anyway when everyone answered every question).
    """
    n, hidden, why = n.ravel().astype(float), hidden.ravel(), why.ravel()
    hidden = hidden & ((n > 0) | (why == "county_only"))  # an empty cell shows its 0
    lower = np.where(why == "secondary", float(min_n), 0.0)
    upper = np.where(why == "small_n", float(min_n - 1), np.inf)
    wide = np.maximum(range_min(min_n), np.ceil(RANGE_PERCENT * n))
    width = np.where(sensitive.ravel() & (n > 0), wide, 0.0)
    return Cells(n, hidden, lower, upper, width, movable.ravel() & ~hidden & (n > 0), True, margin)


def _model(margins, crosses, min_n, overlapping, hidden, why, sensitive):
    """Return the audit's tables and relations: each one-way table with its total, each
    two-way table's rows and columns with theirs (module doc of `_audit`)."""
    tables: dict[str, Cells] = {}
    relations: list[Relation] = []
    for name, n in margins.items():
        everywhere = np.ones(len(n), bool)
        tables[name] = _cells(n, hidden[name], why[name], sensitive[name], min_n, everywhere, True)
        if name not in overlapping:
            tables[f"{name}:total"] = known(n.sum())
            terms = [(name, i, 1.0) for i in range(len(n))] + [(f"{name}:total", 0, -1.0)]
            relations.append(Relation(tuple(terms)))
    for name, cross in crosses.items():
        n, (rows, columns) = cross.n, cross.n.shape
        tables[name] = _cells(
            n, hidden[name], why[name], sensitive[name], min_n, ~cross.policy, False
        )
        counted = ~cross.policy.all(axis=1)
        for i in range(rows):
            cells = [(name, i * columns + j, 1.0) for j in range(columns)]
            if cross.rows_add_up:
                relations.append(Relation((*cells, (cross.rows, i, -1.0))))
                continue
            relations.append(
                Relation(((cross.rows, i, 1.0), *((c, k, -1.0) for c, k, _ in cells)), False)
            )
            relations.extend(
                Relation(((c, k, 1.0), (cross.rows, i, -1.0)), False) for c, k, _ in cells
            )
        for j in range(columns):
            cells = [(name, i * columns + j, 1.0) for i in np.flatnonzero(counted)]
            relations.append(Relation((*cells, (cross.columns, j, -1.0))))
    return tables, relations


def control(
    margins: dict[str, np.ndarray],
    crosses: dict[str, CrossTable],
    min_n: int,
    overlapping: frozenset[str] = frozenset(),
    primary: dict[str, np.ndarray] | None = None,
    linked: Linked | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Return (hidden cells, reasons) of every one-way (`margins`: counts) and two-way table.

    A one-way table sums to a published total (one row with its total) unless it is named in
    `overlapping` (cells that share respondents). `primary`: cells to hide for their own sake
    besides those under `min_n` (uniform answers). The line-by-line rule comes first; then the
    exact audit (`_audit`) bounds every hidden value by all that is published — with `linked`
    adding the tables that depend on these (the sums by group) — and hides the smallest related
    cell beside any value whose range is too narrow, until none is.
    """
    names = [*margins, *crosses]
    shapes = {
        **{k: v.shape for k, v in margins.items()},
        **{k: c.n.shape for k, c in crosses.items()},
    }
    primary = {
        name: np.zeros(shapes[name], bool) | (primary or {}).get(name, False) for name in names
    }
    added = {name: np.zeros(shapes[name], bool) for name in names}
    for _ in range(sum(int(np.prod(s)) for s in shapes.values()) + 1):
        hidden = _greedy(
            margins, crosses, min_n, overlapping, {k: primary[k] | added[k] for k in names}
        )
        why = _reasons(margins, crosses, min_n, hidden)
        sensitive = {
            **{k: n < min_n for k, n in margins.items()},
            **{k: (c.n < min_n) | c.policy for k, c in crosses.items()},
        }
        tables, relations = _model(margins, crosses, min_n, overlapping, hidden, why, sensitive)
        if linked is not None:
            more, links = linked(hidden, primary)
            tables, relations = {**tables, **more}, relations + links
        weak = weak_cells(tables, feasible_ranges(tables, relations))
        if not weak:
            return hidden, why
        more = partners(tables, relations, weak)
        if not more:  # what is left is fixed by totals that are always published
            return hidden, why
        for name, i in more:
            added[name].reshape(-1)[i] = True
    raise RuntimeError("disclosure control did not settle")  # each round hides one more cell


def _reasons(margins, crosses, min_n, hidden) -> dict[str, np.ndarray]:
    why = {
        name: reasons(n[None, :], np.zeros((1, len(n)), bool), min_n, hidden[name][None, :])[0]
        for name, n in margins.items()
    }
    for name, cross in crosses.items():
        why[name] = reasons(cross.n, cross.policy, min_n, hidden[name])
    return why


# Published precision of the breakdowns (decimal places of a fraction): 0.1 percentage point, what
# the page shows. Full precision together with n and the 不了解 share would give each cell's exact
# answer counts, and from those narrow bounds on the cells hidden to protect others.
PUBLISHED_PLACES = {
    "estimate": 3,
    "se": 5,
    "ci_low": 3,
    "ci_high": 3,
    "n_eff": 1,
    "dont_know_share": 3,
}


def rounded_for_publication(frame):
    """Return a breakdown table with its shares rounded to the published precision."""
    return frame.round({k: v for k, v in PUBLISHED_PLACES.items() if k in frame.columns})
