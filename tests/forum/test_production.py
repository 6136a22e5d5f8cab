"""Production settings: `check --deploy` is clean, the portal refuses to start without a
real secret key or host names, and `make serve` runs it under gunicorn with whitenoise
the way production does. Each runs in a subprocess with a production environment."""

import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings
from django.db import connection

SECRET_KEY = "k" + "7Qm2vX9pLr4Tz8Wc1Nd6Hy3Bf5Js0Ga" * 2  # 65 characters, not a placeholder


def database_url(name=None):
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name or db['NAME']}"
    )


def production_env(**overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "STAFF_2FA"))
    }
    env.update(
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="forum.example.org",
        DATABASE_URL=database_url(),
        PYTHONWARNINGS="error",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_under_production_settings(db):
    run = manage("check", "--deploy", "--fail-level", "DEBUG", env=production_env())
    print(run.stdout, run.stderr)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "System check identified no issues (0 silenced).\n"
    assert "WARNING" not in run.stderr


@pytest.mark.parametrize(
    "key, reason",
    [
        (None, "is not set"),
        ("", "is not set"),
        ("django-insecure-" + "x1y2z3" * 10, "is Django's insecure development key"),
        ("change-me-" * 6, "is a placeholder"),
        ("your-secret-key-goes-here-" * 3, "is a placeholder"),
        ("Zq8#kd93LmPx", "is too short or too simple"),
        ("ab" * 30, "is too short or too simple"),
    ],
)
def test_production_refuses_to_start_without_a_secret_key_of_its_own(db, key, reason):
    run = manage("check", env=production_env(DJANGO_SECRET_KEY=key))
    assert run.returncode != 0
    assert f"ImproperlyConfigured: DJANGO_SECRET_KEY {reason}" in run.stderr


def test_the_wsgi_application_refuses_to_load_with_the_development_key(db):
    run = subprocess.run(
        [sys.executable, "-c", "import forum.wsgi"],
        cwd=settings.BASE_DIR,
        env=production_env(DJANGO_SECRET_KEY="django-insecure-" + "q" * 50),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "DJANGO_SECRET_KEY is Django's insecure development key" in run.stderr


def test_production_refuses_to_start_without_host_names(db):
    run = manage("check", env=production_env(DJANGO_ALLOWED_HOSTS=None))
    assert run.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must name the portal's host names" in run.stderr


def test_development_needs_no_secret_key_from_the_environment(db):
    env = production_env(DJANGO_PRODUCTION=None, DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    assert manage("check", env=env).returncode == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(transactional_db, tmp_path):
    """`make serve` on a free port over the test database, behind a (pretend) TLS proxy."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = production_env(
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # As behind a proxy that terminates TLS and says so in X-Forwarded-Proto.
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
        PYTHONWARNINGS=None,
    )
    with log_path.open("w") as log:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still booting
                pass
            if server.poll() is not None:
                break
            time.sleep(0.5)
        else:
            server.poll()
        assert server.returncode is None, log_path.read_text()
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    assert "Booting worker" in log_path.read_text()


@pytest.mark.slow
def test_make_serve_runs_the_portal_under_gunicorn_with_whitenoise(served):
    https = {"X-Forwarded-Proto": "https"}

    # Plain HTTP is sent to HTTPS.
    plain = requests.get(served + "/fa/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301
    assert plain.headers["Location"] == served.replace("http:", "https:") + "/fa/"

    page = requests.get(served + "/fa/", headers=https, allow_redirects=False, timeout=10)
    assert page.status_code == 200
    assert page.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"

    # Collected, hashed and compressed static files, cached for ten years.
    [stylesheet] = re.findall(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text)
    static = requests.get(
        served + stylesheet, headers={**https, "Accept-Encoding": "gzip"}, timeout=10
    )
    assert static.status_code == 200
    assert static.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert static.headers["Content-Encoding"] == "gzip"
    assert "text/css" in static.headers["Content-Type"]

    health = requests.get(served + "/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json()["database"] == "ok"

    # Cookies only over HTTPS, and out of reach of scripts.
    sign_in = requests.get(served + "/en/admin/login/", headers=https, timeout=10)
    cookie = sign_in.headers["Set-Cookie"]
    assert "csrftoken=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
