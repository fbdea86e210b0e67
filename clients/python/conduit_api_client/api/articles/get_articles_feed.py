from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.articles_response import ArticlesResponse
from ...models.generic_error_model import GenericErrorModel
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["cursor"] = cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/articles/feed",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ArticlesResponse | GenericErrorModel | None:
    if response.status_code == 200:
        response_200 = ArticlesResponse.from_dict(response.json())



        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 401:
        response_401 = GenericErrorModel.from_dict(response.json())



        return response_401

    if response.status_code == 422:
        response_422 = GenericErrorModel.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ArticlesResponse | GenericErrorModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | ArticlesResponse | GenericErrorModel]:
    """ Get recent articles from users you follow

     The articles of the users the signed-in user follows, newest first, a page at a time
    (`limit`, then `offset` or `cursor`); `articlesCount` counts them all. Lists leave out each
    article's body.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ArticlesResponse | GenericErrorModel]
     """


    kwargs = _get_kwargs(
        limit=limit,
offset=offset,
cursor=cursor,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | ArticlesResponse | GenericErrorModel | None:
    """ Get recent articles from users you follow

     The articles of the users the signed-in user follows, newest first, a page at a time
    (`limit`, then `offset` or `cursor`); `articlesCount` counts them all. Lists leave out each
    article's body.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ArticlesResponse | GenericErrorModel
     """


    return sync_detailed(
        client=client,
limit=limit,
offset=offset,
cursor=cursor,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | ArticlesResponse | GenericErrorModel]:
    """ Get recent articles from users you follow

     The articles of the users the signed-in user follows, newest first, a page at a time
    (`limit`, then `offset` or `cursor`); `articlesCount` counts them all. Lists leave out each
    article's body.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ArticlesResponse | GenericErrorModel]
     """


    kwargs = _get_kwargs(
        limit=limit,
offset=offset,
cursor=cursor,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    cursor: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | ArticlesResponse | GenericErrorModel | None:
    """ Get recent articles from users you follow

     The articles of the users the signed-in user follows, newest first, a page at a time
    (`limit`, then `offset` or `cursor`); `articlesCount` counts them all. Lists leave out each
    article's body.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        cursor (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ArticlesResponse | GenericErrorModel
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
offset=offset,
cursor=cursor,
if_none_match=if_none_match,

    )).parsed
