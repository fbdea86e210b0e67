"""The yardstick: a bare Flask app answering a fixed ~2 KB JSON document, served like the service.

Its requests/s is the ceiling this machine, gunicorn and Flask allow; the service's figures are
read as a fraction of it, which keeps the targets meaningful on any hardware.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

ARTICLE = {
    "slug": "how-to-train-your-dragon",
    "title": "How to train your dragon",
    "description": "Ever wonder how? A short field guide for the patient and the brave.",
    "tagList": ["dragons", "training", "field-guide"],
    "createdAt": "2024-05-01T12:00:00.000Z",
    "updatedAt": "2024-05-01T12:00:00.000Z",
    "favorited": False,
    "favoritesCount": 42,
    "author": {"username": "jake", "bio": "I work at statefarm", "image": "", "following": False},
}
PAYLOAD: dict[str, Any] = {"articles": [dict(ARTICLE, slug=f"{ARTICLE['slug']}-{n}") for n in range(5)]}
PAYLOAD["articlesCount"] = len(PAYLOAD["articles"])

app = Flask(__name__)


@app.get("/")
def fixed_document() -> dict[str, Any]:
    return PAYLOAD
