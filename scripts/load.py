"""Load: 50 concurrent clients for 60 s against the portal under gunicorn (`make load`).

Public readers browse the pages, partners pull the API with their keys, and staff sign in
to the admin with two factors and save their own records over and over, all at once. The
script works in a database of its own on the same PostgreSQL server (the demo data loaded
into it), serves it with `make serve` on a free loopback port, and removes both when done.

Afterwards it checks that every save the admin confirmed (a redirect after the POST) is in
the database — in the record's history and, for the last one, in the record itself — and
that every save it refused said so on the page. It prints the number of requests, errors,
latency (p50/p99) per kind, and the saves attempted, confirmed, refused and lost; it exits
non-zero if there was any error or lost write.

    .venv/bin/python scripts/load.py [--clients 50] [--staff 10] [--api 15] [--seconds 60]
"""

import argparse
import html
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import psycopg
import requests

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PASSWORD = "Load-staff-password-1"
TIMEOUT = 15  # seconds for any one request
RECORDS_PER_STAFF = 3


# ---------------------------------------------------------------- the database and server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_url() -> tuple[str, object | None]:
    """The PostgreSQL server to use: DATABASE_URL's, or the embedded one (started if need be)."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        host = urllib.parse.urlsplit(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            sys.exit(f"load.py runs on this machine only; DATABASE_URL points at {host}")
        return url, None
    from forum.embedded_db import EmbeddedPostgres

    embedded = EmbeddedPostgres()
    was_running = embedded.is_running()
    url = embedded.start()
    return url, (None if was_running else embedded)


def with_database(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


def create_database(url: str, name: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str, name: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(database_url: str, port: int, log_path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_PRODUCTION="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        # Gunicorn's workers and threads; `make serve` reads them.
        WEB_CONCURRENCY=os.environ.get("WEB_CONCURRENCY", "4"),
        GUNICORN_THREADS=os.environ.get("GUNICORN_THREADS", "4"),
    )
    with log_path.open("w") as log:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", "HOST=127.0.0.1", f"PORT={port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit(f"make serve stopped:\n{log_path.read_text()}")
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    return server
            except requests.RequestException:  # not listening yet, or still booting
                pass
            time.sleep(0.5)
        sys.exit(f"make serve did not answer in time:\n{log_path.read_text()}")
    except BaseException:
        stop_server(server)
        raise


def stop_server(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# ------------------------------------------------------------------------------ the data


def prepare(staff_count: int, api_count: int) -> dict:
    """Demo data, staff with authenticators and records of their own, partner keys."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from forum.models import PartnerKey
    from members.models import City
    from summits.models import Summit

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    cities = list(City.objects.filter(is_published=True).order_by("pk"))
    if len(cities) < staff_count * RECORDS_PER_STAFF:
        sys.exit(f"the demo data has {len(cities)} cities, too few for {staff_count} staff")
    editors = Group.objects.get(name="Secretariat editors")
    staff = []
    for number in range(staff_count):
        user = get_user_model().objects.create_user(
            f"load-staff-{number}", password=PASSWORD, is_staff=True
        )
        user.groups.add(editors)
        device = TOTPDevice.objects.create(user=user, name="load", confirmed=True)
        own = cities[number * RECORDS_PER_STAFF : (number + 1) * RECORDS_PER_STAFF]
        staff.append(
            {
                "username": user.username,
                "device": device,
                "records": [{"pk": city.pk, "name_en": city.name_en} for city in own],
            }
        )
    keys = [
        PartnerKey.create(name=f"Load partner {n}", requests_per_minute=1_000_000)[1]
        for n in range(api_count)
    ]
    public = ["/fa/", "/en/", "/fa/members/", "/en/members/?page=2", "/fa/summits/"]
    public += ["/en/summits/", "/fa/board/", "/en/board/", "/fa/search/?q=کاشان"]
    public += ["/en/search/?q=smart", "/sitemap.xml", "/fa/summits/calendar.ics"]
    public += [f"/{lang}/members/{c.slug}/" for c in cities[-20:] for lang in ("fa", "en")]
    public += [
        f"/{lang}/summits/{s.slug}/"
        for s in Summit.objects.filter(is_published=True)
        for lang in ("fa", "en")
    ]
    api = ["/api/v1/", "/api/v1/cities/", "/api/v1/cities/?lang=en&page=2", "/api/v1/summits/"]
    api += ["/api/v1/panels/", "/api/v1/people/", "/api/v1/documents/", "/api/v1/countries/"]
    api += ["/api/v1/participations/", "/api/v1/board-sessions/", "/api/v1/deletions/"]
    api += ["/api/v1/cities/?updated_since=2020-01-01T00:00:00Z", "/api/v1/dump/"]
    return {"staff": staff, "keys": keys, "public": public, "api": api}


