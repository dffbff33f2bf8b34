from django.core.management.base import BaseCommand

from planning.digest import digests_send_due


class Command(BaseCommand):
    help = "Send every weekly digest that is due and not sent yet (the worker runs this every 15 minutes)."

    def handle(self, *args, **options):
        run = digests_send_due()
        self.stdout.write(f"{run.sent} sent, {run.already_sent} already sent, {run.not_yet_due} not yet due.")
