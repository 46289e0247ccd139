"""The plans' reminder scan, run by the reminder job (``settings.HELHET_REMINDER_SCANS``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from helhet.notifications.reminders import ReminderRun, deliver
from helhet.plans.selectors import measures_overdue
from helhet.tenancy.selectors import managers_of


def remind_overdue_measures(run: ReminderRun) -> None:
    """A plan measure past its due date: tell the person responsible for it."""
    overdue = list(measures_overdue(on=run.on))
    managers = managers_of({m.organisation_id for m in overdue})
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
        deliver(
            run,
            "measure_overdue",
            recipients,
            key=f"measure-overdue:{measure.pk}:{due.isoformat()}",
            title=_("A measure in a family plan is past its due date (%(d)s)")
            % {"d": due.strftime("%d.%m.%Y")},
            url=reverse("web:family_plan", args=[measure.plan.family_id]),
            municipality_id=measure.municipality_id,
        )
