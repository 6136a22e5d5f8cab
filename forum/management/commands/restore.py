from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder into the (empty) configured database and the media folder."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="a folder written by `manage.py backup`")

    def handle(self, *args, source, **options):
        try:
            restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {source}")
