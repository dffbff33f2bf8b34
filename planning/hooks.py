"""What apps above planning add to the learner's calendar feed, registered in their AppConfig.ready() (planning
imports none of them): each provider gives all-day events with a stable key, a summary and the date of their last
change. The jobs app adds interviews, as "Interview" alone: the feed may be read by a calendar shared with others."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CalendarEvent:
    key: str  # stable per event, unique within its provider ("interview-12")
    summary: str
    on: date
    changed_at: datetime


CalendarEvents = Callable[..., list[CalendarEvent]]  # (*, user, today) -> events
_providers: list[CalendarEvents] = []


def register_calendar_events(provider: CalendarEvents) -> None:
    _providers.append(provider)


def calendar_events(*, user, today: date) -> list[CalendarEvent]:
    return [event for provider in _providers for event in provider(user=user, today=today)]
