"""`make bench`: the portal under gunicorn with production settings, driven by wrk.

For scale 1 and scale 10 of the generated registry (forum/load_generator.py), in
its own PostgreSQL (the embedded server in .pgdata-bench/, never the
development data), it measures, cache off ("cold") and on ("warm"), each
endpoint's requests per second and p50/p99 latency at 16 connections, next to a
bare Django view through the same middleware (the limit of this machine); the
SQL queries of each endpoint; a partner's full sync of every city; and the
resident memory of a worker. It writes docs/performance.md.

Environment: BENCH_SECONDS (per endpoint, default 8), BENCH_SCALES (default
"1 10"), BENCH_WORKERS (default 2 × cores), BENCH_CONNECTIONS (default 16).
"""

import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from forum.embedded_db import EmbeddedPostgres  # noqa: E402

PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1 10").split()]
CORES = os.cpu_count() or 1
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * CORES)))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
UPDATED_SINCE = "2024-07-01T00:00:00Z"
BARE = "/__bench__/bare/"
BARE_SECONDS = 3
# A production deployment behind a TLS proxy sees this header; harmless without one.
PROXY_HEADER = ("X-Forwarded-Proto", "https")
OUTPUT = BASE_DIR / "docs" / "performance.md"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout if capture else None


def endpoints(env):
    """Paths to measure, with a city and a summit of the generated data."""
    code = (
        "import json; from members.models import City; from summits.models import Summit; "
        "c = City.objects.filter(slug__startswith='gen-', is_published=True).order_by('id')[7]; "
        "s = Summit.objects.filter(slug__startswith='gen-', is_published=True)"
        ".order_by('id')[5]; print(json.dumps([c.slug, s.slug]))"
    )
    city, summit = json.loads(
        manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1]
    )
    return [
        ("bare Django view", "/__bench__/bare/"),
        ("home", "/fa/"),
        ("member directory", "/fa/members/"),
        ("member directory, filtered", "/fa/members/?country=IR&status=member"),
        ("city page", f"/fa/members/{city}/"),
        ("summit page", f"/fa/summits/{summit}/"),
        ("search", "/fa/search/?q=tabriz"),
        ("API city list (100 a page)", "/api/v1/cities/?page_size=100"),
        ("API summit list", "/api/v1/summits/"),
        ("API updated_since pull", f"/api/v1/cities/?updated_since={UPDATED_SINCE}&page_size=100"),
    ]


QUERY_PROBE = """
import json
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
settings.RESPONSE_CACHE = False
client, counts = Client(), {}
for path in PATHS:
    client.get(path, HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path, HTTP_HOST="127.0.0.1").status_code
    counts[path] = [status, len(queries.captured_queries)]
print(json.dumps(counts))
"""


def query_counts(env, paths):
    code = f"PATHS = {paths!r}\n{QUERY_PROBE}"
    output = manage(env, "shell", "-c", code, capture=True)
    return json.loads(output.strip().splitlines()[-1])


class Redis:
    """A private redis-server on a free loopback port, as the hosts of docs/deploy.md share."""

    def __enter__(self):
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="forum-bench-redis-")
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.folder],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


class Gunicorn:
    def __init__(self, env, cache):
        self.port = free_port()
        self.env = {**env, "DJANGO_RESPONSE_CACHE": "1" if cache else "0"}
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
                "forum.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--backlog",
                "256",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=self.env,
            start_new_session=True,
        )
        for _ in range(200):
            try:
                self.get("/__bench__/bare/")
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not answer")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path):
        request = urllib.request.Request(self.url(path), headers=dict([PROXY_HEADER]))
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def worker_rss_mib(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return max(sizes) if sizes else 0.0


def wrk(url, seconds):
    result = subprocess.run(
        [
            "wrk",
            f"-t{min(2, CONNECTIONS)}",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-H",
            f"{PROXY_HEADER[0]}: {PROXY_HEADER[1]}",
            url,
        ],
        check=True,
        text=True,
        capture_output=True,
    )
    out = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"rps": rps, "p50": latency("50"), "p99": latency("99")}


def full_sync(server):
    """Every city, page after page of 500, as a partner's first pull: seconds and count."""
    started, count, path = time.perf_counter(), 0, "/api/v1/cities/?page_size=500"
    while path:
        data = json.loads(server.get(path))
        count += len(data["results"])
        following = data.get("next")
        path = following[following.index("/api/") :] if following else None
    return time.perf_counter() - started, count


def prepare(db, scale):
    """A fresh database with the demo data and the generated registry of this scale."""
    name = f"forum_bench_{scale}"
    base = db.url().rsplit("/", 1)[0]

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    env = {**os.environ, "DATABASE_URL": f"{base}/{name}"}
    env.pop("DJANGO_PRODUCTION", None)
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo", "-v", "0")
    output = manage(env, "generate_registry", "--scale", str(scale), capture=True)
    log(output.strip().splitlines()[-1])
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    log(f"scale {scale} ready in {time.perf_counter() - started:.0f} s")
    return env


