from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roadmap.services import ContentImportError, content_import

DEFAULT_FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "roadmap.json"


class Command(BaseCommand):
    help = (
        "Create or update roadmap content from an export (the curated content in fixtures/ by default). "
        "Objects are matched by slug, so running it twice leaves one copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_FIXTURE)

    def handle(self, *args, path: Path, **options):
        try:
            data = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            saved = content_import(data=data)
        except ContentImportError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Imported {saved} objects from {path}"))
