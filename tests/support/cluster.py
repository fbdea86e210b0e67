"""The production topology on loopback: nginx in front of N gunicorn instances, one PostgreSQL, one Redis
and one job worker.

`scripts/run --cluster N` serves it in the foreground; the cluster tests build one per module. Each
instance's gunicorn master pid is in `<state dir>/instance-K.pid`, its metrics in
`<state dir>/instance-K/metrics`, its log in `<state dir>/instance-K.log`; the job worker's log is
`<state dir>/worker.log`; nginx's files are under `<state dir>/nginx`, with the self-signed
certificate its HTTPS listener uses unless TLS files are given (`tls_files`). Standard library only,
like `servers`, so scripts can import it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.support.gunicorn import Gunicorn, migrate, worker_pids
from tests.support.servers import PostgresServer, RedisServer, free_port, postgres_server, redis_server
from tests.support.worker import job_worker

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TEMPLATE = REPO / "deploy" / "nginx" / "conduit.conf.template"
DOCS_ASSETS = REPO / "src" / "service" / "apidocs" / "static"
START_TIMEOUT = 60  # seconds an instance or nginx gets to answer
PASSIVE_CHECKS = "max_fails=1 fail_timeout=10s"  # one failure takes an instance out for 10 s
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")  # nginx's, kept out of /var/lib/nginx
TLS_PORT = 8443
TLS_VARIABLES = ("TLS_CERT", "TLS_KEY")


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer {url} within {START_TIMEOUT}s:\n{_tail(log)}")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


class Instance:
    """One gunicorn master and its workers, serving the app on 127.0.0.1:`port`."""

    def __init__(self, index: int, port: int, state_dir: Path, env: dict[str, str]) -> None:
        self.index, self.port = index, port
        self.url = f"http://127.0.0.1:{port}"
        self.pid_file = state_dir / f"instance-{index}.pid"
        self.metrics_dir = state_dir / f"instance-{index}" / "metrics"
        self.env = {**env, "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_dir)}
        workers = int(env.get("WEB_CONCURRENCY") or os.cpu_count() * 2 + 1)  # gunicorn_conf's default
        self.gunicorn = Gunicorn(
            "service:create_app()",
            self.env,
            workers,
            state_dir / f"instance-{index}.log",
            f"instance {index}",
            port=port,
            extra_args=("--pid", str(self.pid_file)),
        )

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self.gunicorn.process

    def start(self) -> None:
        self.metrics_dir.mkdir(parents=True, exist_ok=True)  # gunicorn_conf empties it
        self.gunicorn.start()

    @property
    def master_pid(self) -> int:
        return int(self.pid_file.read_text())

    def kill(self) -> list[int]:
        """`kill -9` the master and its workers, as a crash would; returns the pids killed."""
        master = self.master_pid
        pids = [*worker_pids(master), master]
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        if self.gunicorn.process is not None:
            self.gunicorn.process.wait(timeout=10)
        self.gunicorn.process = None
        return pids

    def stop(self) -> None:
        self.gunicorn.stop()


def tls_files(env: dict[str, str]) -> tuple[Path, Path] | None:
    """TLS_CERT and TLS_KEY, both readable PEM files, or neither (None: make a self-signed pair).
    Anything else is a ValueError of one line naming the variable."""
    given = {name: env.get(name, "").strip() for name in TLS_VARIABLES}
    if not any(given.values()):
        return None
    paths = []
    for name, value in given.items():
        if not value:
            raise ValueError(f"{name} is not set: set TLS_CERT and TLS_KEY together, or neither (self-signed)")
        path = Path(value)
        try:
            head = path.read_bytes()[:4096]
        except OSError as error:
            raise ValueError(f"{name}={path}: cannot read it ({error.strerror or error})") from None
        if b"-----BEGIN " not in head:
            raise ValueError(f"{name}={path}: not a PEM file")
        paths.append(path.resolve())
    return paths[0], paths[1]


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, valid for 30 days, made with openssl."""
    directory.mkdir(parents=True, exist_ok=True)
    cert, key = directory / "self-signed.crt", directory / "self-signed.key"
    openssl = shutil.which("openssl")
    if not openssl:
        raise RuntimeError("openssl not found: install it (apt-get install openssl) or set TLS_CERT and TLS_KEY")
    command = [
        openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-days", "30", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", str(key), "-out", str(cert),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode:
        raise RuntimeError(f"openssl could not make a certificate:\n{result.stderr}")
    key.chmod(0o600)
    return cert, key


class Nginx:
    """nginx as a child process, with its configuration, pid and temp files under `base_dir`: plain
    HTTP on `port`, HTTPS on `tls_port` (a free one unless given) with `tls` (cert, key) or a
    self-signed pair made at start."""

    def __init__(
        self,
        base_dir: Path,
        port: int,
        upstream_ports: list[int],
        *,
        gzip: bool = True,
        tls_port: int | None = None,
        tls: tuple[Path, Path] | None = None,
    ) -> None:
        self.base_dir, self.port, self.upstream_ports, self.gzip = base_dir, port, upstream_ports, gzip
        self.tls_port, self.tls = tls_port or free_port(), tls
        self.url = f"http://127.0.0.1:{port}"
        self.https_url = f"https://127.0.0.1:{self.tls_port}"
        self.log_file = base_dir / "nginx.log"
        self.process: subprocess.Popen[bytes] | None = None

    def write_config(self) -> Path:
        servers = "\n".join(f"    server 127.0.0.1:{port} {PASSIVE_CHECKS};" for port in self.upstream_ports)
        site = TEMPLATE.read_text()
        if self.tls is None:
            self.tls = self_signed_certificate(self.base_dir / "tls")
        values = {
            "upstream_servers": servers,
            "listen": f"127.0.0.1:{self.port}",
            "tls_listen": f"127.0.0.1:{self.tls_port}",
            "tls_certificate": str(self.tls[0]),
            "tls_certificate_key": str(self.tls[1]),
            "docs_assets": str(DOCS_ASSETS),
        }
        for name, value in values.items():
            site = site.replace("{{" + name + "}}", value)
        if not self.gzip:  # the compression benchmark's "without"
            site = site.replace("gzip on;", "gzip off;")
        for temp in TEMP_PATHS:
            (self.base_dir / "temp" / temp).mkdir(parents=True, exist_ok=True)
        (self.base_dir / "conduit.conf").write_text(site)
        main = self.base_dir / "nginx.conf"
        main.write_text(
            "daemon off;\nworker_processes 1;\nerror_log stderr warn;\n"
            f"pid {self.base_dir}/nginx.pid;\n"
            + ("user root;\n" if os.geteuid() == 0 else "")  # the workers read the docs assets in this checkout
            + "events { worker_connections 1024; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            "  access_log off;\n"
            + "".join(f"  {temp}_temp_path {self.base_dir}/temp/{temp};\n" for temp in TEMP_PATHS)
            + f"  include {self.base_dir}/conduit.conf;\n}}\n"
        )
        return main

    def start(self, *, wait: bool = True) -> None:
        """Start, and (unless told not to) wait until it answers /api/health through an instance."""
        config = self.write_config()
        command = [find_nginx(), "-p", str(self.base_dir), "-c", str(config), "-e", "stderr"]
        with open(self.log_file, "ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True
            )
        if wait:
            _wait_for(f"{self.url}/api/health", self.process, self.log_file, "nginx")
        else:
            _wait_for(f"{self.url}/docs/assets/swagger-init.js", self.process, self.log_file, "nginx")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGQUIT)  # graceful: answers what it has in hand
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def find_nginx() -> str:
    """$NGINX, else nginx on PATH, else Debian's (/usr/sbin is not on every user's PATH)."""
    found = os.environ.get("NGINX") or shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not found:
        raise RuntimeError("nginx not found: install it (apt-get install nginx) or set NGINX")
    return found


