from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.avatar_upload import AvatarUpload
from ...models.generic_error_model import GenericErrorModel
from ...models.user_response import UserResponse
from typing import cast



def _get_kwargs(
    *,
    body: AvatarUpload,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/user/image",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GenericErrorModel | UserResponse | None:
    if response.status_code == 202:
        response_202 = UserResponse.from_dict(response.json())



        return response_202

    if response.status_code == 401:
        response_401 = GenericErrorModel.from_dict(response.json())



        return response_401

    if response.status_code == 413:
        response_413 = GenericErrorModel.from_dict(response.json())



        return response_413

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
    client: AuthenticatedClient,
    body: AvatarUpload,

) -> Response[GenericErrorModel | UserResponse]:
    """ Upload an avatar

     A `multipart/form-data` body with the file in the field `image`: JPEG, PNG or WebP, at most 2 MiB.
    The answer is the user as it stands; `user.image` points at the 256x256 WebP once a job has made it.

    Args:
        body (AvatarUpload):

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
    client: AuthenticatedClient,
    body: AvatarUpload,

) -> GenericErrorModel | UserResponse | None:
    """ Upload an avatar

     A `multipart/form-data` body with the file in the field `image`: JPEG, PNG or WebP, at most 2 MiB.
    The answer is the user as it stands; `user.image` points at the 256x256 WebP once a job has made it.

    Args:
        body (AvatarUpload):

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
    client: AuthenticatedClient,
    body: AvatarUpload,

) -> Response[GenericErrorModel | UserResponse]:
    """ Upload an avatar

     A `multipart/form-data` body with the file in the field `image`: JPEG, PNG or WebP, at most 2 MiB.
    The answer is the user as it stands; `user.image` points at the 256x256 WebP once a job has made it.

    Args:
        body (AvatarUpload):

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
    client: AuthenticatedClient,
    body: AvatarUpload,

) -> GenericErrorModel | UserResponse | None:
    """ Upload an avatar

     A `multipart/form-data` body with the file in the field `image`: JPEG, PNG or WebP, at most 2 MiB.
    The answer is the user as it stands; `user.image` points at the 256x256 WebP once a job has made it.

    Args:
        body (AvatarUpload):

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
