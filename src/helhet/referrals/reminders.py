"""The referrals' reminder scan, run by the reminder job (``settings.HELHET_REMINDER_SCANS``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.notifications.reminders import ReminderRun, deliver
from helhet.referrals.models import Referral
from helhet.referrals.selectors import referrals_overdue
from helhet.tenancy.selectors import managers_of


def remind_overdue_referrals(run: ReminderRun) -> None:
    """An unacknowledged referral past its deadline: tell the sender and the sender's managers."""
    overdue = list(referrals_overdue(on=run.on))
    managers = managers_of({r.from_organisation_id for r in overdue})
    for referral in overdue:
        recipients = set(managers.get(referral.from_organisation_id, set()))
        if referral.sent_by and referral.sent_by.is_active:
            recipients.add(referral.sent_by)
        deliver(
            run,
            "referral_overdue",
            recipients,
            key=f"referral-overdue:{referral.pk}",
            title=_("Referral %(id)s to %(org)s is not acknowledged (deadline %(d)s)")
            % {
                "id": referral.pk,
                "org": referral.to_organisation.name,
                "d": referral.deadline.strftime("%d.%m.%Y"),
            },
            url=reverse("web:referral_detail", args=[referral.pk]),
            municipality_id=referral.municipality_id,
        )
        if referral.escalated_at is None:
            Referral.objects.filter(pk=referral.pk).update(escalated_at=timezone.now())
