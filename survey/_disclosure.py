"""Disclosure control (统计披露控制): which cells may be published (survey.md, `disclosure`).

- primary: a cell with fewer than `min_n` respondents is hidden;
- policy: principals, NPC deputies and CPPCC members are shown at county level only, so their
  rows in any table by town are hidden whatever their size (a town has a handful of each);
- secondary: a table whose row or column total is published must never hide exactly one cell of
  that row or column — the total and the siblings would give it back — so the smallest other
  published cell is hidden too, repeatedly until no row or column has a lone hidden cell;
- a published cell whose Kish effective n is under `min_n_eff` is flagged, not hidden.
Hidden cells carry no estimate at all (NaN) in the results object, so nothing downstream can leak
them; the reason is kept so the page can say why a cell is blank.
"""

from __future__ import annotations

import numpy as np

REASONS = ("", "empty", "county_only", "small_n", "secondary")


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
