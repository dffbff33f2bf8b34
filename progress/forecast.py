"""When the learner will be ready, and whether that meets their target date: pure functions, stated on the page.

- Pace = estimated hours of the items finished *here* in the last 28 days, divided by 4 (hours per week). Items
  known before joining never count toward pace: they were not learned in these four weeks. An item marked done less
  than a day after it was started (a tick, not a week of study) counts only once it is shown: a passed check or a
  reviewed project (`paced`).
- Two forecasts of the finish date: at that pace, and at the hours per week the learner said.
- The verdict, given a target date: **not enough history** (fewer than 14 days since the first item finished here,
  or fewer than 3 items finished here: a new account is never told it is behind), else **on track** (both
  forecasts reach the target date), **at risk** (one does) or **behind** (neither). No target date: forecasts, no
  verdict. Nothing left to do: ready.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PACE_WINDOW_DAYS = 28
RUSHED = timedelta(days=1)  # done this soon after it was started, an item counts toward pace only once shown
MIN_HISTORY_DAYS = 14
MIN_FINISHED_HERE = 3

READY, NO_TARGET, NOT_ENOUGH_HISTORY = "ready", "no_target", "not_enough_history"
ON_TRACK, AT_RISK, BEHIND = "on_track", "at_risk", "behind"
# The verdicts in a few words, for tables that show many learners' (the mentor's cohort).
VERDICT_WORDS = {
    READY: "ready", NO_TARGET: "no target date", NOT_ENOUGH_HISTORY: "too early to tell",
    ON_TRACK: "on track", AT_RISK: "at risk", BEHIND: "behind",
}  # fmt: skip


@dataclass
class Forecast:
    hours_left: int
    skipped_hours: int
    hours_per_week: int | None
    recent_done_hours: int  # hours of items finished here in the pace window
    finished_here: int  # items finished here, ever
    first_finished_here: date | None
    target_date: date | None
    today: date

    @property
    def pace_hours_per_week(self) -> float:
        return self.recent_done_hours * 7 / PACE_WINDOW_DAYS

    @property
    def pace_finish(self) -> date | None:
        """The finish date at the pace shown in the last four weeks; None when nothing was finished in them."""
        if not self.recent_done_hours:
            return None
        return self.today + timedelta(days=math.ceil(self.hours_left * PACE_WINDOW_DAYS / self.recent_done_hours))

    @property
    def planned_finish(self) -> date | None:
        """The finish date at the learner's own hours per week; None when they gave none."""
        if not self.hours_per_week:
            return None
        return self.today + timedelta(days=math.ceil(self.hours_left * 7 / self.hours_per_week))

    @property
    def history_days(self) -> int:
        return (self.today - self.first_finished_here).days if self.first_finished_here else 0

    @property
    def has_enough_history(self) -> bool:
        return self.history_days >= MIN_HISTORY_DAYS and self.finished_here >= MIN_FINISHED_HERE

    @property
    def verdict(self) -> str:
        if self.hours_left == 0:
            return READY
        if self.target_date is None:
            return NO_TARGET
        if not self.has_enough_history:
            return NOT_ENOUGH_HISTORY
        reached = sum(
            finish is not None and finish <= self.target_date for finish in (self.pace_finish, self.planned_finish)
        )
        return {2: ON_TRACK, 1: AT_RISK, 0: BEHIND}[reached]

    @property
    def pace_basis(self) -> str:
        """What the pace forecast rests on, in a sentence."""
        hours = f"{self.recent_done_hours} h" if self.recent_done_hours != 1 else "1 h"
        if not self.recent_done_hours:
            return "You finished nothing here in the last 4 weeks, so there is no pace to forecast from yet."
        return (
            f"Items you finished here in the last 4 weeks add up to {hours}: "
            f"{self.pace_hours_per_week:.1f} h per week. Items you knew before joining do not count, nor items "
            "ticked done within a day of starting them until you show them with a passed check."
        )

    @property
    def planned_basis(self) -> str:
        """What the planned forecast rests on, in a sentence."""
        if not self.hours_per_week:
            return "You have not said how many hours a week you can give."
        return f"The {self.hours_per_week} h per week you said you can give, from today."

    @property
    def history_needed(self) -> str:
        """What is still missing before a verdict, in a sentence (empty once there is enough history)."""
        if self.has_enough_history:
            return ""
        missing = []
        items = MIN_FINISHED_HERE - self.finished_here
        if items > 0:
            missing.append(f"{items} more item{'s' if items != 1 else ''} finished here")
        days = MIN_HISTORY_DAYS - self.history_days
        if days > 0:
            since = "since your first finished item" if self.first_finished_here else "from your first finished item"
            missing.append(f"{days} more day{'s' if days != 1 else ''} {since}")
        return "A verdict needs " + " and ".join(missing) + "."


@dataclass
class FinishedItem:
    """An item the learner finished here: when (their local date) and its estimated hours."""

    day: date
    hours: int


def paced(rows, shown: set[int]) -> list[tuple[datetime, int]]:
    """(completed at, hours) of the learner's progress rows that count toward pace: done here and, when done less
    than a day after they were started, shown."""
    return [
        (row.completed_at, row.item.estimated_hours)
        for row in rows
        if row.is_done_here
        and (row.item_id in shown or row.started_at is None or row.completed_at - row.started_at >= RUSHED)
    ]


def finished_items(done_here: list[tuple[datetime, int]], *, to_local_date) -> list[FinishedItem]:
    """(completed at, hours) pairs of items finished here, as local days, oldest first."""
    return sorted((FinishedItem(to_local_date(moment), hours) for moment, hours in done_here), key=lambda f: f.day)


def forecast_for(
    *, hours_left: int, skipped_hours: int, finished: list[FinishedItem], profile, today: date
) -> Forecast:
    """The forecast from the items finished here (oldest first) and the learner's goals."""
    first_day = today - timedelta(days=PACE_WINDOW_DAYS - 1)
    return Forecast(
        hours_left=hours_left,
        skipped_hours=skipped_hours,
        hours_per_week=getattr(profile, "hours_per_week", None),
        recent_done_hours=sum(item.hours for item in finished if item.day >= first_day),
        finished_here=len(finished),
        first_finished_here=finished[0].day if finished else None,
        target_date=getattr(profile, "target_date", None),
        today=today,
    )


@dataclass(frozen=True)
class ForecastShift:
    basis: str
    weeks: float


def forecast_shifts(hours: int, forecast: Forecast | None) -> list[ForecastShift]:
    """How many weeks (unsigned: the page says later or earlier) `hours` more or fewer to do moves the ready date, at
    each pace the forecast knows."""
    if forecast is None or not hours:
        return []
    shifts = []
    if forecast.recent_done_hours:
        pace = forecast.pace_hours_per_week
        shifts.append(ForecastShift(f"at your pace of {pace:.1f} h a week", round(abs(hours) / pace, 1)))
    if forecast.hours_per_week:
        shifts.append(
            ForecastShift(
                f"at the {forecast.hours_per_week} h a week you said", round(abs(hours) / forecast.hours_per_week, 1)
            )
        )
    return shifts
