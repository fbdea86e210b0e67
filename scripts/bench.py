#!/usr/bin/env python3
"""Measure Conduit API against issue 6's targets: `scripts/bench [--scale ARTICLES] [--duration SECONDS]`.

Starts a throwaway PostgreSQL and Redis on loopback, migrates and seeds them with COPY, serves the
service and a bare Flask yardstick with gunicorn (the production config file, 4 sync workers), loads
each scenario with wrk, and prints one table, plus SQL statements per list request, query plans, the
argon2id rate and the workers' peak memory. The same goes to bench-results/<timestamp>.json.
Everything it starts is stopped again, on success, failure, Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from perf import load, mixed, probes, report, scale  # noqa: E402
from perf.dataset import Dataset, Scale, seed  # noqa: E402
from perf.processes import CpuMeter, Gunicorn, PeakMemory  # noqa: E402
from tests.support.gunicorn import migrate as migrate_database  # noqa: E402
from tests.support.servers import postgres_server, redis_server  # noqa: E402

WORKERS = 4
CORES = os.cpu_count() or 1
UNREACHABLE_LIMIT = "1000000/minute"  # rate limits stay on (their Redis cost is real) but never trip
LOCAL_SETTINGS = ("APP_ENV", "DATABASE_", "REDIS_", "RATELIMIT_", "ARGON2_", "GUNICORN_", "WEB_CONCURRENCY", "BIND")
RATE_LIMITS = (
    "RATELIMIT_WRITES_PER_USER",
    "RATELIMIT_LOGIN_PER_IP",
    "RATELIMIT_LOGIN_PER_EMAIL",
    "RATELIMIT_REGISTER_PER_IP",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=Scale().articles, help="articles to seed (default %(default)s)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="times every scenario runs; the median round counts (default %(default)s)"
    )
    parser.add_argument(
        "--duration", type=int, default=4, help="seconds of load per scenario and round (default %(default)s)"
    )
    parser.add_argument("--warmup", type=int, default=1, help="seconds of unmeasured load first (default %(default)s)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default %(default)s)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default %(default)s)")
    parser.add_argument(
        "--only",
        help="comma-separated scenarios to run (the yardsticks and the floor always run): "
        "list_anonymous, list_authenticated, feed, article, comments, tags, profile, writes, login, mixed; "
        "scale: every scale scenario (issue 24), which also run with --scale or --compare",
    )
    parser.add_argument(
        "--mixed-writes",
        default="0,50",
        help="write rates (per second) of the read mix under writes, the first 0 (default %(default)s)",
    )
    parser.add_argument(
        "--compare",
        help="ARTICLES: also seed and serve that many articles, and run the scale scenarios against both in each "
        "round; or a saved result file (bench-results/*.json) with scale scenarios to compare with",
    )
    parser.add_argument(
        "--time-limit", type=int, default=3600, help="seconds before the run stops itself (default %(default)s)"
    )
    parser.add_argument("--results-dir", type=Path, default=ROOT / "bench-results")
    return parser.parse_args(argv)


def step(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def _exit_on_sigterm(signum: int, _frame: Any) -> NoReturn:
    raise SystemExit(128 + signum)  # unwinds the ExitStack, which stops every server


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    signal.signal(signal.SIGALRM, _exit_on_sigterm)  # --time-limit: stopped the same way as by SIGTERM
    signal.alarm(args.time_limit)
    forget_local_settings()
    started = time.monotonic()
    try:
        with ExitStack() as stack:
            run(args, stack)
    except KeyboardInterrupt:
        print("interrupted; everything started was stopped", file=sys.stderr)
        return 130
    step(f"done in {time.monotonic() - started:.0f}s")
    return 0


def run(args: argparse.Namespace, stack: ExitStack) -> None:
    workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="conduit-bench-")))
    step("starting PostgreSQL and Redis on loopback")
    postgres = stack.enter_context(postgres_server())
    redis = stack.enter_context(redis_server())
    env = service_env(postgres.create_database("conduit_bench"), redis.url)
    migrate(env, workdir)
    app = probes.make_app(env)
    stack.callback(probes.close_app, app)
    argon2_params = {"time_cost": app.config["ARGON2_TIME_COST"], "memory_cost": app.config["ARGON2_MEMORY_COST"]}

    step(f"seeding {args.scale:,} articles with COPY")
    libpq_url = env["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
    dataset = seed(libpq_url, Scale(args.scale), **argon2_params)
    step(f"seeded {dataset.counts} in {dataset.seconds:.1f}s; seconds per step: {dataset.phases}")

    only = args.only.split(",") if args.only else None
    step("in-process probes: SQL statements and Redis round trips per request, EXPLAIN ANALYZE, argon2id rate")
    tokens = probes.issue_tokens(app, dataset.reader_ids + dataset.writer_ids)
    scenarios = selected_scenarios(load.scenarios(dataset, tokens), only)
    compare_env = None
    if with_scale_scenarios(args):
        step(f"scale scenarios: cursors at depth {scale.DEPTH:,}, each checked against its offset page")
        scenarios[-1:-1] = scale.scenarios(app, dataset, tokens)
        if args.compare and args.compare.isdigit():
            compare_env, compared = seed_compared(int(args.compare), stack, postgres, redis.url, workdir, argon2_params)
            scenarios[-1:-1] = compared
    reader_token = tokens[dataset.reader_ids[0]]
    list_counts = probes.list_statement_counts(app, reader_token)
    plans = {**probes.list_plans(app, reader_token), **scale.plans(app, scenarios)}
    costs = {scenario.key: probes.in_process_costs(app, scenario) for scenario in scenarios}
    argon2 = {"hashes_per_second": probes.argon2_hashes_per_second(**argon2_params), **argon2_params}

    code = code_under_test()  # read as the servers load it: others may be editing src/ meanwhile
    servers = start_servers(stack, env, workdir, compare_env)
    meter = CpuMeter(postmaster_pid(postgres.data_dir), redis.pid or 0)
    memory = PeakMemory()
    rounds = []
    for number in range(1, args.rounds + 1):
        step(f"round {number} of {args.rounds}")
        reports = [
            measure(args, scenario, servers[scenario.server], meter, costs, memory, workdir) for scenario in scenarios
        ]
        report.set_shares_of_yardstick(reports)
        rounds.append(reports)
    reads_under_writes = None
    if only is None or "mixed" in only:
        shape = load.LoadShape(args.duration, args.connections, args.threads)
        runs = mixed.Runs(args.mixed_writes, shape, args.warmup, args.rounds)
        reads_under_writes = mixed.reads_under_writes(dataset, tokens, servers["service"].url, workdir, runs)
    print_and_save(
        args, code, dataset, report.median_rounds(rounds), list_counts, plans, argon2, memory, reads_under_writes
    )


# --- setting up ----------------------------------------------------------------------------------------


def forget_local_settings() -> None:
    """Drop settings of the caller's environment that would make this run differ from production
    (the in-process app reads os.environ too, so it is cleaned here rather than per subprocess)."""
    for name in [name for name in os.environ if name.startswith(LOCAL_SETTINGS)]:
        del os.environ[name]


def service_env(database_url: str, redis_url: str) -> dict[str, str]:
    """Production profile, fresh strong secrets, the throwaway servers, quiet logs, limits out of reach."""
    env = dict(os.environ)
    env.update(
        APP_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        JWT_SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        LOG_LEVEL="WARNING",
        WEB_CONCURRENCY=str(WORKERS),
        PYTHONPATH=str(ROOT / "scripts"),  # for the yardstick module; the service is installed in .venv
    )
    env.update(dict.fromkeys(RATE_LIMITS, UNREACHABLE_LIMIT))
    return env


def migrate(env: dict[str, str], workdir: Path) -> None:
    step("migrating (flask --app service db upgrade)")
    migrate_database(env, workdir)


def with_scale_scenarios(args: argparse.Namespace) -> bool:
    return bool(args.scale != Scale().articles or args.compare or scale.SELECTED_BY in (args.only or "").split(","))


def seed_compared(
    articles: int, stack: ExitStack, postgres: Any, redis_url: str, workdir: Path, argon2_params: dict[str, int]
) -> tuple[dict[str, str], list[load.Scenario]]:
    """`--compare ARTICLES`: a second database of that size, its own Redis database (the kept totals
    and versions must not mix), and the scale scenarios against it."""
    env = service_env(postgres.create_database("conduit_compare"), redis_url.rsplit("/", 1)[0] + "/1")
    migrate(env, workdir)
    step(f"seeding {articles:,} articles to compare with")
    dataset = seed(
        env["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://"), Scale(articles), **argon2_params
    )
    app = probes.make_app(env)
    stack.callback(probes.close_app, app)
    tokens = probes.issue_tokens(app, dataset.reader_ids)
    return env, [scale.compared(scenario, articles) for scenario in scale.scenarios(app, dataset, tokens)]


def start_servers(
    stack: ExitStack, env: dict[str, str], workdir: Path, compare_env: dict[str, str] | None = None
) -> dict[str, Gunicorn]:
    servers = {
        "service": Gunicorn("service:create_app()", env, WORKERS, workdir / "service.log", name="service"),
        "yardstick": Gunicorn("perf.yardstick:app", env, WORKERS, workdir / "yardstick.log", name="yardstick"),
    }
    if compare_env:
        servers["compare"] = Gunicorn(
            "service:create_app()", compare_env, WORKERS, workdir / "compare.log", name="compare"
        )
    for name, server in servers.items():
        step(f"starting the {name} with gunicorn, {WORKERS} sync workers")
        stack.callback(server.stop)
        server.start("/" if name == "yardstick" else "/api/health")
    return servers


def selected_scenarios(scenarios: list[load.Scenario], only: list[str] | None) -> list[load.Scenario]:
    if only is None:
        return scenarios
    wanted = {*report.REFERENCES, *only} - {"mixed", scale.SELECTED_BY}
    unknown = wanted - {scenario.key for scenario in scenarios}
    if unknown:
        raise SystemExit(f"unknown scenarios: {', '.join(sorted(unknown))}")
    return [scenario for scenario in scenarios if scenario.key in wanted]


def code_under_test() -> dict[str, Any]:
    """The commit measured, and the files under src/ that differ from it."""

    def git(*arguments: str) -> str:
        result = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted": git("status", "--porcelain", "src").splitlines(),
    }


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().split()[0])


# --- measuring -----------------------------------------------------------------------------------------


def measure(
    args: argparse.Namespace,
    scenario: load.Scenario,
    server: Gunicorn,
    meter: CpuMeter,
    costs: dict[str, tuple[str, str]],
    memory: PeakMemory,
    workdir: Path,
) -> report.ScenarioReport:
    if scenario.revalidates:
        scenario = load.holding_current_etags(scenario, server.url)
    script = load.write_lua_script(scenario, workdir)
    step(f"{scenario.title}: {args.warmup}s warm-up, {args.duration}s measured")
    if args.warmup:
        load.run_wrk(server.url, script, load.LoadShape(args.warmup, args.connections, args.threads))
    before = meter.read(server)
    result = load.run_wrk(server.url, script, load.LoadShape(args.duration, args.connections, args.threads))
    after = meter.read(server)
    memory.sample(server)
    if scenario.revalidates:  # its figures are those of 304s only while its tags held
        answered_in_full = [
            answer for answer in load.answers_now(server.url, scenario.requests) if " -> 304" not in answer
        ]
        if answered_in_full:
            raise RuntimeError(f"{scenario.title}: tags no longer current after the load: {answered_in_full[:3]}")
    sql, redis_round_trips = costs[scenario.key]
    return report.ScenarioReport(
        key=scenario.key,
        title=scenario.title,
        result=result,
        sql_per_request=sql,
        redis_per_request=redis_round_trips,
        cpu_ms_per_request={part: (after[part] - before[part]) * 1000 / max(result.requests, 1) for part in after},
        other_cpu_share=(after["other"] - before["other"]) / (result.seconds * CORES),
        error_samples=load.answers_now(server.url, scenario.requests[:3]) if result.error_count else [],
    )


# --- reporting -----------------------------------------------------------------------------------------


def print_and_save(
    args: argparse.Namespace,
    code: dict[str, Any],
    dataset: Dataset,
    reports: list[report.ScenarioReport],
    list_counts: dict[str, dict[int, int]],
    plans: dict[str, list[probes.PlanSummary]],
    argon2: dict[str, float],
    memory: PeakMemory,
    reads_under_writes: dict[str, Any] | None,
) -> None:
    login = next((item for item in reports if item.key == "login"), None)
    baseline = report.find_baseline(args.results_dir) if args.scale != Scale().articles else None
    comparison = report.scale_comparison(reports, baseline) if baseline else {}
    sections = [
        f"Conduit API benchmark: {dataset.scale.articles:,} articles, {WORKERS} sync workers, "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s in {args.rounds} round(s), {CORES} cores; "
        f"code {code['commit']}"
        + (f" with {len(code['uncommitted'])} uncommitted file(s) in src/" if code["uncommitted"] else ""),
        report.scenario_table(reports),
        report.statements_table(list_counts),
        report.plans_text(plans),
        report.login_text(argon2["hashes_per_second"], login, CORES, WORKERS),
        report.memory_text(memory.by_server),
    ]
    if reads_under_writes:
        sections.append(mixed.text(reads_under_writes["title"], reads_under_writes["rates"]))
    if baseline:
        sections.append(report.scale_text(comparison, baseline["path"]))
    elif args.scale != Scale().articles:
        sections.append(f"no {Scale().articles:,}-article run in {args.results_dir} to compare p50 with")
    scale_figures = scale.figures(reports, dataset.scale.articles)
    compared_with = _compared_figures(args, reports)
    scale_rows = scale.comparison(scale_figures, compared_with) if compared_with else {}
    if scale_figures["scenarios"]:
        sections.append(f"seeded {dataset.scale.articles:,} articles in {dataset.seconds:.0f} s")
        if compared_with:
            sections.append(scale.comparison_text(scale_rows, scale_figures, compared_with))
        peak = max(memory.by_server.get("service", {}).values(), default=0.0)
        sections.append(scale.targets_text(scale_figures, peak))
    print("\n\n".join(sections))

    path = args.results_dir / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    report.write_json(
        path,
        {
            "settings": {**_settings(args), "workers": WORKERS},
            "machine": {"cores": CORES, "python": sys.version.split()[0]},
            "code": code,
            "dataset": {
                "articles": dataset.scale.articles,
                "rows": dataset.counts,
                "seed_seconds": dataset.seconds,
                "seed_steps_seconds": dataset.phases,
            },
            "scenarios": [item.as_json() for item in reports],
            "sql_statements_per_list_request": list_counts,
            "plans": {name: [vars(plan) for plan in summaries] for name, summaries in plans.items()},
            "argon2id": argon2,
            "peak_rss_mib": memory.by_server,
            "scale_comparison": comparison,
            "scale": scale_figures,
            "scale_compared_with": compared_with,
            "scale_scenarios_comparison": scale_rows,
            "reads_under_writes": reads_under_writes,
        },
    )
    print(f"\nsaved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _compared_figures(args: argparse.Namespace, reports: list[report.ScenarioReport]) -> dict[str, Any] | None:
    if not args.compare:
        return None
    if args.compare.isdigit():
        return scale.figures(reports, int(args.compare), of_compared=True)
    return scale.saved_figures(Path(args.compare))


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    return {key: value for key, value in vars(args).items() if key != "results_dir"}


if __name__ == "__main__":
    sys.exit(main())
