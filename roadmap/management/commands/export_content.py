from pathlib import Path

from django.core.management.base import BaseCommand

from roadmap.services import content_export


class Command(BaseCommand):
    help = "Write all curated roadmap content as JSON (to a file, or to standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="File to write; standard output if omitted.")

    def handle(self, *args, output: Path | None = None, **options):
        data = content_export()
        if output is None:
            self.stdout.write(data)
            return
        output.write_text(data + "\n", encoding="utf-8")
        self.stderr.write(self.style.SUCCESS(f"Exported content to {output}"))
