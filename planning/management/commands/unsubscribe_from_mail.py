import logging
import sys

from django.core.management.base import BaseCommand

from planning.digest import unsubscribe_by_mail

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Read one mail on standard input (the mail server pipes UNSUBSCRIBE_EMAIL's mail here) and turn the weekly "
        "digest off for the learner whose unsubscribe token its subject holds. Always exits 0: a mail that holds no "
        "token of ours is dropped, never bounced (a bounce would go to whoever forged the sender)."
    )

    def handle(self, *args, **options):
        if unsubscribe_by_mail(sys.stdin.buffer.read()):
            logger.info("A learner unsubscribed from the weekly digest by mail.")
        else:
            logger.info("A mail to the unsubscribe address held no current token; dropped.")
