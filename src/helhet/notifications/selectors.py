from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from helhet.notifications.models import Notification

if TYPE_CHECKING:
    from helhet.tenancy.models import User


def notifications_for(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")
