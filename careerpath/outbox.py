"""Every mail leaves through the outbox: a row written in the transaction of the change that causes it, sent by the
worker, and marked sent only once the mail server accepted it.

- **Nothing is lost.** The row, not the task queue, is the record of a mail: a queue that loses its tasks (Redis
  restarted), a worker stopped or killed mid-send, or a mail server that is down for hours loses nothing. The queue
  only wakes the sender (`careerpath.tasks.outbox_send`), and a sweep every minute (`outbox_sweep`) sends what no
  wake-up reached, what is due again, and what a stopped worker was holding (a claim lasts `LEASE`).
- **Nothing is sent twice that was not also recorded once.** A change that rolls back takes its mail with it (a
  digest's claim and its mail commit together, or neither does). A worker that dies after the server accepted a
  mail and before marking it sent sends it again once its claim runs out; the Message-ID is the same on every
  attempt, so the copy is recognisable (mail clients and servers drop it).
- **Retries over a day.** A failed attempt waits 1, 2, 4... minutes, at most an hour, and the mail is given up
  (failed) only when the server refused it for good (a 5xx answer) or after `GIVE_UP_AFTER`: visible in the admin
  with the error, and re-sendable by staff.
- **Secrets do not stay.** A sent mail's content is erased (it may hold a reset link or a sign-in code); sent rows
  are deleted after `KEEP_SENT`.

Neutral: imports no app of ours, so every app's mail goes through it by sending as Django always does.
"""

import email
import email.policy
import logging
import secrets
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from .models import OutboxMessage, OutboxState

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # longer than a batch takes at EMAIL_TIMEOUT per mail
BATCH = 20
FIRST_RETRY, LONGEST_WAIT = timedelta(minutes=1), timedelta(hours=1)
GIVE_UP_AFTER = timedelta(hours=26)  # retried over at least a day
KEEP_SENT = timedelta(days=30)
LATE = timedelta(minutes=15)  # the health check says "late" past this


def outbox_add(*, messages: list[EmailMessage]) -> int:
    """Write the messages to the outbox in the caller's transaction; the sender is woken once it commits."""
    rows = []
    for message in messages:
        if not message.recipients():
            continue
        mime = message.message()  # the headers as sent, the Message-ID and the date fixed now
        rows.append(
            OutboxMessage(
                message_id=mime["Message-ID"],
                from_email=message.from_email,
                recipients=message.recipients(),
                subject=str(message.subject)[:998],
                content=mime.as_bytes(linesep="\r\n"),
            )
        )
    # A message whose Message-ID is already in the outbox is that same mail again: one copy is kept.
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        transaction.on_commit(_wake)
    return len(rows)


def _wake() -> None:
    from .tasks import outbox_send  # the queue's configuration is read when it is used

    try:
        outbox_send()
    except Exception:  # the queue is down: the mail is in the outbox, and the sweep sends it
        logger.warning(
            "The task queue did not take the outbox's wake-up; the next sweep sends the mail.", exc_info=True
        )


def outbox_deliver_due(*, now: datetime | None = None) -> int:
    """Send every mail that is due and not held by another sender, batch by batch; returns how many were sent."""
    sent = 0
    while True:
        claim, rows = _claimed(now or timezone.now())
        if not rows:
            return sent
        sent += _delivered(claim, rows, now)
        if len(rows) < BATCH:
            return sent


