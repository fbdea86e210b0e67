"""Avatar uploads: the upload is checked and stored at once, its sizes made by a job."""

from __future__ import annotations

from sqlalchemy import update

from service import jobs
from service.caching.version import start_new_version
from service.extensions import db
from service.media.images import AVATAR_SIZES, accept_upload, avatar, content_name
from service.media.storage import storage
from service.models import User


def upload_avatar(user_id: int, data: bytes, media_url: str) -> None:
    """Check and store the upload, then queue the making of its sizes; 413/422 and nothing stored
    when it is not an image we take."""
    source = accept_upload(data)
    name = f"uploads/{content_name(source)}.png"
    storage().save(name, source)
    jobs.enqueue("make_avatar", user_id, name, media_url)


@jobs.task()
def make_avatar(user_id: int, source_name: str, media_url: str) -> None:
    """Make the square WebP sizes of an accepted upload and point the user's image at the largest."""
    source = storage().read(source_name)
    if source is None:
        raise FileNotFoundError(source_name)
    stem = content_name(source)
    for size in AVATAR_SIZES:
        storage().save(f"avatars/{stem}-{size}.webp", avatar(source, size))
    image_url = f"{media_url}/avatars/{stem}-{AVATAR_SIZES[0]}.webp"
    db.session.execute(update(User).where(User.id == user_id).values(image=image_url))
    db.session.commit()
    start_new_version()  # kept profiles and articles show the new image