def current_code(device) -> str:
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


# --------------------------------------------------------------------------- the clients


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = defaultdict(list)
        self.saves = defaultdict(list)  # record pk -> confirmed values, in order
        self.attempted = 0
        self.refused_with_message = 0
        self.unexplained = 0

    def record(self, kind, started, response=None, expected=(200,), problem=None):
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies[kind].append(elapsed)
            if problem is None and response is not None and response.status_code not in expected:
                problem = f"{response.status_code} {response.request.method} {response.url}"
            if problem:
                self.errors[kind].append(problem)


class FormParser(HTMLParser):
    """The fields of the admin's change form, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.data, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.data.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.select = {"name": name, "chosen": [], "first": None}
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in a:
                self.select["chosen"].append(value)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select is not None:
            for value in self.select["chosen"]:
                self.data.append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.data.append((name, text.removeprefix("\n")))
            self.textarea = None


def form_fields(page: str) -> list[tuple[str, str]]:
    parser = FormParser()
    parser.feed(page)
    return parser.data


def csrf_token(page: str) -> str:
    return html.unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1])


# The portal's cookies are Secure and the load runs over plain HTTP on loopback: let this
# script's clients send them anyway, as browsers do on http://localhost. (requests copies
# cookies into jars of its own on every request, so a policy set on one jar would not hold.)
DefaultCookiePolicy.return_ok_secure = lambda policy, cookie, request: True


def session() -> requests.Session:
    return requests.Session()


def reader(base, paths, stop_at, results, index):
    s = session()
    n = index
    while time.monotonic() < stop_at:
        path = paths[n % len(paths)]
        n += 7
        started = time.perf_counter()
        try:
            response = s.get(base + path, timeout=TIMEOUT)
            results.record("public page", started, response)
        except requests.RequestException as error:
            results.record("public page", started, problem=f"{path}: {error!r}")


def partner(base, paths, key, stop_at, results, index):
    s = session()
    s.headers["Authorization"] = f"Api-Key {key}"
    n = index
    while time.monotonic() < stop_at:
        path = paths[n % len(paths)]
        n += 5
        started = time.perf_counter()
        try:
            response = s.get(base + path, timeout=TIMEOUT)
            results.record("API list", started, response)
        except requests.RequestException as error:
            results.record("API list", started, problem=f"{path}: {error!r}")


def sign_in(s, base, member, results):
    """Password, then the authenticator's code: the staff sign-in of production."""
    started = time.perf_counter()
    login = s.get(base + "/en/admin/login/", timeout=TIMEOUT)
    response = s.post(
        base + "/en/admin/login/?next=/en/admin/",
        data={
            "csrfmiddlewaretoken": csrf_token(login.text),
            "username": member["username"],
            "password": PASSWORD,
            "next": "/en/admin/",
        },
        timeout=TIMEOUT,
    )
    if "/admin/two-factor/" not in response.url:
        problem = f"no code page after the password: {response.url}"
        results.record("sign-in", started, problem=problem)
        return False
    response = s.post(
        response.url,
        data={
            "csrfmiddlewaretoken": csrf_token(response.text),
            "code": current_code(member["device"]),
        },
        timeout=TIMEOUT,
    )
    ok = response.url.endswith("/en/admin/") and response.status_code == 200
    problem = None if ok else f"code refused: {response.url}"
    results.record("sign-in", started, response, problem=problem)
    return ok


def staff_client(base, member, stop_at, results, client_number):
    s = session()
    try:
        if not sign_in(s, base, member, results):
            return
    except requests.RequestException as error:
        results.record("sign-in", time.perf_counter(), problem=repr(error))
        return
    saves = 0
    while time.monotonic() < stop_at:
        record = member["records"][saves % len(member["records"])]
        url = f"{base}/en/admin/members/city/{record['pk']}/change/"
        started = time.perf_counter()
        try:
            page = s.get(url, timeout=TIMEOUT)
            results.record("admin page", started, page)
            if page.status_code != 200:
                continue
            value = f"{record['name_en']} [load {client_number}.{saves}]"
            data = [(k, v) for k, v in form_fields(page.text) if k != "name_en"]
            data.append(("name_en", value))
            data.append(("_continue", "Save and continue editing"))
            with results.lock:
                results.attempted += 1
            saves += 1
            started = time.perf_counter()
            response = s.post(url, data=data, timeout=TIMEOUT, allow_redirects=False)
        except requests.RequestException as error:
            results.record("admin save", started, problem=repr(error))
            continue
        if response.status_code == 302:
            results.record("admin save", started, response, expected=(302,))
            with results.lock:
                results.saves[record["pk"]].append(value)
        elif response.status_code == 200 and 'class="errornote"' in response.text:
            # Refused, and the page said so: the editor sees why and tries again.
            results.record("admin save", started, response)
            with results.lock:
                results.refused_with_message += 1
        else:
            results.record("admin save", started, response, expected=(302,))
            with results.lock:
                results.unexplained += 1