def run_scale(env, scale, static_root, redis_url):
    env = {
        **env,
        "REDIS_URL": redis_url,
        "DJANGO_PRODUCTION": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # wrk and the sync send X-Forwarded-Proto: https, as a TLS proxy in front would.
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_BENCHMARK": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        # wrk is one address: the anonymous rate limit would answer 429 within a second.
        "API_ANONYMOUS_RATE": "100000000/min",
    }
    paths = endpoints(env)
    counts = query_counts({**env, "DJANGO_PRODUCTION": "0"}, [path for _label, path in paths])
    results = {"queries": counts, "modes": {}}
    for mode, cache in (("cold", False), ("warm", True)):
        with Gunicorn(env, cache) as server:
            rows = {}
            for label, path in paths:
                # The limit, measured right before: other work on the machine moves it.
                bare = wrk(server.url(BARE), BARE_SECONDS) if path != BARE else None
                # Warm-up: every worker has imported its code (and, warm, filled its cache).
                wrk(server.url(path), 1)
                rows[path] = {"label": label, **wrk(server.url(path), SECONDS)}
                rows[path]["bare_rps"] = bare["rps"] if bare else rows[path]["rps"]
                # Other work on the machine skews a run: the load shows it.
                rows[path]["load"] = os.getloadavg()[0]
                log(
                    f"scale {scale} {mode} {label}: {rows[path]['rps']:.0f}/s, "
                    f"p50 {rows[path]['p50']:.1f} ms, p99 {rows[path]['p99']:.1f} ms"
                )
            seconds, cities = full_sync(server)
            if cache:  # the first pull filled the cache; a partner's next full pull reads it
                seconds, cities = full_sync(server)
            log(f"scale {scale} {mode} full sync: {cities} cities in {seconds:.2f} s")
            results["modes"][mode] = {
                "rows": rows,
                "sync": {"seconds": seconds, "cities": cities},
                "rss_mib": server.worker_rss_mib(),
            }
    return results


def fmt_ms(value):
    return f"{value:.1f}"


