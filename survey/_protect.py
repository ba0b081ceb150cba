"""What the survey adds to disclosure control: the uniform-answer rule and the sums' links.

Both feed `_disclosure.control`. Uniform cells are hidden for their own sake (attribute
disclosure: in a small cell where every valid answer is satisfied, or none is, knowing that a
person is in the cell tells how they answered). The sums table (Σ w a, Σ w b per group, and for
all) is published beside the group table and hidden with it, so the audit bounds a hidden
group's sums as it bounds its n: the `all` row minus the shown groups leaves only the hidden
groups' total, and under unit weights a group's valid answers are its item cells' n added up.
"""

from __future__ import annotations

import numpy as np

from loaders import DisclosureRules, SurveyConfig
from survey._audit import Cells, Relation, known, range_min
from survey._score import Estimates

UNIT_WEIGHTS = ("none", "group_weights")  # the sums are plain counts under these


def uniform_cells(values: Estimates, rules: DisclosureRules) -> np.ndarray:
    """Return the cells of min_n … min_n_uniform − 1 respondents at exactly 0 % or 100 %."""
    n = np.asarray(values.n, dtype=np.float64)
    share = np.asarray(values.estimate, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        extreme = np.isclose(share, 0.0, atol=1e-12) | np.isclose(share, 1.0, atol=1e-12)
    return (n >= rules.min_n) & (n < rules.min_n_uniform) & extreme


def _sums_cells(value: np.ndarray, hidden: np.ndarray, width: np.ndarray, integer: bool) -> Cells:
    hidden = hidden & (value > 0)
    return Cells(
        value=value.astype(np.float64),
        hidden=hidden,
        lower=np.zeros(len(value)),
        upper=np.full(len(value), np.inf),
        width=width,
        movable=~hidden & (value > 0),
        integer=integer,
        margin=True,
        target="by_group",
    )


def sums_link(groups: Estimates, overall: Estimates, config: SurveyConfig):
    """Return the `linked` argument of `control`: the sums table's values and relations.

    Per hidden group its numerator and denominator are unknowns; their totals are the `all`
    row; a numerator is at most the best answer's points per valid answer; under unit weights
    a group's valid answers are the sum of its group × item cells' n. The sums of a group
    hidden for its own sake (too few respondents, uniform answers) need the smallest range;
    those of a group hidden to protect another, none (as its n).
    """
    items = len(config.items)
    unit = config.weighting in UNIT_WEIGHTS
    top = 1.0 if config.method == "rate" else max(o.score or 0.0 for o in config.options)
    rules = config.disclosure
    count = len(config.groups)

    def linked(hidden: dict[str, np.ndarray], primary: dict[str, np.ndarray]):
        blank = np.asarray(hidden["by_group"], bool) | (groups.n == 0)
        own = (groups.n < rules.min_n) | primary["by_group"]
        width = np.where(own, float(range_min(rules.min_n)), 0.0)
        tables = {
            "sums:numerator": _sums_cells(groups.numerator, blank, width, unit and top == 1.0),
            "sums:denominator": _sums_cells(groups.denominator, blank, width, unit),
            "sums:all": known([overall.numerator[0], overall.denominator[0]]),
        }
        relations = []
        for column, name in enumerate(("sums:numerator", "sums:denominator")):
            terms = [(name, g, 1.0) for g in range(count)]
            relations.append(Relation((*terms, ("sums:all", column, -1.0))))
        for g in range(count):
            relations.append(
                Relation((("sums:numerator", g, 1.0), ("sums:denominator", g, -top)), equal=False)
            )
            if unit:
                cells = [("group_by_item", g * items + j, -1.0) for j in range(items)]
                relations.append(Relation((("sums:denominator", g, 1.0), *cells)))
        return tables, relations

    return linked
