from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.generic_error_model import GenericErrorModel
from ...models.new_report_request import NewReportRequest
from ...models.report_response import ReportResponse
from typing import cast



def _get_kwargs(
    slug: str,
    *,
    body: NewReportRequest,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/articles/{slug}/reports".format(slug=quote(str(slug), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GenericErrorModel | ReportResponse | None:
    if response.status_code == 200:
        response_200 = ReportResponse.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = ReportResponse.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = GenericErrorModel.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = GenericErrorModel.from_dict(response.json())



        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GenericErrorModel | ReportResponse]:
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
    body: NewReportRequest,

) -> Response[GenericErrorModel | ReportResponse]:
    """ Report an article

     Flags another user's article for the moderators: 201 with the report, or 200 with the first one when
    you reported it already. Enough members' reports hide it at once, pending review.

    Args:
        slug (str):
        body (NewReportRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | ReportResponse]
     """


    kwargs = _get_kwargs(
        slug=slug,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: NewReportRequest,

) -> GenericErrorModel | ReportResponse | None:
    """ Report an article

     Flags another user's article for the moderators: 201 with the report, or 200 with the first one when
    you reported it already. Enough members' reports hide it at once, pending review.

    Args:
        slug (str):
        body (NewReportRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | ReportResponse
     """


    return sync_detailed(
        slug=slug,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: NewReportRequest,

) -> Response[GenericErrorModel | ReportResponse]:
    """ Report an article

     Flags another user's article for the moderators: 201 with the report, or 200 with the first one when
    you reported it already. Enough members' reports hide it at once, pending review.

    Args:
        slug (str):
        body (NewReportRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GenericErrorModel | ReportResponse]
     """


    kwargs = _get_kwargs(
        slug=slug,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    body: NewReportRequest,

) -> GenericErrorModel | ReportResponse | None:
    """ Report an article

     Flags another user's article for the moderators: 201 with the report, or 200 with the first one when
    you reported it already. Enough members' reports hide it at once, pending review.

    Args:
        slug (str):
        body (NewReportRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GenericErrorModel | ReportResponse
     """


    return (await asyncio_detailed(
        slug=slug,
client=client,
body=body,

    )).parsed
