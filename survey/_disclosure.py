"""Disclosure control (统计披露控制): which cells may be published (survey config `disclosure`).

- primary: a cell with fewer than `min_n` respondents is hidden;
- policy: principals, NPC deputies and CPPCC members are shown at county level only, so their
  rows in any table by town are hidden whatever their size (a town has a handful of each);
- secondary: a table whose row or column total is published must never hide exactly one cell of
  that row or column — the total and the siblings would give it back — so the smallest other
  published cell is hidden too, repeatedly until no row or column has a lone hidden cell;
- a total that cannot be protected that way (its line hides one cell and has no other to hide)
  is hidden itself, which starts the one-way table of those totals over, until nothing changes;
- a published cell whose Kish effective n is under `min_n_eff` is flagged, not hidden.
Hidden cells carry no estimate at all (NaN) in the results object, so nothing downstream can leak
them; the reason is kept so the page can say why a cell is blank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
    out[hidden & policy] = "county_only"
    out[n == 0] = "empty"
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
    questions, so group × question cells overlap within a row): such rows reveal nothing.
    """

    n: np.ndarray
    rows: str
    columns: str
    policy: np.ndarray
    rows_add_up: bool = True


def control(
    margins: dict[str, np.ndarray],
    crosses: dict[str, CrossTable],
    min_n: int,
    overlapping: frozenset[str] = frozenset(),
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Return (hidden cells, reasons) of every one-way (`margins`: counts) and two-way table.

    A one-way table sums to a published total (one row with its total) unless it is named in
    `overlapping` (cells that share respondents). A two-way line whose lone hidden cell cannot
    be paired forces its total to be hidden, and the pass starts again.
    """
    forced = {name: np.zeros(len(n), bool) for name, n in margins.items()}
    while True:
        hidden = {
            name: suppress(
                n[None, :],
                (n < min_n)[None, :] | forced[name][None, :],
                [name not in overlapping],
            )[0]
            for name, n in margins.items()
        }
        changed = False
        for name, cross in crosses.items():
            n, policy = cross.n, cross.policy
            counted = ~policy.all(axis=1)
            cells = policy & (n > 0)
            row_shown = ~hidden[cross.rows][counted] & cross.rows_add_up
            column_shown = ~hidden[cross.columns]
            cells[counted] = suppress(n[counted], n[counted] < min_n, row_shown, column_shown)
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
            break
    why = {
        name: reasons(n[None, :], np.zeros((1, len(n)), bool), min_n, hidden[name][None, :])[0]
        for name, n in margins.items()
    }
    for name, cross in crosses.items():
        why[name] = reasons(cross.n, cross.policy & (cross.n > 0), min_n, hidden[name])
    return hidden, why


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
