"""A backup round-trips the demo data exactly, into an empty database only."""

import uuid

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from forum.backup import BackupError, backup, restore

pytestmark = pytest.mark.slow


def _url(name):
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"


def _fingerprint(url):
    """Every table of the public schema: its row count and a checksum of its rows."""
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "select tablename from pg_tables where schemaname = 'public' order by 1"
            )
        ]
        return {
            table: conn.execute(
                f"select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) "
                f'from "{table}" t'
            ).fetchone()
            for table in tables
        }


@pytest.fixture
def empty_database():
    name = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_url(connection.settings_dict["NAME"]), autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    yield _url(name)
    with psycopg.connect(_url(connection.settings_dict["NAME"]), autocommit=True) as conn:
        conn.execute(f'drop database "{name}" with (force)')


def test_backup_and_restore_round_trip_every_table(transactional_db, tmp_path, empty_database):
    call_command("load_demo", verbosity=0)
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "declaration.pdf").write_bytes(b"%PDF-1.4 demo")
    source = _url(connection.settings_dict["NAME"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "MEDIA_ROOT", tmp_path / "media")
        folder = backup(destination=tmp_path / "backups")
    restore(source=folder, database_url=empty_database, media_root=tmp_path / "restored")

    original, restored = _fingerprint(source), _fingerprint(empty_database)
    assert original["members_city"][0] >= 50
    assert restored == original
    assert (
        tmp_path / "restored" / "documents" / "declaration.pdf"
    ).read_bytes() == b"%PDF-1.4 demo"


def test_restore_refuses_a_database_that_is_not_empty(transactional_db, tmp_path):
    folder = backup(destination=tmp_path)
    with pytest.raises(BackupError, match="not empty"):
        restore(source=folder)
