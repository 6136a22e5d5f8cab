"""Both database paths: the private embedded server, and a server given by DATABASE_URL."""

import os
import shutil
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings

from forum.embedded_db import BASE_DIR, EmbeddedPostgres

pytestmark = pytest.mark.slow


@pytest.fixture
def embedded_folder():
    # Inside the project: when run as root, the server's unprivileged account must reach it.
    folder = BASE_DIR / f".pgdata-test-{uuid.uuid4().hex[:8]}"
    yield folder
    EmbeddedPostgres(folder).stop()
    shutil.rmtree(folder, ignore_errors=True)


def _settings_database(env):
    """DATABASES['default'] as a fresh process computes it from this environment."""
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "db = settings.DATABASES['default']; "
        "print(json.dumps([db['HOST'], str(db['PORT']), db['NAME']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "forum.settings"},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_embedded_server_starts_reuses_and_stops(embedded_folder):
    server = EmbeddedPostgres(embedded_folder)
    url = server.start()
    assert (embedded_folder / "password").stat().st_mode & 0o077 == 0
    with psycopg.connect(url) as connection:
        version = connection.execute("show server_version").fetchone()[0]
        extensions = {
            row[0]
            for row in connection.execute(
                "select name from pg_available_extensions "
                "where name in ('pg_trgm', 'unaccent', 'btree_gist')"
            )
        }
    assert version.startswith("18")
    assert extensions == {"pg_trgm", "unaccent", "btree_gist"}

    assert server.start() == url  # reused, not re-created
    server.stop()
    assert not server.is_running()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)

    # The next start finds the same cluster, password and data.
    assert server.start().rsplit("@", 1)[0] == url.rsplit("@", 1)[0]


def test_settings_start_the_embedded_server_when_no_database_url(embedded_folder):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["EMBEDDED_PG_DIR"] = str(embedded_folder)
    host, port, name = __import__("json").loads(_settings_database(env))
    server = EmbeddedPostgres(embedded_folder)
    assert server.is_running()
    assert (host, port, name) == ("127.0.0.1", str(server.port), "forum")


def test_settings_use_database_url_when_given(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://someone:secret@db.example.internal:6543/registry",
        "EMBEDDED_PG_DIR": str(tmp_path / "never-created"),
    }
    assert _settings_database(env) == '["db.example.internal", "6543", "registry"]'
    assert not (tmp_path / "never-created").exists()


def test_the_test_suite_runs_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
