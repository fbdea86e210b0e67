"""Reads that hold under writes (issue 24): wrk loads a read mix while a writer favorites and
unfavorites at a fixed rate, on the articles the mix reads (the front page among them).

Each round runs every write rate back to back, so a rate's share of the reads/s without writes
comes from neighbouring runs; the median round counts. The writer runs in threads of this process,
each on its own keep-alive connection, and reports the rate it reached and any error.
"""

from __future__ import annotations

import http.client
import itertools
import json
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from perf import load
from perf.dataset import Dataset
from perf.load import LoadResult, LoadShape, Request, Scenario

READ_MIX = {"list_anonymous": 40, "list_authenticated": 20, "article": 30, "profile": 10}  # percent
MIX_COPIES = 50  # requests per percent in the script, so that 500 slugs and usernames rotate
MIN_SHARE = 0.85  # of the reads/s without writes, at any write rate measured
WRITER_THREADS = 16  # enough that the rate holds while each write waits its turn behind the reads
FRONT_PAGE = "/api/articles?limit=20"


def read_mix(data: Dataset, tokens: dict[int, str]) -> Scenario:
    readers = [tokens[user_id] for user_id in data.reader_ids]
    copies = {key: share * MIX_COPIES for key, share in READ_MIX.items()}
    requests = [Request("GET", FRONT_PAGE)] * copies["list_anonymous"]
    requests += [Request("GET", FRONT_PAGE, readers[i % len(readers)]) for i in range(copies["list_authenticated"])]
    requests += [Request("GET", f"/api/articles/{data.slugs[i % len(data.slugs)]}") for i in range(copies["article"])]
    requests += [
        Request("GET", f"/api/profiles/{data.usernames[i % len(data.usernames)]}") for i in range(copies["profile"])
    ]
    mix = ", ".join(f"{share} % {key.replace('_', ' ')}" for key, share in READ_MIX.items())
    return Scenario("read_mix", f"read mix ({mix})", "service", requests)


@dataclass(frozen=True)
class WriteTarget:
    token: str
    slug: str


def write_targets(data: Dataset, tokens: dict[int, str], base_url: str) -> list[WriteTarget]:
    """One writer per article, on the front page's articles and as many of the articles the mix reads."""
    with _Connection(base_url) as connection:
        _status, answer = connection.send("GET", FRONT_PAGE, None)
    front = [article["slug"] for article in answer["articles"]]
    slugs = front + [slug for slug in data.slugs if slug not in front][: len(front)]
    writers = [tokens[user_id] for user_id in data.writer_ids]
    return [WriteTarget(writers[i % len(writers)], slug) for i, slug in enumerate(slugs)]


class _Connection:
    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._http = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)

    def __enter__(self) -> _Connection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._http.close()

    def send(self, method: str, path: str, token: str | None) -> tuple[int, Any]:
        headers = {"Authorization": f"Token {token}"} if token else {}
        self._http.request(method, path, headers=headers)
        response = self._http.getresponse()
        body = response.read()
        return response.status, json.loads(body) if body else None


