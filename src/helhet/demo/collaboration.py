"""The collaboration loop in the demo: referrals (one overdue, one sent back and forth), a
deadline agreed between NAV and child welfare, and — from the plans and meetings apps — family
plans and meetings. Dates are fixed so the dataset is the same on every load."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from helhet.people.models import Family, Person
from helhet.referrals.models import Referral, ReferralEvent
from helhet.referrals.services import (
    deadline_for,
    deadline_rule_set,
    referral_acknowledge,
    referral_redirect,
    referral_send,
)
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Organisation

OSLO = ZoneInfo("Europe/Oslo")


def actor_of(username: str) -> Actor:
    membership = Membership.objects.select_related("user", "organisation").get(
        user__username=username
    )
    return Actor(user=membership.user, membership=membership)


def _backdate(referral: Referral, sent_on: date) -> None:
    """Pretend a referral was sent on a fixed day, so 'overdue' holds whenever the demo loads."""
    sent_at = datetime(sent_on.year, sent_on.month, sent_on.day, 9, 30, tzinfo=OSLO)
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=sent_at,
        deadline=deadline_for(
            from_organisation_id=referral.from_organisation_id,
            to_organisation_id=referral.to_organisation_id,
            sent_on=sent_on,
        ),
    )
    ReferralEvent.objects.filter(referral=referral).update(at=sent_at)


def load_referrals(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("Referrals …")
    nav, cws, school = (
        actor_of("nav.caseworker"),
        actor_of("cws.caseworker"),
        actor_of("school.caseworker"),
    )
    navk = actor_of("navk.caseworker")
    deadline_rule_set(
        actor=actor_of("nav.manager"),
        from_organisation_id=orgs["nav_municipal"].pk,
        to_organisation_id=orgs["nav_state"].pk,
        working_days=3,
        basis="Partnerskapsavtale NAV Demovik: svar innen tre virkedager",
    )
    hansen = _parent("Familien Hansen")
    # Overdue: NAV state to child welfare, sent on 2 November, never acknowledged.
    overdue = referral_send(
        actor=nav,
        person_id=hansen.pk,
        to_organisation_id=orgs["cws"].pk,
        reason="Mor ønsker råd om foreldreveiledning mens hun starter i arbeidspraksis.",
        categories=["work_activity"],
    )
    _backdate(overdue, date(2026, 11, 2))
    # Sent back and forth: NAV municipal → health → school → NAV state, nobody accepts.
    yusuf = _parent("Familien Yusuf")
    first = referral_send(
        actor=navk,
        person_id=yusuf.pk,
        to_organisation_id=orgs["health"].pk,
        reason="Søvnvansker og høyt fravær fra kvalifiseringsprogrammet.",
        categories=["economy"],
    )
    health = actor_of("health.caseworker")
    referral_acknowledge(actor=health, referral_id=first.pk)
    second = referral_redirect(
        actor=health,
        referral_id=first.pk,
        to_organisation_id=orgs["school"].pk,
        reason="Handler mest om barnas skolegang.",
    )
    referral_acknowledge(actor=school, referral_id=second.pk)
    referral_redirect(
        actor=school,
        referral_id=second.pk,
        to_organisation_id=orgs["nav_state"].pk,
        reason="Gjelder arbeid og aktivitet, ikke skolen.",
    )
    # An ordinary one, in the CWS inbox and acknowledged.
    berg = _parent("Familien Berg")
    ordinary = referral_send(
        actor=nav,
        person_id=berg.pk,
        to_organisation_id=orgs["cws"].pk,
        reason="Far trenger avlastning for å kunne delta i arbeidsrettet tiltak.",
        categories=["work_activity", "economy"],
    )
    referral_acknowledge(actor=cws, referral_id=ordinary.pk)


def _parent(family_name: str) -> Person:
    family = Family.objects.get(name=family_name)
    return Person.objects.get(family_memberships__family=family, family_memberships__role="parent")
