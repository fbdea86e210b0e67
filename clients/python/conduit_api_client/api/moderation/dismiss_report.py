from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.action_request import ActionRequest
from ...models.generic_error_model import GenericErrorModel
from ...models.resolved_report_response import ResolvedReportResponse
from typing import cast



def _get_kwargs(
    report_id: int,
    *,
    body: ActionRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/moderation/reports/{report_id}/dismiss".format(report_id=quote(str(report_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GenericErrorModel | ResolvedReportResponse | None:
    if response.status_code == 200:
        response_200 = ResolvedReportResponse.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GenericErrorModel | ResolvedReportResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    report_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> Response[GenericErrorModel | ResolvedReportResponse]:
    """ Dismiss a report

     Closes one report, leaving its item as it is (restore an auto-hidden item to bring it back).

    Args:
        report_id (int):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | ResolvedReportResponse]
     """


    kwargs = _get_kwargs(
        report_id=report_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    report_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> GenericErrorModel | ResolvedReportResponse | None:
    """ Dismiss a report

     Closes one report, leaving its item as it is (restore an auto-hidden item to bring it back).

    Args:
        report_id (int):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | ResolvedReportResponse
     """


    return sync_detailed(
        report_id=report_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    report_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> Response[GenericErrorModel | ResolvedReportResponse]:
    """ Dismiss a report

     Closes one report, leaving its item as it is (restore an auto-hidden item to bring it back).

    Args:
        report_id (int):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | ResolvedReportResponse]
     """


    kwargs = _get_kwargs(
        report_id=report_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    report_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionRequest,

) -> GenericErrorModel | ResolvedReportResponse | None:
    """ Dismiss a report

     Closes one report, leaving its item as it is (restore an auto-hidden item to bring it back).

    Args:
        report_id (int):
        body (ActionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | ResolvedReportResponse
     """


    return (await asyncio_detailed(
        report_id=report_id,
client=client,
body=body,

    )).parsed
