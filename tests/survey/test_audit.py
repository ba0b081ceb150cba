"""Exact disclosure audit: no hidden count comes back from what is published (survey/_audit.py).

The bounds here are computed in the test itself with SciPy's HiGHS, from the published cells and
totals only, so a wrong audit in the code cannot vouch for itself.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import linprog

from survey import assess_survey
from survey._audit import RANGE_PERCENT, range_min
from survey._disclosure import CrossTable, control

from .conftest import responses

# Two blocks of four small cells (rows 1–2 × columns 1–2, rows 3–4 × columns 4–5) joined by one
# more small cell (row 1, column 4, five respondents): every row and column with a hidden cell
# hides at least two, so the line-by-line rule is content — yet the joining cell is
# (rows 1 + 2 − their shown cells) − (columns 1 + 2 − their shown cells), exactly 5.
BRIDGE = np.array(
    [
        [3, 4, 50, 5, 40],
        [6, 2, 45, 60, 55],
        [70, 80, 30, 7, 8],
        [65, 75, 35, 9, 6],
    ]
)


def bounds(n, hidden, why, min_n):
    """Return (low, high) of every hidden cell and total of a two-way table, as an intruder
    computes them: shown cells, shown row and column totals, the grand total (always shown),
    and the published reasons (small: ≤ min_n − 1; hidden to protect another: ≥ min_n)."""
    rows, columns = n.sum(axis=1), n.sum(axis=0)
    values = {**{("cell", *c): n[c] for c in np.ndindex(n.shape)}}
    values.update({("row", i): rows[i] for i in range(len(rows))})
    values.update({("column", j): columns[j] for j in range(len(columns))})
    blank = {("cell", *c): (hidden["grid"][c], why["grid"][c]) for c in np.ndindex(n.shape)}
    blank.update({("row", i): (hidden["rows"][i], why["rows"][i]) for i in range(len(rows))})
    blank.update(
        {("column", j): (hidden["columns"][j], why["columns"][j]) for j in range(len(columns))}
    )
    unknown = [k for k, (h, reason) in blank.items() if h and values[k] > 0]
    where = {k: i for i, k in enumerate(unknown)}
    lines = [[("row", i), *[("cell", i, j) for j in range(len(columns))]] for i in range(len(rows))]
    lines += [
        [("column", j), *[("cell", i, j) for i in range(len(rows))]] for j in range(len(columns))
    ]
    lines += [[None, *[("row", i) for i in range(len(rows))]]]
    lines += [[None, *[("column", j) for j in range(len(columns))]]]
    a_eq, b_eq = [], []
    for total, *parts in lines:
        row, rhs = np.zeros(len(unknown)), 0.0 if total is not None else -float(n.sum())
        for key, sign in [(total, -1.0), *((p, 1.0) for p in parts)]:
            if key is None:
                continue
            if key in where:
                row[where[key]] += sign
            else:
                rhs += sign * values[key]
        if row.any():
            a_eq.append(row)
            b_eq.append(-rhs)
    box = [
        (0, min_n - 1) if blank[k][1] == "small_n" else (min_n, None) for k in unknown
    ]  # fmt: skip
    out = {}
    for k, key in enumerate(unknown):
        ends = []
        for sign in (1, -1):
            objective = np.zeros(len(unknown))
            objective[k] = sign
            found = linprog(objective, A_eq=a_eq or None, b_eq=b_eq or None, bounds=box)
            assert found.status in (0, 3), found.message
            ends.append(np.inf if found.status == 3 else sign * found.fun)
        out[key] = (ends[0], ends[1], values[key])
    return out


def protect(n, min_n):
    """Return (hidden, reasons) of a two-way table with its row, column and grand totals."""
    margins = {"rows": n.sum(axis=1), "columns": n.sum(axis=0)}
    crosses = {"grid": CrossTable(n, "rows", "columns", np.zeros(n.shape, bool))}
    return control(margins, crosses, min_n)


def needed(value, min_n):
    """Return the protection width (survey/_audit.py) of a value hidden for its own count."""
    return max(range_min(min_n), np.ceil(RANGE_PERCENT * value))


def test_the_bridge_cell_of_a_four_by_five_table_is_protected():
    hidden, why = protect(BRIDGE, 10)
    assert hidden["grid"][BRIDGE < 10].all()
    found = bounds(BRIDGE, hidden, why, 10)
    assert len(found) > 9  # partners were added
    for key, (low, high, value) in found.items():
        if value < 10:
            assert high - low >= needed(value, 10), (key, low, high)
    # what the line rule alone leaves (nothing to add: no line hides one cell): the bridge
    # cell comes back exactly
    alone = {"grid": BRIDGE < 10, "rows": np.zeros(4, bool), "columns": np.zeros(5, bool)}
    reasons = {k: np.where(v, "small_n", "") for k, v in alone.items()}
    low, high, value = bounds(BRIDGE, alone, reasons, 10)[("cell", 0, 3)]
    assert low == high == value == 5


def test_a_protected_cell_needs_a_share_of_its_value():
    assert range_min(10) == 5 and range_min(3) == 2 and range_min(1) == 1
    assert 0 < RANGE_PERCENT < 1


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=st.integers(0, 40)),
    st.sampled_from([3, 5, 10]),
)
def test_no_hidden_cell_of_a_random_table_can_be_recovered(inner, min_n):
    # a large last row and column: room to protect any cell (a table without it may be pinned
    # by the county total itself, which is always published)
    n = np.pad(inner, ((0, 1), (0, 1)), constant_values=60)
    hidden, why = protect(n, min_n)
    assert hidden["grid"][(n > 0) & (n < min_n)].all()  # every small cell is hidden
    for key, (low, high, value) in bounds(n, hidden, why, min_n).items():
        if value < min_n:  # hidden for its own count: the protection width
            assert high - low >= needed(value, min_n) - 1e-6, (key, low, high, value)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=st.integers(0, 40)),
    st.sampled_from([3, 10]),
)
def test_any_table_settles_and_no_hidden_count_is_exact_unless_the_total_fixes_it(n, min_n):
    hidden, why = protect(n, min_n)
    assert hidden["grid"][(n > 0) & (n < min_n)].all()
    assert set(why["grid"][hidden["grid"]]) <= {"small_n", "secondary"}
    if n.sum() >= 4 * min_n * max(n.shape):  # room enough: no small count comes back exactly
        for key, (low, high, value) in bounds(n, hidden, why, min_n).items():
            assert high > low or value >= min_n, key


# ---------------------------------------------------------------- through the whole survey


def _mixed(rows: int, items: int = 4) -> np.ndarray:
    """Return answers alternating 满意 (0) and 不满意 (3): never 0 % or 100 % satisfied."""
    return np.tile([[0] * items, [3] * items], (rows // 2 + 1, 1))[:rows]


def test_a_hidden_groups_sums_do_not_come_back_through_its_item_cells(small_config):
    # students: 2 (under min_n = 3); parents 20, the smallest other group, are hidden beside
    # them; teachers (25) skip questions, so their item cells are the smaller partners in the
    # group × item columns. Then every parent item cell would be shown, their valid answers
    # (the n's added up) known, and the students' valid answers = all − parents − teachers.
    teacher_answers = _mixed(25)
    for i in range(25):
        for j in range(4):
            if (i + j) % 5 >= 3:
                teacher_answers[i, j] = -1
    answers = np.concatenate([_mixed(2), _mixed(20), teacher_answers])
    group = [0] * 2 + [1] * 20 + [2] * 25
    town = [0, 1] + [0, 1, 2] * 15
    config = dataclasses.replace(small_config, sensitivity=())
    result = assess_survey(responses(group, answers, town), config)
    by_group = result.by_group.set_index("group")
    assert by_group.loc[["student", "parent"], "suppressed"].all()
    sums = result.sums.set_index("group")
    assert sums.loc[["student", "parent"], "denominator"].isna().all()
    items = result.group_by_item
    parents = items[items.group == "parent"]
    assert parents.suppressed.any()  # else Σ n of the parents' items gives their answers back


def test_a_small_uniform_cell_is_hidden_and_says_no_more_than_a_secondary_one(small_config):
    group = [0] * 12 + [1] * 40 + [2] * 40
    answers = np.concatenate([np.zeros((12, 4), int), _mixed(40), _mixed(40)])
    town = [0, 1, 2] * 30 + [0, 1]
    config = dataclasses.replace(small_config, sensitivity=())
    result = assess_survey(responses(group, answers, town), config)
    students = result.by_group.set_index("group").loc["student"]
    assert students["suppressed"] and students["suppression"] == "secondary"
    assert result.by_group.suppressed.sum() == 2  # and a partner, as for any hidden group
    assert np.isnan(result.sums.set_index("group").loc["student", "numerator"])
    loose = dataclasses.replace(config.disclosure, min_n_uniform=12)  # 12 is enough here
    shown = assess_survey(
        responses(group, answers, town), dataclasses.replace(config, disclosure=loose)
    )
    assert shown.by_group.set_index("group").loc["student", "estimate"] == 1.0


def test_an_empty_county_only_cell_reads_county_only_not_empty(small_config):
    # teachers (county only) in one town: a blank that said "no respondents" in the other two
    # would put the whole county's teacher count in that one town
    group = [0] * 30 + [1] * 30 + [2] * 12
    town = [0, 1, 2] * 20 + [1] * 12
    answers = _mixed(72)
    config = dataclasses.replace(small_config, sensitivity=())
    result = assess_survey(responses(group, answers, town), config)
    teachers = result.group_by_town[result.group_by_town.group == "teacher"]
    assert teachers.suppressed.all() and set(teachers.suppression) == {"county_only"}
