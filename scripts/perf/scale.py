"""Issue 24's scale scenarios: the list, the feed and a search on their first page, at offset 10,000
and by cursor at depth 10,000, and their figures against a smaller data set (`--compare`).

The cursor at depth 10,000 is the one the service hands out there: built with `service.cursors` for
the article at that depth, and checked to answer the same page as the offset. A data set too small
to reach that depth is read at its deepest full page. A search ranks at most SEARCH_CANDIDATES
matches, so it has no page at depth 10,000: only its first page is measured.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import text

from perf.dataset import SEARCH_WORD, Dataset
from perf.load import Request, Scenario
from perf.probes import PlanSummary, explain, request_cost
from service.cursors import encode, timestamp_position
from service.extensions import db

DEPTH = 10_000
PAGE = 20
MAX_GROWTH = 1.5  # first page, cursor depth and search: p50 within 1.5x of the smaller data set
GROWTH_KEYS = ("scale_list", "scale_list_cursor", "scale_feed", "scale_feed_cursor", "scale_search")
SEARCH_KEY = "scale_search"
MAX_SEARCH_P99_MS = 100.0
MAX_WORKER_RSS_MIB = 150.0
PLANNED = ("scale_list_offset", "scale_list_cursor", "scale_feed_offset", "scale_feed_cursor", SEARCH_KEY)
SELECTED_BY = "scale"  # `--only scale` runs every scenario of this module
COMPARED = "@compare"  # the key's suffix of a scenario run against the smaller data set

NEWEST_FIRST = "ORDER BY created_at DESC, id DESC"
FEED_OF = "WHERE author_id IN (SELECT followed_id FROM follows WHERE follower_id = :viewer_id)"


def _position_at(where: str, params: dict[str, Any]) -> tuple[int, list[int]]:
    """The depth read (DEPTH, or the deepest full page of a smaller list) and the keyset position of
    the article just before it, which a cursor to that depth holds."""
    total = db.session.execute(text(f"SELECT count(*) FROM articles {where}"), params).scalar_one()
    depth = max(0, min(DEPTH, total - PAGE))
    if depth == 0:
        raise RuntimeError(f"too few articles ({total}) for a page past the first: {where}")
    row = db.session.execute(
        text(f"SELECT created_at, id FROM articles {where} {NEWEST_FIRST} OFFSET :before LIMIT 1"),
        {**params, "before": depth - 1},
    ).one()
    return depth, timestamp_position(row.created_at, row.id)


def _slugs(app: Flask, request: Request) -> list[str]:
    response = app.test_client().open(request.path, headers=request.headers())
    if response.status_code != 200:
        raise RuntimeError(f"GET {request.path} answered {response.status_code}: {response.get_data(as_text=True)}")
    return [article["slug"] for article in response.get_json()["articles"]]


def _checked_same_page(app: Flask, by_offset: Request, by_cursor: Request) -> None:
    """The cursor built here must lead where the service's own cursor would: the offset's page."""
    if (found := _slugs(app, by_cursor)) != (expected := _slugs(app, by_offset)) or len(found) != PAGE:
        raise RuntimeError(f"{by_cursor.path} answered {found[:3]}..., not the offset's page {expected[:3]}...")


def scenarios(app: Flask, data: Dataset, tokens: dict[int, str]) -> list[Scenario]:
    """The scale scenarios; every signed-in one rotates through the feed readers' tokens."""
    readers = [(user_id, tokens[user_id]) for user_id in data.reader_ids]
    first = f"/api/articles?limit={PAGE}"
    with app.app_context():
        depth, position = _position_at("", {})
        list_cursor = f"{first}&cursor={encode('articles', {}, position)}"
        feed = {}  # each reader's feed: depth and the cursor there
        for user_id, _token in readers:
            feed_depth, feed_position = _position_at(FEED_OF, {"viewer_id": user_id})
            feed[user_id] = feed_depth, encode("feed", {"feed": user_id}, feed_position)
        db.session.remove()
    feed_first = f"/api/articles/feed?limit={PAGE}"
    offsets = [Request("GET", f"{first}&offset={depth}", token) for _user_id, token in readers]
    cursors = [Request("GET", list_cursor, token) for _user_id, token in readers]
    feed_offsets = [Request("GET", f"{feed_first}&offset={feed[user_id][0]}", token) for user_id, token in readers]
    feed_cursors = [Request("GET", f"{feed_first}&cursor={feed[user_id][1]}", token) for user_id, token in readers]
    for by_offset, by_cursor in zip(offsets[:1] + feed_offsets, cursors[:1] + feed_cursors, strict=True):
        _checked_same_page(app, by_offset, by_cursor)
    feed_depths = sorted({feed_depth for feed_depth, _cursor in feed.values()})
    feed_depth_text = f"{feed_depths[0]}" if len(feed_depths) == 1 else f"{feed_depths[0]}-{feed_depths[-1]}"
    search = f"/api/articles?search={SEARCH_WORD}&limit={PAGE}"
    return [
        Scenario("scale_list_anonymous", "list, anonymous (kept answer)", "service", [Request("GET", first)]),
        Scenario("scale_list", "list, first page", "service", [Request("GET", first, t) for _u, t in readers]),
        Scenario("scale_list_offset", f"list, offset {depth}", "service", offsets),
        Scenario("scale_list_cursor", f"list, cursor at depth {depth}", "service", cursors),
        Scenario("scale_feed", "feed, first page", "service", [Request("GET", feed_first, t) for _u, t in readers]),
        Scenario("scale_feed_offset", f"feed, offset {feed_depth_text}", "service", feed_offsets),
        Scenario("scale_feed_cursor", f"feed, cursor at depth {feed_depth_text}", "service", feed_cursors),
        Scenario(
            SEARCH_KEY,
            f"search {SEARCH_WORD!r}, first page",
            "service",
            [Request("GET", search, t) for _u, t in readers],
        ),
    ]


