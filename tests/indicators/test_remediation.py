"""The overdue rule (indicators/_remediation.py): worked examples, then properties for any dates.

A measure is overdue when it is not completed and its deadline ended before its status date;
a deadline given as a month runs to the month's last day. Nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import PLAN_STATUSES, Plan, count_plans, is_overdue
from indicators._remediation import deadline_end
from loaders import load_schema


def plan(deadline: str, status: str, status_date: str) -> Plan:
    return Plan("R", "S001", "改造运动场", "区教委", deadline, status, status_date)


@pytest.mark.parametrize(
    "deadline, status, status_date, overdue",
    [
        # the reviewer's case: due 2025-12, still 已立项 on the package's date
        ("2025-12", "in_progress", "2026-11-28", True),
        ("2025-12", "not_started", "2026-11-28", True),
        ("2025-12", "completed", "2026-11-28", False),  # completed is never overdue
        ("2026-12", "in_progress", "2026-11-28", False),  # not yet due
        ("2026-11", "in_progress", "2026-11-28", False),  # the month is not over
        ("2026-11", "in_progress", "2026-11-30", False),  # its last day is still on time
        ("2026-11", "in_progress", "2026-12-01", True),
        ("2024-02", "in_progress", "2024-02-29", False),  # leap year
        ("2026-08-31", "in_progress", "2026-08-31", False),  # due that very day
        ("2026-08-31", "in_progress", "2026-09-01", True),
    ],
)
def test_overdue_worked_examples(deadline, status, status_date, overdue):
    assert is_overdue(deadline, status, status_date) is overdue
    assert plan(deadline, status, status_date).overdue is overdue
    assert plan(deadline, status, status_date).standing == ("overdue" if overdue else status)


def test_counts_add_up_and_name_the_latest_status_date():
    plans = [
        plan("2025-12", "completed", "2026-11-28"),
        plan("2025-12", "in_progress", "2026-11-28"),  # overdue
        plan("2026-08", "not_started", "2026-10-31"),  # overdue
        plan("2026-12", "in_progress", "2026-11-28"),
        plan("2027-08", "not_started", "2026-11-28"),
    ]
    counts = count_plans(plans)
    assert (counts.total, counts.completed, counts.open_on_time, counts.overdue) == (5, 1, 2, 2)
    assert counts.latest_status_date == "2026-11-28"
    assert count_plans([]).latest_status_date is None


def test_statuses_are_those_the_input_file_accepts():
    assert tuple(load_schema("remediation").column("status").choices) == PLAN_STATUSES


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def iso_deadline(day: date, month_only: bool) -> str:
    return day.strftime("%Y-%m") if month_only else day.isoformat()


@given(days, st.booleans(), days, st.sampled_from(PLAN_STATUSES))
def test_overdue_exactly_when_open_and_the_deadline_ended_before_the_status_date(
    due, month_only, status_day, status
):
    deadline = iso_deadline(due, month_only)
    expected = status != "completed" and deadline_end(deadline) < status_day
    assert is_overdue(deadline, status, status_day.isoformat()) is expected


@given(days, st.booleans(), days)
def test_completed_is_never_overdue(due, month_only, status_day):
    assert not is_overdue(iso_deadline(due, month_only), "completed", status_day.isoformat())


@given(
    days, st.booleans(), st.integers(min_value=0, max_value=3000), st.sampled_from(PLAN_STATUSES)
)
def test_a_deadline_on_or_after_the_status_date_is_never_overdue(due, month_only, gap, status):
    deadline = iso_deadline(due, month_only)
    status_day = due - timedelta(days=gap)  # on or before the deadline's day
    assert not is_overdue(deadline, status, status_day.isoformat())


@given(days, st.booleans())
def test_a_month_deadline_ends_on_its_last_day(due, month_only):
    end = deadline_end(iso_deadline(due, month_only))
    assert end >= due if month_only else end == due
    assert (end + timedelta(days=1)).month != end.month or not month_only
