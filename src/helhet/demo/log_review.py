"""Log review in the demo: one unusual access waiting in the privacy officer's queue.

NAV refers Fatima Noor to the voluntary centre for a family contact, and the centre's
coordinator accepts. Opening her page is the centre's task; asking for her child-welfare
information is not: a voluntary organisation rarely needs it, the family has given no consent,
and the read is refused and logged. The review scan, run as `helhet remind` would, flags it for
``privacy.officer`` (rule: category unusual for the organisation's kind). Everything goes
through the ordinary services and selectors, so the access log and the queue are real.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from django.utils import timezone

from helhet.audit.models import Channel
from helhet.audit.review import SETTLE, review_scan
from helhet.consent.errors import ConsentMissing
from helhet.core.categories import InformationCategory
from helhet.demo.collaboration import _parent, actor_of
from helhet.people.selectors import person_get_for, person_information_for
from helhet.referrals.services import referral_accept, referral_acknowledge, referral_send
from helhet.tenancy.models import Organisation


def load_log_review(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("Log review: an unusual access for the privacy officer …")
    noor = _parent("Familien Noor")
    referral = referral_send(
        actor=actor_of("nav.caseworker"),
        person_id=noor.pk,
        to_organisation_id=orgs["voluntary"].pk,
        reason="Mor ønsker en frivillig familiekontakt mens hun er i arbeidsrettet tiltak.",
    )
    volunteer = actor_of("volunteer.coordinator")
    referral_acknowledge(actor=volunteer, referral_id=referral.pk)
    referral_accept(actor=volunteer, referral_id=referral.pk)
    person_get_for(
        actor=volunteer, person_id=noor.pk, channel=Channel.WEB, through="GET web:person_detail"
    )
    # Refused, and logged: that is what the privacy officer will look at.
    with contextlib.suppress(ConsentMissing):
        person_information_for(
            actor=volunteer,
            person_id=noor.pk,
            category=InformationCategory.CHILD_WELFARE,
            channel=Channel.API,
            through=f"GET /api/persons/{noor.pk}/information/child_welfare",
        )
    # The reads above are seconds old; scan as the worker will once they have settled.
    run = review_scan(now=timezone.now() + SETTLE + SETTLE)
    say(f"Log review: {run.scanned} access events scanned, {run.total()} flagged.")
