"""Streaks and the year-long activity heatmap, with its SVG geometry: pure functions of progress days.

A progress day is a day, in the learner's time zone, on which they started or finished an item.
"""

from dataclasses import dataclass
from datetime import date, timedelta

HEATMAP_WEEKS = 53
# Heatmap geometry in SVG units: a 13-unit step per day, room on the left for weekday labels and on top for months.
HEATMAP_STEP, HEATMAP_LEFT, HEATMAP_TOP = 13, 30, 16


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive progress days; today without progress yet does not break a streak."""
    longest = run = 0
    previous = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in days else today - timedelta(days=1)
    while day in days:
        current += 1
        day -= timedelta(days=1)
    return current, longest


@dataclass
class HeatCell:
    day: date
    count: int
    week: int
    weekday: int

    @property
    def x(self) -> int:
        return HEATMAP_LEFT + self.week * HEATMAP_STEP

    @property
    def y(self) -> int:
        return HEATMAP_TOP + self.weekday * HEATMAP_STEP

    @property
    def level(self) -> int:
        if self.count == 0:
            return 0
        return 1 if self.count == 1 else 2 if self.count <= 3 else 3 if self.count <= 6 else 4


@dataclass
class Heatmap:
    """The past year: full weeks from `start` (a Monday), then the current week up to `today`. Only the days with
    progress are cells; the others are the empty grid."""

    start: date
    today: date
    active: list[HeatCell]  # the days with progress, oldest first
    months: list[tuple[int, str]]  # (week column, label) where a month starts
    by_month: list[tuple[str, int, int]]  # (label, progress days, changes), oldest first: the text equivalent

    @property
    def active_days(self) -> int:
        return len(self.active)

    @property
    def full_weeks(self) -> int:
        return (self.today - self.start).days // 7

    @property
    def days_this_week(self) -> int:
        return self.today.weekday() + 1

    @property
    def month_labels(self) -> list[tuple[int, str]]:
        """(x, label) for the month names along the top."""
        return [(HEATMAP_LEFT + week * HEATMAP_STEP, label) for week, label in self.months]

    @property
    def width(self) -> int:
        return HEATMAP_LEFT + HEATMAP_WEEKS * HEATMAP_STEP


def heatmap(day_counts: dict[date, int], today: date) -> Heatmap:
    """The past year as weeks (columns, Monday first) of days (rows), ending with the current week."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=HEATMAP_WEEKS - 1)
    active = [
        HeatCell(day=day, count=count, week=(day - start).days // 7, weekday=day.weekday())
        for day, count in sorted(day_counts.items())
        if start <= day <= today and count
    ]
    months = [(0, start.strftime("%b"))] if start.day <= 21 else []
    by_month: dict[tuple[int, int], list[int]] = {}
    month = start.replace(day=1)
    while month <= today:
        by_month[month.year, month.month] = [0, 0]
        if month > start:
            months.append(((month - start).days // 7, month.strftime("%b")))
        month = (month + timedelta(days=31)).replace(day=1)
    for cell in active:
        totals = by_month[cell.day.year, cell.day.month]
        totals[0] += 1
        totals[1] += cell.count
    return Heatmap(
        start=start,
        today=today,
        active=active,
        months=months,
        by_month=[(date(year, number, 1).strftime("%b %Y"), *totals) for (year, number), totals in by_month.items()],
    )
