"""`flask seed-demo`, which the README's first command runs: demo data anyone can sign in to."""

from service import demo


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
