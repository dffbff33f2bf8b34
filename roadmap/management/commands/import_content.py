from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roadmap.services import (
    ContentImportError,
    ReleaseError,
    content_bring_up_to_date,
    content_import,
    release_draft_save,
    release_file_read,
)

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
DEFAULT_FIXTURE = FIXTURES / "roadmap.json"
SHIPPED_RELEASES = FIXTURES / "releases"


class Command(BaseCommand):
    help = (
        "Bring the content up to date with the repository (no path: fixtures/roadmap.json while release 1 is the "
        "current one, then every release in fixtures/releases/ not yet published, oldest first), or create or "
        "update content from the export at PATH. Objects are matched by slug, so running it twice leaves one copy. "
        "With --draft NAME the export becomes the draft release NAME instead, to give its leaving items their "
        "lineage and publish in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=None)
        parser.add_argument("--draft", metavar="NAME", help="Keep the export as the draft release NAME (2026.2).")
        parser.add_argument("--notes", default="", help="With --draft: what the release changes, and why.")

    def handle(self, *args, path: Path | None, **options):
        if path is None and not options["draft"]:
            return self.bring_up_to_date(verbose=options["verbosity"] > 0)
        path = path or DEFAULT_FIXTURE
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

    def bring_up_to_date(self, *, verbose: bool) -> None:
        shipped = []
        try:
            base = DEFAULT_FIXTURE.read_text(encoding="utf-8")
            for file in sorted(SHIPPED_RELEASES.glob("*.json")):
                shipped.append(release_file_read(file.read_text(encoding="utf-8")))
            done = content_bring_up_to_date(base=base, shipped=shipped)
        except OSError as error:
            raise CommandError(f"Cannot read the shipped content: {error}") from error
        except ContentImportError as error:
            raise CommandError(str(error)) from error
        except ReleaseError as error:
            raise CommandError("A shipped release cannot be published:\n" + "\n".join(error.problems)) from error
        if verbose:
            for line in done or ["The content is up to date with the repository."]:
                self.stdout.write(self.style.SUCCESS(line))
