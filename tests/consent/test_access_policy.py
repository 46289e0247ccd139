"""The access policy as a table: role × involvement × consent × category.

The expected outcome of every row follows the rule in the issue, written here in its plainest
form, and is checked through the real read service (which also logs) and the pure decision.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import AccessEvent
from helhet.consent.errors import ConsentMissing
from helhet.consent.policies import consented_categories, decide
from helhet.consent.services import consent_withdraw
from helhet.people.errors import NoPersonalDataAccess, PersonNotFound
from helhet.people.models import InformationEntry
from helhet.people.selectors import person_information_for
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Role

ROLES = [Role.CASEWORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMINISTRATOR, Role.RESEARCHER]
INVOLVEMENTS = ["active", "ended", "future", "none"]
CONSENTS = [
    "none",
    "valid",
    "open_ended",
    "expired",
    "withdrawn",
    "not_yet",
    "other_org",
    "other_category",
]
CATEGORIES = [("health", "health"), ("child_welfare", "cws")]  # (category, organisation owning it)


def expected(role: str, involvement: str, consent: str) -> str:
    if role not in {Role.CASEWORKER, Role.COORDINATOR, Role.MANAGER}:
        return "role"
    if involvement != "active":
        return "not_found"
    if consent in {"valid", "open_ended"}:
        return "allowed"
    return "consent_missing"


CASES = list(itertools.product(ROLES, INVOLVEMENTS, CONSENTS, CATEGORIES))


@pytest.mark.parametrize(("role", "involvement", "consent_state", "category"), CASES)
def test_policy_table(
    role,
    involvement,
    consent_state,
    category,
    make_actor,
    make_person,
    involve,
    consent,
    orgs,
    today,
):
    category_value, owner_key = category
    actor: Actor = make_actor("nav", role)
    person = make_person()
    involve(owner_key, person)
    InformationEntry.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=orgs[owner_key],
        category=category_value,
        title="Secret",
        text="Only with consent",
    )
    if involvement == "active":
        involve("nav", person)
    elif involvement == "ended":
        involve("nav", person, started=today - timedelta(days=100), ended=today - timedelta(days=1))
    elif involvement == "future":
        involve("nav", person, started=today + timedelta(days=5))

    if consent_state == "valid":
        consent(person, ["nav"], [category_value], valid_until=today + timedelta(days=30))
    elif consent_state == "open_ended":
        consent(person, ["nav"], [category_value])
    elif consent_state == "expired":
        consent(
            person,
            ["nav"],
            [category_value],
            valid_from=today - timedelta(days=60),
            valid_until=today - timedelta(days=1),
        )
    elif consent_state == "withdrawn":
        c = consent(person, ["nav"], [category_value])
        navk_actor = make_actor("navk", Role.CASEWORKER)
        involve("navk", person)
        consent_withdraw(actor=navk_actor, consent_id=c.pk, reason="Changed my mind")
    elif consent_state == "not_yet":
        consent(person, ["nav"], [category_value], valid_from=today + timedelta(days=1))
    elif consent_state == "other_org":
        consent(person, ["school"], [category_value])
    elif consent_state == "other_category":
        consent(person, ["nav"], ["economy", "housing"])

    want = expected(role, involvement, consent_state)
    before = AccessEvent.objects.count()
    if want == "allowed":
        entries = person_information_for(
            actor=actor, person_id=person.pk, category=category_value, channel="api", through="t"
        )
        assert [e.title for e in entries] == ["Secret"]
        assert AccessEvent.objects.latest("id").outcome == "granted"
    else:
        error = {
            "role": NoPersonalDataAccess,
            "not_found": PersonNotFound,
            "consent_missing": ConsentMissing,
        }[want]
        with pytest.raises(error) as info:
            person_information_for(
                actor=actor,
                person_id=person.pk,
                category=category_value,
                channel="api",
                through="t",
            )
        assert AccessEvent.objects.latest("id").outcome == "denied"
        if want == "consent_missing":
            assert info.value.status_code == 403
            assert (
                "consent" in info.value.message.lower() or "samtykke" in info.value.message.lower()
            )
        if want == "not_found":
            # Exactly the message of a person who does not exist at all.
            assert info.value.status_code == 404
            assert info.value.message == PersonNotFound().message
    assert AccessEvent.objects.count() == before + 1

    # The pure decision agrees with the service for the same facts.
    decision = decide(
        actor=actor,
        involved=involvement == "active",
        category=category_value,
        owner_organisation_id=orgs[owner_key].pk,
        consented=consented_categories(actor, [person.pk]).get(person.pk, set()),
    )
    assert decision.allowed == (want == "allowed")


def test_own_organisations_data_needs_no_consent(make_actor, make_person, involve, orgs):
    actor = make_actor("health")
    person = make_person()
    involve("health", person)
    InformationEntry.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=orgs["health"],
        category="health",
        title="Own note",
        text="Ours",
    )
    entries = person_information_for(
        actor=actor, person_id=person.pk, category="health", channel="web", through="t"
    )
    assert [e.title for e in entries] == ["Own note"]
    decision = decide(
        actor=actor,
        involved=True,
        category="health",
        owner_organisation_id=orgs["health"].pk,
        consented=set(),
    )
    assert decision.allowed and decision.code == "own_organisation"


def test_without_consent_only_own_entries_of_a_category_are_returned(
    make_actor, make_person, involve, orgs
):
    actor = make_actor("navk")
    person = make_person()
    involve("navk", person)
    involve("nav", person)
    for org_key, title in (("navk", "Ours"), ("nav", "Theirs")):
        InformationEntry.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            organisation=orgs[org_key],
            category="economy",
            title=title,
            text="x",
        )
    entries = person_information_for(
        actor=actor, person_id=person.pk, category="economy", channel="web", through="t"
    )
    assert [e.title for e in entries] == ["Ours"]


def test_withdrawal_takes_effect_at_once(make_actor, make_person, involve, consent):
    actor = make_actor("nav")
    person = make_person()
    involve("nav", person)
    involve("health", person)
    c = consent(person, ["nav"], ["health"])
    assert "health" in consented_categories(actor, [person.pk])[person.pk]
    consent_withdraw(actor=actor, consent_id=c.pk)
    assert consented_categories(actor, [person.pk]).get(person.pk, set()) == set()
    with pytest.raises(ConsentMissing):
        person_information_for(
            actor=actor, person_id=person.pk, category="health", channel="web", through="t"
        )


def test_inactive_membership_is_not_an_actor(make_actor):
    from helhet.tenancy.errors import NoMembership
    from helhet.tenancy.selectors import actor_for

    actor = make_actor("nav")
    Membership.objects.filter(pk=actor.membership.pk).update(active=False)
    with pytest.raises(NoMembership):
        actor_for(actor.user)


def test_consent_dates_use_oslo_today(make_actor, make_person, involve, consent):
    actor = make_actor("nav")
    person = make_person()
    involve("nav", person)
    local_today = timezone.localdate()
    consent(person, ["nav"], ["health"], valid_from=local_today, valid_until=local_today)
    assert consented_categories(actor, [person.pk])[person.pk] == {"health"}
