"""The reminder job: scans stored deadlines and notifies the people who must act.

Each reminder has a key that names what it is about and the state that triggered it, and
notifications are unique per (recipient, key): running the job again — every five minutes
from the worker, or from cron with ``helhet remind`` — never sends the same reminder twice.
Notification texts carry no personal data, only a link to the page where access is checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.core.dates import today
from helhet.notifications.services import notify
from helhet.referrals.models import Referral
from helhet.referrals.selectors import referrals_overdue
from helhet.tenancy.models import Membership, Role, User


@dataclass
class ReminderRun:
    on: date
    sent: Counter[str] = field(default_factory=Counter)
    already_sent: Counter[str] = field(default_factory=Counter)
    # Log review: access events scanned and flags made per rule (not reminders).
    scanned: int = 0
    flagged: Counter[str] = field(default_factory=Counter)

    def total(self) -> int:
        return sum(self.sent.values())


def _deliver(run: ReminderRun, kind: str, recipients: set[User], **kwargs: object) -> None:
    for user in sorted(recipients, key=lambda u: u.pk):
        if notify(recipient=user, kind=kind, **kwargs) is None:  # type: ignore[arg-type]
            run.already_sent[kind] += 1
        else:
            run.sent[kind] += 1


def _managers(organisation_ids: set[int]) -> dict[int, set[User]]:
    result: dict[int, set[User]] = {}
    for m in Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Role.MANAGER, active=True, user__is_active=True
    ).select_related("user"):
        result.setdefault(m.organisation_id, set()).add(m.user)
    return result


def remind_overdue_referrals(run: ReminderRun) -> None:
    """An unacknowledged referral past its deadline: tell the sender and the sender's managers."""
    overdue = list(referrals_overdue(on=run.on))
    managers = _managers({r.from_organisation_id for r in overdue})
    for referral in overdue:
        recipients = set(managers.get(referral.from_organisation_id, set()))
        if referral.sent_by and referral.sent_by.is_active:
            recipients.add(referral.sent_by)
        _deliver(
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


def remind_overdue_measures(run: ReminderRun) -> None:
    """A plan measure past its due date: tell the person responsible for it."""
    from helhet.plans.selectors import measures_overdue

    overdue = list(measures_overdue(on=run.on))
    managers = _managers({m.organisation_id for m in overdue})
    for measure in overdue:
        due = measure.due_date
        if due is None:  # the scan only returns dated measures; this satisfies the type
            continue
        # Nobody named: the owning organisation's managers must see that it slips.
        recipients = (
            {measure.responsible}
            if measure.responsible
            else managers.get(measure.organisation_id, set())
        )
        _deliver(
            run,
            "measure_overdue",
            recipients,
            key=f"measure-overdue:{measure.pk}:{due.isoformat()}",
            title=_("A measure in a family plan is past its due date (%(d)s)")
            % {"d": due.strftime("%d.%m.%Y")},
            url=reverse("web:family_plan", args=[measure.plan.family_id]),
            municipality_id=measure.municipality_id,
        )


def remind_transitions(run: ReminderRun) -> None:
    """A youth in child welfare nearing 18, or past it, with no transition plan."""
    from helhet.transitions.selectors import youths_without_plan

    for row in youths_without_plan(on=run.on):
        responsible = row.involvement.responsible
        if responsible is None or not responsible.is_active:
            continue
        state = "turned-18" if row.flagged else "upcoming"
        _deliver(
            run,
            "transition_missing",
            {responsible},
            key=f"transition:{row.person.pk}:{state}",
            # No date: the 18th birthday would give the birth date away in an e-mail.
            title=_("A youth in your caseload turns 18 soon and has no transition plan")
            if not row.flagged
            else _("A youth in your caseload has turned 18 without a transition plan"),
            url=reverse("web:transition_list"),
            municipality_id=row.person.municipality_id,
        )


def review_access_log(run: ReminderRun) -> None:
    """Log review: flag the unusual reads since the last scan for the privacy officer. Its
    watermark makes it idempotent like the reminders; it commits in batches of its own."""
    from helhet.audit.review import review_scan

    review = review_scan()
    run.scanned += review.scanned
    run.flagged.update(review.flagged)


SCANS: list[Callable[[ReminderRun], None]] = [
    remind_overdue_referrals,
    remind_overdue_measures,
    remind_transitions,
    review_access_log,
]
# Scans that manage their own transactions (a backlog in batches) rather than one in all.
OWN_TRANSACTIONS: frozenset[Callable[[ReminderRun], None]] = frozenset({review_access_log})


def run_reminders(*, on: date | None = None) -> ReminderRun:
    run = ReminderRun(on=on or today())
    for scan in SCANS:
        if scan in OWN_TRANSACTIONS:
            scan(run)
            continue
        with transaction.atomic():
            scan(run)
    return run
