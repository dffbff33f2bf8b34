"""The project's own queued work: delivering mail. Apps keep their tasks in their own tasks.py."""

from django.conf import settings
from django.core.mail import get_connection
from django.db import connections
from huey.contrib.djhuey import db_task, on_shutdown


@db_task(retries=3, retry_delay=60)
def mail_deliver(messages) -> int:
    """Send messages through the backend EMAIL_URL names; a failure retries three times, a minute apart."""
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        return connection.send_messages(messages)


@on_shutdown()
def database_connections_close():
    """A worker thread that stops closes its database connections instead of leaving them to the server."""
    connections.close_all()
