"""Inbox, outbox, detail: scoping, order, consent filtering, logging, fixed query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from helhet.audit.models import AccessEvent
from helhet.consent.services import consent_withdraw
from helhet.people.models import InformationEntry, Person
from helhet.referrals import selectors, services
from helhet.referrals.errors import ReferralNotFound
from helhet.referrals.models import Referral


def _send(parties, **kw):
    args = {
        "actor": parties["nav"],
        "person_id": parties["person"].pk,
        "to_organisation_id": parties["cws"].organisation_id,
        "reason": "Oppfølging",
        "categories": ["work_activity"],
    }
    args.update(kw)
    return services.referral_send(**args)


def test_inbox_lists_overdue_first(parties, today):
    fresh, late, later = _send(parties), _send(parties), _send(parties)
    Referral.objects.filter(pk=late.pk).update(deadline=today - timedelta(days=2))
    Referral.objects.filter(pk=later.pk).update(deadline=today - timedelta(days=5))
    inbox = selectors.referral_inbox_for(actor=parties["cws"], channel="web", through="t")
    assert [r.pk for r in inbox] == [later.pk, late.pk, fresh.pk]
    assert [r.overdue for r in inbox] == [True, True, False]
    assert selectors.referral_inbox_for(actor=parties["school"], channel="web", through="t") == []
    outbox = selectors.referral_outbox_for(actor=parties["nav"], channel="web", through="t")
    assert {r.pk for r in outbox} == {fresh.pk, late.pk, later.pk}


def test_closed_referrals_leave_the_inbox(parties):
    r = _send(parties)
    services.referral_withdraw(actor=parties["nav"], referral_id=r.pk, reason="Feil")
    assert selectors.referral_inbox_for(actor=parties["cws"], channel="web", through="t") == []


def _many(parties, n, orgs):
    """n referrals about n different persons, so the access log has a row per listed person."""
    base = parties["person"]
    persons = Person.objects.bulk_create(
        Person(
            municipality_id=base.municipality_id,
            national_id=f"x{i:010d}",
            given_name="P",
            family_name=f"N{i}",
            birth_date=date(1990, 1, 1) + timedelta(days=i),
        )
        for i in range(n)
    )
    Referral.objects.bulk_create(
        Referral(
            municipality_id=base.municipality_id,
            person=p,
            from_organisation=orgs["nav"],
            to_organisation=orgs["cws"],
            reason="r",
            categories=[],
            deadline=base.birth_date,
            sent_by=parties["nav"].user,
        )
        for p in persons
    )


@pytest.mark.parametrize("n", [10, 1000])
def test_inbox_query_count_is_fixed(parties, orgs, n, django_assert_num_queries):
    _many(parties, n, orgs)
    with django_assert_num_queries(2):  # the referrals, and one INSERT into the access log
        inbox = selectors.referral_inbox_for(actor=parties["cws"], channel="web", through="t")
    assert len(inbox) == min(n, 200)


@pytest.mark.parametrize("n", [10, 1000])
def test_inbox_page_query_count_is_fixed(parties, orgs, n, client, django_assert_max_num_queries):
    _many(parties, n, orgs)
    client.force_login(parties["cws"].user)
    with django_assert_max_num_queries(14):
        response = client.get("/referrals/")
    assert response.status_code == 200


def test_detail_shows_shared_information_while_consent_holds(parties, orgs, make_actor, involve):
    person = parties["person"]
    for cat, title in (("work_activity", "Aktivitetsplan"), ("health", "Diagnose")):
        InformationEntry.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            organisation=orgs["nav"],
            category=cat,
            title=title,
            text="…",
        )
    r = _send(parties)
    view = selectors.referral_get_for(
        actor=parties["cws"], referral_id=r.pk, channel="web", through="t"
    )
    assert [e.title for e in view.shared_entries] == ["Aktivitetsplan"]
    logged = AccessEvent.objects.filter(user_id=parties["cws"].user.pk).latest("id")
    assert logged.categories == ["identity", "work_activity"]
    recorder = make_actor("navk")  # the consent was recorded by NAV municipal
    involve("navk", person)
    consent_withdraw(actor=recorder, consent_id=person.consents.get().pk, reason="Trekker")
    view = selectors.referral_get_for(
        actor=parties["cws"], referral_id=r.pk, channel="web", through="t"
    )
    assert view.shared_entries == [] and view.no_longer_shared == ["work_activity"]


def test_detail_is_404_and_logged_for_a_third_party(parties):
    r = _send(parties)
    with pytest.raises(ReferralNotFound):
        selectors.referral_get_for(
            actor=parties["school"], referral_id=r.pk, channel="api", through="t"
        )
    denied = AccessEvent.objects.latest("id")
    assert (denied.outcome, denied.target_ref) == ("denied", f"referral:{r.pk}")


def test_overdue_scan(parties, today):
    r = _send(parties)
    assert list(selectors.referrals_overdue(on=today)) == []
    assert list(selectors.referrals_overdue(on=r.deadline + timedelta(days=1))) == [r]
    services.referral_acknowledge(actor=parties["cws"], referral_id=r.pk)
    assert list(selectors.referrals_overdue(on=r.deadline + timedelta(days=1))) == []
