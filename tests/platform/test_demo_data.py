"""`flask seed-demo`, which the README's first command runs: demo data anyone can sign in to, and a
moderator with open reports waiting, filed through the moderation service and hiding nothing."""

from service import demo
from tests.support.console import Console


def test_demo_data_can_be_browsed_and_signed_in_to(app, client):
    result = app.test_cli_runner().invoke(args=["seed-demo"])

    assert result.exit_code == 0, result.output
    listed = client.get("/api/articles?limit=100").get_json()
    assert listed["articlesCount"] == len(demo.ARTICLES)
    readers = len(demo.USERS) - 1  # everyone but the author comments on and favorites each article
    assert {article["favoritesCount"] for article in listed["articles"]} == {readers}
    slug = listed["articles"][0]["slug"]
    assert len(client.get(f"/api/articles/{slug}/comments").get_json()["comments"]) == readers
    login = {"user": {"email": demo.USERS[0]["email"], "password": demo.PASSWORD}}
    token = client.post("/api/users/login", json=login).get_json()["user"]["token"]
    feed = client.get("/api/articles/feed", headers={"Authorization": f"Token {token}"}).get_json()
    assert feed["articlesCount"] > 0  # jake follows jane


def test_demo_data_is_created_once(app, client):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])

    again = runner.invoke(args=["seed-demo"])

    assert again.exit_code == 0, again.output
    assert "(0 new articles)" in again.output
    assert client.get("/api/articles").get_json()["articlesCount"] == len(demo.ARTICLES)


def seeded(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result


def demo_token(client, email):
    login = {"user": {"email": email, "password": demo.PASSWORD}}
    return client.post("/api/users/login", json=login).get_json()["user"]["token"]


def open_reports(client):
    """The moderation queue as the demo moderator reads it over the API."""
    token = demo_token(client, demo.MODERATOR["email"])
    answer = client.get("/api/moderation/reports?limit=100", headers={"Authorization": f"Token {token}"})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def test_the_demo_moderator_is_sent_to_enrol_a_second_factor_at_the_first_console_sign_in(app, client):
    seeded(app)

    answer = Console(client).password_step(demo.MODERATOR["email"], demo.PASSWORD)

    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/admin/2fa/setup")


def test_the_demo_leaves_open_reports_on_articles_and_a_comment_most_reported_first(app, client):
    seeded(app)

    items = open_reports(client)

    queued = [(item["type"], item["title"], item["reportCount"], item["reasons"]) for item in items]
    assert queued[0] == ("article", "Dragons of the north", 2, {"spam": 1, "off-topic": 1})
    assert sorted(queued[1:]) == [
        ("article", "Rate limits that hold across workers", 1, {"other": 1}),
        ("comment", "How to train your dragon", 1, {"abuse": 1}),
    ]
    assert not any(item["hidden"] for item in items)


def test_the_demo_files_no_report_that_would_hide_an_item(make_app):
    app = make_app(MODERATION_AUTO_HIDE_REPORTS=2)
    client = app.test_client()
    seeded(app)

    items = open_reports(client)

    assert {item["title"]: item["reportCount"] for item in items if item["type"] == "article"} == {
        "Dragons of the north": 1,
        "Rate limits that hold across workers": 1,
    }
    assert not any(item["hidden"] for item in items)
    assert client.get("/api/articles").get_json()["articlesCount"] == len(demo.ARTICLES)


def test_running_the_demo_again_adds_no_report_and_no_role_change(app, client):
    seeded(app)
    first = open_reports(client)

    seeded(app)

    assert open_reports(client) == first
    token = demo_token(client, demo.MODERATOR["email"])
    audit = client.get("/api/moderation/audit?action=set-role", headers={"Authorization": f"Token {token}"})
    assert [entry["target"] for entry in audit.get_json()["entries"]] == [{"type": "user", "key": "mod"}]


def test_running_the_demo_again_leaves_an_article_a_moderator_hid_hidden(app, client):
    seeded(app)
    slug = next(item["slug"] for item in open_reports(client) if item["title"] == "Dragons of the north")
    token = demo_token(client, demo.MODERATOR["email"])
    hide = {"action": {"reason": "spam"}}
    headers = {"Authorization": f"Token {token}"}
    assert client.post(f"/api/moderation/articles/{slug}/hide", json=hide, headers=headers).status_code == 200

    seeded(app)

    assert client.get(f"/api/articles/{slug}").status_code == 404
    assert "Dragons of the north" not in [item["title"] for item in open_reports(client) if item["type"] == "article"]
