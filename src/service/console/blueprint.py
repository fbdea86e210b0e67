"""The console's blueprint, apart from `__init__` so that its view modules can import it."""

from flask import Blueprint

from service.console.sessions import PREFIX

blp = Blueprint("console", "service.console", url_prefix=PREFIX, static_folder="static", static_url_path="/static")
