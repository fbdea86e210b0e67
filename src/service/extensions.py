"""Flask extensions, created once here and bound to the app in `create_app`."""

from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

from service.errors import GenericErrorModel


class Base(DeclarativeBase):
    pass


class ConduitApi(Api):
    """flask-smorest's Api, documenting and answering errors in the RealWorld envelope."""

    ERROR_SCHEMA = GenericErrorModel
    # Every operation lists its own error codes; a catch-all "default" would hide gaps.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_error_handlers(self) -> None:
        """Error handlers live in `service.errors`, registered by the app factory."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
api = ConduitApi()
jwt = JWTManager()
cors = CORS()
# Behind a proxy, ProxyFix (PROXY_FIX_HOPS) makes remote_addr the real client address.
limiter = Limiter(key_func=get_remote_address)
