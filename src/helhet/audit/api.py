from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from helhet.audit import selectors
from helhet.audit.export import access_report_csv
from helhet.audit.models import Channel
from helhet.core.api import ObjectId, actor_of

router = Router(tags=["audit"])


class AccessEventOut(Schema):
    at: datetime
    username: str
    organisation_name: str
    role: str
    person_id: ObjectId | None
    target_ref: str
    categories: list[str]
    channel: str
    through: str
    outcome: str
    reason: str


@router.get(
    "/persons/{person_id}/access-log",
    response=list[AccessEventOut],
    summary="Who has looked at this person's data (coordinators, managers, responsible)",
)
def person_access_log(request: HttpRequest, person_id: ObjectId) -> object:
    return selectors.person_access_log_for(
        actor=actor_of(request),
        person_id=person_id,
        channel=Channel.API,
        through=f"{request.method} {request.path}",
    ).events


@router.get(
    "/persons/{person_id}/access-report.csv",
    summary="The person's own access report, as CSV to hand over to them",
)
def person_access_report(request: HttpRequest, person_id: ObjectId) -> HttpResponse:
    log = selectors.person_access_log_for(
        actor=actor_of(request),
        person_id=person_id,
        channel=Channel.EXPORT,
        through=f"{request.method} {request.path}",
    )
    return access_report_csv(log.events, filename=f"access-report-{person_id}.csv")


@router.get(
    "/audit/access-log",
    response=list[AccessEventOut],
    summary="Reads made by your organisation's staff (managers, administrators); newest "
    "first, `limit` up to 500, `offset` to page on",
)
def organisation_access_log(request: HttpRequest, limit: int = 100, offset: int = 0) -> object:
    limit = max(1, min(limit, selectors.ACCESS_LOG_LIMIT))
    offset = max(0, offset)
    return selectors.organisation_access_log(actor=actor_of(request))[offset : offset + limit]


@router.get(
    "/audit/reads-of-our-data",
    response=list[AccessEventOut],
    summary="Reads by other organisations of the entries your organisation recorded "
    "(managers, administrators); newest first, `limit` up to 500, `offset` to page on",
)
def reads_of_our_data(request: HttpRequest, limit: int = 100, offset: int = 0) -> object:
    limit = max(1, min(limit, selectors.ACCESS_LOG_LIMIT))
    offset = max(0, offset)
    return selectors.reads_of_our_data(actor=actor_of(request))[offset : offset + limit]
