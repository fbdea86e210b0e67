"""flask-smorest's Api as this service uses it: errors documented and answered in one envelope."""

from __future__ import annotations

from flask_smorest import Api

from service.errors import GenericErrorModel


class ConduitApi(Api):
    """flask-smorest's Api, documenting and answering errors in the RealWorld envelope."""

    ERROR_SCHEMA = GenericErrorModel
    # Every operation lists its own error codes; a catch-all "default" would hide gaps.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self) -> None:
        """Error handlers live in `service.errors`, registered by the app factory."""

    def _register_pagination_header(self) -> None:
        """Not documented: no answer has flask-smorest's X-Pagination header (lists count in `articlesCount`)."""
