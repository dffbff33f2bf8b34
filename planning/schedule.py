"""The arithmetic of plans and reviews, as pure functions the tests check by hand.

Weeks are ISO weeks (Monday to Sunday) in the learner's time zone. Reviews follow growing intervals: a done item
comes up `INTERVALS[0]` days after it was done; "still confident" moves it one interval on (the last one repeats),
"shaky" starts the intervals again, and "I need to relearn it" takes it out of done, so it leaves the schedule.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

INTERVALS = (14, 45, 120, 365)  # days; stated on the plan page
DIGEST_HOUR = 8  # a week's digest is due from Monday 08:00 in the learner's time zone


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def review_due_on(anchor: date, step: int) -> date:
    """When an item done (or last reviewed) on `anchor` at `step` comes up for review."""
    return anchor + timedelta(days=INTERVALS[min(step, len(INTERVALS) - 1)])


def step_after(step: int, answer: str) -> int | None:
    """The next step for an answer: one on when confident, back to the start when shaky, None when relearning."""
    if answer == "confident":
        return min(step + 1, len(INTERVALS) - 1)
    if answer == "shaky":
        return 0
    if answer == "relearn":
        return None
    raise ValueError(f"Unknown review answer {answer!r}.")


def digest_due_since(monday: date, zone: ZoneInfo) -> datetime:
    """The moment a week's digest becomes due: that Monday at DIGEST_HOUR, the learner's time."""
    return datetime.combine(monday, time(DIGEST_HOUR), tzinfo=zone)


@dataclass(frozen=True)
class Candidate:
    item_id: int
    hours: int  # the item's estimate
    pinned: bool = False


@dataclass(frozen=True)
class Slot:
    item_id: int
    hours: int  # planned this week; less than the estimate when the week holds only part of the item
    pinned: bool = False


def fill_week(candidates: list[Candidate], budget: int) -> list[Slot]:
    """The week's plan: candidates in order until `budget` hours are used.

    Pinned candidates always stay (the learner asked for them), even past the budget. Never empty while a
    candidate remains: the first one goes in even when it is larger than the week, as "part of" it. An item that
    does not fit in what is left goes in for the hours left, as part of it, and ends the plan.
    """
    slots, left, seen = [], budget, set()
    for candidate in candidates:
        if candidate.pinned and candidate.item_id not in seen:
            hours = max(1, min(candidate.hours, left)) if left > 0 else max(1, min(candidate.hours, budget))
            slots.append(Slot(candidate.item_id, hours, pinned=True))
            seen.add(candidate.item_id)
            left -= hours
    for candidate in candidates:
        if left <= 0 and slots:
            break
        if candidate.item_id in seen:
            continue
        hours = max(1, min(candidate.hours, left)) if left > 0 else max(1, min(candidate.hours, budget))
        slots.append(Slot(candidate.item_id, hours))
        seen.add(candidate.item_id)
        left -= hours
    return slots
