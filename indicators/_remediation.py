"""Remediation measures (化解方案): what, who, by when, how far as of when, and which are overdue.

A measure is overdue (逾期) when its deadline ended before the date its progress was recorded
(状态更新日期) and it is not completed. Why the status date and not the build date: the page
reports what the county's data say on the day they say it. A build run later from the same
package must not mark more measures overdue, and a reader must not take an old progress note
for today's news: the date shown beside each note says how old it is.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

# 进展状态, in the order a measure moves through them
PLAN_STATUSES = ("not_started", "in_progress", "completed")
# what a reader is told about a measure: its status, or overdue if it ran past its deadline
PLAN_STANDINGS = ("completed", "in_progress", "not_started", "overdue")


def deadline_end(deadline: str) -> date:
    """Return the last day a deadline allows: YYYY-MM-DD itself, or the month's last day.

    Why the month's end: 完成时限 2025-12 means "within December 2025", so a measure is not
    late until the month is over.
    """
    parts = [int(p) for p in deadline.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts
    return date(year, month, calendar.monthrange(year, month)[1])


def is_overdue(deadline: str, status: str, status_date: str) -> bool:
    """Return True when a measure not completed had passed its deadline on its status date."""
    if status == "completed":
        return False
    return deadline_end(deadline) < date.fromisoformat(status_date)


@dataclass(frozen=True)
class Plan:
    """One remediation measure: what, who, by when, how far; English twins where given.

    `deadline`: ISO year-month or year-month-day; `status`: one of PLAN_STATUSES;
    `status_date`: ISO date on which `status` and `progress` were true (状态更新日期).
    """

    indicator: str
    section_id: str | None
    measures: str
    responsible: str
    deadline: str
    status: str
    status_date: str
    progress: str | None = None
    measures_en: str | None = None
    responsible_en: str | None = None
    progress_en: str | None = None

    @property
    def overdue(self) -> bool:
        """True when the deadline had passed on the status date and the measure is not done."""
        return is_overdue(self.deadline, self.status, self.status_date)

    @property
    def standing(self) -> str:
        """Return one of PLAN_STANDINGS: overdue wins over the status a late measure declares."""
        return "overdue" if self.overdue else self.status


@dataclass(frozen=True)
class PlanCounts:
    """How many measures stand where, as of their status dates.

    `open_on_time`: not completed and not overdue (not started or in progress, deadline not yet
    passed); completed + open_on_time + overdue = total. `latest_status_date`: the most recent
    status date (ISO), None when there are no measures.
    """

    total: int
    completed: int
    open_on_time: int
    overdue: int
    latest_status_date: str | None


def count_plans(plans: Iterable[Plan]) -> PlanCounts:
    """Return the counts of completed, open and overdue measures."""
    plans = list(plans)
    standings = [p.standing for p in plans]
    return PlanCounts(
        total=len(plans),
        completed=standings.count("completed"),
        open_on_time=standings.count("in_progress") + standings.count("not_started"),
        overdue=standings.count("overdue"),
        latest_status_date=max((p.status_date for p in plans), default=None),
    )


def plans_from_table(remediation: pd.DataFrame) -> tuple[Plan, ...]:
    """Return the measures of a validated remediation table, in the file's order."""

    def text(record: pd.Series, key: str) -> str | None:
        value = record.get(key)
        return None if value is None or pd.isna(value) else str(value)

    return tuple(
        Plan(
            indicator=record["indicator"],
            section_id=text(record, "section_id"),
            measures=record["measures"],
            responsible=record["responsible"],
            deadline=record["deadline"],
            status=record["status"],
            status_date=record["status_date"],
            progress=text(record, "progress"),
            measures_en=text(record, "measures_en"),
            responsible_en=text(record, "responsible_en"),
            progress_en=text(record, "progress_en"),
        )
        for _, record in remediation.iterrows()
    )
