def test_health_is_ok_without_touching_anything(client, count_queries):
    with count_queries() as statements:
        response = client.get("/api/health")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert statements == []


def test_ready_is_200_when_the_database_answers_at_the_migrations_head(client):
    response = client.get("/api/ready")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "schema": "ok"}}


def test_ready_is_503_naming_the_database_when_it_is_unreachable():
    from service import create_app

    # Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.

    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/none"})

    response = app.test_client().get("/api/ready")

    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"].startswith("unavailable")


def test_api_requests_get_503_json_when_the_database_is_unreachable():
    from service import create_app

    app = create_app({"ENV_PROFILE": "testing", "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/none"})

    response = app.test_client().get("/api/articles")

    assert response.status_code == 503
    assert response.get_json() == {"errors": {"body": ["the database is unavailable, try again shortly"]}}
    assert int(response.headers["Retry-After"]) > 0
