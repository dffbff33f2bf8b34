"""The learner's calendar feed (RFC 5545, built with icalendar): this week's plan, reviews due, the target date, and
what apps above planning add through `planning.hooks` (interviews, as "Interview" alone).

Events are all-day and carry nothing but an item's title and dates. UIDs are stable (they name the feed, and the
plan entry or item), so a calendar app that fetches the feed again updates its events instead of adding copies.

Each event's DTSTAMP is the last change of what it shows (RFC 5545 3.8.7.2: without a METHOD it is the event's
last modification), never the time of the fetch: a plan entry, when the week's plan was made; a review, when its
date was set (the item done, or its last review), or today's start once it is overdue and so moved to today; the
target date, when the learner last saved their goals. So the same data gives the same bytes, and the view's answer
gets a stable ETag (ConditionalGetMiddleware): a calendar app polling with If-None-Match gets 304 until something
changed. There is no Last-Modified: an editor renaming an item changes an event's title without a date of ours to
show for it, and a Last-Modified that can miss a change would make If-Modified-Since clients miss it too.
"""

from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event

from .hooks import CalendarEvent
from .models import CalendarFeed, WeekPlan
from .selectors import DueReview

UPCOMING_REVIEW_DAYS = 28
UID_DOMAIN = "careerpath"


def _all_day(uid: str, summary: str, start: date, days: int = 1, *, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=days))
    event.add("dtstamp", stamp.replace(microsecond=0))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it never marks the learner busy
    return event


def calendar_bytes(
    *,
    feed: CalendarFeed,
    plan: WeekPlan,
    reviews: list[DueReview],
    target_date,
    today: date,
    zone,
    goals_saved_at,
    others: list[CalendarEvent] = (),
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//careerpath//plan and reviews//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "careerpath: my plan")
    for entry in plan.entries.all():
        if entry.dropped:
            continue
        part = "part of " if entry.is_part else ""
        summary = f"This week: {part}{entry.item.title} ({entry.hours} h)"
        uid = f"plan-{feed.pk}-{entry.pk}"
        calendar.add_component(_all_day(uid, summary, plan.week_start, 7, stamp=plan.created_at))
    start_of_today = datetime.combine(today, time.min, tzinfo=zone)
    for review in reviews:
        day = max(review.due_on, today)  # an overdue review shows today, not in the past where nobody looks
        stamp = review.set_at if review.due_on >= today else max(review.set_at, start_of_today)
        calendar.add_component(_all_day(f"review-{feed.pk}-{review.item.pk}", f"Review: {review.item.title}", day,
                                        stamp=stamp))  # fmt: skip
    if target_date:
        calendar.add_component(
            _all_day(f"target-{feed.pk}", "Target date: ready", target_date, stamp=goals_saved_at or plan.created_at)
        )
    for event in others:  # what apps above planning add (planning.hooks): interviews
        calendar.add_component(_all_day(f"{event.key}-{feed.pk}", event.summary, event.on, stamp=event.changed_at))
    return calendar.to_ical()
