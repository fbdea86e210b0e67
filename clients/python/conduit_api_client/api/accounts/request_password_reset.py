from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.generic_error_model import GenericErrorModel
from ...models.password_reset_request import PasswordResetRequest
from typing import cast



def _get_kwargs(
    *,
    body: PasswordResetRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/users/password-reset",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GenericErrorModel | PasswordResetRequest | None:
    if response.status_code == 202:
        response_202 = PasswordResetRequest.from_dict(response.json())



        return response_202

    if response.status_code == 400:
        response_400 = GenericErrorModel.from_dict(response.json())



        return response_400

    if response.status_code == 413:
        response_413 = GenericErrorModel.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = GenericErrorModel.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = GenericErrorModel.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = GenericErrorModel.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GenericErrorModel | PasswordResetRequest]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetRequest,

) -> Response[GenericErrorModel | PasswordResetRequest]:
    """ Email a password reset link, if the address is a user's

     The answer, the address sent back, is the same for a known and an unknown address, so it does not
    tell which accounts exist. The link carries a single-use token valid for 30 minutes (by default).

    Args:
        body (PasswordResetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | PasswordResetRequest]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetRequest,

) -> GenericErrorModel | PasswordResetRequest | None:
    """ Email a password reset link, if the address is a user's

     The answer, the address sent back, is the same for a known and an unknown address, so it does not
    tell which accounts exist. The link carries a single-use token valid for 30 minutes (by default).

    Args:
        body (PasswordResetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | PasswordResetRequest
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetRequest,

) -> Response[GenericErrorModel | PasswordResetRequest]:
    """ Email a password reset link, if the address is a user's

     The answer, the address sent back, is the same for a known and an unknown address, so it does not
    tell which accounts exist. The link carries a single-use token valid for 30 minutes (by default).

    Args:
        body (PasswordResetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | PasswordResetRequest]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetRequest,

) -> GenericErrorModel | PasswordResetRequest | None:
    """ Email a password reset link, if the address is a user's

     The answer, the address sent back, is the same for a known and an unknown address, so it does not
    tell which accounts exist. The link carries a single-use token valid for 30 minutes (by default).

    Args:
        body (PasswordResetRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | PasswordResetRequest
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
