"""The one place that decides when a write starts a new content version.

Every successful write (POST, PUT, PATCH, DELETE answered below 400) retires what the workers
keep, unless its route said, from what its service returned, that it changed nothing readers see
(a login, a favorite that was already there). Telling the writes that matter apart by route would
be a list to keep in step with every route; a route that forgets to say so only costs a miss.
A write made outside a request (`flask seed-demo`) calls `start_new_version` once it committed.
"""

from __future__ import annotations

from flask import Response, g

from service.caching.version import start_new_version

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def record_write(*, changed: bool) -> None:
    """Say whether this request's write changed data readers see; a route that does not say so is
    taken to have changed it."""
    g.write_changed = changed


def after_write(response: Response) -> Response:
    """After a write request: start a new version when it succeeded and changed anything."""
    if response.status_code < 400 and g.get("write_changed", True):
        start_new_version()
    return response
