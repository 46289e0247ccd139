"""Involvements and consents: the writes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from helhet.consent.errors import (
    ConsentInvalid,
    ConsentNotFound,
    InvolvementInvalid,
    InvolvementNotFound,
)
from helhet.consent.models import Consent
from helhet.consent.provenance import consent_record_for
from helhet.consent.selectors import consents_for_person
from helhet.consent.services import consent_withdraw, involvement_end


def test_involvement_end(make_actor, make_person, involve, today):
    actor = make_actor("nav")
    person = make_person()
    inv = involve("nav", person, started=today - timedelta(days=10))
    other = involve("cws", person)
    with pytest.raises(InvolvementNotFound):
        involvement_end(actor=actor, involvement_id=other.pk)
    with pytest.raises(InvolvementInvalid):
        involvement_end(actor=actor, involvement_id=inv.pk, ended_on=today - timedelta(days=11))
    ended = involvement_end(actor=actor, involvement_id=inv.pk, ended_on=today - timedelta(days=1))
    assert ended.ended_on == today - timedelta(days=1)
    with pytest.raises(InvolvementInvalid):
        involvement_end(actor=actor, involvement_id=inv.pk)


def test_consent_given_by_a_stranger_is_refused(make_actor, make_person, involve, orgs):
    actor = make_actor("navk")
    person, stranger = make_person("P", "C"), make_person("S", "C")
    involve("navk", person)
    with pytest.raises(ConsentInvalid):
        consent_record_for(
            actor=actor,
            person_id=person.pk,
            given_by_id=stranger.pk,
            organisation_ids=[orgs["nav"].pk],
            categories=["economy"],
            purpose="x",
            valid_from=date(2026, 1, 1),
            valid_until=None,
            method="written",
        )
    assert not Consent.objects.exists()


def test_consent_history_keeps_withdrawn_and_new(make_actor, make_person, involve, orgs, today):
    actor = make_actor("navk")
    witness = make_actor("navk")
    person = make_person()
    involve("navk", person)
    args = {
        "actor": actor,
        "person_id": person.pk,
        "given_by_id": person.pk,
        "organisation_ids": [orgs["nav"].pk],
        "purpose": "Plan",
        "valid_from": today,
        "valid_until": None,
        "method": "oral",
        "witness_id": witness.user.pk,
    }
    first = consent_record_for(categories=["economy"], **args)
    consent_withdraw(actor=actor, consent_id=first.pk, reason="Endret")
    second = consent_record_for(categories=["economy", "housing"], **args)
    history = consents_for_person(actor=actor, person_id=person.pk, channel="web", through="t")
    assert [c.pk for c in history.consents] == [second.pk, first.pk]
    assert history.consents[1].withdrawn_at is not None and history.givers == [person]


def test_consents_not_naming_the_actor_are_invisible(make_actor, make_person, involve, consent):
    nav = make_actor("nav")
    person = make_person()
    involve("nav", person)
    involve("cws", person)
    hidden = consent(person, ["cws", "school"], ["child_welfare"], recorded_by="cws")
    history = consents_for_person(actor=nav, person_id=person.pk, channel="web", through="t")
    assert history.consents == []
    with pytest.raises(ConsentNotFound):
        consent_withdraw(actor=nav, consent_id=hidden.pk)


def test_consent_only_names_organisations_of_the_persons_municipality(
    make_actor, make_person, involve, today
):
    from helhet.tenancy.services import municipality_create, organisation_create

    actor = make_actor("navk")
    person = make_person()
    involve("navk", person)
    elsewhere = municipality_create(actor=None, number="9903", name="Annenvik")
    foreign = organisation_create(
        actor=None, municipality=elsewhere, name="NAV Annenvik", kind="nav_state", sector="public"
    )
    with pytest.raises(ConsentInvalid) as refused:
        consent_record_for(
            actor=actor,
            person_id=person.pk,
            given_by_id=person.pk,
            organisation_ids=[foreign.pk],
            categories=["economy"],
            purpose="x",
            valid_from=today,
            valid_until=None,
            method="oral",
            witness_id=make_actor("navk").user.pk,
        )
    assert set(refused.value.details) == {"organisations"}
