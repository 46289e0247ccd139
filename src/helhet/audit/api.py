from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from helhet.audit import selectors
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
