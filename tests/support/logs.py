"""Catching what a logger writes, for tests (the app replaces the root logger's handlers, so caplog sees nothing)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class RecordingHandler(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@contextmanager
def recorded(logger_name: str, level: int = logging.INFO) -> Iterator[RecordingHandler]:
    handler = RecordingHandler(level)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
