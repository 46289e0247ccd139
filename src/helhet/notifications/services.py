"""Notify a staff member in the app and by e-mail, once per key.

Notifications carry no personal data in their text (a title like "Referral 12 is overdue"
and a link); the linked page applies the access policy and logs the read.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from helhet.core.errors import NotFound
from helhet.notifications.models import Notification

if TYPE_CHECKING:
    from helhet.tenancy.models import User

logger = logging.getLogger(__name__)


def notify(
    *,
    recipient: User,
    kind: str,
    key: str,
    title: str,
    body: str = "",
    url: str = "",
    municipality_id: int | None = None,
    email: bool = True,
) -> Notification | None:
    """Create the notification unless one with this key exists for the recipient.

    Returns the new notification, or None when it had been sent before. The e-mail goes out
    only after the surrounding transaction commits.
    """
    if Notification.objects.filter(recipient=recipient, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                key=key[:200],
                title=title[:200],
                body=body,
                url=url,
                municipality_id=municipality_id,
            )
    except IntegrityError:  # a concurrent run got there first
        return None
    if email and recipient.email:
        transaction.on_commit(lambda: _send(notification.pk))
    return notification


def _send(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else ""
    try:
        send_mail(
            subject=f"[Helhet] {notification.title}",
            message="\n\n".join(part for part in (notification.body, link) if part),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
    except OSError:
        # The in-app notification stands; the mail is retried by nobody, so say so loudly.
        logger.exception("notification mail failed", extra={"notification": notification_id})
        return
    Notification.objects.filter(pk=notification_id).update(emailed=True)


@transaction.atomic
def notification_mark_read(*, recipient: User, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, recipient=recipient).first()
    if notification is None:
        raise NotFound("Notification not found.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
