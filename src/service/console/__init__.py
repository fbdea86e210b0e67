"""The staff console at /admin: server-rendered pages over the moderation services (docs: console).

A second front end beside the API, for moderators and admins: its own forms (CSRF-checked, same
origin only), server-side sessions (`sessions`), a TOTP second factor (`second_factor`) and strict
headers on every page. Its pages and actions call the very service functions the moderation API
calls, so no rule is written twice.
"""

from __future__ import annotations

from flask import Flask, Response, render_template, request
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, ProgrammingError
from werkzeug.exceptions import HTTPException

from service.console.blueprint import blp
from service.console.sessions import PREFIX, ConsoleSessionInterface
from service.errors import database_failure

# No script runs on these pages, no inline style, nothing framed, nothing kept by a cache.
CONSOLE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CONSOLE_HEADERS = {
    "Content-Security-Policy": CONSOLE_CSP,
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    # Same-origin form posts carry a Referer (and a real Origin, which no-referrer turns into "null").
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


def _console_headers(response: Response) -> Response:
    """On every answer under /admin, the pages and their errors alike (even a 404 no view saw)."""
    if request.path == PREFIX or request.path.startswith(PREFIX + "/"):
        response.headers.update(CONSOLE_HEADERS)
    return response


@blp.errorhandler(HTTPException)
def _error_page(error: HTTPException) -> tuple[str, int, list[tuple[str, str]]]:
    """The console's errors as pages (the API keeps its JSON envelope): a 400 for a missing CSRF
    token says so, a 429 keeps its Retry-After."""
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    page = render_template("console/error.html", code=error.code, name=error.name, message=error.description)
    return page, error.code or 500, headers


@blp.errorhandler(OperationalError)
@blp.errorhandler(InterfaceError)
@blp.errorhandler(ProgrammingError)
def _database_error_page(error: DBAPIError) -> tuple[str, int, dict[str, str]]:
    """The API's 503 for a database away or never migrated, as a page (sessions in Redis can open
    one while the database is down)."""
    answer = database_failure(error)
    if answer is None:
        raise error
    message, headers = answer
    return render_template("console/error.html", code=503, name="Service Unavailable", message=message), 503, headers


def init_console(app: Flask) -> None:
    from service.console import auth, pages  # noqa: F401  (their views join `blp`)
    from service.extensions import csrf

    app.session_interface = ConsoleSessionInterface(app)
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # the API takes no forms: only the console checks
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)  # the Origin check in `guard` covers HTTP and HTTPS alike
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", app.config["CONSOLE_MAX_HOURS"] * 3600)
    csrf.init_app(app)
    app.register_blueprint(blp)
    # The JSON-only rule (`hardening`) stays for /api; the console's views read their own forms.
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("console.") and endpoint != "console.static":
            view.accepts_form_data = True  # type: ignore[attr-defined]
    app.after_request(_console_headers)
