"""When the learner will be ready: at their own hours per week and at the pace they have shown. Pure functions."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PACE_WINDOW_DAYS = 28


@dataclass
class Forecast:
    hours_left: int
    skipped_hours: int
    hours_per_week: int | None
    recent_done_hours: int
    target_date: date | None
    today: date

    @property
    def planned_finish(self) -> date | None:
        """The date the hours left give at the learner's own hours per week."""
        if not self.hours_per_week:
            return None
        return self.today + timedelta(days=math.ceil(self.hours_left * 7 / self.hours_per_week))

    @property
    def observed_hours_per_week(self) -> float:
        """Hours of items finished in the last four weeks, per week."""
        return self.recent_done_hours * 7 / PACE_WINDOW_DAYS

    @property
    def observed_finish(self) -> date | None:
        if not self.recent_done_hours:
            return None
        return self.today + timedelta(days=math.ceil(self.hours_left * PACE_WINDOW_DAYS / self.recent_done_hours))

    @property
    def expected_finish(self) -> date | None:
        """The observed pace when there is one (it is real), else the planned hours."""
        return self.observed_finish or self.planned_finish

    @property
    def verdict(self) -> str:
        """ready, no_target, past, on_track, behind, or unknown (no pace and no hours per week)."""
        if self.hours_left == 0:
            return "ready"
        if self.target_date is None:
            return "no_target"
        if self.target_date < self.today:
            return "past"
        if self.expected_finish is None:
            return "unknown"
        return "on_track" if self.expected_finish <= self.target_date else "behind"


def recent_done_hours(finished: list[tuple[datetime, int]], *, today: date, to_local_date) -> int:
    """Hours of the items finished in the pace window: the last 28 whole local days, today included.

    `finished` holds (completed at, estimated hours) pairs; `to_local_date` turns a moment into the learner's date,
    so the result depends on the date only, never on the hour the page is drawn.
    """
    first_day = today - timedelta(days=PACE_WINDOW_DAYS - 1)
    return sum(hours for completed_at, hours in finished if to_local_date(completed_at) >= first_day)
