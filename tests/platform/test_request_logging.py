import json
import logging


def access_lines(caplog):
    return [record for record in caplog.records if record.name == "service.access"]


def test_each_request_logs_one_line_with_method_path_status_duration_and_id(client, caplog):
    caplog.set_level(logging.INFO, logger="service.access")

    response = client.get("/api/tags")

    [record] = access_lines(caplog)
    fields = record.fields
    assert (fields["method"], fields["path"], fields["status"]) == ("GET", "/api/tags", 200)
    assert fields["duration_ms"] >= 0
    assert fields["request_id"] == response.headers["X-Request-ID"]


def test_a_supplied_request_id_is_echoed(client):
    response = client.get("/api/tags", headers={"X-Request-ID": "abc-123"})

    assert response.headers["X-Request-ID"] == "abc-123"


def test_an_unsafe_request_id_is_replaced(client):
    response = client.get("/api/tags", headers={"X-Request-ID": "bad id; <script>"})

    assert response.headers["X-Request-ID"] != "bad id; <script>"
    assert len(response.headers["X-Request-ID"]) == 32


def test_log_lines_are_json(client, caplog):
    from service.logs import JsonFormatter

    caplog.set_level(logging.INFO, logger="service.access")
    client.get("/api/tags")

    line = JsonFormatter().format(access_lines(caplog)[0])
    assert json.loads(line)["path"] == "/api/tags"


def test_passwords_never_reach_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)

    client.post("/api/users", json={"user": {"username": "x", "email": "x@x.io", "password": "hunter2-secret"}})
    client.post("/api/users/login", json={"user": {"email": "x@x.io", "password": "hunter2-secret"}})

    assert "hunter2-secret" not in caplog.text
