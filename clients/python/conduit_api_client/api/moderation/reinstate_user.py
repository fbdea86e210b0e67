from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.action_request import ActionRequest
from ...models.generic_error_model import GenericErrorModel
from ...models.staff_user_response import StaffUserResponse
from typing import cast



def _get_kwargs(
    username: str,
    *,
    body: ActionRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/moderation/users/{username}/reinstate".format(username=quote(str(username), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GenericErrorModel | StaffUserResponse | None:
    if response.status_code == 200:
        response_200 = StaffUserResponse.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = GenericErrorModel.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = GenericErrorModel.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = GenericErrorModel.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = GenericErrorModel.from_dict(response.json())



        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GenericErrorModel | StaffUserResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    username: str,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> Response[GenericErrorModel | StaffUserResponse]:
    """ Reinstate a user

     Ends a suspension now: everything of theirs is back. Their old tokens stay refused: they sign in
    again.

    Args:
        username (str):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | StaffUserResponse]
     """


    kwargs = _get_kwargs(
        username=username,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    username: str,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> GenericErrorModel | StaffUserResponse | None:
    """ Reinstate a user

     Ends a suspension now: everything of theirs is back. Their old tokens stay refused: they sign in
    again.

    Args:
        username (str):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | StaffUserResponse
     """


    return sync_detailed(
        username=username,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    username: str,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> Response[GenericErrorModel | StaffUserResponse]:
    """ Reinstate a user

     Ends a suspension now: everything of theirs is back. Their old tokens stay refused: they sign in
    again.

    Args:
        username (str):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | StaffUserResponse]
     """


    kwargs = _get_kwargs(
        username=username,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    username: str,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> GenericErrorModel | StaffUserResponse | None:
    """ Reinstate a user

     Ends a suspension now: everything of theirs is back. Their old tokens stay refused: they sign in
    again.

    Args:
        username (str):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | StaffUserResponse
     """


    return (await asyncio_detailed(
        username=username,
client=client,
body=body,

    )).parsed
