"""The reminder job: scans stored deadlines and notifies the people who must act.

Each reminder has a key that names what it is about and the state that triggered it, and
notifications are unique per (recipient, key): running the job again — every five minutes
from the worker, or from cron with ``helhet remind`` — never sends the same reminder twice.
Notification texts carry no personal data, only a link to the page where access is checked.

The scans belong to the apps whose deadlines they watch (``referrals.reminders``,
``plans.reminders``, ``transitions.reminders``, ``audit.reminders``) and are listed, in the
order they run, in ``settings.HELHET_REMINDER_SCANS``: notifications sits below every one of
those apps and imports none of them. Each scan is a function taking the ``ReminderRun``; it
runs in a transaction of its own unless it is marked ``@own_transactions``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from helhet.core.dates import today
from helhet.notifications.services import notify

if TYPE_CHECKING:
    from helhet.tenancy.models import User


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


Scan = Callable[[ReminderRun], None]

# Scans that manage their own transactions (a backlog in batches) rather than one in all.
_OWN_TRANSACTIONS: set[Scan] = set()


def own_transactions(scan: Scan) -> Scan:
    """Mark a scan that commits in batches of its own instead of in one transaction."""
    _OWN_TRANSACTIONS.add(scan)
    return scan


def deliver(run: ReminderRun, kind: str, recipients: set[User], **kwargs: object) -> None:
    """Notify each recipient once (by key), counting what was sent and what had been."""
    for user in sorted(recipients, key=lambda u: u.pk):
        if notify(recipient=user, kind=kind, **kwargs) is None:  # type: ignore[arg-type]
            run.already_sent[kind] += 1
        else:
            run.sent[kind] += 1


def scans() -> list[Scan]:
    """The scans named in ``settings.HELHET_REMINDER_SCANS``, in order."""
    return [import_string(path) for path in settings.HELHET_REMINDER_SCANS]


def run_reminders(*, on: date | None = None) -> ReminderRun:
    run = ReminderRun(on=on or today())
    for scan in scans():
        if scan in _OWN_TRANSACTIONS:
            scan(run)
            continue
        with transaction.atomic():
            scan(run)
    return run
