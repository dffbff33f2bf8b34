"""The project's own queued work: delivering mail. Apps keep their tasks in their own tasks.py."""

from django.conf import settings
from django.core.mail import get_connection
from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=60)
def mail_deliver(messages) -> int:
    """Send messages through the backend EMAIL_URL names; a failure retries three times, a minute apart."""
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        return connection.send_messages(messages)
