"""A real PostgreSQL restart while the portal serves: clean 503s during the
outage, and recovery without restarting the portal."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

from forum.embedded_db import BASE_DIR, EmbeddedPostgres

pytestmark = pytest.mark.slow


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def portal():
    """The portal on its own embedded database, as a separate process."""
    folder = BASE_DIR / f".pgdata-fault-{uuid.uuid4().hex[:8]}"
    database = EmbeddedPostgres(folder)
    env = {
        **os.environ,
        "DATABASE_URL": database.start(),
        "DJANGO_SETTINGS_MODULE": "forum.settings",
        "DJANGO_DEBUG": "0",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=BASE_DIR)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            _get(f"{base}/healthz")
            break
        except OSError:
            time.sleep(0.1)
    yield base, database
    server.terminate()
    server.wait(timeout=10)
    database.remove()  # and its cluster, if it lives outside the project (forum/embedded_db.py)


def test_outage_gives_clean_503s_and_the_portal_recovers_by_itself(portal):
    base, database = portal
    assert _get(f"{base}/healthz")[:2] == (200, '{"status": "ok", "database": "ok"}')
    assert _get(f"{base}/en/")[0] == 200

    database.stop()
    status, body, headers = _get(f"{base}/en/")
    assert status == 503
    assert "briefly unavailable" in body
    assert headers["Retry-After"] == "10"
    status, body, _ = _get(f"{base}/fa/")
    assert status == 503
    assert 'dir="rtl"' in body and "موقتاً در دسترس نیست" in body
    status, body, _ = _get(f"{base}/en/", headers={"Accept": "application/json"})
    assert (status, '"code": "database_unavailable"' in body) == (503, True)
    assert _get(f"{base}/healthz")[0] == 503

    database.start()
    assert _get(f"{base}/healthz")[0] == 200
    assert _get(f"{base}/en/")[0] == 200
    assert _get(f"{base}/fa/")[0] == 200
