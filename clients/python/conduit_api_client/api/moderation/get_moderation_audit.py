from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.audit_response import AuditResponse
from ...models.generic_error_model import GenericErrorModel
from ...models.get_moderation_audit_action import GetModerationAuditAction
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    actor: str | Unset = UNSET,
    action: GetModerationAuditAction | Unset = UNSET,
    target: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["limit"] = limit

    params["actor"] = actor

    json_action: str | Unset = UNSET
    if not isinstance(action, Unset):
        json_action = action.value

    params["action"] = json_action

    params["target"] = target


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/moderation/audit",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditResponse | GenericErrorModel | None:
    if response.status_code == 200:
        response_200 = AuditResponse.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = GenericErrorModel.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = GenericErrorModel.from_dict(response.json())



        return response_403

    if response.status_code == 422:
        response_422 = GenericErrorModel.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AuditResponse | GenericErrorModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    actor: str | Unset = UNSET,
    action: GetModerationAuditAction | Unset = UNSET,
    target: str | Unset = UNSET,

) -> Response[AuditResponse | GenericErrorModel]:
    """ The audit of staff actions

     Every staff action and auto-hide, newest first, with actor, action, target, reason, time and request
    id;
    filter by `actor`, `action` and `target`. Entries are never changed or deleted.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        actor (str | Unset):
        action (GetModerationAuditAction | Unset):
        target (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditResponse | GenericErrorModel]
     """


    kwargs = _get_kwargs(
        cursor=cursor,
limit=limit,
actor=actor,
action=action,
target=target,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    actor: str | Unset = UNSET,
    action: GetModerationAuditAction | Unset = UNSET,
    target: str | Unset = UNSET,

) -> AuditResponse | GenericErrorModel | None:
    """ The audit of staff actions

     Every staff action and auto-hide, newest first, with actor, action, target, reason, time and request
    id;
    filter by `actor`, `action` and `target`. Entries are never changed or deleted.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        actor (str | Unset):
        action (GetModerationAuditAction | Unset):
        target (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditResponse | GenericErrorModel
     """


    return sync_detailed(
        client=client,
cursor=cursor,
limit=limit,
actor=actor,
action=action,
target=target,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    actor: str | Unset = UNSET,
    action: GetModerationAuditAction | Unset = UNSET,
    target: str | Unset = UNSET,

) -> Response[AuditResponse | GenericErrorModel]:
    """ The audit of staff actions

     Every staff action and auto-hide, newest first, with actor, action, target, reason, time and request
    id;
    filter by `actor`, `action` and `target`. Entries are never changed or deleted.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        actor (str | Unset):
        action (GetModerationAuditAction | Unset):
        target (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditResponse | GenericErrorModel]
     """


    kwargs = _get_kwargs(
        cursor=cursor,
limit=limit,
actor=actor,
action=action,
target=target,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    actor: str | Unset = UNSET,
    action: GetModerationAuditAction | Unset = UNSET,
    target: str | Unset = UNSET,

) -> AuditResponse | GenericErrorModel | None:
    """ The audit of staff actions

     Every staff action and auto-hide, newest first, with actor, action, target, reason, time and request
    id;
    filter by `actor`, `action` and `target`. Entries are never changed or deleted.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        actor (str | Unset):
        action (GetModerationAuditAction | Unset):
        target (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditResponse | GenericErrorModel
     """


    return (await asyncio_detailed(
        client=client,
cursor=cursor,
limit=limit,
actor=actor,
action=action,
target=target,

    )).parsed
