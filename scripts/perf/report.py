"""Issue 6's targets, and the tables the benchmark prints (and saves as JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perf.dataset import DEFAULT_ARTICLES
from perf.load import WRK_TIMEOUT, LoadResult
from perf.probes import MAX_LIST_STATEMENTS, PlanSummary, list_counts_pass

# Issue 6: requests/s as a share of the yardstick's, in the same run.
MIN_SHARE_OF_YARDSTICK = {
    "list_anonymous": 0.25,
    "list_authenticated": 0.20,
    "feed": 0.20,
    "article": 0.40,
    "tags": 0.40,
    "profile": 0.40,
}
MAX_P99_MS = 100.0
YARDSTICKS = ("yardstick", "yardstick_again")
REFERENCES = (*YARDSTICKS, "floor")  # they measure the setting; no target applies to them
NO_LATENCY_TARGET = {"login"}  # login is bound by argon2id on purpose
SCALE_KEYS = ("list_anonymous", "list_authenticated", "feed")
MAX_P50_GROWTH_AT_SCALE = 1.5


@dataclass
class ScenarioReport:
    key: str
    title: str
    result: LoadResult
    sql_per_request: str  # measured in-process; "6/6/5" when the scenario's kinds of request differ
    redis_per_request: str  # round trips, likewise
    cpu_ms_per_request: dict[str, float]  # app, postgres, redis, wrk, other
    other_cpu_share: float  # of the machine, taken by processes that are not part of the benchmark
    error_samples: list[str] = field(default_factory=list)
    share_of_yardstick: float = 0.0
    cpu_share_of_yardstick: float = 0.0  # the same ratio from CPU per request: steadier on a shared machine
    rounds: list[ScenarioReport] = field(default_factory=list)  # every round of this scenario, this one included

    @property
    def every_round(self) -> list[ScenarioReport]:
        return self.rounds or [self]

    @property
    def error_count(self) -> int:
        """Errors in every round: a target of zero errors holds for all of them, not the median."""
        return sum(report.result.error_count for report in self.every_round)

    @property
    def cpu_ms_total(self) -> float:
        return sum(ms for part, ms in self.cpu_ms_per_request.items() if part != "other")

    def verdicts(self) -> list[tuple[str, bool]]:
        """(target, met) for each of issue 6's targets that applies to this scenario."""
        if self.key in REFERENCES:
            return []
        checks = []
        if self.key in MIN_SHARE_OF_YARDSTICK:
            minimum = MIN_SHARE_OF_YARDSTICK[self.key]
            checks.append((f">={minimum:.0%}", self.share_of_yardstick >= minimum))
        if self.key not in NO_LATENCY_TARGET:
            checks.append((f"p99<={MAX_P99_MS:.0f}", self.result.p99_ms <= MAX_P99_MS))
        checks.append(("0 err", self.error_count == 0))
        return checks

    def as_json(self) -> dict[str, Any]:
        result = self.result
        return {
            "key": self.key,
            "title": self.title,
            "requests": result.requests,
            "seconds": round(result.seconds, 3),
            "requests_per_second": round(result.requests_per_second, 1),
            "p50_ms": result.p50_ms,
            "p90_ms": result.p90_ms,
            "p99_ms": result.p99_ms,
            "max_ms": result.max_ms,
            "errors": self.error_count,
            "errors_by_kind": result.errors,
            "error_samples": self.error_samples,
            "share_of_yardstick": round(self.share_of_yardstick, 4),
            "cpu_share_of_yardstick": round(self.cpu_share_of_yardstick, 4),
            "sql_per_request": self.sql_per_request,
            "redis_round_trips_per_request": self.redis_per_request,
            "cpu_ms_per_request": {part: round(ms, 3) for part, ms in self.cpu_ms_per_request.items()},
            "other_cpu_share": round(self.other_cpu_share, 3),
            "targets": {name: met for name, met in self.verdicts()},
            "rounds": [
                {
                    "requests_per_second": round(report.result.requests_per_second, 1),
                    "share_of_yardstick": round(report.share_of_yardstick, 4),
                    "p50_ms": report.result.p50_ms,
                    "p99_ms": report.result.p99_ms,
                    "errors": report.result.error_count,
                }
                for report in self.every_round
            ],
        }


