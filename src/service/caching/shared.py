"""Kept values a write retired, read again by one worker and shared through Redis with the others.

A write retires what every worker keeps under its scopes, and each worker would read it again. The
first to do so shares what it read, tagged with the versions it read it under; a worker whose copy the
same write retired takes it from Redis, in one round trip for all it needs, rather than reading it too.
A shared value is never stale: it is taken only under the versions now current of the scopes the
taker's copy was kept under. Only values a worker kept before are shared or looked for, so reading
what no worker keeps (a crawler's deep pages) costs Redis nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence

from service.caching.kept import KeptAsOf
from service.caching.store import shared_cache
from service.caching.version import versions_read
from service.metrics import count_cache

SHARED = "shared:"
SHARE_SECONDS = 10  # long enough for every worker to take it: the next write retires it anyway


def retired(values: KeptAsOf, key: Hashable) -> bool:
    """Whether this worker kept a value under `key` whose versions no longer hold."""
    return values.scopes_of(key) is not None


def take_shared(values: KeptAsOf, keys: Sequence[Hashable]) -> tuple[dict[Hashable, bytes], list[Hashable]]:
    """Of these keys, each retired here: the bytes another worker shared for it, read again under the
    scopes it was kept under; and the retired keys none was shared for yet (share them once read)."""
    asked: list[Hashable] = []
    tagged: list[tuple[str, str]] = []  # the shared key and the versions it must have been read under
    for key in keys:
        scopes = values.scopes_of(key)
        version = values.current(scopes) if scopes is not None else None
        if scopes is not None and version is not None:
            asked.append(key)
            tagged.append((_shared_key(values.kind, key, scopes), version))
    taken: dict[Hashable, bytes] = {}
    for key, value in zip(asked, shared_cache().get_tagged(tagged), strict=True):
        count_cache("shared-values", hit=value is not None)
        if value is not None:
            taken[key] = value
    return taken, [key for key in asked if key not in taken]


def share(values: KeptAsOf, read: Sequence[tuple[Hashable, bytes, Sequence[str]]]) -> None:
    """Share each (key, bytes, scopes) this request read under those scopes (`request_versions`)."""
    tagged = []
    for key, value, scopes in read:
        version = versions_read(scopes)
        if version is not None:
            tagged.append((_shared_key(values.kind, key, tuple(scopes)), version, value))
    shared_cache().set_tagged(tagged, SHARE_SECONDS)


def _shared_key(kind: str, key: Hashable, scopes: tuple[str, ...]) -> str:
    named = "\n".join((repr(key), *scopes)).encode()
    return f"{SHARED}{kind}:{hashlib.blake2b(named, digest_size=16).hexdigest()}"
