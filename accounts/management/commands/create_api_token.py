from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import TokenScope, User
from accounts.tokens import EXPIRY_DAYS, token_create


class Command(BaseCommand):
    help = "Make a personal access token for the API and print it (for operators and scripts; it is shown once)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The account's email address.")
        parser.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ)
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, choices=EXPIRY_DAYS, default=90)

    def handle(self, *args, email, scope, name, days, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account has the address {email}.")
        try:
            _token, secret = token_create(user=user, name=name, scope=scope, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(secret)
