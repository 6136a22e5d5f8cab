from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent dump of the database and the uploaded files to a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--destination", type=Path, default=Path("backups"))

    def handle(self, *args, destination, **options):
        try:
            folder = backup(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {folder}")
