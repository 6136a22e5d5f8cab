from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.demo_loader import DemoDataError, load_demo


class Command(BaseCommand):
    help = "Load the Asian Mayors Forum's real history (forum/demo/*.yaml). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", type=Path, help="Folder of YAML files (default: forum/demo)"
        )

    def handle(self, *args, folder=None, **options):
        try:
            report = load_demo(folder=folder)
        except DemoDataError as error:
            raise CommandError(f"Demo data not loaded, nothing written: {error}") from error
        if not report.changed:
            self.stdout.write("Demo data already up to date: nothing changed.")
            return
        for label, bucket in (
            ("created", report.created),
            ("updated", report.updated),
            ("deleted", report.deleted),
        ):
            for name, count in sorted(bucket.items()):
                self.stdout.write(f"{label}: {count} {name}")
