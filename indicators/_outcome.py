"""What one indicator's calculation yields: named figures, thresholds and a computed status."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# computed: from the data by the rules; `qualitative` indicators cannot be computed
COMPUTED_STATUSES = ("met", "not_met", "not_applicable", "no_data", "qualitative")
# declared: the four conclusions a self-evaluation may state: 达标, 化解后达标, 综合评定达标, 不达标
DECLARED_STATUSES = ("met", "met_after_remediation", "met_by_judgement", "not_met")
UNITS = ("count", "share", "yuan", "m2", "ratio", "pp", "level")


@dataclass(frozen=True)
class Figure:
    """One named number of an indicator, e.g. `g11_rotated_share` = 0.131 (unit `share`).

    `key` names its label (publish/labels.yaml `figure.<key>`, or a county measure code);
    `op` is set on thresholds: the comparison a value must satisfy (">=", "<=", "<").
    A share is a fraction (0.131), formatted as a percentage only when published.
    """

    key: str
    value: float | None
    unit: str
    op: str | None = None


@dataclass(frozen=True)
class Unit:
    """One failing unit (a section, school, class or CV) described for staff, in both languages.

    Why words and not ids: a declaration error must say which classes or schools fail, so staff
    can write the plan without a built site. `sections`: the sections a remediation plan may
    name to cover this unit (学部编号); empty for a county-level shortfall.
    """

    zh: str
    en: str
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Computed:
    """The computed side of one indicator.

    `failing`: the units that fail it (sections, schools or classes; columns documented by the
    indicator's function), or an empty frame; `detail`: further units worth showing, such as the
    schools above a size limit that an exception covers; `note`: the key of a caveat on what the
    status could check (publish/labels.yaml `computed_note.<note>`), e.g. Q9 judged on its
    between-school part only because the level grades were not published. `units`: the
    failing units in words (see Unit), for declaration errors and plan coverage.
    """

    status: str
    values: tuple[Figure, ...] = ()
    thresholds: tuple[Figure, ...] = ()
    failing: pd.DataFrame = field(default_factory=pd.DataFrame)
    detail: pd.DataFrame = field(default_factory=pd.DataFrame)
    note: str | None = None
    units: tuple[Unit, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in COMPUTED_STATUSES:
            raise ValueError(f"unknown computed status {self.status!r}")


def share(part: float | None, whole: float | None) -> float | None:
    """Return part / whole, or None when either is missing or the whole is zero."""
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


def status_of(*checks: bool | None) -> str:
    """Return met when every check holds, not_met when one fails, no_data when one is unknown."""
    if any(c is False for c in checks):
        return "not_met"
    if any(c is None for c in checks):
        return "no_data"
    return "met"


def at_least(value: float | None, threshold: float) -> bool | None:
    """Return value ≥ threshold, or None for a missing value (以上 / 不低于 / 达到)."""
    return None if value is None else value >= threshold
