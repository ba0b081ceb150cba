"""Students, classes and school sizes of the demonstration county's sections.

The drawn sizes hit the reference report's published totals exactly (students and classes by
level, schools over 2000 by G4 category, classes within the size limit, two tiny schools), so
the project's own calculations reproduce every published school-side figure.
"""

from __future__ import annotations

import math

import numpy as np

from demo import _targets as T
from demo._sections import Section


def _split_total(total: int, weights: np.ndarray) -> np.ndarray:
    """Return integers proportional to weights that add up to total (largest remainder)."""
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - out))[: total - out.sum()]:
        out[i] += 1
    return out


def _students(sections: list[Section], rng: np.random.Generator) -> dict[str, dict]:
    """Assign students: the published over-2000 counts by G4 category, one oversized 一贯制
    school, two tiny schools, and exact level totals.

    `plan[section_id]`: big (above 2000), small (under 100), g4 (the G4 category the section is
    built to fall in: within_exception, within_plan, over, or None).
    """
    plan: dict[str, dict] = {}
    # 一贯制 schools: the first one above 2500 in its compulsory grades, the others within 2400
    through = [s for s in sections if s.school_type in ("nine_year", "twelve_year")]
    fixed = {
        s.section_id: int(
            rng.integers(700, 1500) if s.level == "primary" else rng.integers(300, 850)
        )
        for s in through
    }
    fixed[through[0].section_id] = int(rng.integers(1800, 1950))
    fixed[through[1].section_id] = int(rng.integers(750, 900))
    for level in ("primary", "junior"):
        group = [s for s in sections if s.level == level and s.school_type != "special"]
        standalone = [s for s in group if s.school_type == level]
        big = rng.choice(len(standalone), T.OVERSIZED[level], replace=False)
        categories = [c for c, n in T.G4_CATEGORIES[level].items() for _ in range(n)]
        g4 = {standalone[i].section_id: c for i, c in zip(big, categories, strict=True)}
        small_ids = set()
        if level == "primary":
            rest = [s for s in standalone if s.section_id not in g4]
            small_ids = {
                rest[i].section_id for i in rng.choice(len(rest), T.SMALL_SCHOOLS, replace=False)
            }
        sizes = {sid: n for sid, n in fixed.items() if sid in {s.section_id for s in group}}
        for s in group:
            if g4.get(s.section_id) == "within_exception":
                sizes[s.section_id] = int(rng.integers(2050, 2400))
            elif s.section_id in g4:
                sizes[s.section_id] = int(rng.integers(2050, 2700))
            elif s.section_id in small_ids:
                sizes[s.section_id] = int(rng.integers(55, 98))
        others = [s for s in group if s.section_id not in sizes]
        remaining = T.STUDENTS[level] - sum(sizes.values())
        weights = rng.lognormal(0.0, 0.45, len(others))
        split = _split_total(remaining, weights)
        # keep ordinary sections between 150 and 1990 students by moving surplus around
        for _ in range(1000):
            high, low = np.argmax(split), np.argmin(split)
            if split[high] <= 1990 and split[low] >= 150:
                break
            move = max(split[high] - 1990, 150 - split[low], 0)
            split[high] -= move
            split[low] += move
        for s, n in zip(others, split, strict=True):
            sizes[s.section_id] = int(n)
        for s in group:
            s.students = sizes[s.section_id]
            plan[s.section_id] = {
                "big": s.section_id in g4,
                "small": s.section_id in small_ids,
                "g4": g4.get(s.section_id),
            }
    for s in through[:2]:
        plan[s.section_id]["g4"] = "over"  # the one 一贯制 school above 2500, built after 2010
    for s in sections:
        if s.school_type == "special":  # out of scope: not part of the published level totals
            s.students = T.SPECIAL_SCHOOL_STUDENTS
            plan[s.section_id] = {"big": False, "small": False, "g4": None}
    return plan


def _year_built(built_old: bool, g4: str | None, rng: np.random.Generator) -> int:
    """Return a build year: the G4 exception needs ≤ 2010; other oversized schools are newer."""
    if g4 == "within_exception":
        return int(rng.integers(1985, 2011))
    if g4 is not None:
        return int(rng.integers(2011, 2017) if built_old else rng.integers(2017, 2025))
    return int(rng.integers(1985, 2017) if built_old else rng.integers(2017, 2025))


def _planned(students: int, g4: str | None, rng: np.random.Generator) -> int:
    """Return the planned size: below the enrolment for schools that outgrew their plan."""
    if g4 == "over":
        return int(math.floor(students / 100) * 100 - rng.integers(1, 4) * 100)
    return int(math.ceil(students / 100) * 100 + rng.integers(0, 4) * 100)


def _class_sizes(
    n: int, classes: int, within: int, limit: int, rng: np.random.Generator
) -> list[int]:
    """Return `classes` sizes adding to n with exactly `within` of them ≤ limit (when feasible)."""
    if classes == 1:
        return [n]
    sizes = _split_total(n, rng.uniform(0.9, 1.1, classes)).tolist()
    order = sorted(range(classes), key=lambda i: sizes[i])
    # move students from the larger classes into the smaller ones until `within` are ≤ limit
    for _ in range(20 * n):
        count = sum(x <= limit for x in sizes)
        if count == within:
            break
        order = sorted(range(classes), key=lambda i: sizes[i])
        if count < within:  # make one more class fit: shrink the smallest oversized class
            donor = next(i for i in order if sizes[i] > limit)
            sizes[donor] -= 1
            receiver = order[-1] if order[-1] != donor else order[-2]
            sizes[receiver] += 1
        else:  # make one fewer fit: grow the largest class within the limit
            grow = [i for i in order if sizes[i] <= limit][-1]
            sizes[grow] += 1
            sizes[order[0] if order[0] != grow else order[1]] -= 1
    return sizes
