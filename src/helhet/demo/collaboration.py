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


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


def load_plans_and_meetings(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    from helhet.meetings.action_items import action_item_add
    from helhet.meetings.services import decision_add, meeting_book, minutes_update
    from helhet.plans.from_meetings import action_item_to_measure
    from helhet.plans.services import goal_add, measure_add, plan_get_or_create, plan_update

    say("Family plans and meetings …")
    coordinator = actor_of("family.coordinator")
    nav, navk, cws = (
        actor_of("nav.caseworker"),
        actor_of("navk.caseworker"),
        actor_of("cws.caseworker"),
    )
    health = actor_of("health.caseworker")
    for family_name in ("Familien Hansen", "Familien Kowalska", "Familien Berg"):
        family = Family.objects.get(name=family_name)
        parent = _parent(family_name)
        plan = plan_get_or_create(actor=coordinator, family_id=family.pk)
        plan = plan_update(
            actor=coordinator,
            plan_id=plan.pk,
            expected_version=plan.version,
            resources_and_needs="Mor har fagbrev og et godt nettverk; trenger stabil økonomi "
            "og hjelp med barnas fritid.",
            participants="Mor, NAV (stat og kommune), barneverntjenesten, skolen.",
            coordinator_id=coordinator.user.pk,
            period_start=date(2026, 1, 15),
            period_end=date(2027, 1, 15),
            revise_on=date(2026, 12, 15),
        )
        work = goal_add(
            actor=coordinator, plan_id=plan.pk, text="Jeg vil ha en fast jobb innen neste sommer."
        )
        home = goal_add(
            actor=coordinator, plan_id=plan.pk, text="Barna skal få være med på fotball og korps."
        )
        measure_add(
            actor=nav,
            plan_id=plan.pk,
            person_id=parent.pk,
            category="work_activity",
            title="Arbeidspraksis i butikk",
            goal_id=work.pk,
            responsible_id=nav.user.pk,
            due_date=date(2026, 11, 10),
            description="Tre dager i uka, avklaring etter åtte uker.",
        )
        measure_add(
            actor=navk,
            plan_id=plan.pk,
            person_id=parent.pk,
            category="economy",
            title="Støtte til fritidsaktiviteter",
            goal_id=home.pk,
            responsible_id=navk.user.pk,
            due_date=date(2027, 1, 31),
        )
        measure_add(
            actor=health,
            plan_id=plan.pk,
            person_id=parent.pk,
            category="health",
            title="Samtaler hos psykolog i kommunen",
            responsible_id=health.user.pk,
            due_date=date(2027, 2, 28),
        )

    hansen = Family.objects.get(name="Familien Hansen")
    meeting_book(
        actor=coordinator,
        kind="family_meeting",
        title="Familiemøte – Hansen",
        starts_at=_at(date(2026, 12, 3), 10),
        ends_at=_at(date(2026, 12, 3), 11, 30),
        location="NAV Demovik, møterom Fjorden",
        agenda="1. Status arbeidspraksis\n2. Fritidsaktiviteter for barna\n3. Neste møte",
        family_id=hansen.pk,
        organisation_ids=[orgs["nav_state"].pk, orgs["cws"].pk],
    )
    past = meeting_book(
        actor=coordinator,
        kind="responsibility_group",
        title="Ansvarsgruppe – Hansen",
        starts_at=_at(date(2026, 11, 5), 13),
        ends_at=_at(date(2026, 11, 5), 14),
        location="Barneverntjenesten",
        person_id=_parent("Familien Hansen").pk,
        organisation_ids=[orgs["nav_state"].pk, orgs["cws"].pk],
    )
    minutes_update(
        actor=coordinator,
        meeting_id=past.pk,
        minutes="Mor forteller at praksisplassen fungerer godt. Barnevernet "
        "tilbyr foreldreveiledning annenhver uke.",
    )
    decision_add(actor=coordinator, meeting_id=past.pk, text="Familieplanen revideres i desember.")
    item = action_item_add(
        actor=coordinator,
        meeting_id=past.pk,
        title="Foreldreveiledning annenhver uke",
        owner_organisation_id=orgs["cws"].pk,
        owner_user_id=cws.user.pk,
        due_date=date(2027, 3, 1),
        person_id=_parent("Familien Hansen").pk,
        category="child_welfare",
    )
    action_item_to_measure(actor=cws, action_item_id=item.pk)
