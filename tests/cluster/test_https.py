"""The cluster's nginx over HTTPS: HSTS there, the proxy's word passed on, so the app builds https://
URLs and marks the console's cookies Secure; a real certificate is used when given, a bad one refused."""

from __future__ import annotations

import json
import re
import ssl
import subprocess
import sys
from http.client import HTTPSConnection
from urllib.parse import urlsplit

import pytest

from tests.backends.support import call, eventually, live_only
from tests.support.cluster import REPO, Nginx, instance_env, self_signed_certificate
from tests.support.cluster_client import HttpsBrowser, new_writer, run_flask
from tests.support.images import image_bytes
from tests.support.multipart import form_with_file
from tests.support.servers import free_port

pytestmark = [pytest.mark.live, pytest.mark.cluster, live_only]

HSTS = "max-age=31536000; includeSubDomains"
_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture
def browser(two_instances) -> HttpsBrowser:
    assert two_instances.nginx is not None and two_instances.nginx.tls is not None
    return HttpsBrowser(two_instances.https_url, two_instances.nginx.tls[0])


def console_cookie(reply) -> str:
    cookies = [value for value in reply.headers.get_all("Set-Cookie") or [] if "conduit_console=" in value]
    assert len(cookies) == 1, reply.headers
    return cookies[0]


def test_health_over_https_answers_with_strict_transport_security_once(browser):
    reply = browser.open("GET", "/api/health")

    assert reply.status == 200 and json.loads(reply.text) == {"status": "ok"}
    assert reply.headers.get_all("Strict-Transport-Security") == [HSTS]


def test_what_nginx_answers_itself_over_https_carries_hsts_too(browser):
    reply = browser.open("GET", "/metrics")

    assert reply.status == 404
    assert reply.headers.get_all("Strict-Transport-Security") == [HSTS]


def test_plain_http_carries_no_hsts(two_instances):
    assert "Strict-Transport-Security" not in call(two_instances.url, "GET", "/api/health").headers


def test_the_console_cookie_over_https_is_secure_with_the_host_prefix(browser):
    cookie = console_cookie(browser.open("GET", "/admin/login"))

    assert cookie.startswith("__Host-conduit_console=")
    assert {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"} <= {part.strip() for part in cookie.split(";")}


def test_the_console_cookie_over_plain_http_in_testing_is_not_secure(two_instances):
    browser = HttpsBrowser(two_instances.url)

    cookie = console_cookie(browser.open("GET", "/admin/login"))

    assert cookie.startswith("conduit_console=") and "Secure" not in cookie


def test_a_moderator_passes_the_password_step_over_https(two_instances, browser, tmp_path):
    writer = new_writer(two_instances.url, "staff")
    env = instance_env(two_instances.database_url, two_instances.redis.url, APP_ENV="testing")
    run_flask(env, tmp_path, "users", "set-role", f"{writer.username}@example.com", "moderator")
    token = _CSRF.search(browser.open("GET", "/admin/login").text)
    assert token

    form = {"email": f"{writer.username}@example.com", "password": "password-1234", "csrf_token": token.group(1)}
    reply = browser.open("POST", "/admin/login", form)

    assert reply.status == 303 and reply.headers["Location"].endswith("/admin/2fa/setup")


def test_behind_https_the_service_builds_https_urls(two_instances):
    writer = new_writer(two_instances.url, "avatar")
    assert two_instances.nginx is not None and two_instances.nginx.tls is not None
    body, form_type = form_with_file("image", "me.png", "image/png", image_bytes("PNG", (64, 64)))
    context = ssl.create_default_context(cafile=str(two_instances.nginx.tls[0]))
    connection = HTTPSConnection(urlsplit(two_instances.https_url).netloc, timeout=15, context=context)
    headers = {"Authorization": f"Token {writer.token}", "Content-Type": form_type}
    connection.request("PUT", "/api/user/image", body=body, headers=headers)
    assert connection.getresponse().status == 202
    connection.close()

    def image() -> str | None:
        return call(two_instances.url, "GET", "/api/user", token=writer.token).body["user"]["image"]

    assert eventually(image, within=30).startswith(two_instances.https_url + "/media/")


def test_a_given_certificate_is_the_one_served(tmp_path):
    cert, key = self_signed_certificate(tmp_path / "given")
    nginx = Nginx(tmp_path / "nginx", free_port(), [free_port()], tls=(cert, key))
    nginx.start(wait=False)
    try:
        served = ssl.get_server_certificate(("127.0.0.1", nginx.tls_port))
    finally:
        nginx.stop()

    assert ssl.PEM_cert_to_DER_cert(served) == ssl.PEM_cert_to_DER_cert(cert.read_text())


@pytest.mark.parametrize("variable", ["TLS_CERT", "TLS_KEY"])
def test_a_bad_tls_path_is_one_line_naming_the_variable(tmp_path, variable):
    cert, key = self_signed_certificate(tmp_path)
    env = {"PATH": "/usr/bin:/bin", "TLS_CERT": str(cert), "TLS_KEY": str(key), variable: str(tmp_path / "missing")}

    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "cluster.py"), "2"], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"{variable}={tmp_path / 'missing'}:")
