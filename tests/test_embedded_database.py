"""Both database paths: the private embedded server, and a server given by DATABASE_URL."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from forum.embedded_db import BASE_DIR, OUTSIDE_ROOT, EmbeddedPostgres, _run

pytestmark = pytest.mark.slow
THE_SUITE_RUNS_ON_POSTGRESQL = "test_the_test_suite_runs_on_postgresql"


@pytest.fixture
def embedded_folder():
    # Inside the project, as .pgdata/ is (as root in a folder the server's account
    # cannot enter, the cluster itself then lives outside: see forum/embedded_db.py).
    folder = BASE_DIR / f".pgdata-test-{uuid.uuid4().hex[:8]}"
    yield folder
    EmbeddedPostgres(folder).remove()
    shutil.rmtree(folder, ignore_errors=True)


def _without_database_url(**extra):
    return {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, **extra}


def _postgres_processes_of(data):
    """The processes whose command line names this cluster's data folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if str(data) in command:
                found.append(command)
    return found


def _settings_database(env, check=True):
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
        check=check,
    )
    return result.stdout.strip() if check else result


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


def test_settings_read_the_running_embedded_server_when_no_database_url(embedded_folder):
    server = EmbeddedPostgres(embedded_folder)
    server.start()
    env = _without_database_url(EMBEDDED_PG_DIR=str(embedded_folder))
    host, port, name = json.loads(_settings_database(env))
    assert (host, port, name) == ("127.0.0.1", str(server.port), "forum")


def test_importing_the_settings_starts_no_server_and_says_how_to_start_it(embedded_folder):
    server = EmbeddedPostgres(embedded_folder)
    server.start()
    server.stop()
    env = _without_database_url(EMBEDDED_PG_DIR=str(embedded_folder))
    result = _settings_database(env, check=False)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"the embedded PostgreSQL in {embedded_folder} is not running" in result.stderr
    assert "python -m forum.embedded_db start" in result.stderr
    assert not server.is_running()
    assert not (server.data / "postmaster.pid").exists()
    assert _postgres_processes_of(server.data) == []


def test_importing_the_settings_creates_no_cluster(tmp_path):
    folder = tmp_path / "never-created"
    env = _without_database_url(EMBEDDED_PG_DIR=str(folder))
    result = _settings_database(env, check=False)
    assert "is not running" in result.stderr
    assert not folder.exists()


def test_manage_py_starts_the_embedded_server_when_no_database_url(embedded_folder):
    env = _without_database_url(EMBEDDED_PG_DIR=str(embedded_folder))
    code = "from django.db import connection; print(connection.settings_dict['PORT'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    server = EmbeddedPostgres(embedded_folder)
    assert server.is_running()  # and left running, as runserver needs it
    assert result.stdout.split()[-1] == str(server.port)


def test_pytest_starts_the_embedded_server_and_stops_it_after(embedded_folder):
    env = _without_database_url(EMBEDDED_PG_DIR=str(embedded_folder))
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q",
            f"{__file__}::{THE_SUITE_RUNS_ON_POSTGRESQL}",
        ],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    server = EmbeddedPostgres(embedded_folder)
    assert (server.data / "PG_VERSION").exists()
    assert not server.is_running()


def test_pytest_leaves_running_an_embedded_server_it_did_not_start(embedded_folder):
    server = EmbeddedPostgres(embedded_folder)
    server.start()
    env = _without_database_url(EMBEDDED_PG_DIR=str(embedded_folder))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", f"{__file__}::{THE_SUITE_RUNS_ON_POSTGRESQL}"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert server.is_running()


@pytest.mark.skipif(os.geteuid() != 0, reason="the server's account differs from ours as root only")
def test_root_runs_the_embedded_server_from_a_folder_nobody_can_enter():
    private = Path(tempfile.mkdtemp())  # mode 0700, as root's home folder on Debian
    folder = private / ".pgdata"
    server = EmbeddedPostgres(folder)
    home = None
    try:
        assert _run(["test", "-x", private], server.user).returncode != 0
        started = subprocess.run(
            [sys.executable, "-m", "forum.embedded_db", "start", str(folder)],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        )
        assert started.returncode == 0, started.stderr
        with psycopg.connect(server.url()) as connection:
            for extension in ("pg_trgm", "unaccent", "btree_gist"):
                connection.execute(f"create extension {extension}")
            assert connection.execute("select similarity('tehran', 'teheran') > 0.3").fetchone()

        # Outside the project, and nothing loosened: the private folder stays 0700,
        # the server's programs and folders belong to root, its data to its account.
        home = server.outside
        assert home.parent == OUTSIDE_ROOT
        assert private.stat().st_mode & 0o777 == 0o700
        for path in (OUTSIDE_ROOT, home, home / "server", server.bin / "postgres"):
            info = path.lstat()
            assert (info.st_uid, info.st_mode & 0o022) == (0, 0), path
        assert (server.data.stat().st_uid, server.data.stat().st_mode & 0o777) == (
            server.user.pw_uid,
            0o700,
        )
        pid = int((server.data / "postmaster.pid").read_text().split()[0])
        assert Path(f"/proc/{pid}").stat().st_uid == server.user.pw_uid
        assert Path(os.readlink(f"/proc/{pid}/exe")).is_relative_to(home / "server")

        stopped = subprocess.run(
            [sys.executable, "-m", "forum.embedded_db", "stop", str(folder)],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        )
        assert stopped.returncode == 0, stopped.stderr
        assert not server.is_running()
    finally:
        server.remove()
        shutil.rmtree(private)
    assert home is not None and not home.exists()


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
