"""The generated Python SDK (clients/python; scripts/test installs it with `pip install -e clients/python`)
end to end against gunicorn: register, log in, write an article with tags, comment, favorite, follow,
read the feed, delete; upload an avatar, ask for a password reset, sign out."""

from __future__ import annotations

import time
from http import HTTPStatus
from io import BytesIO

import pytest
from conduit_api_client import AuthenticatedClient, Client
from conduit_api_client.api.accounts import confirm_password_reset, logout, request_password_reset, upload_avatar
from conduit_api_client.api.articles import create_article, delete_article, get_article, get_articles_feed
from conduit_api_client.api.comments import (
    create_article_comment,
    delete_article_comment,
    get_article_comments,
)
from conduit_api_client.api.favorites import create_article_favorite
from conduit_api_client.api.profile import follow_user_by_username
from conduit_api_client.api.user_and_authentication import create_user, get_current_user, login
from conduit_api_client.models import (
    ArticleResponse,
    ArticlesResponse,
    AvatarUpload,
    CommentResponse,
    CommentsResponse,
    GenericErrorModel,
    LoginRequest,
    LoginUser,
    NewArticle,
    NewArticleRequest,
    NewComment,
    NewCommentRequest,
    NewPassword,
    NewUser,
    NewUserRequest,
    PasswordResetConfirmation,
    PasswordResetRequest,
    ProfileResponse,
    ResetFor,
    UserResponse,
)
from conduit_api_client.types import File

from tests.support.images import image_bytes
from tests.support.live import LiveServer

pytestmark = [pytest.mark.live, pytest.mark.consumer]


def client_for(server: LiveServer, token: str | None = None) -> Client | AuthenticatedClient:
    if token is None:
        return Client(base_url=server.url, raise_on_unexpected_status=True, timeout=10)
    return AuthenticatedClient(base_url=server.url, token=token, prefix="Token", raise_on_unexpected_status=True)


def sign_up_and_log_in(server: LiveServer, name: str) -> AuthenticatedClient:
    anonymous = client_for(server)
    email, password = f"{name}@example.com", f"{name}-password"
    new_user = NewUserRequest(user=NewUser(username=name, email=email, password=password))
    registered = create_user.sync(client=anonymous, body=new_user)
    assert isinstance(registered, UserResponse) and registered.user.username == name

    logged_in = login.sync(client=anonymous, body=LoginRequest(user=LoginUser(email=email, password=password)))
    assert isinstance(logged_in, UserResponse) and logged_in.user.email == email
    client = client_for(server, logged_in.user.token)
    assert isinstance(client, AuthenticatedClient)
    return client


def test_python_sdk_round_trip(live_api: LiveServer) -> None:
    author, reader = sign_up_and_log_in(live_api, "py_author"), sign_up_and_log_in(live_api, "py_reader")
    me = get_current_user.sync(client=reader)
    assert isinstance(me, UserResponse) and me.user.username == "py_reader"

    wrong = login.sync_detailed(
        client=client_for(live_api), body=LoginRequest(user=LoginUser(email="py_reader@example.com", password="nope"))
    )
    assert wrong.status_code == HTTPStatus.UNAUTHORIZED and isinstance(wrong.parsed, GenericErrorModel)

    draft = NewArticle(title="Typed dragons", description="Ever wonder how?", body="Types", tag_list=["python", "sdk"])
    created = create_article.sync_detailed(client=author, body=NewArticleRequest(article=draft))
    assert created.status_code == HTTPStatus.CREATED and isinstance(created.parsed, ArticleResponse)
    article = created.parsed.article
    assert article.tag_list == ["python", "sdk"] and article.author.username == "py_author"
    assert article.created_at.tzinfo is not None and article.favorited is False
    slug = article.slug

    commented = create_article_comment.sync(
        slug, client=reader, body=NewCommentRequest(comment=NewComment(body="His name was my name too."))
    )
    assert isinstance(commented, CommentResponse) and commented.comment.author.username == "py_reader"
    comment_id = commented.comment.id

    favorited = create_article_favorite.sync(slug, client=reader)
    assert isinstance(favorited, ArticleResponse)
    assert favorited.article.favorited is True and favorited.article.favorites_count == 1

    followed = follow_user_by_username.sync("py_author", client=reader)
    assert isinstance(followed, ProfileResponse) and followed.profile.following is True

    feed = get_articles_feed.sync(client=reader, limit=10)
    assert isinstance(feed, ArticlesResponse) and feed.articles_count == 1
    assert [(a.slug, a.favorited, a.author.following) for a in feed.articles] == [(slug, True, True)]

    comments = get_article_comments.sync(slug, client=reader)
    assert isinstance(comments, CommentsResponse) and [c.id for c in comments.comments] == [comment_id]

    not_yours = delete_article.sync_detailed(slug, client=reader)
    assert not_yours.status_code == HTTPStatus.FORBIDDEN and isinstance(not_yours.parsed, GenericErrorModel)
    assert delete_article_comment.sync_detailed(slug, comment_id, client=reader).status_code == HTTPStatus.NO_CONTENT
    assert delete_article.sync_detailed(slug, client=author).status_code == HTTPStatus.NO_CONTENT

    gone = get_article.sync_detailed(slug, client=reader)
    assert gone.status_code == HTTPStatus.NOT_FOUND and isinstance(gone.parsed, GenericErrorModel)
    assert gone.parsed.errors.additional_properties == {"body": ["article not found"]}


def test_python_sdk_accounts(live_api: LiveServer) -> None:
    """Upload an avatar, ask for a password reset, sign out: the operations of issue 22."""
    me = sign_up_and_log_in(live_api, "py_account")

    uploaded = upload_avatar.sync_detailed(
        client=me, body=AvatarUpload(image=File(payload=BytesIO(image_bytes("PNG")), file_name="me.png"))
    )
    assert uploaded.status_code == HTTPStatus.ACCEPTED and isinstance(uploaded.parsed, UserResponse)
    refused = upload_avatar.sync_detailed(
        client=me, body=AvatarUpload(image=File(payload=BytesIO(b"<svg/>"), file_name="me.png"))
    )
    assert refused.status_code == HTTPStatus.UNPROCESSABLE_ENTITY and isinstance(refused.parsed, GenericErrorModel)
    deadline = time.monotonic() + 15
    while not (image := get_current_user.sync(client=me).user.image) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert image.endswith("-256.webp")

    asked = request_password_reset.sync_detailed(
        client=client_for(live_api), body=PasswordResetRequest(user=ResetFor(email="py_account@example.com"))
    )
    assert asked.status_code == HTTPStatus.ACCEPTED and isinstance(asked.parsed, PasswordResetRequest)
    bad_token = confirm_password_reset.sync_detailed(
        client=client_for(live_api),
        body=PasswordResetConfirmation(reset=NewPassword(token="not-a-token", password="new-password")),
    )
    assert bad_token.status_code == HTTPStatus.UNPROCESSABLE_ENTITY

    assert logout.sync_detailed(client=me).status_code == HTTPStatus.NO_CONTENT
    assert get_current_user.sync_detailed(client=me).status_code == HTTPStatus.UNAUTHORIZED