def compared(scenario: Scenario, articles: int) -> Scenario:
    """The same scenario against the smaller data set's service (`--compare ARTICLES`)."""
    return replace(
        scenario, key=f"{scenario.key}{COMPARED}", title=f"{scenario.title} [{articles:,}]", server="compare"
    )


def plans(app: Flask, scenarios: list[Scenario]) -> dict[str, list[PlanSummary]]:
    """EXPLAIN ANALYZE of what the database does for a page at depth and for a search (one request of each)."""
    found = {}
    for scenario in scenarios:
        if scenario.key in PLANNED:
            statements = request_cost(app, scenario.requests[0], kept=False).statements
            found[scenario.title] = [plan for plan in explain(app, statements) if plan.label != "user by id"]
    return found


# --- comparing -------------------------------------------------------------------------------------------


def figures(reports: list[Any], articles: int, *, of_compared: bool = False) -> dict[str, Any]:
    """What a comparison needs of a run: its scale and each scale scenario's title and latencies
    (`of_compared`: those run against the smaller data set's service)."""
    return {
        "articles": articles,
        "scenarios": {
            report.key.removesuffix(COMPARED): {
                "title": report.title,
                "p50_ms": report.result.p50_ms,
                "p99_ms": report.result.p99_ms,
                "requests_per_second": round(report.result.requests_per_second, 1),
            }
            for report in reports
            if report.key.startswith("scale_") and report.key.endswith(COMPARED) == of_compared
        },
    }


def saved_figures(path: Path) -> dict[str, Any]:
    """The scale figures of a saved run (bench-results/<timestamp>.json)."""
    document = json.loads(path.read_text())
    if not document.get("scale", {}).get("scenarios"):
        raise SystemExit(f"{path} holds no scale scenarios: run scripts/bench --only scale there first")
    return document["scale"]


def comparison(large: dict[str, Any], small: dict[str, Any]) -> dict[str, Any]:
    """Each scale scenario at both scales, with p50 and p99 growth; a verdict where a target applies."""
    rows = {}
    for key, at_large in large["scenarios"].items():
        at_small = small["scenarios"].get(key)
        if at_small is None:
            continue
        p50_growth = at_large["p50_ms"] / at_small["p50_ms"] if at_small["p50_ms"] else float("inf")
        p99_growth = at_large["p99_ms"] / at_small["p99_ms"] if at_small["p99_ms"] else float("inf")
        rows[key] = {
            "small": at_small,
            "large": at_large,
            "p50_growth": round(p50_growth, 2),
            "p99_growth": round(p99_growth, 2),
            "pass": p50_growth <= MAX_GROWTH if key in GROWTH_KEYS else None,
        }
    return rows


def _verdict(passed: bool | None) -> str:
    return "-" if passed is None else ("PASS" if passed else "FAIL")


def comparison_text(rows: dict[str, Any], large: dict[str, Any], small: dict[str, Any]) -> str:
    header = (
        f"{'scale scenario':<32}{small['articles']:>11,} p50/p99 ms{large['articles']:>11,} p50/p99 ms"
        f"{'req/s':>16}{'p50 x':>8}{'p99 x':>8}  p50 <= {MAX_GROWTH}x"
    )
    lines = [header, "-" * len(header)]
    for row in rows.values():
        at_small, at_large = row["small"], row["large"]
        lines.append(
            f"{at_large['title']:<32}{at_small['p50_ms']:>12.1f} /{at_small['p99_ms']:>7.1f}"
            f"{at_large['p50_ms']:>12.1f} /{at_large['p99_ms']:>7.1f}"
            f"{at_small['requests_per_second']:>8.0f}/{at_large['requests_per_second']:<7.0f}"
            f"{row['p50_growth']:>8.2f}{row['p99_growth']:>8.2f}  {_verdict(row['pass'])}"
        )
    lines.append(
        "Titles name the depth of the larger run; the smaller one reads its deepest full page when it has fewer "
        "articles.\nreq/s: smaller/larger. Offset pages have no target; the anonymous list is a kept answer "
        "(no database)."
    )
    return "\n".join(lines)


def targets_text(large: dict[str, Any], peak_rss_mib: float) -> str:
    search = large["scenarios"].get(SEARCH_KEY)
    lines = []
    if search:
        passed = search["p99_ms"] <= MAX_SEARCH_P99_MS
        lines.append(f"search p99 {search['p99_ms']:.1f} ms (target <= {MAX_SEARCH_P99_MS:.0f})  {_verdict(passed)}")
    passed = peak_rss_mib <= MAX_WORKER_RSS_MIB
    lines.append(
        f"service workers' peak RSS {peak_rss_mib:.0f} MiB (target <= {MAX_WORKER_RSS_MIB:.0f})  {_verdict(passed)}"
    )
    return "\n".join(lines)
