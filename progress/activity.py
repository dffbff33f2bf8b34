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
    cells: list[HeatCell]
    months: list[tuple[int, str]]  # (week column, label) where a month starts
    by_month: list[tuple[str, int, int]]  # (label, progress days, changes), oldest first: the text equivalent

    @property
    def active_days(self) -> int:
        return sum(1 for cell in self.cells if cell.count)

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
    cells, months, by_month = [], [], {}
    day = start
    while day <= today:
        week = (day - start).days // 7
        count = day_counts.get(day, 0)
        cells.append(HeatCell(day=day, count=count, week=week, weekday=day.weekday()))
        label = day.strftime("%b %Y")
        if day.day == 1 or (day == start and day.day <= 21):
            months.append((week, day.strftime("%b")))
        days_active, changes = by_month.get(label, (0, 0))
        by_month[label] = (days_active + (1 if count else 0), changes + count)
        day += timedelta(days=1)
    return Heatmap(cells=cells, months=months, by_month=[(label, *values) for label, values in by_month.items()])