class Cluster:
    """What `cluster()` started: the backends, the instances and nginx in front of them."""

    def __init__(self, postgres: PostgresServer, redis: RedisServer, database_url: str) -> None:
        self.postgres, self.redis, self.database_url = postgres, redis, database_url
        self.instances: list[Instance] = []
        self.nginx: Nginx | None = None
        self.worker: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        assert self.nginx is not None
        return self.nginx.url

    @property
    def https_url(self) -> str:
        assert self.nginx is not None
        return self.nginx.https_url


def instance_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment every instance gets: the caller's, with the shared backends and one proxy hop."""
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, REDIS_URL=redis_url, PROXY_FIX_HOPS="1", PYTHONPATH=str(REPO / "src"))
    env.update(extra)
    return env


def _seed_demo(env: dict[str, str], workdir: Path) -> None:
    """`flask seed-demo`, in `workdir` (as `migrate`: not the repo, whose .env flask would read)."""
    command = [str(BIN / "flask"), "--app", "service", "seed-demo"]
    result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=120)
    if result.returncode:
        raise RuntimeError(f"flask seed-demo failed:\n{result.stdout}{result.stderr}")


@contextmanager
def cluster(
    state_dir: Path,
    instance_ports: list[int],
    proxy_port: int,
    *,
    seed: bool = False,
    tls_port: int | None = None,
    tls: tuple[Path, Path] | None = None,
    **env: str,
) -> Iterator[Cluster]:
    """Start PostgreSQL and Redis (throwaway), migrate once, start the job worker, the instances and nginx
    (HTTPS on `tls_port` with `tls`, see `Nginx`); stop them all afterwards, nginx first, so that no
    port stays open."""
    state_dir.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        postgres = stack.enter_context(postgres_server())
        redis = stack.enter_context(redis_server())
        started = Cluster(postgres, redis, postgres.create_database("conduit"))
        shared = instance_env(started.database_url, redis.url, **env)
        migrate(shared, state_dir)
        if seed:
            _seed_demo(shared, state_dir)
        # One worker serves every instance: the jobs (mail, avatar sizes) wait on the shared Redis queue.
        started.worker = stack.enter_context(job_worker(shared, state_dir / "worker.log", cwd=state_dir))
        for index, port in enumerate(instance_ports, start=1):
            instance = Instance(index, port, state_dir, shared)
            stack.callback(instance.stop)
            stack.callback(instance.pid_file.unlink, missing_ok=True)
            started.instances.append(instance)
            instance.start()
        started.nginx = Nginx(state_dir / "nginx", proxy_port, instance_ports, tls_port=tls_port, tls=tls)
        stack.callback(started.nginx.stop)
        started.nginx.start()
        yield started
