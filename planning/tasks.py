"""The worker's periodic work: the weekly digests, every 15 minutes (each learner's is due from Monday 08:00 their
time, so a run every quarter hour sends it within 15 minutes of that moment)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .digest import digests_send_due

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def send_due_digests():
    run = digests_send_due()
    logger.info("digests: %s sent, %s already sent, %s not yet due", run.sent, run.already_sent, run.not_yet_due)
    return run.sent
