from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from helhet.core.api import ObjectId, actor_of
from helhet.notifications import selectors, services

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


@router.get("/notifications", response=list[NotificationOut], summary="My notifications")
def notification_list(request: HttpRequest, unread: bool = False) -> object:
    return selectors.notifications_for(actor_of(request).user, unread_only=unread)[:200]


@router.post("/notifications/{notification_id}/read", response=NotificationOut)
def notification_read(request: HttpRequest, notification_id: ObjectId) -> object:
    return services.notification_mark_read(
        recipient=actor_of(request).user, notification_id=notification_id
    )
