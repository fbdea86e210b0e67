from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.generic_error_model import GenericErrorModel
from ...models.password_reset_confirmation import PasswordResetConfirmation
from ...models.user_response import UserResponse
from typing import cast



def _get_kwargs(
    *,
    body: PasswordResetConfirmation,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/users/password-reset/confirm",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GenericErrorModel | UserResponse | None:
    if response.status_code == 200:
        response_200 = UserResponse.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = GenericErrorModel.from_dict(response.json())



        return response_400

    if response.status_code == 403:
        response_403 = GenericErrorModel.from_dict(response.json())



        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GenericErrorModel | UserResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetConfirmation,

) -> Response[GenericErrorModel | UserResponse]:
    """ Set a new password with the token from a reset email

     Spends the token (and any other reset token of the user) and refuses every earlier JWT; answers
    the user with a fresh one. An unknown, used or expired token is a 422 on `token`; a suspended
    user's is a 403 on `account`, as their sign-in, and changes nothing.

    Args:
        body (PasswordResetConfirmation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | UserResponse]
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
    body: PasswordResetConfirmation,

) -> GenericErrorModel | UserResponse | None:
    """ Set a new password with the token from a reset email

     Spends the token (and any other reset token of the user) and refuses every earlier JWT; answers
    the user with a fresh one. An unknown, used or expired token is a 422 on `token`; a suspended
    user's is a 403 on `account`, as their sign-in, and changes nothing.

    Args:
        body (PasswordResetConfirmation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | UserResponse
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasswordResetConfirmation,

) -> Response[GenericErrorModel | UserResponse]:
    """ Set a new password with the token from a reset email

     Spends the token (and any other reset token of the user) and refuses every earlier JWT; answers
    the user with a fresh one. An unknown, used or expired token is a 422 on `token`; a suspended
    user's is a 403 on `account`, as their sign-in, and changes nothing.

    Args:
        body (PasswordResetConfirmation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | UserResponse]
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
    body: PasswordResetConfirmation,

) -> GenericErrorModel | UserResponse | None:
    """ Set a new password with the token from a reset email

     Spends the token (and any other reset token of the user) and refuses every earlier JWT; answers
    the user with a fresh one. An unknown, used or expired token is a 422 on `token`; a suspended
    user's is a 403 on `account`, as their sign-in, and changes nothing.

    Args:
        body (PasswordResetConfirmation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | UserResponse
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
