"""Throwaway real PostgreSQL and Redis servers for the test suite and for local scripts.

Some behaviour (PostgreSQL SQL semantics, losing the database mid-request, the Redis-backed rate limiter)
can only be checked against the real servers. These helpers run private instances on loopback ports out of
their own directories, so a run never touches or depends on a system-wide service, and cleans up after itself.
Standard library only, so scripts can import it without the test dependencies installed.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT = 30  # seconds a server gets to accept connections before we give up
# Durability is pointless for throwaway data; turning it off makes schema setup and TRUNCATEs much faster.
PG_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200")


def free_port() -> int:
    """An unused loopback port, picked by the kernel (it could be taken before we bind it, which is rare)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


# --- PostgreSQL -------------------------------------------------------------------------------------------


def find_pg_bin() -> Path:
    """The directory holding initdb/pg_ctl: $PG_BIN, else `pg_config --bindir`, else the newest Debian install.

    Debian keeps the server tools out of PATH (/usr/lib/postgresql/<version>/bin), hence the search.
    """
    if env := os.environ.get("PG_BIN"):
        return Path(env)
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            bindir = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout
            # pg_config may come from a libpq-dev without the server, so check that initdb is really there.
            if (Path(bindir.strip()) / "initdb").exists():
                return Path(bindir.strip())
    installs = [path for path in Path("/usr/lib/postgresql").glob("*/bin") if (path / "initdb").exists()]
    if not installs:
        raise RuntimeError("PostgreSQL server binaries not found: install postgresql or set PG_BIN")
    return max(installs, key=lambda path: tuple(int(part) for part in path.parent.name.split(".") if part.isdigit()))


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root, so as root we run its tools as the `postgres` system user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _give_to_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(path, user.pw_uid, user.pw_gid)


class PostgresServer:
    """A private PostgreSQL cluster kept in `base_dir` (data dir, log, socket), served on 127.0.0.1:`port`."""

    def __init__(self, base_dir: Path, port: int, bin_dir: Path | None = None) -> None:
        self.base_dir, self.port = Path(base_dir), port
        self.bin_dir = bin_dir or find_pg_bin()
        self.data_dir = self.base_dir / "data"
        self.log_file = self.base_dir / "postgres.log"

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        # cwd="/": the postgres user may not be allowed into our working directory, and the tools complain.
        command = _as_postgres([str(self.bin_dir / tool), *args])
        return subprocess.run(command, capture_output=True, text=True, cwd="/", timeout=START_TIMEOUT + 30)

    def init(self) -> None:
        """Create the cluster. Trust auth is fine: it only listens on loopback and holds throwaway data."""
        self.base_dir.mkdir(parents=True, exist_ok=True)
        _give_to_postgres(self.base_dir)
        result = self._run(
            "initdb", "-D", str(self.data_dir), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"
        )
        if result.returncode:
            raise RuntimeError(f"initdb failed:\n{result.stdout}{result.stderr}")

    def is_running(self) -> bool:
        return self._run("pg_ctl", "status", "-D", str(self.data_dir)).returncode == 0

    def start(self) -> None:
        """Start on `port` with the existing data dir; returns once it accepts connections (no-op if running)."""
        if self.is_running():
            return
        options = " ".join(
            [f"-p {self.port}", "-c listen_addresses=127.0.0.1"]
            + [f"-c unix_socket_directories={shlex.quote(str(self.base_dir))}"]  # pg_ctl passes -o through sh
            + [f"-c {setting}" for setting in PG_SETTINGS]
        )
        data_dir, log_file = str(self.data_dir), str(self.log_file)
        result = self._run(
            "pg_ctl", "start", "-D", data_dir, "-l", log_file, "-w", "-t", str(START_TIMEOUT), "-o", options
        )
        if result.returncode:
            self.kill()  # pg_ctl gives up waiting but may leave a half-started postmaster behind
            raise RuntimeError(
                f"PostgreSQL did not start on 127.0.0.1:{self.port} within {START_TIMEOUT}s:\n"
                f"{result.stdout}{result.stderr}\n--- {self.log_file} (tail) ---\n{_tail(self.log_file)}"
            )

    def stop(self) -> None:
        """Fast shutdown (what outage tests want: connections drop, data stays); no-op if not running."""
        if not self.is_running():
            return
        result = self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w", "-t", str(START_TIMEOUT))
        if result.returncode:
            raise RuntimeError(f"PostgreSQL did not stop:\n{result.stdout}{result.stderr}")

    def kill(self) -> None:
        """Immediate shutdown for teardown, where the data is about to be deleted anyway; ignores failures."""
        self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w")

    def create_database(self, name: str, exist_ok: bool = False) -> str:
        """Create database `name` and return its SQLAlchemy URL."""
        result = self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        if result.returncode and not (exist_ok and "already exists" in result.stderr):
            raise RuntimeError(f"createdb {name} failed:\n{result.stdout}{result.stderr}")
        return self.url_for(name)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """A fresh cluster on a free port for the duration of the block; stopped and deleted afterwards."""
    bin_dir = find_pg_bin()
    base_dir = Path(tempfile.mkdtemp(prefix="conduit-pg-"))
    server = PostgresServer(base_dir, free_port(), bin_dir)
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.kill()
        shutil.rmtree(base_dir, ignore_errors=True)


# --- Redis ------------------------------------------------------------------------------------------------


def find_redis_server() -> str:
    executable = os.environ.get("REDIS_SERVER") or shutil.which("redis-server")
    if not executable:
        raise RuntimeError("redis-server not found: install redis-server or set REDIS_SERVER")
    return executable


def redis_ping(port: int, timeout: float = 1.0) -> bool:
    """Whether a Redis on 127.0.0.1:`port` answers PING (raw RESP, so redis-py is not needed)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A private, non-persistent redis-server on 127.0.0.1:`port`, with its log and working dir in `base_dir`."""

    def __init__(self, base_dir: Path, port: int) -> None:
        self.base_dir, self.port = Path(base_dir), port
        self.log_file = self.base_dir / "redis.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        """Start on `port` and return once it answers PING (no-op if running)."""
        if self._process and self._process.poll() is None:
            return
        command = [find_redis_server(), "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.base_dir)]
        command += ["--save", "", "--appendonly", "no", "--protected-mode", "yes"]  # throwaway: never write to disk
        self.base_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            # Own session: a Ctrl-C meant for the caller's foreground job must not kill a server scripts keep.
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not redis_ping(self.port):
            exited = self._process.poll() is not None
            if exited or time.monotonic() > deadline:
                self.stop()
                problem = "exited" if exited else f"did not answer PING within {START_TIMEOUT}s"
                raise RuntimeError(
                    f"redis-server on 127.0.0.1:{self.port} {problem}\n"
                    f"--- {self.log_file} (tail) ---\n{_tail(self.log_file)}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """Terminate and reap the server; no-op if not running."""
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    """A fresh Redis on a free port for the duration of the block; always stopped afterwards."""
    base_dir = Path(tempfile.mkdtemp(prefix="conduit-redis-"))
    server = RedisServer(base_dir, free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)
