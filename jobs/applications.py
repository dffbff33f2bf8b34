"""A learner's applications: recording them with a snapshot of their readiness for the ad, dated stage changes, and
the funnel. Reads and writes together because they are one small room; the ad reading stays in services/selectors.

- **The snapshot** is taken once, when the application is recorded with an ad: what the ad asked for and the
  learner's state on each item that day. Nothing updates it later, so "I applied with 6 of 14 shown" stays true.
- **No reply yet**: an application still at "applied" or "screening" whose last change is 30 days old or more. It
  is never called ghosted unless the learner moves it to that stage themselves.
- **The funnel** counts how far each application got (an offer counts as having reached screening and interview
  too, even if a step was not recorded). Rates appear only from 10 applications on, each with its 95% Wilson
  interval, because three applications and one interview is not a 33% rate anyone should plan on.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from planning.hooks import CalendarEvent
from planning.selectors import local_today

from .models import FUNNEL, OPEN_STAGES, Application, JobAd, Stage, StageChange
from .selectors import ad_report

NO_REPLY_AFTER = timedelta(days=30)
RATES_FROM = 10
FUTURE_ALLOWED = timedelta(days=366)  # an interview can be booked ahead; nothing else happens in the future


def _snapshot(*, user, ad: JobAd) -> dict:
    report = ad_report(user=user, ad=ad)
    return {
        "ad_title": ad.title,
        "asked": report.asked,
        "counts": report.counts,
        "hours_missing": report.hours_missing,
        "items": [
            {"slug": asked.item.slug, "title": asked.item.title, "required": asked.required, "state": asked.state}
            for asked in [*report.required, *report.nice_to_have]
        ],
    }


@transaction.atomic
def application_create(
    *, user, role: str, company: str, applied_on: date, today: date, ad: JobAd | None = None
) -> Application:
    """Record an application (validated before anything is written); with an ad, its readiness snapshot."""
    if ad is not None and ad.learner_id != user.pk:
        raise ValidationError({"ad": "This ad is not yours."})
    if applied_on > today:
        raise ValidationError({"applied_on": "An application's date cannot be in the future."})
    application = Application(
        learner=user, ad=ad, role=role.strip(), company=company.strip(), applied_on=applied_on, stage=Stage.APPLIED,
        stage_on=applied_on, snapshot=_snapshot(user=user, ad=ad) if ad else {},
    )  # fmt: skip
    application.full_clean(exclude=["learner", "ad"])
    application.save()
    StageChange.objects.create(application=application, stage=Stage.APPLIED, on=applied_on)
    return application


@transaction.atomic
def application_move(
    *, user, application: Application, stage: str, on: date, today: date, note: str = ""
) -> Application:
    """A dated stage change: not before the application's last one, and only an interview may lie ahead."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.learner_id != user.pk:
        raise ValidationError("This application is not yours.")
    if stage not in Stage.values or stage == Stage.APPLIED:
        raise ValidationError({"stage": "Choose the stage it moved to."})
    if on < application.stage_on:
        raise ValidationError(
            {"on": f"The last change was on {application.stage_on:%-d %b %Y}; this one cannot be earlier."}
        )
    if on > today and (stage != Stage.INTERVIEW or on > today + FUTURE_ALLOWED):
        raise ValidationError({"on": "Only an interview can be dated ahead (up to a year)."})
    change = StageChange(application=application, stage=stage, on=on, note=note.strip())
    change.full_clean(exclude=["application"])
    change.save()
    application.stage, application.stage_on = stage, on
    application.save(update_fields=["stage", "stage_on"])
    return application


@transaction.atomic
def application_delete(*, user, application: Application) -> None:
    if application.learner_id != user.pk:
        raise ValidationError("This application is not yours.")
    application.delete()


def application_list(*, user):
    return Application.objects.for_user(user).defer("snapshot").order_by("-applied_on", "-id")


def application_get(*, user, application_id: int) -> Application | None:
    return Application.objects.for_user(user).filter(pk=application_id).first()


def application_for_owner(*, user, application_id: int) -> Application:
    """The learner's own application, or a 404 (as for one that does not exist)."""
    found = application_get(user=user, application_id=application_id)
    if found is None:
        raise Http404("No such application.")
    return found


def no_reply_yet(application: Application, today: date) -> bool:
    return application.stage in (Stage.APPLIED, Stage.SCREENING) and today - application.stage_on >= NO_REPLY_AFTER


@dataclass(frozen=True)
class Rate:
    reached: int
    of: int

    @property
    def percent(self) -> int:
        return round(100 * self.reached / self.of) if self.of else 0

    @property
    def interval(self) -> tuple[int, int]:
        """The 95% Wilson score interval, in whole percent."""
        if not self.of:
            return (0, 100)
        z, n, p = 1.96, self.of, self.reached / self.of
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return (max(0, math.floor(100 * (centre - half))), min(100, math.ceil(100 * (centre + half))))


@dataclass
class Funnel:
    total: int
    reached: dict[str, int]
    open: int
    rejected: int
    withdrawn: int
    no_reply: int

    @property
    def shows_rates(self) -> bool:
        return self.total >= RATES_FROM

    @property
    def steps(self) -> list[tuple[str, int, Rate | None]]:
        return [
            (
                Stage(stage).label,
                self.reached[stage],
                Rate(self.reached[stage], self.total) if stage != FUNNEL[0] else None,
            )
            for stage in FUNNEL
        ]


def funnel(*, user, applications: list[Application], today: date) -> Funnel:
    """How far the learner's applications got: two queries at most (the applications are given)."""
    furthest: dict[int, int] = {}
    for application_id, stage in StageChange.objects.filter(application__learner=user).values_list(
        "application_id", "stage"
    ):
        if stage in FUNNEL:
            furthest[application_id] = max(furthest.get(application_id, 0), FUNNEL.index(stage))
    reached = dict.fromkeys(FUNNEL, 0)
    for application in applications:
        top = furthest.get(application.pk, 0)
        for index in range(top + 1):
            reached[FUNNEL[index]] += 1
    return Funnel(
        total=len(applications),
        reached=reached,
        open=sum(application.stage in OPEN_STAGES for application in applications),
        rejected=sum(application.stage == Stage.REJECTED for application in applications),
        withdrawn=sum(application.stage == Stage.WITHDRAWN for application in applications),
        no_reply=sum(no_reply_yet(application, today) for application in applications),
    )


def today_for(user) -> date:
    """The learner's today in their own time zone, so "30 days" and "in the future" are theirs."""
    return local_today(getattr(user, "profile", None))


def interviews_for_calendar(*, user, today: date) -> list[CalendarEvent]:
    """The learner's interviews from today on, of applications still at the interview stage, for their calendar
    feed: "Interview" and the date, never the company or the role (one query)."""
    changes = StageChange.objects.filter(
        application__learner=user, application__stage=Stage.INTERVIEW, stage=Stage.INTERVIEW, on__gte=today
    ).order_by("on", "id")
    return [CalendarEvent(f"interview-{change.pk}", "Interview", change.on, change.created_at) for change in changes]
