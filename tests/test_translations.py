"""Persian is a first-class language: the catalogue is complete and current."""

import os
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

CATALOGUE = settings.BASE_DIR / "locale" / "fa" / "LC_MESSAGES" / "django.po"


def test_every_persian_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.slow
def test_catalogue_holds_every_interface_string_of_the_source(tmp_path):
    """makemessages on a copy of the source finds no string the catalogue lacks."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".venv", ".pgdata*", "node_modules", ".git", "media", "staticfiles"
    )
    shutil.copytree(settings.BASE_DIR, copy, ignore=ignore)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fa", "--no-location", "-v", "0"],
        cwd=copy,
        check=True,
        # Settings only parse the URL; no server is contacted.
        env={**os.environ, "DATABASE_URL": "postgres://unused@127.0.0.1:1/unused"},
    )
    fresh = polib.pofile(str(copy / "locale" / "fa" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh.untranslated_entries() + fresh.fuzzy_entries()]
    assert missing == [], f"run makemessages and translate: {missing}"
