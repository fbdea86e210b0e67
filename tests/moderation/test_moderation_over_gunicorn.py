"""Issue 26's "Must show" for the moderation API over HTTP against gunicorn with three workers, on
the pass's database: without Redis (jobs run in the server after each answer), and with Redis and a
real RQ worker, where every worker keeps answers. Each read that must change is first read on every
worker, then read there again right after the action: every worker shows the change at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.support.live import live_server
from tests.support.live_moderation import Member, Site, database_beside
from tests.support.servers import redis_server
from tests.support.smtp import smtp_server
from tests.support.staff import REASON
from tests.support.worker import job_worker

pytestmark = pytest.mark.live
WORKERS = 3
MAIL_WITHIN = 15  # seconds a job gets to deliver its mail
LAPSE_AHEAD = 8  # seconds: enough to read every page on every worker before the suspension lifts
MEMBER_ROUTES = [
    ("GET", "/reports"),
    ("GET", "/audit"),
    ("POST", "/articles/{slug}/hide"),
    ("POST", "/articles/{slug}/restore"),
    ("POST", "/comments/{comment}/hide"),
    ("POST", "/comments/{comment}/restore"),
    ("POST", "/reports/1/dismiss"),
    ("POST", "/users/{author}/suspend"),
    ("POST", "/users/{author}/reinstate"),
    ("PUT", "/users/{author}/role"),
]


@pytest.fixture(scope="module", params=["no redis", "redis and a worker"])
def site(request: pytest.FixtureRequest, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with ExitStack() as stack:
        tmp = tmp_path_factory.mktemp("moderation-live")
        inbox = stack.enter_context(smtp_server())
        settings = {"SMTP_URL": inbox.url}
        if request.param == "redis and a worker":
            settings["REDIS_URL"] = stack.enter_context(redis_server()).url
        database = database_beside(database_url, f"conduit_moderation_{request.param.replace(' ', '_')}", tmp)
        server = stack.enter_context(live_server(database, workers=WORKERS, **settings))
        if "REDIS_URL" in settings:
            stack.enter_context(job_worker(server.env, tmp / "worker.log"))
        yield Site(server, inbox)


@pytest.fixture
def mod(site: Site) -> Member:
    return site.staff("mod")


@pytest.fixture
def alice(site: Site) -> Member:
    return site.member("alice")


@pytest.fixture
def bob(site: Site) -> Member:
    return site.member("bob")


@pytest.fixture
def article_by_alice(site: Site, alice: Member) -> dict[str, Any]:
    return site.article(alice, f"tag-of-{alice.username}")


def statuses(replies: list[Any]) -> set[int]:
    return {reply.status for reply in replies}


def counts(replies: list[Any], field: str = "articlesCount") -> set[int]:
    return {reply.body[field] for reply in replies}


def public_reads(alice: Member, bob: Member, article: dict[str, Any]) -> dict[str, tuple[str, Member | None]]:
    """Every read that shows alice's article, each as the reader who sees it there."""
    slug, tag = article["slug"], article["tagList"][0]
    return {
        "author": (f"/api/articles?author={alice.username}", None),
        "tag": (f"/api/articles?tag={tag}", None),
        "favorited": (f"/api/articles?favorited={bob.username}", None),
        "feed": ("/api/articles/feed", bob),
        "comments": (f"/api/articles/{slug}/comments", None),
    }


def read_everywhere(site: Site, reads: dict[str, tuple[str, Member | None]]) -> dict[str, set[int]]:
    """Each read on every worker, and what its answers showed: a list's count, a comment page's
    length, a profile's 200, or the status of a refusal."""
    return {name: {shown(name, reply) for reply in site.on_every_worker(*read)} for name, read in reads.items()}


def shown(name: str, reply: Any) -> int:
    if reply.status != 200 or name == "profile":
        return int(reply.status)
    if name == "comments":
        return len(reply.body["comments"])
    return int(reply.body["articlesCount"])


@pytest.mark.parametrize("method,path", MEMBER_ROUTES)
def test_a_member_gets_403_from_every_moderation_route(
    site: Site, alice: Member, bob: Member, article_by_alice: dict[str, Any], method: str, path: str
) -> None:
    comment = site.comment(bob, article_by_alice["slug"])
    filled = path.format(slug=article_by_alice["slug"], comment=comment["id"], author=alice.username)
    body = {"role": "admin"} if method == "PUT" else REASON

    reply = site.call(method, f"/api/moderation{filled}", body, bob)

    assert reply.status == 403, reply.body
    assert list(reply.body["errors"]) == ["body"]


