"""gunicorn masters the benchmark starts (the service and the yardstick), and what processes cost:
their workers' peak memory and the CPU time each part of the system spends per request."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.support.servers import free_port

BIN = Path(sys.executable).parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
START_TIMEOUT = 60
STOP_TIMEOUT = 20


class Gunicorn:
    """One gunicorn master with the production config file, on a free loopback port."""

    def __init__(self, name: str, app_spec: str, env: dict[str, str], workers: int, log_path: Path) -> None:
        self.name, self.app_spec, self.env, self.workers, self.log_path = name, app_spec, env, workers, log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, ready_path: str) -> None:
        command = [str(BIN / "gunicorn"), "-c", "python:service.gunicorn_conf"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), self.app_spec]
        with open(self.log_path, "ab") as log:
            # Own session: the master and its workers form one process group that stop() can end for sure.
            self.process = subprocess.Popen(
                command, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
            )
        self._wait_until_ready(ready_path)

    def _wait_until_ready(self, path: str) -> None:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            if len(worker_pids(self.process.pid)) == self.workers and _answers(self.url + path):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name}: gunicorn not ready within {START_TIMEOUT}s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM (graceful), then SIGKILL to the whole process group if it lingers; no-op if not running."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def worker_pids(self) -> list[int]:
        return worker_pids(self.process.pid) if self.process else []

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _stat_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat from the state field on (the command name before it may hold spaces and ")")."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None  # exited while we looked


def worker_pids(master_pid: int) -> list[int]:
    """The master's children, read from /proc (gunicorn workers are its direct children)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name))) and int(fields[1]) == master_pid:
            pids.append(int(entry.name))
    return sorted(pids)


def cpu_seconds(pid: int, *, with_children: bool = False) -> float:
    """User + system CPU of a process; with its direct children, live (from /proc) and reaped (cutime)."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
        return ticks / CLOCK_TICKS + sum(cpu_seconds(child) for child in worker_pids(pid))
    return ticks / CLOCK_TICKS


def own_children_cpu_seconds() -> float:
    """CPU of this process's reaped children: a wrk run's, once it has exited."""
    times = os.times()
    return times.children_user + times.children_system


def peak_rss_mib(pid: int) -> float | None:
    """VmHWM: the most resident memory the process has ever had, in MiB (None once it has exited)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class PeakMemory:
    """The highest VmHWM seen per worker pid, sampled between scenarios (workers recycle after max_requests)."""

    def __init__(self) -> None:
        self.by_server: dict[str, dict[int, float]] = {}

    def sample(self, server: Gunicorn) -> None:
        seen = self.by_server.setdefault(server.name, {})
        for pid in server.worker_pids():
            peak = peak_rss_mib(pid)
            if peak is not None:
                seen[pid] = max(peak, seen.get(pid, 0.0))


def machine_busy_seconds() -> float:
    """CPU time every core has spent busy since boot (all processes, ours or not), from /proc/stat."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


class CpuMeter:
    """CPU seconds spent by each part of the system, read before and after a measured run.

    "other" is whatever else ran on the machine meanwhile: on a shared machine it explains noisy figures.
    """

    def __init__(self, postmaster_pid: int, redis_pid: int) -> None:
        self.postmaster_pid, self.redis_pid = postmaster_pid, redis_pid

    def read(self, server: Gunicorn) -> dict[str, float]:
        parts = {
            "app": cpu_seconds(server.process.pid, with_children=True) if server.process else 0.0,
            "postgres": cpu_seconds(self.postmaster_pid, with_children=True),
            "redis": cpu_seconds(self.redis_pid),
            "wrk": own_children_cpu_seconds(),
        }
        parts["other"] = machine_busy_seconds() - sum(parts.values())
        return parts
