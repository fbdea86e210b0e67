"""The one place that decides what a write retires.

Every successful write (POST, PUT, PATCH, DELETE answered below 400) retires what the workers
keep, unless its route said, from what its service returned, that it changed nothing readers see
(a login, a favorite that was already there), or named the scopes of what it changed
(`caching.scopes`): then only what was read under those scopes retires. A route that says nothing
retires everything, so a new route is correct before it is fine-grained.
A write made outside a request (`flask seed-demo`) calls `start_new_version` once it committed.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, g

from service.caching import scopes
from service.caching.version import start_new_scoped_versions, start_new_version

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_EVERYTHING = None  # g.write_scopes when the write retires everything


def record_write(
    *,
    changed: bool = True,
    articles: Iterable[int] = (),
    slugs: Iterable[str] = (),
    readers: Iterable[int] = (),
    lists: bool = False,
    favorites: bool = False,
) -> None:
    """Say what this request's write changed: nothing readers see (`changed=False`), or the articles
    whose summaries changed, the slugs whose article or comments changed, the readers whose own flags
    or feed changed, which articles exist (`lists`), who favorited what (`favorites`). A write that
    names none of them changed everything; so does a route that does not call this."""
    if not changed:
        g.setdefault("write_scopes", set())
        return
    named = [scopes.article(article_id) for article_id in articles]
    named += [scopes.article_page(slug) for slug in slugs]
    named += [scopes.reader(user_id) for user_id in readers]
    named += [scopes.LISTS] * lists + [scopes.FAVORITES] * favorites
    held = g.get("write_scopes", set())
    g.write_scopes = _EVERYTHING if not named or held is _EVERYTHING else held | set(named)


def after_write(response: Response) -> Response:
    """After a write request that succeeded: retire what it changed."""
    if response.status_code >= 400:
        return response
    changed = g.get("write_scopes", _EVERYTHING)
    if changed is _EVERYTHING:
        start_new_version()
    elif changed:
        start_new_scoped_versions(sorted(changed))
    return response