# ---------------------------------------------------------------------------- the checks


def lost_writes(results) -> list[str]:
    """Confirmed saves missing from the database."""
    from django.db import connection

    from members.models import City

    connection.close()
    lost = []
    for pk, values in results.saves.items():
        city = City.objects.get(pk=pk)
        history = set(City.history.filter(id=pk).values_list("name_en", flat=True))
        lost += [f"city {pk}: {value!r}" for value in values if value not in history]
        if city.name_en != values[-1]:
            lost.append(f"city {pk}: ends as {city.name_en!r}, last confirmed {values[-1]!r}")
    return lost


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(results, seconds, lost) -> bool:
    all_latencies = [v for values in results.latencies.values() for v in values]
    errors = sum(len(e) for e in results.errors.values())
    print(f"\nRequests: {len(all_latencies)} in {seconds:.0f} s "
          f"({len(all_latencies) / seconds:.0f}/s), errors: {errors}")  # fmt: skip
    print(f"{'kind':<14}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for kind, values in sorted(results.latencies.items()):
        print(
            f"{kind:<14}{len(values):>10}{len(results.errors[kind]):>8}"
            f"{statistics.median(values) * 1000:>9.0f}{percentile(values, 0.99) * 1000:>9.0f}"
            f"{max(values) * 1000:>9.0f}"
        )
    if all_latencies:
        p50, p99 = statistics.median(all_latencies), percentile(all_latencies, 0.99)
        print(f"{'all':<14}{len(all_latencies):>10}{errors:>8}"
              f"{p50 * 1000:>9.0f}{p99 * 1000:>9.0f}{max(all_latencies) * 1000:>9.0f}")  # fmt: skip
    confirmed = sum(len(v) for v in results.saves.values())
    print(f"Saves: attempted {results.attempted}, confirmed {confirmed}, "
          f"refused with a message {results.refused_with_message}, "
          f"unexplained {results.unexplained}, lost {len(lost)}")  # fmt: skip
    for kind, problems in results.errors.items():
        for problem in problems[:5]:
            print(f"  error ({kind}): {problem}")
    for item in lost[:10]:
        print(f"  lost: {item}")
    return errors == 0 and not lost and results.unexplained == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--staff", type=int, default=10)
    parser.add_argument("--api", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    # Bounded: a load on this machine, not a flood.
    if not (1 <= args.clients <= 200 and 1 <= args.seconds <= 600):
        sys.exit("--clients must be 1..200 and --seconds 1..600")
    if args.staff + args.api > args.clients:
        sys.exit("--staff plus --api must not exceed --clients")
    readers = args.clients - args.staff - args.api

    url, started_embedded = server_url()
    name = f"forum_load_{os.getpid()}"
    create_database(url, name)
    load_url = with_database(url, name)
    os.environ["DATABASE_URL"] = load_url
    os.environ.pop("DJANGO_PRODUCTION", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    server = None
    try:
        print(f"Preparing the database {name} (demo data, {args.staff} staff, "
              f"{args.api} partner keys)…", flush=True)  # fmt: skip
        data = prepare(args.staff, args.api)
        port = free_port()
        log_path = BASE_DIR / ".load-serve.log"
        print(f"Starting make serve on 127.0.0.1:{port} (log: {log_path.name})…", flush=True)
        server = start_server(load_url, port, log_path)
        base = f"http://127.0.0.1:{port}"
        print(f"{args.clients} clients for {args.seconds:.0f} s: {readers} readers, "
              f"{args.api} partners, {args.staff} staff saving records…", flush=True)  # fmt: skip
        results = Results()
        began = time.monotonic()
        stop_at = began + args.seconds
        threads = [
            threading.Thread(target=reader, args=(base, data["public"], stop_at, results, i))
            for i in range(readers)
        ]
        threads += [
            threading.Thread(target=partner, args=(base, data["api"], key, stop_at, results, i))
            for i, key in enumerate(data["keys"])
        ]
        threads += [
            threading.Thread(target=staff_client, args=(base, member, stop_at, results, i))
            for i, member in enumerate(data["staff"])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 4 * TIMEOUT)
        elapsed = time.monotonic() - began
        stop_server(server)
        server = None
        ok = report(results, elapsed, lost_writes(results))
        print("No error and no lost write." if ok else "FAILED: see above.")
        return 0 if ok else 1
    finally:
        if server is not None:
            stop_server(server)
        from django.db import connections

        connections.close_all()
        drop_database(url, name)
        if started_embedded is not None:
            started_embedded.stop()


if __name__ == "__main__":
    sys.exit(main())
