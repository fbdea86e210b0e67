"""Response schemas' dumps, kept per object while the content version holds.

Dumping a page of article summaries with marshmallow is a large share of the page's work, and
the same summary is dumped again for every reader. `KeptDumps` is the list field a response schema
declares for such objects: it dumps each with its nested schema, as `List(Nested(...))` does, but
keeps each dump by a key that must name everything the dump depends on besides the stored content,
under the scopes (`caching.scopes`) of that content, which the object's reader looked up already.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import marshmallow as ma
import orjson

from service.caching.kept import kept


class KeptDumps(ma.fields.List):
    """`List(Nested(schema))`, each item's dump kept under `kind` by `key(item)`; documented alike."""

    def __init__(
        self,
        schema: type[ma.Schema],
        *,
        kind: str,
        key: Callable[[Any], Hashable],
        scopes: Callable[[Any], tuple[str, ...]],
        **kwargs: Any,
    ) -> None:
        super().__init__(ma.fields.Nested(schema), **kwargs)
        self.kind, self.key, self.scopes = kind, key, scopes

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[Any] | None:
        dumps = kept(self.kind) if value else None
        if dumps is None:
            return super()._serialize(value, attr, obj, **kwargs)
        key_of, kept_dump, dumped = self.key, dumps.get, []
        for item in value:
            key = key_of(item)
            item_dump = kept_dump(key)
            if item_dump is None:
                item_dump = self.inner._serialize(item, attr, obj, **kwargs)
                dumps.put(key, item_dump, len(orjson.dumps(item_dump)), self.scopes(item))
            dumped.append(item_dump)
        return dumped
