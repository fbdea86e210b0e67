"""The benchmark's own modules (scripts/perf), importable by tests: its data set and scale scenarios
are checked here against the service they measure."""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.append(str(SCRIPTS))

from perf import dataset, probes, scale  # noqa: E402

__all__ = ["dataset", "libpq_url", "probes", "scale"]


def libpq_url(database_url: str) -> str:
    """The database URL as psycopg (the seeding's COPY) takes it, without SQLAlchemy's driver name."""
    return database_url.replace("postgresql+psycopg://", "postgresql://")