def _claimed(now: datetime) -> tuple[str, list[OutboxMessage]]:
    """Take a batch of due rows for this sender until `now + LEASE`. On PostgreSQL two senders skip each other's
    rows (SKIP LOCKED); on SQLite the write transaction itself is exclusive."""
    claim = secrets.token_hex(8)
    with transaction.atomic():
        due = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(state=OutboxState.PENDING, next_attempt_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        ids = list(due)
        OutboxMessage.objects.filter(pk__in=ids).update(claim=claim, claimed_until=now + LEASE)
    return claim, list(OutboxMessage.objects.filter(pk__in=ids, claim=claim).order_by("next_attempt_at", "pk"))


def _delivered(claim: str, rows: list[OutboxMessage], now: datetime | None) -> int:
    sent = 0
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
        connection.open()
    except (OSError, smtplib.SMTPException) as error:  # the server cannot be reached: the batch waits for its next try
        for row in rows:
            _attempt_failed(row, claim, error, now or timezone.now())
        return 0
    try:
        for row in rows:
            try:
                connection.send_messages([StoredMessage(row)])
            except (OSError, smtplib.SMTPException) as error:
                _attempt_failed(row, claim, error, now or timezone.now())
            else:
                sent += OutboxMessage.objects.filter(pk=row.pk, claim=claim).update(
                    state=OutboxState.SENT, sent_at=now or timezone.now(), content=b"", claim="", claimed_until=None,
                    last_error="", attempts=row.attempts + 1,
                )  # fmt: skip
    finally:
        try:
            connection.close()
        except (OSError, smtplib.SMTPException):  # closing a connection the server already dropped
            logger.debug("closing the mail connection failed", exc_info=True)
    return sent


def retry_wait(attempts: int) -> timedelta:
    """How long a mail waits after its `attempts`-th failed attempt: 1, 2, 4... minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def _attempt_failed(row: OutboxMessage, claim: str, error: Exception, now: datetime) -> None:
    attempts = row.attempts + 1
    permanent = isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
    permanent = permanent or (
        isinstance(error, smtplib.SMTPRecipientsRefused)
        and all(code >= 500 for code, _message in error.recipients.values())
    )
    gave_up = permanent or now - row.created_at >= GIVE_UP_AFTER
    logger.warning("mail %s attempt %s failed%s: %s", row.message_id, attempts, " for good" if gave_up else "", error)
    OutboxMessage.objects.filter(pk=row.pk, claim=claim).update(
        state=OutboxState.FAILED if gave_up else OutboxState.PENDING,
        attempts=attempts,
        next_attempt_at=now + retry_wait(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
        claim="",
        claimed_until=None,
    )


def outbox_resend(*, queryset: QuerySet) -> int:
    """Staff's "send again": failed or waiting mail that still has its content goes out at the next sweep, with its
    tries counted afresh. Returns how many rows were put back."""
    now = timezone.now()
    changed = queryset.filter(state__in=[OutboxState.FAILED, OutboxState.PENDING]).update(
        state=OutboxState.PENDING, attempts=0, next_attempt_at=now, created_at=now, claim="", claimed_until=None
    )
    if changed:
        transaction.on_commit(_wake)
    return changed


def outbox_backlog(*, now: datetime | None = None) -> str:
    """The health check's line: how much mail waits, how old the oldest is, how much failed (one query)."""
    now = now or timezone.now()
    counts = OutboxMessage.objects.filter(state__in=[OutboxState.PENDING, OutboxState.FAILED]).aggregate(
        waiting=Count("pk", filter=Q(state=OutboxState.PENDING)),
        failed=Count("pk", filter=Q(state=OutboxState.FAILED)),
        oldest=Min("created_at", filter=Q(state=OutboxState.PENDING)),
    )
    waiting, failed, oldest = counts["waiting"], counts["failed"], counts["oldest"]
    late = oldest is not None and now - oldest > LATE
    words = f"{waiting} waiting"
    if oldest is not None:
        words += f", oldest {int((now - oldest).total_seconds() // 60)} min"
    words += f"; {failed} failed"
    return f"{'late' if late else 'ok'} ({words})"


def outbox_prune(*, now: datetime | None = None) -> int:
    """Delete sent mail older than KEEP_SENT (only its subject, recipients and dates were left)."""
    cutoff = (now or timezone.now()) - KEEP_SENT
    deleted, _ = OutboxMessage.objects.filter(state=OutboxState.SENT, sent_at__lt=cutoff).delete()
    return deleted


class _StoredMime(email.message.Message):
    """The stored message, as Django's mail backends read one (`as_bytes(linesep=...)`, `get_charset()`)."""

    def as_bytes(self, unixfrom=False, policy=None, linesep="\n"):
        return self._stored.replace(b"\r\n", linesep.encode())


class StoredMessage(EmailMessage):
    """An outbox row handed to Django's mail backend: the stored bytes go out unchanged (the same Message-ID and
    date on every attempt), to the stored envelope recipients (Bcc included)."""

    def __init__(self, row: OutboxMessage):
        super().__init__(subject=row.subject, from_email=row.from_email, to=list(row.recipients))
        self.stored = bytes(row.content)
        self.message_id = row.message_id

    def message(self):
        mime = email.message_from_bytes(self.stored, _class=_StoredMime, policy=email.policy.compat32)
        mime._stored = self.stored
        return mime
