"""The blueprint every domain uses: flask-smorest's, plus `operation`, which documents an
operation's id, security, error answers and conditional GETs next to the view, and enforces its
authentication."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import wraps
from http import HTTPStatus
from typing import Any

import flask_smorest

from service.auth import OPTIONAL_TOKEN_SECURITY, TOKEN_SECURITY, enforce_auth
from service.caching.answers import CACHE_CONTROL, versioned_read
from service.errors import GenericErrorModel
from service.examples import ANSWERS, BAD_TOKEN, ERRORS, PATH_PARAMETERS
from service.json_body import BoundedParser

# What an operation reading a JSON body may answer before its view runs: the body is not valid JSON
# (400), is over MAX_CONTENT_LENGTH (413), or is not JSON at all (415).
BODY_ERRORS = (400, 413, 415)
RATE_LIMIT_HEADERS = {
    "Retry-After": {"description": "Seconds until the limit resets.", "schema": {"type": "integer"}},
    "X-RateLimit-Limit": {"description": "Requests allowed in the window.", "schema": {"type": "integer"}},
    "X-RateLimit-Remaining": {"description": "Requests left in the window.", "schema": {"type": "integer"}},
    "X-RateLimit-Reset": {"description": "When the window resets (Unix time).", "schema": {"type": "integer"}},
}

CACHE_CONTROL_HEADER = {
    "description": f"`{CACHE_CONTROL}`: a client may store the answer, and asks with its `ETag` before reusing it.",
    "schema": {"type": "string"},
    "example": CACHE_CONTROL,
}
NO_STORE = "no-store"
NO_STORE_HEADER = {
    "description": f"`{NO_STORE}`: the answer carries a token, which no cache may keep.",
    "schema": {"type": "string", "const": NO_STORE},
}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = BoundedParser()

    def route(self, rule: str, *, parameters: list[Any] | None = None, **options: Any) -> Any:
        """As flask-smorest's, with each path parameter described (and exemplified) as
        `service.examples.PATH_PARAMETERS` says, the same in every route that has it."""
        names = re.findall(r"<(?:[^<>:]+:)?(\w+)>", rule)
        described = [{"in": "path", "name": name, **PATH_PARAMETERS[name]} for name in names if name in PATH_PARAMETERS]
        return super().route(rule, parameters=[*described, *(parameters or [])], **options)

    def arguments(self, schema: Any, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """As flask-smorest's, but with the schema built once: given a class, webargs builds an
        instance on every request, copying each of its fields. A view reading a JSON body is marked
        so: its parser refuses a body that is not JSON (see `hardening.reads_json_body`)."""
        decorate = super().arguments(schema() if isinstance(schema, type) else schema, *args, **kwargs)
        if kwargs.get("location", "json") != "json":
            return decorate

        def marking(view: Callable[..., Any]) -> Callable[..., Any]:
            wrapped = decorate(view)
            wrapped.reads_json_body = True  # type: ignore[attr-defined]
            return wrapped

        return marking

    def operation(
        self,
        operation_id: str,
        *,
        auth: str | None = None,
        errors: Iterable[int] = (),
        versioned: bool = False,
        no_store: int | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Name the operation (stable operationIds give SDKs clean method names), require or
        accept a token (`auth="required"` / `"optional"`), and document its error codes.
        `versioned` marks a GET whose answer depends only on its URL, its reader and the stored
        content: answers tagged, 304 to a client holding the tag (see `service.caching.answers`).
        `no_store` is the status of an answer carrying a token: sent and documented `Cache-Control: no-store`."""
        codes = set(errors) | ({401} if auth else set())

        def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
            wrapped = enforce_auth(versioned_read(view, auth) if versioned else view, auth)
            if no_store is not None:
                wrapped = _not_stored(wrapped)
            for code in sorted(codes, reverse=True):
                wrapped = self.alt_response(
                    code,
                    schema=GenericErrorModel,
                    description=HTTPStatus(code).phrase,
                    headers=RATE_LIMIT_HEADERS if code == 429 else None,
                )(wrapped)
            # Each answer's example body (service.examples), merged into what the decorators document.
            examples = {code: ERRORS[code] for code in codes if code in ERRORS}
            if auth == "optional":
                examples[401] = BAD_TOKEN
            examples |= ANSWERS.get(operation_id, {})
            responses = {code: {"content": {"application/json": {"example": body}}} for code, body in examples.items()}
            doc: dict[str, Any] = {"operationId": operation_id, "responses": responses}
            if versioned:
                # Documented as flask-smorest documents the ETags of `Blueprint.etag` (If-None-Match,
                # 304, the ETag header); its checks, which need the whole answer first, are not used.
                wrapped._apidoc = {**getattr(wrapped, "_apidoc", {}), "etag": True}  # type: ignore[attr-defined]
                responses.setdefault(200, {})["headers"] = {"Cache-Control": CACHE_CONTROL_HEADER}
            if no_store is not None:
                responses.setdefault(no_store, {})["headers"] = {"Cache-Control": NO_STORE_HEADER}
            if auth == "required":
                doc["security"] = TOKEN_SECURITY
            elif auth == "optional":
                doc["security"] = OPTIONAL_TOKEN_SECURITY
            else:
                doc["security"] = []
            return self.doc(**doc)(wrapped)

        return decorator


def _not_stored(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        response = view(*args, **kwargs)
        response.headers["Cache-Control"] = NO_STORE
        return response

    return wrapper
