"""The learner's calendar feed (RFC 5545, built with icalendar): this week's plan, reviews due, the target date.

Events are all-day and carry nothing but an item's title and dates. UIDs are stable (they name the feed, and the
plan entry or item), so a calendar app that fetches the feed again updates its events instead of adding copies.
"""

from datetime import date, timedelta

from icalendar import Calendar, Event

from .models import CalendarFeed, WeekPlan
from .selectors import DueReview

UPCOMING_REVIEW_DAYS = 28
UID_DOMAIN = "careerpath"


def _all_day(uid: str, summary: str, start: date, days: int = 1, *, stamp) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=days))
    event.add("dtstamp", stamp)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it never marks the learner busy
    return event


def calendar_bytes(*, feed: CalendarFeed, plan: WeekPlan, reviews: list[DueReview], target_date, today, stamp) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//careerpath//plan and reviews//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "careerpath: my plan")
    for entry in plan.entries.all():
        if entry.dropped:
            continue
        part = "part of " if entry.is_part else ""
        summary = f"This week: {part}{entry.item.title} ({entry.hours} h)"
        calendar.add_component(_all_day(f"plan-{feed.pk}-{entry.pk}", summary, plan.week_start, 7, stamp=stamp))
    for review in reviews:
        day = max(review.due_on, today)  # an overdue review shows today, not in the past where nobody looks
        calendar.add_component(_all_day(f"review-{feed.pk}-{review.item.pk}", f"Review: {review.item.title}", day,
                                        stamp=stamp))  # fmt: skip
    if target_date:
        calendar.add_component(_all_day(f"target-{feed.pk}", "Target date: ready", target_date, stamp=stamp))
    return calendar.to_ical()