def write_report(results, started, elapsed):
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (scripts/bench.py); rerun it to measure again. Numbers are",
        "from one run on the machine below; the ratio to the bare view is what travels.",
        "",
        f"- Run: {started:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} minutes in all.",
        f"- Machine: {CORES} cores ({cpu}), "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}.",
        f"- Server: gunicorn, {WORKERS} sync workers, `DJANGO_PRODUCTION=1`, PostgreSQL "
        "(embedded, same machine, defaults), Redis (`REDIS_URL`, same machine) behind each "
        "worker's own memory, as docs/deploy.md lays out several hosts.",
        f"- Load: wrk, {CONNECTIONS} connections, {SECONDS} s per endpoint after a 1 s "
        "warm-up; wrk runs on the same 2 cores as the server and the database.",
        "- **cold**: response cache off (`DJANGO_RESPONSE_CACHE=0`), every request renders "
        "and queries. **warm**: cache on; a hit costs one query (the content generation).",
        "- *× bare*: requests per second over the bare view's, measured for 3 s right "
        "before each endpoint (a trivial view through the same middleware, no query: the "
        "limit of this machine at that moment).",
        "- *queries*: SQL queries of one uncached request (Django test client, same data).",
        "- *load*: the machine's 1-minute load average after that endpoint's run; above "
        f"about {CORES + 1} (the server, PostgreSQL and wrk on {CORES} cores) other work "
        "shared the machine and the numbers of that row are low.",
        "- *Full sync*: every city, pages of 500, one request after the other. Cold: "
        "cache off. Warm: the second pull of the run (the first filled the cache).",
        "",
        "Targets: warm ≥ 0.7 × bare, cold ≥ 0.25 × bare, p99 ≤ 50 ms, ≤ 8 queries, "
        "scale 10 ≤ 1.3 × the latency of scale 1, full sync of 10,000 cities ≤ 2 s.",
        "",
    ]
    base = results.get(1)
    for scale, result in results.items():
        lines += [f"## Scale {scale}", ""]
        header = "| endpoint | queries | cold req/s | cold p50 ms | cold p99 ms | cold × bare "
        header += "| warm req/s | warm p50 ms | warm p99 ms | warm × bare | load cold/warm |"
        if scale != 1 and base:
            header += " p50 vs scale 1 (cold) |"
        lines += [header, "|" + "---|" * (header.count("|") - 1)]
        cold, warm = result["modes"]["cold"]["rows"], result["modes"]["warm"]["rows"]
        for path, row in cold.items():
            hot = warm[path]
            status, queries = result["queries"].get(path, [0, "?"])
            cells = [
                row["label"],
                str(queries),
                f"{row['rps']:.0f}",
                fmt_ms(row["p50"]),
                fmt_ms(row["p99"]),
                f"{row['rps'] / row['bare_rps']:.2f}",
                f"{hot['rps']:.0f}",
                fmt_ms(hot["p50"]),
                fmt_ms(hot["p99"]),
                f"{hot['rps'] / hot['bare_rps']:.2f}",
                f"{row['load']:.1f} / {hot['load']:.1f}",
            ]
            if scale != 1 and base:
                cells.append(f"{row['p50'] / base['modes']['cold']['rows'][path]['p50']:.2f}")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        for mode in ("cold", "warm"):
            sync = result["modes"][mode]["sync"]
            per_10k = sync["seconds"] / sync["cities"] * 10_000 if sync["cities"] else 0
            lines.append(
                f"- Full sync, {mode}: {sync['cities']:,} cities in {sync['seconds']:.2f} s "
                f"(pages of 500; {per_10k:.2f} s per 10,000 cities)."
            )
        lines.append(
            f"- Largest worker's resident memory after the run: "
            f"{result['modes']['cold']['rss_mib']:.0f} MiB cold, "
            f"{result['modes']['warm']['rss_mib']:.0f} MiB warm."
        )
        lines.append("")
    lines += ["## Against the targets", "", *target_notes(results), ""]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def target_notes(results):
    """Each target, met or missed, from this run's numbers."""
    notes = []
    base = results.get(1)
    for scale, result in results.items():
        cold, warm = result["modes"]["cold"]["rows"], result["modes"]["warm"]["rows"]
        paths = [path for path in cold if path != BARE]

        def misses(rows, test, paths=paths):
            return [rows[path]["label"] for path in paths if not test(rows, path)]

        checks = [
            (
                "warm ≥ 0.7 × bare",
                misses(warm, lambda r, p: r[p]["rps"] >= 0.7 * r[p]["bare_rps"]),
            ),
            (
                "cold ≥ 0.25 × bare",
                misses(cold, lambda r, p: r[p]["rps"] >= 0.25 * r[p]["bare_rps"]),
            ),
            ("warm p99 ≤ 50 ms", misses(warm, lambda r, p: r[p]["p99"] <= 50)),
            ("cold p99 ≤ 50 ms", misses(cold, lambda r, p: r[p]["p99"] <= 50)),
            ("≤ 8 queries", [cold[p]["label"] for p in paths if result["queries"][p][1] > 8]),
        ]
        if scale != 1 and base:
            checks.append(
                (
                    "cold p50 ≤ 1.3 × scale 1",
                    misses(
                        cold,
                        lambda r, p: r[p]["p50"] <= 1.3 * base["modes"]["cold"]["rows"][p]["p50"],
                    ),
                )
            )
            checks.append(
                (
                    "warm p50 ≤ 1.3 × scale 1",
                    misses(
                        warm,
                        lambda r, p: r[p]["p50"] <= 1.3 * base["modes"]["warm"]["rows"][p]["p50"],
                    ),
                )
            )
        for mode in ("cold", "warm"):
            sync = result["modes"][mode]["sync"]
            per_10k = sync["seconds"] / sync["cities"] * 10_000 if sync["cities"] else 0
            checks.append(
                (
                    f"{mode} full sync ≤ 2 s per 10,000 cities",
                    [] if per_10k <= 2 else [f"{per_10k:.2f} s"],
                )
            )
        for name, missed in checks:
            verdict = "met" if not missed else "missed by " + ", ".join(missed)
            notes.append(f"- Scale {scale}, {name}: {verdict}.")
    return notes


def main():
    # Stopped by a signal, still stop what it started (the `with` blocks and `finally`).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    for tool in ("wrk", "redis-server"):
        if not shutil.which(tool):
            sys.exit(
                f"{tool} is not installed: `apt-get install wrk redis-server` "
                "(make bench does it as root)."
            )
    started_at = datetime.datetime.now(datetime.UTC)
    started = time.perf_counter()
    db = EmbeddedPostgres(BASE_DIR / ".pgdata-bench")
    db.start()
    static_root = Path(tempfile.mkdtemp(prefix="forum-bench-static-"))
    try:
        results = {}
        for scale in SCALES:
            env = prepare(db, scale)
            if not results:
                static_env = {
                    **env,
                    "DJANGO_STATIC_ROOT": str(static_root),
                    "DJANGO_PRODUCTION": "1",
                    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                }
                manage(static_env, "collectstatic", "--noinput", "-v", "0")
            with Redis() as redis:
                results[scale] = run_scale(env, scale, static_root, redis.url)
        write_report(results, started_at, time.perf_counter() - started)
        log(f"wrote {OUTPUT.relative_to(BASE_DIR)}")
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        db.stop()


if __name__ == "__main__":
    main()
