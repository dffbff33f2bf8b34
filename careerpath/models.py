"""The project's own tables: the outbox every mail leaves through (careerpath.outbox)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed: gave up")


class OutboxMessage(models.Model):
    """One mail, written in the transaction of the change that causes it and sent by the worker.

    The row is the record of the mail, not the task queue: a mail is marked sent only once the mail server accepted
    it, and is retried until then (careerpath.outbox). Its content is erased once it is sent (it may hold a reset
    link or a sign-in code); the subject, the recipients and the dates stay for support.
    """

    message_id = models.CharField(
        _("Message-ID"), max_length=255, unique=True, help_text=_("The same on every attempt, so a re-send is known.")
    )
    from_email = models.CharField(_("from"), max_length=320)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    content = models.BinaryField(_("content"), help_text=_("The message as the mail server receives it."))
    state = models.CharField(_("state"), max_length=8, choices=OutboxState, default=OutboxState.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_until = models.DateTimeField(
        _("held by a sender until"), null=True, blank=True,
        help_text=_("A sender that stopped answering loses the message when this time passes."),
    )  # fmt: skip
    claim = models.CharField(_("claim"), max_length=32, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    retried_since = models.DateTimeField(
        _("tried since"), default=timezone.now, help_text=_("Given up a day and more after this (sent again: reset).")
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state=OutboxState.SENT) | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.recipients)}"
