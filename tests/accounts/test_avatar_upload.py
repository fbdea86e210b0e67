"""Avatar uploads: a real image becomes a 256x256 WebP avatar; anything else is refused and nothing stored."""

from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.support.images import HTML, MIB, SVG, TEXT, huge_png, image_bytes, jpeg_with_exif, noisy_png, truncated_png


def upload(client, actor, data, filename="avatar.png", content_type="image/png"):
    return client.put(
        "/api/user/image",
        headers=actor.headers,
        data={"image": (BytesIO(data), filename, content_type)},
        content_type="multipart/form-data",
        buffered=True,  # closed as a server closes it: without Redis the job runs then
    )


def image_of(client, actor):
    return client.get("/api/user", headers=actor.headers).get_json()["user"]["image"]


def stored_files(app):
    root = Path(app.config["MEDIA_ROOT"])
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_an_upload_answers_202_with_the_user(client, alice):
    response = upload(client, alice, image_bytes("PNG"))

    assert response.status_code == 202
    assert response.get_json()["user"]["username"] == "alice"


def test_the_users_image_becomes_a_256_square_webp(client, alice, run_jobs):
    upload(client, alice, image_bytes("PNG", (640, 480)))
    run_jobs()

    url = image_of(client, alice)
    assert url.startswith("http://localhost/media/avatars/") and url.endswith("-256.webp")
    served = client.get(urlsplit(url).path)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/webp"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in served.headers["Cache-Control"]
    with Image.open(BytesIO(served.get_data())) as avatar:
        assert (avatar.format, avatar.size) == ("WEBP", (256, 256))


def test_a_64_square_webp_is_made_beside_it(client, alice, run_jobs):
    upload(client, alice, image_bytes("PNG"))
    run_jobs()

    small = client.get(urlsplit(image_of(client, alice)).path.replace("-256.webp", "-64.webp"))
    with Image.open(BytesIO(small.get_data())) as avatar:
        assert avatar.size == (64, 64)


@pytest.mark.parametrize(("fmt", "content_type"), [("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_jpeg_and_webp_are_taken_too(client, alice, run_jobs, fmt, content_type):
    assert upload(client, alice, image_bytes(fmt), f"a.{fmt.lower()}", content_type).status_code == 202
    run_jobs()

    assert image_of(client, alice).endswith("-256.webp")


def test_exif_data_and_bytes_appended_are_not_kept(app, client, alice, run_jobs):
    upload(client, alice, jpeg_with_exif() + b"<?php echo 'appended'; ?>", "me.jpg", "image/jpeg")
    run_jobs()

    stored = b"".join((Path(app.config["MEDIA_ROOT"]) / name).read_bytes() for name in stored_files(app))
    assert stored and b"SecretCameraMaker" not in stored and b"appended" not in stored


REFUSED = {
    "svg": (SVG, "avatar.svg", "image/svg+xml"),
    "text named .png": (TEXT, "avatar.png", "image/png"),
    "html named .jpg": (HTML, "avatar.jpg", "image/jpeg"),
    "truncated png": (truncated_png(), "avatar.png", "image/png"),
    "20000x20000 png": (huge_png(), "avatar.png", "image/png"),
}


@pytest.mark.parametrize("kind", REFUSED)
def test_what_is_not_a_whole_jpeg_png_or_webp_of_sane_size_is_refused_and_nothing_stored(
    app, client, alice, run_jobs, kind
):
    data, filename, content_type = REFUSED[kind]

    response = upload(client, alice, data, filename, content_type)
    run_jobs()

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["image"]
    assert stored_files(app) == []
    assert image_of(client, alice) == ""


def test_an_upload_of_nearly_2_mib_is_taken(client, alice):
    data = noisy_png(780)
    assert 1.5 * MIB < len(data) < 2 * MIB

    assert upload(client, alice, data).status_code == 202


def test_more_than_2_mib_is_413_and_nothing_stored(app, client, alice):
    response = upload(client, alice, b"\x89PNG\r\n\x1a\n" + bytes(3 * MIB))

    assert response.status_code == 413
    assert response.get_json() == {"errors": {"body": ["request body is too large"]}}
    assert stored_files(app) == []


def test_an_upload_needs_a_token(client):
    response = client.put(
        "/api/user/image", data={"image": (BytesIO(image_bytes()), "a.png")}, content_type="multipart/form-data"
    )

    assert response.status_code == 401


def test_an_upload_without_the_image_field_is_422(client, alice):
    response = client.put(
        "/api/user/image", headers=alice.headers, data={"other": "x"}, content_type="multipart/form-data"
    )

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["image"]


def test_other_routes_still_refuse_multipart_bodies(client, alice):
    response = client.put("/api/user", headers=alice.headers, data={"bio": "x"}, content_type="multipart/form-data")

    assert response.status_code == 415


def test_unknown_media_is_404(client):
    assert client.get("/media/avatars/" + "0" * 64 + "-256.webp").status_code == 404
    assert client.get("/media/../conduit.sqlite3").status_code == 404
