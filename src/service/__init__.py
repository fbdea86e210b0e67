"""Conduit API: the RealWorld "Conduit" backend, OpenAPI-first on Flask and flask-smorest."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from service.config import ConfigError, load_config

API_DESCRIPTION = """\
A Medium-like blogging platform: users, profiles and follows, articles, comments, tags,
favorites and a personal feed. Implements the [RealWorld](https://realworld-docs.netlify.app/)
"Conduit" API contract.

**Authentication**: `POST /api/users` or `POST /api/users/login` returns a JWT; send it as
`Authorization: Token <jwt>`.

**Errors** share one envelope: `{"errors": {"<field or body>": ["message"]}}` — 401 without a
valid token, 403 when the resource is not yours, 404 when it does not exist, 422 when the input
is invalid (naming the field), 429 when a rate limit is hit (see `Retry-After`).

**Request bodies** are JSON (`Content-Type: application/json`, else 415), at most
`MAX_CONTENT_LENGTH` bytes whether sized or chunked (else 413; 1 MiB by default), nested at most
32 levels deep, with numbers of at most 100 characters and no `NaN` or `Infinity` (else 400).
Answers that carry a token are sent `Cache-Control: no-store`.

**Caching**: the lists, the feed, an article, its comments, a profile and the tags answer with an
`ETag` (when the server runs with Redis); send it back in `If-None-Match` to be answered
`304 Not Modified`, without a body, while nothing has been written since. Browsers do this on their own.
"""


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, error handlers, CLI."""
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    os.makedirs(app.instance_path, exist_ok=True)
    try:
        app.config.update(load_config(config, app.instance_path))
    except ConfigError as error:  # one clear line instead of a traceback, and no server
        raise SystemExit(f"Conduit API will not start: {error}") from None
    app.config.update(_openapi_settings())

    from service import cli, errors, hardening, logs, metrics, ratelimits, tracing
    from service.auth import SECURITY_SCHEME, init_jwt
    from service.caching import init_caching
    from service.database import engine_options, release_request_connection
    from service.extensions import api, db, migrate
    from service.jobs import init_jobs
    from service.json_provider import OrjsonProvider
    from service.media.storage import init_storage
    from service.visibility import next_lapse

    app.json = OrjsonProvider(app)
    logs.configure_logging(app.config["LOG_LEVEL"])
    logs.init_request_logging(app)
    metrics.init_metrics(app)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config["SQLALCHEMY_DATABASE_URI"], app.config)
    app.teardown_appcontext(release_request_connection)  # runs after the session's own teardown
    db.init_app(app)
    tracing.init_tracing(app)
    init_caching(app, next_change=next_lapse)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"))
    init_jwt(app)
    init_jobs(app)
    init_storage(app)
    hardening.init_hardening(app)
    ratelimits.configure_limiter(app)

    api.init_app(app)
    api.register_converter(hardening.StorableString, lambda _converter: {"type": "string", "minLength": 1})
    api.spec.components.security_scheme("Token", SECURITY_SCHEME)
    for blueprint in _api_blueprints():
        api.register_blueprint(blueprint)

    from service.apidocs import blp as docs_pages
    from service.console import init_console
    from service.media.routes import blp as media_files

    app.register_blueprint(docs_pages)
    app.register_blueprint(media_files)
    init_console(app)
    errors.register_error_handlers(app)
    cli.register_commands(app)
    return app


def _api_blueprints() -> list[Any]:
    from service.accounts.routes import blp as accounts
    from service.articles.routes import blp as articles
    from service.articles.routes import favorites_blp as favorites
    from service.comments.routes import blp as comments
    from service.health.routes import blp as health
    from service.moderation.routes import blp as moderation
    from service.moderation.routes import reports_blp as reports
    from service.profiles.routes import blp as profiles
    from service.tags.routes import blp as tags
    from service.users.routes import blp as users

    return [articles, comments, favorites, reports, profiles, tags, users, accounts, moderation, health]


def _openapi_settings() -> dict[str, Any]:
    return {
        "API_TITLE": "Conduit API",
        "API_VERSION": "1.4.1",
        "OPENAPI_VERSION": "3.1.0",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "api/openapi.json",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": API_DESCRIPTION,
                "contact": {"name": "RealWorld", "url": "https://realworld-docs.netlify.app/"},
                "license": {"name": "MIT License", "url": "https://opensource.org/licenses/MIT"},
            },
            "servers": [{"url": "/", "description": "This server (every path starts with /api)"}],
        },
    }
