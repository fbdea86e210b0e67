from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support.actors import Actor, create_article, register
from tests.support.staff import give_role


@pytest.fixture
def mod(client: FlaskClient) -> Actor:
    return give_role(client, register(client, "mod"), "moderator")


@pytest.fixture
def admin(client: FlaskClient) -> Actor:
    return give_role(client, register(client, "root"), "admin")


@pytest.fixture
def carol(client: FlaskClient) -> Actor:
    return register(client, "carol")


@pytest.fixture
def dave(client: FlaskClient) -> Actor:
    return register(client, "dave")


@pytest.fixture
def article_by_alice(client: FlaskClient, alice: Actor) -> dict[str, Any]:
    return create_article(client, alice, tagList=["dragons"])
