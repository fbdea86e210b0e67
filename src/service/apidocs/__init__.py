"""Swagger UI at /docs and ReDoc at /redoc, with every script and style served from here.

The assets are vendored from npm (swagger-ui-dist 5, which renders OpenAPI 3.1, and
redoc 2); `scripts/update-docs-assets` refreshes them. No page loads anything from a CDN.
"""

from flask import Blueprint, render_template

blp = Blueprint(
    "apidocs", __name__, static_folder="static", static_url_path="/docs/assets", template_folder="templates"
)


@blp.route("/docs")
def swagger_ui() -> str:
    return render_template("apidocs/swagger_ui.html")


@blp.route("/redoc")
def redoc() -> str:
    return render_template("apidocs/redoc.html")
