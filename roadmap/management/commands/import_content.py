from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roadmap.services import ContentImportError, ReleaseError, content_import, release_draft_save

DEFAULT_FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "roadmap.json"


class Command(BaseCommand):
    help = (
        "Create or update roadmap content from an export (the curated content in fixtures/ by default). "
        "Objects are matched by slug, so running it twice leaves one copy. With --draft NAME the export becomes "
        "the draft release NAME instead, to give its leaving items their lineage and publish in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_FIXTURE)
        parser.add_argument("--draft", metavar="NAME", help="Keep the export as the draft release NAME (2026.2).")
        parser.add_argument("--notes", default="", help="With --draft: what the release changes, and why.")

    def handle(self, *args, path: Path, **options):
        try:
            data = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        if options["draft"]:
            try:
                release = release_draft_save(name=options["draft"], data=data, notes=options["notes"])
            except (ContentImportError, ReleaseError) as error:
                raise CommandError(str(error)) from error
            if options["verbosity"] > 0:
                self.stdout.write(
                    self.style.SUCCESS(f"Kept {path} as draft release {release.name}; publish it in the admin.")
                )
            return
        try:
            saved = content_import(data=data)
        except ContentImportError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Imported {saved} objects from {path}"))
