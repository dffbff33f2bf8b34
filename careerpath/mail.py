"""Mail leaves through the outbox: Django's email backend that writes each message to it (careerpath.outbox).

Pages (sign-up codes, password resets, sign-in codes), the digest and mentors' reviews call Django's mail
functions as usual; this backend writes a row in the caller's transaction, so the mail commits or rolls back with
the change that causes it, and a slow or failing mail server never slows or breaks a page. The worker delivers
with EMAIL_DELIVERY_BACKEND (careerpath.tasks.outbox_send).
"""

from django.core.mail.backends.base import BaseEmailBackend


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from .outbox import outbox_add  # models are ready by the time mail is sent

        return outbox_add(messages=list(email_messages))
