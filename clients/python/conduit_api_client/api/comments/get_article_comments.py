from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.comments_response import CommentsResponse
from ...models.generic_error_model import GenericErrorModel
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    limit: int | Unset = 500,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/articles/{slug}/comments".format(slug=quote(str(slug), safe=""),),
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CommentsResponse | GenericErrorModel | None:
    if response.status_code == 200:
        response_200 = CommentsResponse.from_dict(response.json())



        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 401:
        response_401 = GenericErrorModel.from_dict(response.json())



        return response_401

    if response.status_code == 404:
        response_404 = GenericErrorModel.from_dict(response.json())



        return response_404

    if response.status_code == 422:
        response_422 = GenericErrorModel.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | CommentsResponse | GenericErrorModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 500,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | CommentsResponse | GenericErrorModel]:
    """ Get comments for an article

     The article's comments, newest first: all of them (as RealWorld has it) when they are at most
    500, the newest 500 otherwise, and `nextCursor` to read on from. `limit` and `cursor` page through
    them; `commentsCount` counts them all. With a token, `author.following` is the reader's.

    Args:
        slug (str):
        limit (int | Unset):  Default: 500.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CommentsResponse | GenericErrorModel]
     """


    kwargs = _get_kwargs(
        slug=slug,
limit=limit,
cursor=cursor,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 500,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | CommentsResponse | GenericErrorModel | None:
    """ Get comments for an article

     The article's comments, newest first: all of them (as RealWorld has it) when they are at most
    500, the newest 500 otherwise, and `nextCursor` to read on from. `limit` and `cursor` page through
    them; `commentsCount` counts them all. With a token, `author.following` is the reader's.

    Args:
        slug (str):
        limit (int | Unset):  Default: 500.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CommentsResponse | GenericErrorModel
     """


    return sync_detailed(
        slug=slug,
client=client,
limit=limit,
cursor=cursor,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 500,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | CommentsResponse | GenericErrorModel]:
    """ Get comments for an article

     The article's comments, newest first: all of them (as RealWorld has it) when they are at most
    500, the newest 500 otherwise, and `nextCursor` to read on from. `limit` and `cursor` page through
    them; `commentsCount` counts them all. With a token, `author.following` is the reader's.

    Args:
        slug (str):
        limit (int | Unset):  Default: 500.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CommentsResponse | GenericErrorModel]
     """


    kwargs = _get_kwargs(
        slug=slug,
limit=limit,
cursor=cursor,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 500,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | CommentsResponse | GenericErrorModel | None:
    """ Get comments for an article

     The article's comments, newest first: all of them (as RealWorld has it) when they are at most
    500, the newest 500 otherwise, and `nextCursor` to read on from. `limit` and `cursor` page through
    them; `commentsCount` counts them all. With a token, `author.following` is the reader's.

    Args:
        slug (str):
        limit (int | Unset):  Default: 500.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CommentsResponse | GenericErrorModel
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
limit=limit,
cursor=cursor,
if_none_match=if_none_match,

    )).parsed