def test_a_hidden_article_is_gone_on_every_worker_at_once_and_restore_brings_it_back(
    site: Site, alice: Member, bob: Member, mod: Member, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    site.call("POST", f"/api/profiles/{alice.username}/follow", who=bob)
    site.call("POST", f"/api/articles/{slug}/favorite", who=bob)
    site.comment(bob, slug)
    assert site.report(bob, f"/api/articles/{slug}").status == 201
    reads = public_reads(alice, bob, article_by_alice)
    assert read_everywhere(site, reads) == {name: {1} for name in reads}
    total = counts(site.on_every_worker("/api/articles"))
    assert len(total) == 1

    hidden = site.act(mod, f"/articles/{slug}/hide")

    assert hidden.status == 200, hidden.body
    assert statuses(site.on_every_worker(f"/api/articles/{slug}")) == {404}
    assert statuses(site.on_every_worker(f"/api/articles/{slug}", bob)) == {404}
    assert read_everywhere(site, reads) == {**{name: {0} for name in reads}, "comments": {404}}
    assert counts(site.on_every_worker("/api/articles")) == {total.pop() - 1}
    assert slug not in [item["slug"] for item in site.queue(mod)]
    [notice] = mail_once_it_came(site, alice)
    assert article_by_alice["title"] in notice and REASON["action"]["reason"] in notice

    restored = site.act(mod, f"/articles/{slug}/restore")

    assert restored.status == 200, restored.body
    assert read_everywhere(site, reads) == {name: {1} for name in reads}
    back = site.on_every_worker(f"/api/articles/{slug}", bob)
    assert {(r.body["article"]["favoritesCount"], r.body["article"]["favorited"]) for r in back} == {(1, True)}
    assert len(site.mail_to(alice)) == 1  # the restore sent none, nor did the hide a second


def test_a_hidden_comment_is_gone_on_every_worker_at_once_and_restore_brings_it_back(
    site: Site, alice: Member, bob: Member, mod: Member, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    comment = site.comment(bob, slug)
    path = f"/api/articles/{slug}/comments"
    assert site.report(alice, f"{path}/{comment['id']}").status == 201
    assert {len(reply.body["comments"]) for reply in site.on_every_worker(path)} == {1}

    hidden = site.act(mod, f"/comments/{comment['id']}/hide")

    assert hidden.status == 200, hidden.body
    assert {len(reply.body["comments"]) for reply in site.on_every_worker(path)} == {0}
    assert comment["id"] not in [item["commentId"] for item in site.queue(mod)]
    [notice] = mail_once_it_came(site, bob)
    assert "comment" in notice and REASON["action"]["reason"] in notice

    restored = site.act(mod, f"/comments/{comment['id']}/restore")

    assert restored.status == 200, restored.body
    assert {tuple(c["id"] for c in r.body["comments"]) for r in site.on_every_worker(path)} == {(comment["id"],)}
    assert len(site.mail_to(bob)) == 1


def test_the_third_members_report_hides_an_article_on_every_worker_and_it_stays_in_the_queue(
    site: Site, alice: Member, mod: Member, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    reporters = [site.member(name) for name in ("carol", "dave", "erin")]
    for reporter in reporters[:2]:
        assert site.report(reporter, f"/api/articles/{slug}").status == 201
    assert statuses(site.on_every_worker(f"/api/articles/{slug}")) == {200}

    assert site.report(reporters[2], f"/api/articles/{slug}").status == 201

    assert statuses(site.on_every_worker(f"/api/articles/{slug}")) == {404}
    [item] = [item for item in site.queue(mod) if item["slug"] == slug]
    assert (item["hidden"], item["reportCount"]) == (True, 3)
    audit = site.get(f"/api/moderation/audit?target={slug}", mod).body["entries"]
    assert [(entry["actor"], entry["action"]) for entry in audit] == [("system", "hide")]


def test_a_suspended_user_is_refused_and_gone_on_every_worker_until_reinstated(
    site: Site, alice: Member, bob: Member, mod: Member, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    site.comment(alice, slug)
    profile = f"/api/profiles/{alice.username}"
    reads = {"profile": (profile, None), **public_reads(alice, bob, article_by_alice)}
    del reads["favorited"], reads["feed"]
    assert read_everywhere(site, reads)["author"] == {1}

    assert site.act(mod, f"/users/{alice.username}/suspend").status == 200

    assert statuses(site.on_every_worker("/api/user", alice)) == {401}
    refused = site.log_in(alice)
    assert (refused.status, refused.body) == (403, {"errors": {"account": ["is suspended"]}})
    assert read_everywhere(site, reads) == {"profile": {404}, "author": {0}, "tag": {0}, "comments": {404}}

    assert site.act(mod, f"/users/{alice.username}/reinstate").status == 200

    assert statuses(site.on_every_worker("/api/user", alice)) == {401}
    assert statuses(site.on_every_worker(profile)) == {200}
    assert read_everywhere(site, {"author": reads["author"], "comments": reads["comments"]}) == {
        "author": {1},
        "comments": {1},
    }
    fresh = replace(alice, token=site.log_in(alice).body["user"]["token"])
    assert statuses(site.on_every_worker("/api/user", fresh)) == {200}


def test_a_suspension_with_until_lifts_on_every_worker_at_its_time_caches_included(
    site: Site, alice: Member, bob: Member, mod: Member, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    site.comment(alice, slug)
    reads = {"profile": (f"/api/profiles/{alice.username}", None), **public_reads(alice, bob, article_by_alice)}
    del reads["favorited"], reads["feed"]
    [total] = counts(site.on_every_worker("/api/articles"))
    until = datetime.now(UTC) + timedelta(seconds=LAPSE_AHEAD)
    body = {"action": {"reason": "cool off", "until": until.isoformat()}}
    assert site.act(mod, f"/users/{alice.username}/suspend", body).status == 200
    reads["all"] = ("/api/articles", None)
    suspended = read_everywhere(site, reads)  # every worker keeps what it may of these
    assert suspended == {"profile": {404}, "author": {0}, "tag": {0}, "comments": {404}, "all": {total - 1}}
    assert datetime.now(UTC) < until, "the machine was too slow to read everything before the suspension lifted"

    time.sleep(max(0.0, (until - datetime.now(UTC)).total_seconds()) + 0.2)

    lifted = read_everywhere(site, reads)
    assert lifted == {"profile": {200}, "author": {1}, "tag": {1}, "comments": {1}, "all": {total}}
    assert statuses(site.on_every_worker("/api/user", alice)) == {401}  # issued before the suspension
    signed_in = site.log_in(alice)
    assert signed_in.status == 200, signed_in.body
    fresh = replace(alice, token=signed_in.body["user"]["token"])
    assert statuses(site.on_every_worker("/api/user", fresh)) == {200}


def test_a_moderator_cannot_suspend_an_admin_or_change_a_role(site: Site, mod: Member, bob: Member) -> None:
    admin = site.staff("root", "admin")

    assert site.act(mod, f"/users/{admin.username}/suspend").status == 403
    assert site.call("PUT", f"/api/moderation/users/{bob.username}/role", {"role": "moderator"}, mod).status == 403
    assert statuses(site.on_every_worker("/api/user", admin)) == {200}


def test_an_admins_role_change_holds_from_the_next_request_on_every_worker(site: Site, bob: Member) -> None:
    admin = site.staff("root", "admin")
    assert statuses(site.on_every_worker("/api/moderation/reports", bob)) == {403}

    changed = site.call("PUT", f"/api/moderation/users/{bob.username}/role", {"role": "moderator"}, admin)

    assert changed.status == 200, changed.body
    assert statuses(site.on_every_worker("/api/moderation/reports", bob)) == {200}


def test_the_audit_lists_every_action_with_actor_target_and_reason_and_filters_them(
    site: Site, alice: Member, bob: Member, mod: Member, article_by_alice: dict[str, Any]
) -> None:
    slug = article_by_alice["slug"]
    comment = site.comment(bob, slug)
    report = site.report(bob, f"/api/articles/{slug}").body["report"]
    actions = [
        (f"/reports/{report['id']}/dismiss", "dismiss", ("report", str(report["id"]))),
        (f"/articles/{slug}/hide", "hide", ("article", slug)),
        (f"/articles/{slug}/restore", "restore", ("article", slug)),
        (f"/comments/{comment['id']}/hide", "hide", ("comment", str(comment["id"]))),
        (f"/users/{alice.username}/suspend", "suspend", ("user", alice.username)),
        (f"/users/{alice.username}/reinstate", "reinstate", ("user", alice.username)),
    ]
    for path, _action, _target in actions:
        assert site.act(mod, path).status == 200, path

    mine = site.get(f"/api/moderation/audit?actor={mod.username}&limit=100", mod).body["entries"]
    hides = site.get(f"/api/moderation/audit?actor={mod.username}&action=hide", mod).body["entries"]
    about_alice = site.get(f"/api/moderation/audit?target={alice.username}", mod).body["entries"]

    seen = [(e["actor"], e["action"], (e["target"]["type"], e["target"]["key"]), e["reason"]) for e in mine]
    reason = REASON["action"]["reason"]
    assert seen == [(mod.username, action, target, reason) for _path, action, target in reversed(actions)]
    assert [e["target"]["type"] for e in hides] == ["comment", "article"]
    assert [e["action"] for e in about_alice] == ["reinstate", "suspend"]


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_no_route_edits_or_deletes_an_audit_entry(site: Site, alice: Member, mod: Member, method: str) -> None:
    assert site.act(mod, f"/users/{alice.username}/suspend").status == 200
    [entry] = site.get(f"/api/moderation/audit?target={alice.username}", mod).body["entries"]

    reply = site.call(method, "/api/moderation/audit", {"entry": {"id": entry["id"], "reason": "edited"}}, mod)

    assert (reply.status, list(reply.body["errors"])) == (405, ["body"])
    assert site.get(f"/api/moderation/audit?target={alice.username}", mod).body["entries"] == [entry]


def mail_once_it_came(site: Site, member: Member) -> list[str]:
    """The mail `member` got, once one message has come (through the job queue)."""
    deadline = time.monotonic() + MAIL_WITHIN
    while not site.mail_to(member):
        assert time.monotonic() < deadline, f"no mail to {member.email} within {MAIL_WITHIN}s"
        time.sleep(0.1)
    return site.mail_to(member)
