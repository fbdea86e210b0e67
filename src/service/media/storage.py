"""Where uploaded and generated files live: a small interface, a local directory by default.

Names are relative paths such as `avatars/<hash>-256.webp`; another backend (an object store) only
has to save, read and say whether a name exists. MEDIA_ROOT is the local directory (default:
`instance/media`); nginx may serve it directly at /media in a cluster.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app


class Storage(Protocol):
    def save(self, name: str, data: bytes) -> None: ...

    def read(self, name: str) -> bytes | None: ...


class LocalStorage:
    def __init__(self, root: str) -> None:
        self.root = Path(root)

    def _path(self, name: str) -> Path:
        path = (self.root / name).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"not a media name: {name!r}")
        return path

    def save(self, name: str, data: bytes) -> None:
        """Written to a temporary file, then renamed: a reader never sees half a file."""
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def read(self, name: str) -> bytes | None:
        try:
            return self._path(name).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None


def init_storage(app: Flask) -> None:
    app.extensions["conduit_media"] = LocalStorage(app.config["MEDIA_ROOT"])


def storage() -> Storage:
    media: Storage = current_app.extensions["conduit_media"]
    return media
