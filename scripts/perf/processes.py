"""What the processes the benchmark starts cost: their workers' peak memory and the CPU time each
part of the system spends per request. (They are started by `tests.support.gunicorn`.)"""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.gunicorn import Gunicorn, stat_fields, worker_pids

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, *, with_children: bool = False) -> float:
    """User + system CPU of a process; with its direct children, live (from /proc) and reaped (cutime)."""
    fields = stat_fields(pid)
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
