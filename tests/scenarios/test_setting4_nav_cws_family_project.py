"""Setting 4: the NAV–CWS project for low-income single-parent families. A caseworker pair
(one NAV, one CWS) works with the family: a referral between them, a family meeting, a shared
family plan made with the family's consent, in which each service owns its own measures —
and a withdrawn consent takes the other service's measures out of view at once."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from helhet.consent.services import consent_withdraw
from helhet.meetings.action_items import action_item_add
from helhet.meetings.services import meeting_book
from helhet.people.models import Family, FamilyMember
from helhet.plans.from_meetings import action_item_to_measure
from helhet.plans.selectors import family_plan_for
from helhet.plans.services import goal_add, measure_add, plan_get_or_create
from helhet.referrals.services import referral_accept, referral_acknowledge, referral_send

OSLO = ZoneInfo("Europe/Oslo")


def titles(actor, family):
    view = family_plan_for(actor=actor, family_id=family.pk, channel="web", through="scenario")
    return sorted(m.title for m in view.measures)


def test_caseworker_pair_shares_a_family_plan_under_consent(
    make_actor, make_person, involve, consent, guardian_of, municipality, orgs
):
    nav, cws = make_actor("nav"), make_actor("cws")
    mother = make_person("Mor", "Prosjekt", birth=date(1990, 2, 2))
    child = make_person("Barn", "Prosjekt", birth=date(2016, 5, 5))
    guardian_of(child, mother)
    family = Family.objects.create(municipality=municipality, name="Familien Prosjekt")
    FamilyMember.objects.create(
        municipality=municipality, family=family, person=mother, role="parent"
    )
    FamilyMember.objects.create(
        municipality=municipality, family=family, person=child, role="child"
    )
    involve("nav", mother)
    involve("cws", child)
    mothers_consent = consent(mother, ["nav", "cws"], ["work_activity", "child_welfare", "economy"])

    # NAV refers the mother to child welfare; CWS acknowledges and accepts (an involvement opens).
    referral = referral_send(
        actor=nav,
        person_id=mother.pk,
        to_organisation_id=orgs["cws"].pk,
        reason="Ønsker foreldreveiledning",
        categories=["work_activity"],
    )
    referral_acknowledge(actor=cws, referral_id=referral.pk)
    referral_accept(actor=cws, referral_id=referral.pk)

    # The family plan: the family's own goal, one measure owned by each service.
    plan = plan_get_or_create(actor=nav, family_id=family.pk)
    goal = goal_add(actor=nav, plan_id=plan.pk, text="Jeg vil i jobb og ha tid til barna.")
    measure_add(
        actor=nav,
        plan_id=plan.pk,
        person_id=mother.pk,
        category="work_activity",
        title="Arbeidspraksis",
        goal_id=goal.pk,
    )

    # A family meeting; its action item for child welfare becomes a plan measure.
    meeting = meeting_book(
        actor=cws,
        kind="family_meeting",
        title="Familiemøte",
        starts_at=datetime(2026, 12, 1, 10, tzinfo=OSLO),
        ends_at=datetime(2026, 12, 1, 11, tzinfo=OSLO),
        family_id=family.pk,
        organisation_ids=[orgs["nav"].pk],
    )
    item = action_item_add(
        actor=cws,
        meeting_id=meeting.pk,
        title="Foreldreveiledning",
        owner_organisation_id=orgs["cws"].pk,
        person_id=mother.pk,
        category="child_welfare",
    )
    action_item_to_measure(actor=cws, action_item_id=item.pk)

    both = ["Arbeidspraksis", "Foreldreveiledning"]
    assert titles(nav, family) == both and titles(cws, family) == both

    # The mother withdraws her consent: each service now sees only its own measure.
    consent_withdraw(actor=nav, consent_id=mothers_consent.pk, reason="Vil tenke meg om")
    assert titles(nav, family) == ["Arbeidspraksis"]
    assert titles(cws, family) == ["Foreldreveiledning"]
