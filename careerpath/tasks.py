"""The project's own queued work: sending the outbox. Apps keep their tasks in their own tasks.py."""

import logging

from django.db import connections
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_shutdown

from .outbox import outbox_add, outbox_deliver_due, outbox_prune

logger = logging.getLogger(__name__)


@db_task()
def outbox_send() -> int:
    """Woken when mail is written: send what is due now."""
    return outbox_deliver_due()


@db_periodic_task(crontab(minute="*"))
def outbox_sweep() -> int:
    """Every minute: mail due again after a failed attempt, mail a stopped worker held, mail no wake-up reached; and
    sent mail past its keeping time is deleted."""
    sent = outbox_deliver_due()
    pruned = outbox_prune()
    if sent or pruned:
        logger.info("outbox: %s sent, %s old rows deleted", sent, pruned)
    return sent


@db_task()
def mail_deliver(messages) -> int:
    """Mail queued by a release before the outbox existed (still in the queue at the upgrade): into the outbox."""
    return outbox_add(messages=list(messages))


@on_shutdown()
def database_connections_close():
    """A worker thread that stops closes its database connections instead of leaving them to the server."""
    connections.close_all()
