"""Files under /media: avatars, served with their type, `nosniff` and a year's cache lifetime (their
names change with their content). In a cluster nginx serves MEDIA_ROOT here directly."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, request

from service.media.storage import storage

blp = Blueprint("media", __name__)

# Only the avatars made from uploads are served; what was uploaded itself stays private.
_AVATAR = re.compile(r"^avatars/[0-9a-f]{64}-\d{2,3}\.webp$")
CACHE_CONTROL = "public, max-age=31536000, immutable"


@blp.route("/media/<path:name>", methods=["GET", "HEAD"])
def media_file(name: str) -> Response:
    data = storage().read(name) if _AVATAR.match(name) else None
    if data is None:
        abort(404)
    response = Response(data, mimetype="image/webp")
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(name.rsplit("/", 1)[1].split(".")[0])
    return response.make_conditional(request)
