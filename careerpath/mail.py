"""Mail leaves the request: Django's email backend that hands messages to the task queue.

Pages (sign-up confirmations, password resets, sign-in codes) and the digest run call Django's mail functions as
usual; this backend only enqueues, so a slow or failing mail server never slows or breaks a page, and failed sends
are retried by the worker (careerpath.tasks.mail_deliver), which delivers with EMAIL_DELIVERY_BACKEND.
"""

from django.core.mail.backends.base import BaseEmailBackend


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from careerpath.tasks import mail_deliver  # the queue's configuration is read when the backend is used

        messages = list(email_messages)
        for message in messages:
            message.connection = None  # a live connection does not travel; the worker opens its own
        if messages:
            mail_deliver(messages)
        return len(messages)
