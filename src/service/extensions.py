"""Flask extensions, created once here and bound to the app in `create_app`."""

from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from service.api import ConduitApi
from service.caching.memos import RememberingJWTManager
from service.database import Base, RequestSession

# Objects live for one request: reloading them after each commit (the default) cost a SELECT of the
# signed-in user in every write that answers with what it wrote.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False, "class_": RequestSession})
migrate = Migrate()
api = ConduitApi()
jwt = RememberingJWTManager()
cors = CORS()
# Behind a proxy, ProxyFix (PROXY_FIX_HOPS) makes remote_addr the real client address.
limiter = Limiter(key_func=get_remote_address)
# The staff console's forms only (`service.console`): the API takes JSON with a token, never a form.
csrf = CSRFProtect()