def set_shares_of_yardstick(reports: list[ScenarioReport]) -> None:
    """In one round, each scenario's requests/s over the yardstick's (the mean of its first and last
    run in that round); and the yardstick's CPU per request (app, PostgreSQL, Redis and wrk) over the
    scenario's, which is what the requests/s ratio tends to on a CPU-bound machine, whatever else
    runs on it."""
    yardsticks = [report for report in reports if report.key in YARDSTICKS]
    if not yardsticks:
        return
    rate = sum(report.result.requests_per_second for report in yardsticks) / len(yardsticks)
    cpu_ms = sum(report.cpu_ms_total for report in yardsticks) / len(yardsticks)
    for report in reports:
        report.share_of_yardstick = report.result.requests_per_second / rate
        report.cpu_share_of_yardstick = cpu_ms / report.cpu_ms_total if report.cpu_ms_total else 0.0


def median_rounds(rounds: list[list[ScenarioReport]]) -> list[ScenarioReport]:
    """Each scenario's round with the median share of its own round's yardstick, holding all its
    rounds. A virtual machine has slow phases (a neighbour's burst): one then moves a round of a
    scenario, not its figure."""
    chosen = []
    for same_scenario in zip(*rounds, strict=True):
        by_share = sorted(same_scenario, key=lambda report: report.share_of_yardstick)
        median = by_share[(len(by_share) - 1) // 2]
        median.rounds = list(same_scenario)
        chosen.append(median)
    return chosen


def _verdict_text(checks: list[tuple[str, bool]]) -> str:
    return "  ".join(f"{name} {'PASS' if met else 'FAIL'}" for name, met in checks)


def _cpu_text(report: ScenarioReport) -> str:
    cpu = report.cpu_ms_per_request
    return f"{cpu['app']:.2f}/{cpu['postgres']:.2f}/{cpu['redis']:.2f}"


def _rounds_text(report: ScenarioReport) -> str:
    shares = [each.share_of_yardstick for each in report.every_round]
    return f"{min(shares):.2f}-{max(shares):.2f}" if len(shares) > 1 else "-"


def scenario_table(reports: list[ScenarioReport]) -> str:
    header = (
        f"{'scenario':<38}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}{'x yard':>7}{'rounds':>11}{'(CPU)':>6}"
        f"{'SQL':>6}{'Redis':>6}{'CPU ms/req':>17}{'other':>6}  targets (issue 6)"
    )
    lines = [header, "-" * (len(header) + 36)]
    for report in reports:
        result = report.result
        lines.append(
            f"{report.title:<38}{result.requests_per_second:>8.1f}{result.p50_ms:>8.1f}{result.p99_ms:>8.1f}"
            f"{report.error_count:>7}{report.share_of_yardstick:>7.2f}{_rounds_text(report):>11}"
            f"{report.cpu_share_of_yardstick:>6.2f}{report.sql_per_request:>6}{report.redis_per_request:>6}"
            f"{_cpu_text(report):>17}{report.other_cpu_share:>6.0%}  {_verdict_text(report.verdicts())}"
        )
    lines.append(
        "Each row is the scenario's median round (errors: all rounds). x yard: req/s over the yardstick's in the "
        "same round\n(mean of its two runs); rounds: x yard's range over the rounds; (CPU): the yardstick's CPU per "
        "request over this one's,\nwhich req/s tends to when the machine is CPU-bound. SQL, Redis: statements and "
        "round trips per request, in-process.\nCPU ms/req: app workers/PostgreSQL/Redis. other: share of the "
        "machine's CPU taken by processes outside the benchmark (noise).\n(auth 304): signed in, sending the ETag "
        "of the answer it holds (If-None-Match), as a browser revalidates."
    )
    for each in (each for report in reports for each in report.every_round if each.result.error_count):
        kinds = ", ".join(f"{kind} {count}" for kind, count in each.result.errors.items())
        lines.append(f"errors in {each.title}: {kinds} (wrk counts a response slower than {WRK_TIMEOUT} as a timeout)")
        lines.extend(f"  now answers: {sample}" for sample in each.error_samples)
    return "\n".join(lines)


def statements_table(counts: dict[str, dict[int, int]]) -> str:
    limits = sorted(next(iter(counts.values())))
    header = f"{'SQL statements per request':<28}" + "".join(f"{f'limit={limit}':>10}" for limit in limits)
    lines = [header, "-" * (len(header) + 40)]
    for name, by_limit in counts.items():
        verdict = "PASS" if list_counts_pass(by_limit) else "FAIL"
        cells = "".join(f"{by_limit[limit]:>10}" for limit in limits)
        lines.append(f"{name:<28}{cells}  same at every limit and <= {MAX_LIST_STATEMENTS}: {verdict}")
    return "\n".join(lines)


def plans_text(plans: dict[str, list[PlanSummary]]) -> str:
    lines = ["EXPLAIN (ANALYZE) of one page of 20, and of the tag cloud (user lookup by primary key left out)"]
    for name, summaries in plans.items():
        lines.append(f"{name}:")
        for plan in summaries:
            scans = ", ".join(plan.seq_scans) or "none"
            indexes = ", ".join(plan.indexes) or "none"
            lines.append(
                f"  {plan.label}: planning {plan.planning_ms:.2f} ms, execution {plan.execution_ms:.2f} ms; "
                f"indexes: {indexes}; seq scans: {scans}"
            )
            lines.extend(f"      {line}" for line in plan.lines)
    return "\n".join(lines)


def login_text(hashes_per_second: float, login: ScenarioReport | None, cores: int, workers: int) -> str:
    ceiling = hashes_per_second * min(cores, workers)
    text = (
        f"argon2id at the app's parameters: {hashes_per_second:.1f} hashes/s in one process "
        f"-> ceiling ~{ceiling:.0f} logins/s on {cores} cores"
    )
    if login is not None:
        rate = login.result.requests_per_second
        text += f"; measured login: {rate:.1f} req/s ({rate / ceiling:.0%} of the ceiling)"
    return text


def memory_text(peaks: dict[str, dict[int, float]]) -> str:
    lines = ["peak RSS per gunicorn worker (VmHWM, MiB; workers recycle after max_requests, so more pids may show)"]
    for server, by_pid in peaks.items():
        figures = ", ".join(f"{peak:.0f}" for _pid, peak in sorted(by_pid.items()))
        lines.append(f"  {server}: {figures}  (max {max(by_pid.values(), default=0):.0f})")
    return "\n".join(lines)


# --- the scale target: compare with the newest default-scale run ----------------------------------------


def find_baseline(results_dir: Path) -> dict[str, Any] | None:
    """The newest saved run at the default scale, whose p50 figures the scale target compares with."""
    for path in sorted(results_dir.glob("*.json"), reverse=True):
        try:
            document = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if document.get("dataset", {}).get("articles") == DEFAULT_ARTICLES:
            document["path"] = str(path)
            return document
    return None


def scale_comparison(reports: list[ScenarioReport], baseline: dict[str, Any]) -> dict[str, Any]:
    before = {scenario["key"]: scenario["p50_ms"] for scenario in baseline["scenarios"]}
    comparison = {}
    for report in reports:
        if report.key in SCALE_KEYS and report.key in before:
            growth = report.result.p50_ms / before[report.key]
            comparison[report.key] = {
                "baseline_p50_ms": before[report.key],
                "p50_ms": report.result.p50_ms,
                "growth": round(growth, 2),
                "pass": growth <= MAX_P50_GROWTH_AT_SCALE,
            }
    return comparison


def scale_text(comparison: dict[str, Any], baseline_path: str) -> str:
    lines = [f"p50 against the {DEFAULT_ARTICLES:,}-article run {baseline_path} (target <= {MAX_P50_GROWTH_AT_SCALE}x)"]
    for key, figures in comparison.items():
        verdict = "PASS" if figures["pass"] else "FAIL"
        lines.append(
            f"  {key:<20} {figures['baseline_p50_ms']:>7.1f} ms -> {figures['p50_ms']:>7.1f} ms"
            f"  ({figures['growth']:.2f}x)  {verdict}"
        )
    return "\n".join(lines)


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, default=str) + "\n")
