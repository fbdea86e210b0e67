"""Everything the service keeps, in one package:

- `store`: the shared store (Redis, else this process's memory) for values fine a little stale;
- `version`: the content version every write that changed data replaces, watched through Redis;
- `kept`: what each worker keeps in memory while the version holds;
- `answers`: versioned reads, their ETags and 304s, and the kept anonymous answers;
- `dumps`: response schemas' dumps kept per object;
- `memos`: the verified tokens and the users known to exist;
- `writes`: the one place that decides when a write starts a new version.
"""

from __future__ import annotations

from flask import Flask, Response, request

from service.caching.answers import answer_from_memory, describe_answer
from service.caching.kept import init_kept
from service.caching.store import init_cache
from service.caching.version import NextChange, init_content_version
from service.caching.writes import WRITE_METHODS, after_write


def init_caching(app: Flask, next_change: NextChange) -> None:
    """Bind the shared store; with Redis, also the version and the hooks (register them before any
    hook that opens a database connection: a kept answer needs none). `next_change` tells when what
    readers see changes with no write (`visibility.next_lapse`): no version outlives it."""
    init_cache(app)
    if not init_content_version(app, next_change):
        return
    init_kept(app)
    app.before_request(answer_from_memory)
    app.after_request(_after_request)


def _after_request(response: Response) -> Response:
    return after_write(response) if request.method in WRITE_METHODS else describe_answer(response)