class Writer:
    """Favorites and unfavorites at `rate` writes a second in all, each target toggled in turn (its
    state read first, so that every write changes something), until stopped."""

    def __init__(self, base_url: str, targets: list[WriteTarget], rate: float) -> None:
        self.base_url, self.rate = base_url, rate
        self.sent = self.errors = 0
        self.seconds = 0.0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        shares = [share for share in (targets[i::WRITER_THREADS] for i in range(WRITER_THREADS)) if share]
        self._ready = threading.Barrier(len(shares) + 1)  # every thread has read its targets' state
        self._threads = [threading.Thread(target=self._write, args=(share,), daemon=True) for share in shares]

    def __enter__(self) -> Writer:
        for thread in self._threads:
            thread.start()
        self._ready.wait(timeout=60)
        self._started = time.monotonic()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)
        self.seconds = time.monotonic() - self._started

    @property
    def achieved_rate(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0

    def _write(self, targets: list[WriteTarget]) -> None:
        interval = len(self._threads) / self.rate
        with _Connection(self.base_url) as connection:
            favorited = {target: self._favorited(connection, target) for target in targets}
            self._ready.wait(timeout=60)
            due = time.monotonic()
            for number in itertools.count():
                due += interval
                if self._stop.wait(max(0.0, due - time.monotonic())):
                    return
                target = targets[number % len(targets)]
                method = "DELETE" if favorited[target] else "POST"
                status, _answer = connection.send(method, f"/api/articles/{target.slug}/favorite", target.token)
                if status == 200:
                    favorited[target] = not favorited[target]
                with self._lock:
                    self.sent += 1
                    self.errors += status != 200

    @staticmethod
    def _favorited(connection: _Connection, target: WriteTarget) -> bool:
        _status, answer = connection.send("GET", f"/api/articles/{target.slug}", target.token)
        return bool(answer["article"]["favorited"])


@dataclass(frozen=True)
class MixedRun:
    writes_per_second: float  # asked for
    achieved_writes_per_second: float
    write_errors: int
    reads: LoadResult


def measure(
    base_url: str, script: Path, shape: LoadShape, warmup_s: int, rate: float, targets: list[WriteTarget]
) -> MixedRun:
    """The read mix under wrk while the writer runs at `rate` (no writer at 0)."""
    if warmup_s:
        load.run_wrk(base_url, script, LoadShape(warmup_s, shape.connections, shape.threads))
    if not rate:
        return MixedRun(0, 0.0, 0, load.run_wrk(base_url, script, shape))
    with Writer(base_url, targets, rate) as writer:
        reads = load.run_wrk(base_url, script, shape)
    return MixedRun(rate, writer.achieved_rate, writer.errors, reads)


@dataclass(frozen=True)
class Runs:
    write_rates: str  # "0,50": comma-separated writes per second, the first 0
    shape: LoadShape
    warmup_s: int
    rounds: int


def reads_under_writes(
    data: Dataset, tokens: dict[int, str], base_url: str, workdir: Path, runs: Runs
) -> dict[str, Any]:
    """Every round: the read mix at each write rate, after a warm-up that fills the kept answers."""
    rates = [float(rate) for rate in runs.write_rates.split(",")]
    if not rates or rates[0] != 0:
        raise SystemExit("--mixed-writes: the first rate must be 0, the reads it is compared with")
    scenario = read_mix(data, tokens)
    script = load.write_lua_script(scenario, workdir)
    targets = write_targets(data, tokens, base_url)
    warmup = LoadShape(2 * runs.shape.duration_s, runs.shape.connections, runs.shape.threads)
    _step(f"reads under writes: {warmup.duration_s}s warm-up, each worker filling its kept answers")
    load.run_wrk(base_url, script, warmup)
    rounds = []
    for number in range(1, runs.rounds + 1):
        _step(f"reads under writes, round {number} of {runs.rounds}: {runs.write_rates} writes/s")
        rounds.append([measure(base_url, script, runs.shape, runs.warmup_s, rate, targets) for rate in rates])
    return {"title": scenario.title, "rates": median_round(rounds)}


def _step(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def median_round(rounds: list[list[MixedRun]]) -> list[dict[str, Any]]:
    """Per write rate: the round with the median reads/s, and its share of that round's reads/s
    without writes (the first rate of each round is 0)."""
    summary = []
    for position, same_rate in enumerate(zip(*rounds, strict=True)):
        shares = [
            run.reads.requests_per_second / rounds[i][0].reads.requests_per_second for i, run in enumerate(same_rate)
        ]
        median = sorted(range(len(same_rate)), key=lambda i: shares[i])[(len(same_rate) - 1) // 2]
        run = same_rate[median]
        summary.append(
            {
                "writes_per_second": run.writes_per_second,
                "achieved_writes_per_second": round(run.achieved_writes_per_second, 1),
                "write_errors": run.write_errors,
                "reads_per_second": round(run.reads.requests_per_second, 1),
                "read_errors": run.reads.error_count,
                "p50_ms": run.reads.p50_ms,
                "p99_ms": run.reads.p99_ms,
                "share_of_no_writes": round(shares[median], 4),
                "target_met": position == 0 or shares[median] >= MIN_SHARE,
                "rounds_share_of_no_writes": [round(share, 4) for share in shares],
                "rounds_reads_per_second": [round(run.reads.requests_per_second, 1) for run in same_rate],
            }
        )
    return summary


def text(title: str, summary: list[dict[str, Any]]) -> str:
    lines = [
        f"Reads under writes: {title}, favorite/unfavorite writer on the front page and read articles",
        f"{'writes/s':>8} {'reached':>8} {'reads/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'share':>7}  target",
    ]
    for row in summary:
        verdict = (
            "-" if not row["writes_per_second"] else f">={MIN_SHARE:.0%} {'PASS' if row['target_met'] else 'FAIL'}"
        )
        errors = row["write_errors"] + row["read_errors"]
        lines.append(
            f"{row['writes_per_second']:>8.0f} {row['achieved_writes_per_second']:>8.1f} "
            f"{row['reads_per_second']:>8.0f} {row['p50_ms']:>7.1f} {row['p99_ms']:>7.1f} "
            f"{row['share_of_no_writes']:>7.0%}  {verdict}" + (f"  {errors} error(s)" if errors else "")
        )
    return "\n".join(lines)
