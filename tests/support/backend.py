"""Which database the suite runs on: `TEST_DATABASE=postgresql`, else in-memory SQLite."""

import os

BACKEND = os.environ.get("TEST_DATABASE", "sqlite")
