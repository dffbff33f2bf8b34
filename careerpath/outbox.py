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
import email.utils
import logging
import quopri
import secrets
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import sanitize_address
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
KEEP_FAILED_CONTENT = timedelta(days=7)
LATE = timedelta(minutes=15)  # the health check says "late" past this


def outbox_add(*, messages: list[EmailMessage]) -> int:
    """Write the messages to the outbox in the caller's transaction; the sender is woken once it commits."""
    rows = []
    for message in messages:
        if not message.recipients():
            continue
        encoding = message.encoding or settings.DEFAULT_CHARSET
        for address in [message.from_email, *message.recipients()]:
            sanitize_address(address, encoding)  # an address that cannot be sent fails here, in the caller's request
        mime = seven_bit(message.message())  # the headers as sent, the Message-ID and the date fixed now
        rows.append(
            OutboxMessage(
                message_id=mime["Message-ID"],
                from_email=message.from_email,
                recipients=message.recipients(),
                subject=str(message.subject)[:998],
                content=mime.as_bytes(linesep="\r\n"),
            )
        )
    OutboxMessage.objects.bulk_create(rows)
    if rows:
        transaction.on_commit(_wake)
    return len(rows)


def seven_bit(mime: email.message.Message) -> email.message.Message:
    """Re-encode every 8bit text part as quoted-printable, so that the whole mail is 7-bit ASCII.

    Django writes UTF-8 bodies as raw 8bit, which a server without 8BITMIME (RFC 6152) may refuse or mangle; a
    quoted-printable body passes any SMTP server, and mail clients show it the same."""
    for part in mime.walk():
        if part.is_multipart() or part.get("Content-Transfer-Encoding", "").lower() != "8bit":
            continue
        body = part.get_payload(decode=True)
        del part["Content-Transfer-Encoding"]
        part.set_payload(quopri.encodestring(body).decode("ascii"))
        part["Content-Transfer-Encoding"] = "quoted-printable"
    return mime


def _wake() -> None:
    from .tasks import outbox_send  # the queue's configuration is read when it is used

    try:
        outbox_send()
    except Exception:  # the queue is down: the mail is in the outbox, and the sweep sends it
        logger.warning(
            "The task queue did not take the outbox's wake-up; the next sweep sends the mail.", exc_info=True
        )


def outbox_deliver_due(*, now: datetime | None = None) -> int:
    """Send every mail that is due and not held by another sender, batch by batch; returns how many were sent. Stops
    at the first batch the mail server cannot take at all (unreachable, or refusing our account): the rest waits."""
    sent = 0
    while True:
        claim, rows = _claimed(now or timezone.now())
        if not rows:
            return sent
        delivered, server_down = _delivered(claim, rows, now)
        sent += delivered
        if server_down or len(rows) < BATCH:
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


def _delivered(claim: str, rows: list[OutboxMessage], now: datetime | None) -> tuple[int, bool]:
    """Send the claimed rows; returns how many were sent and whether the server could not take any more (when it
    cannot be reached the batch counts an attempt and waits; when it hangs up or refuses our sender midway, the rows
    not tried yet are released for the next sweep without one)."""
    sent = 0
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
        connection.open()
    except (OSError, smtplib.SMTPException) as error:  # unreachable, or our login refused: never for good
        for row in rows:
            _attempt_failed(row, claim, error, now or timezone.now())
        return 0, True
    try:
        for index, row in enumerate(rows):
            # Held a while longer before each mail: a slow server must not let the claim run out mid-batch and
            # another sender take the same rows. A row another sender has taken since is left to it.
            if not OutboxMessage.objects.filter(pk=row.pk, claim=claim).update(
                claimed_until=(now or timezone.now()) + LEASE
            ):
                continue
            try:
                connection.send_messages([StoredMessage(row)])
            except (smtplib.SMTPServerDisconnected, smtplib.SMTPSenderRefused) as error:
                # The server hung up, or refuses our sender (a quota, an account): this mail counts an attempt, the
                # rest waits for the sweep untried.
                _attempt_failed(row, claim, error, now or timezone.now())
                _released(claim, rows[index + 1 :], error)
                return sent, True
            except Exception as error:  # noqa: BLE001 - any failure of one mail is recorded on it, never left claimed
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
    return sent, False


def _released(claim: str, rows: list[OutboxMessage], error: Exception) -> None:
    """Give claimed rows back untried: the next sweep takes them; the error shows on them meanwhile."""
    logger.warning("mail server unavailable, %s mail waiting: %s", len(rows), error)
    OutboxMessage.objects.filter(pk__in=[row.pk for row in rows], claim=claim).update(
        claim="", claimed_until=None, last_error=f"{type(error).__name__}: {error}"[:2000]
    )


def _failed_for_good(error: Exception) -> bool:
    """What no retry can fix: every recipient refused (5xx), the message itself rejected (5xx after DATA), or an
    address that cannot be written. A refusal of our sender or our login (a rotated password, a quota) is not: the
    server's answer will change, and the mail is retried."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return isinstance(error, ValueError | UnicodeError)


def retry_wait(attempts: int) -> timedelta:
    """How long a mail waits after its `attempts`-th failed attempt: 1, 2, 4... minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def _attempt_failed(row: OutboxMessage, claim: str, error: Exception, now: datetime) -> None:
    attempts = row.attempts + 1
    gave_up = _failed_for_good(error) or now - row.retried_since >= GIVE_UP_AFTER
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
    tries counted afresh (a day more before it is given up). A mail a sender holds right now is left to it, and a
    mail whose content was erased cannot be sent again. Returns how many rows were put back."""
    now = timezone.now()
    changed = (
        queryset.filter(state__in=[OutboxState.FAILED, OutboxState.PENDING])
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
        .exclude(content=b"")
        .update(
            state=OutboxState.PENDING, attempts=0, next_attempt_at=now, retried_since=now, claim="", claimed_until=None
        )
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
    """Delete sent mail older than KEEP_SENT (only its subject, recipients and dates were left), and erase the
    content of mail failed more than KEEP_FAILED_CONTENT ago (its links and codes have expired by then; the row
    stays, for support, but can no longer be sent again)."""
    now = now or timezone.now()
    deleted, _ = OutboxMessage.objects.filter(state=OutboxState.SENT, sent_at__lt=now - KEEP_SENT).delete()
    OutboxMessage.objects.filter(state=OutboxState.FAILED, next_attempt_at__lt=now - KEEP_FAILED_CONTENT).exclude(
        content=b""
    ).update(content=b"")
    return deleted


def outbox_forget(*, addresses: list[str]) -> int:
    """Delete the mail not yet sent (waiting, or failed) whose every recipient is one of `addresses`: what a deleted
    account would otherwise still receive (a digest written before the deletion, while the mail server was down).

    Sent mail stays until `outbox_prune` deletes it (its content already erased): a delivery log of subject, address
    and dates, kept 30 days for support. A mail a sender holds at this moment may still go out.
    """
    wanted = {address.strip().lower() for address in addresses if address}
    if not wanted:
        return 0
    unsent = OutboxMessage.objects.exclude(state=OutboxState.SENT).only("pk", "recipients")  # the backlog: few rows
    ids = [
        row.pk
        for row in unsent.iterator()
        if row.recipients and {email.utils.parseaddr(r)[1].lower() for r in row.recipients} <= wanted
    ]
    deleted, _ = OutboxMessage.objects.filter(pk__in=ids).delete()
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
