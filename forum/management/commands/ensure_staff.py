import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the development staff account once and say how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("STAFF_USERNAME", "secretariat"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Staff account: {username} (password as printed when it was created; "
                f"reset it with `manage.py changepassword {username}`)."
            )
            return
        password = os.environ.get("STAFF_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, password=password, email="")
        self.stdout.write(f"Staff account created: {username} / {password}")
