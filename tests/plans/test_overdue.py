"""measures_overdue (system scan) and overdue_measures_for (the dashboard)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from helhet.audit.models import AccessEvent
from helhet.plans.selectors import measures_overdue, overdue_measures_for
from helhet.plans.services import measure_set_status
from helhet.tenancy.models import Role


def test_overdue_scan_and_the_organisations_own_list(household, add_measure, make_actor):
    h = household
    today = timezone.localdate()
    late = add_measure(
        h.nav, h.family, h.mother, "work_activity", "Sent", due_date=today - timedelta(days=3)
    )
    add_measure(h.nav, h.family, h.mother, "work_activity", "I dag", due_date=today)
    add_measure(h.nav, h.family, h.mother, "work_activity", "Uten frist")
    done = add_measure(
        h.nav, h.family, h.child, "education", "Ferdig", due_date=today - timedelta(days=9)
    )
    measure_set_status(actor=h.nav, measure_id=done.pk, status="done")
    other = add_measure(
        h.health, h.family, h.child, "health", "Helse sent", due_date=today - timedelta(days=1)
    )

    scanned = list(measures_overdue(on=today))
    assert scanned == [late, other]
    assert scanned[0].plan.family == h.family  # loaded with the scan

    mine = overdue_measures_for(h.nav, through="dash")
    assert mine == [late]
    events = AccessEvent.objects.filter(through="dash")
    assert [(e.person_id, e.categories) for e in events] == [(h.mother.pk, ["identity"])]
    assert overdue_measures_for(make_actor("nav", Role.RESEARCHER)) == []
    # A colleague in the same organisation sees the same list.
    assert overdue_measures_for(make_actor("nav", Role.MANAGER)) == [late]
