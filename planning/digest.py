"""The weekly digest: who is due one, what it says, and sending each exactly once.

A week's digest is due from Monday 08:00 in the learner's time zone until it has been sent, so a learner who opts
in on a Wednesday gets this week's on the next run. The DigestDelivery row is the claim: it is written in the same
transaction that hands the mail over, and its unique (learner, week) constraint makes a second run, or a second
worker at the same moment, find it taken and send nothing.
"""

import email
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.header import decode_header, make_header
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from accounts.selectors import profile_by_unsubscribe_key
from accounts.services import profile_set_weekly_digest, profile_unsubscribe_key
from progress.dashboard import learner_dashboard
from progress.selectors import progress_by_item_counted, release_notices_unmentioned
from progress.services import release_notices_mentioned

from .models import DigestDelivery
from .schedule import digest_due_since, week_start
from .selectors import REVIEWS_SHOWN, review_states, reviews_due, zone_of
from .services import plan_for_week

UNSUBSCRIBE_SUBJECT = "unsubscribe "
UNSUBSCRIBE_IN_SUBJECT = re.compile(r"\bunsubscribe\s+(\S+)", re.IGNORECASE)


def unsubscribe_token(user) -> str:
    """The one-click unsubscribe link's secret: random, stored, ended by the next change of sign-in address.

    It names no one (the signed user id it replaces revealed the id and never expired); links sent before that
    change answer "not one we sent", which points to the goals page.
    """
    return profile_unsubscribe_key(profile=Profile.objects.get_or_create(user=user)[0])


def unsubscribe_user(token: str):
    """The learner a one-click unsubscribe token belongs to, or None when it is no current link of ours."""
    profile = profile_by_unsubscribe_key(token)
    return profile.user if profile is not None else None


def unsubscribe_mailto(token: str) -> str:
    """List-Unsubscribe's mail alternative (RFC 2369): a mail to UNSUBSCRIBE_EMAIL whose subject holds the token."""
    return f"mailto:{settings.UNSUBSCRIBE_EMAIL}?subject={quote(UNSUBSCRIBE_SUBJECT + token)}"


def unsubscribe_by_mail(raw: bytes) -> bool:
    """Turn the digest off for the learner whose token a received mail's subject holds (what a mail client sends
    for the mailto: above; the mail server pipes UNSUBSCRIBE_EMAIL's mail to `manage.py unsubscribe_from_mail`).
    False, and nothing changed, when the subject holds no current token of ours."""
    subject = str(make_header(decode_header(email.message_from_bytes(raw).get("Subject", ""))))
    found = UNSUBSCRIBE_IN_SUBJECT.search(subject)
    user = unsubscribe_user(found.group(1)) if found else None
    if user is None:
        return False
    profile_set_weekly_digest(user=user, enabled=False)
    return True


def digest_week_due(profile: Profile, *, now: datetime) -> date | None:
    """The Monday of the week whose digest is due now for this learner, or None before Monday 08:00 their time."""
    zone = zone_of(profile)
    monday = week_start(now.astimezone(zone).date())
    return monday if now >= digest_due_since(monday, zone) else None


@dataclass
class DigestRun:
    sent: int = 0
    already_sent: int = 0
    not_yet_due: int = 0


def digests_send_due(*, now: datetime | None = None) -> DigestRun:
    """Send every digest that is due and not sent yet; safe to run again, and from two workers at once."""
    now = now or timezone.now()
    run = DigestRun()
    profiles = Profile.objects.filter(weekly_digest=True, user__is_active=True).select_related("user")
    recent = set(
        DigestDelivery.objects.filter(week_start__gte=(now - timedelta(days=8)).date()).values_list(
            "learner_id", "week_start"
        )
    )
    for profile in profiles.iterator(chunk_size=500):
        monday = digest_week_due(profile, now=now)
        if monday is None:
            run.not_yet_due += 1
        elif (profile.user_id, monday) in recent or not digest_send(profile=profile, monday=monday, now=now):
            run.already_sent += 1
        else:
            run.sent += 1
    return run


def digest_send(*, profile: Profile, monday: date, now: datetime) -> bool:
    """Claim the learner's digest for the week and send it; False when it was claimed already."""
    user = profile.user
    notices = release_notices_unmentioned(user=user)
    message = digest_message(profile=profile, monday=monday, notices=notices)
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(learner=user, week_start=monday, sent_at=now)
            message.send()  # into the outbox, in this transaction: the claim and the mail commit together or not at all
            release_notices_mentioned(notices=notices, now=now)  # a release is mentioned in one digest only
    except IntegrityError:
        return False
    return True


def digest_message(*, profile: Profile, monday: date, notices=None) -> EmailMultiAlternatives:
    """The digest's mail; `notices` are the content releases to mention (by default, those no digest mentioned)."""
    user = profile.user
    if notices is None:
        notices = release_notices_unmentioned(user=user)
    zone = zone_of(profile)
    with timezone.override(zone):
        dashboard = learner_dashboard(user=user, profile=profile)
        plan = plan_for_week(user=user, profile=profile, monday=monday)
        progress = progress_by_item_counted(user=user)
        today = timezone.localdate()
    last_monday = monday - timedelta(days=7)
    finished = sorted(
        (
            row for row in progress.values()
            if row.is_done_here and last_monday <= row.completed_at.astimezone(zone).date() < monday
        ),
        key=lambda row: row.completed_at,
    )  # fmt: skip
    due = reviews_due(progress=progress, states=review_states(user=user), today=today, zone=zone)
    unsubscribe_key = profile_unsubscribe_key(profile=profile)
    unsubscribe_url = settings.SITE_URL + reverse("planning:digest-unsubscribe", args=[unsubscribe_key])
    context = {
        "profile": profile,
        "name": profile.display_name or user.email,
        "monday": monday,
        "finished": finished,
        "finished_hours": sum(row.item.estimated_hours for row in finished),
        "forecast": dashboard.forecast,
        "target": dashboard.target,
        "entries": [entry for entry in plan.entries.all() if not entry.dropped],
        "reviews": due[:REVIEWS_SHOWN],
        "reviews_more": max(len(due) - REVIEWS_SHOWN, 0),
        "plan_url": settings.SITE_URL + reverse("planning:plan"),
        "goals_url": settings.SITE_URL + reverse("accounts:goals"),
        "unsubscribe_url": unsubscribe_url,
        "releases": [
            {
                "notice": notice,
                "url": settings.SITE_URL + reverse("progress:release-changes", args=[notice.release.number]),
            }
            for notice in notices
        ],
    }
    message = EmailMultiAlternatives(
        subject=f"[careerpath] Your week of {monday:%d %B}",
        body=render_to_string("planning/email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>, <{unsubscribe_mailto(unsubscribe_key)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("planning/email/digest.html", context), "text/html")
    return message
