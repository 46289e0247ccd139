"""The transitions' reminder scan, run by the reminder job (``HELHET_REMINDER_SCANS``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from helhet.notifications.reminders import ReminderRun, deliver
from helhet.transitions.selectors import youths_without_plan


def remind_transitions(run: ReminderRun) -> None:
    """A youth in child welfare nearing 18, or past it, with no transition plan."""
    for row in youths_without_plan(on=run.on):
        responsible = row.involvement.responsible
        if responsible is None or not responsible.is_active:
            continue
        state = "turned-18" if row.flagged else "upcoming"
        deliver(
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
