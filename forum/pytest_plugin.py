"""The test run's database: without DATABASE_URL, the embedded PostgreSQL in
.pgdata/ (forum.embedded_db), started before pytest-django reads the settings
and stopped at the end if this run started it. Loaded by `-p` in pyproject.toml,
so `python -m pytest` works without make."""

import os

import pytest

_started = pytest.StashKey[object]()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if os.environ.get("DATABASE_URL"):
        return
    options = parser.parse_known_args(args)
    if options.help or options.version:
        return
    from forum.embedded_db import EmbeddedDatabaseError, EmbeddedPostgres

    server = EmbeddedPostgres()
    try:
        if server.ensure_running():
            early_config.stash[_started] = server
    except EmbeddedDatabaseError as error:
        raise pytest.UsageError(f"the embedded PostgreSQL: {error}") from None


def pytest_unconfigure(config):
    server = config.stash.get(_started, None)
    if server is not None:
        server.stop()
