"""Guard rails every response passes through: security headers, CORS, JSON-only bodies."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import UnsupportedMediaType
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import UnicodeConverter, ValidationError

from service import messages
from service.extensions import cors
from service.json_body import has_body

# The API answers JSON only; the docs pages load their scripts and styles from this origin.
# Swagger UI and ReDoc inject inline styles, and ReDoc runs a worker from a blob: URL.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
    "font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
BODY_METHODS = {"POST", "PUT", "PATCH"}
# The largest body any route takes: an avatar of 2 MiB (`media.images`) and its multipart envelope.
MAX_UPLOAD_BODY_BYTES = 2 * 1024 * 1024 + 64 * 1024


SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def _security_headers(response: Response) -> Response:
    """Each header the answer does not set itself. One look at the headers it has: a `setdefault`
    per header costs more, as each one missing raises and catches a KeyError inside werkzeug."""
    headers = response.headers
    present = {name.lower() for name, _value in headers.items()}
    for name, value in (*SECURITY_HEADERS, HSTS) if request.is_secure else SECURITY_HEADERS:
        if name.lower() not in present:
            headers.add(name, value)
    return response


def _require_json_body() -> None:
    """A body that is not JSON is refused up front (415), instead of reading as "missing". A view
    that reads a body refuses it itself, once its rate limits have counted the request; a view
    marked `accepts_form_data` takes multipart (uploads, see `accepts_upload`)."""
    if request.method in BODY_METHODS and has_body(request) and not request.is_json and not reads_body_itself():
        raise UnsupportedMediaType(messages.NEEDS_JSON)


def reads_json_body() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "reads_json_body", False)


def reads_body_itself() -> bool:
    """A JSON view, an upload, or no view at all (the 404 or 405 says more than a 415)."""
    if request.routing_exception is not None:
        return True
    return reads_json_body() or getattr(
        current_app.view_functions.get(request.endpoint or ""), "accepts_form_data", False
    )


def accepts_upload(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let this view take a multipart body (the hook above refuses non-JSON bodies elsewhere), up to
    MAX_UPLOAD_BODY_BYTES: a larger body is a 413 before it is read."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        request.max_content_length = MAX_UPLOAD_BODY_BYTES
        return view(*args, **kwargs)

    wrapper.accepts_form_data = True  # type: ignore[attr-defined]
    return wrapper


class SizedChunkedBodies:
    """WSGI middleware giving a chunked body (Transfer-Encoding: chunked, no Content-Length) a size,
    so MAX_CONTENT_LENGTH holds it as it holds any other: werkzeug would cut it at the limit without
    a word, and the cut JSON read as malformed (400). At most limit + 1 bytes are read and kept."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower() and environ.get("wsgi.input_terminated"):
            body = environ["wsgi.input"].read(self.limit + 1)  # over the limit by one byte is over it
            environ.update({"wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))})
            del environ["HTTP_TRANSFER_ENCODING"], environ["wsgi.input_terminated"]
        return self.app(environ, start_response)


class StorableString(UnicodeConverter):
    """URL segments with a NUL byte name nothing (404): PostgreSQL cannot even compare them.

    `reserved` (comma-separated) lists segments a sibling route owns, so this rule never claims
    them: with `/articles/<string(reserved="feed"):slug>`, `PUT /articles/feed` is a 405 whose
    `Allow` names only the feed's methods, not a lookup of an article called "feed".
    """

    def __init__(self, map: Any, *args: Any, reserved: str = "", **kwargs: Any) -> None:
        super().__init__(map, *args, **kwargs)
        self.reserved = frozenset(filter(None, reserved.split(",")))
        if self.reserved:  # in the regex, not to_python: `Allow` lists the methods of every rule the path matches
            words = "|".join(re.escape(word) for word in sorted(self.reserved))
            self.regex = rf"(?!(?:{words})\Z){self.regex}"

    def to_python(self, value: str) -> str:
        if "\x00" in value:
            raise ValidationError()
        return value


def init_hardening(app: Flask) -> None:
    app.url_map.converters["default"] = app.url_map.converters["string"] = StorableString
    # Sized up to the largest body a route takes (an upload); each route's own limit then answers 413.
    limit = max(app.config["MAX_CONTENT_LENGTH"], MAX_UPLOAD_BODY_BYTES)
    app.wsgi_app = SizedChunkedBodies(app.wsgi_app, limit)  # type: ignore[method-assign]
    if app.config["PROXY_FIX_HOPS"]:
        # Trust X-Forwarded-For/-Proto only from the configured number of proxies in front.
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    cors.init_app(
        app,
        resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
        allow_headers=["Authorization", "Content-Type", "If-None-Match", "X-Request-ID"],
        expose_headers=[
            "ETag",
            "X-Request-ID",
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
        ],
        methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"],
        max_age=600,
    )
    app.before_request(_require_json_body)
    app.after_request(_security_headers)
