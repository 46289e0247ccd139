"""The data's owner sees every read of the entries it recorded, whoever made it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.test import Client

from helhet.audit.models import AccessEvent, AccessEventOwner, AppendOnlyError, Channel
from helhet.audit.selectors import reads_of_our_data
from helhet.consent.access_log import person_access_log_for
from helhet.core.errors import PermissionDenied
from helhet.people.models import InformationEntry
from helhet.people.selectors import person_get_for, person_information_for
from helhet.tenancy.models import Role


@pytest.fixture
def shared_case(make_person, involve, consent, orgs):
    """A person child welfare records about, who has consented to NAV reading it."""
    person = make_person("Ola", "Eier")
    involve("cws", person)
    involve("nav", person)
    InformationEntry.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=orgs["cws"],
        category="child_welfare",
        title="Tiltak",
        text="Hjelpetiltak i hjemmet.",
    )
    consent(person, ["nav"], ["child_welfare"], recorded_by="cws")
    return person


def test_a_read_of_another_organisations_entries_is_in_the_owners_log(
    shared_case, make_actor, orgs
):
    nav = make_actor("nav")
    person_information_for(
        actor=nav,
        person_id=shared_case.pk,
        category="child_welfare",
        channel=Channel.API,
        through="GET test",
    )
    event = AccessEvent.objects.filter(user_id=nav.user.pk, person=shared_case).latest("id")
    assert set(event.owners.values_list("organisation_id", flat=True)) == {orgs["cws"].pk}

    cws_manager = make_actor("cws", Role.MANAGER)
    seen = list(reads_of_our_data(actor=cws_manager))
    assert [e.pk for e in seen] == [event.pk]
    assert seen[0].organisation_name == orgs["nav"].name

    # NAV's manager has no entries of its own read by others; child welfare's staff reads
    # of their own data are in their own log, not here.
    assert list(reads_of_our_data(actor=make_actor("nav", Role.MANAGER))) == []


def test_the_person_page_records_whose_entries_it_showed(shared_case, make_actor, orgs):
    nav = make_actor("nav")
    person_get_for(actor=nav, person_id=shared_case.pk, channel=Channel.WEB, through="/p")
    event = AccessEvent.objects.filter(user_id=nav.user.pk, person=shared_case).latest("id")
    assert list(event.owners.values_list("organisation_id", flat=True)) == [orgs["cws"].pk]


def test_a_read_that_returns_no_entries_of_the_owner_is_not_theirs(
    make_person, involve, make_actor, orgs
):
    person = make_person("Per", "Uten")
    involve("nav", person)
    involve("cws", person)
    nav = make_actor("nav")
    person_get_for(actor=nav, person_id=person.pk, channel=Channel.WEB, through="/p")
    assert not AccessEventOwner.objects.exists()
    assert list(reads_of_our_data(actor=make_actor("cws", Role.MANAGER))) == []


def test_the_responsible_caseworker_sees_the_read_in_the_persons_log(
    shared_case, make_actor, involve, orgs
):
    nav = make_actor("nav")
    person_information_for(
        actor=nav, person_id=shared_case.pk, category="child_welfare", channel="api", through="x"
    )
    coordinator = make_actor("cws", Role.COORDINATOR)
    log = person_access_log_for(
        actor=coordinator, person_id=shared_case.pk, channel="web", through="/log"
    )
    assert any(e.user_id == nav.user.pk for e in log.events)


def test_only_managers_and_administrators_see_reads_of_their_data(shared_case, make_actor):
    with pytest.raises(PermissionDenied):
        reads_of_our_data(actor=make_actor("cws", Role.CASEWORKER))


def test_owner_rows_are_append_only(shared_case, make_actor):
    nav = make_actor("nav")
    person_information_for(
        actor=nav, person_id=shared_case.pk, category="child_welfare", channel="api", through="x"
    )
    row = AccessEventOwner.objects.get()
    with pytest.raises(AppendOnlyError):
        AccessEventOwner.objects.all().delete()
    from django.db import connection

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesseventowner WHERE id = %s", [row.pk])


def test_owner_page_and_api(shared_case, make_actor, orgs):
    nav = make_actor("nav")
    person_information_for(
        actor=nav, person_id=shared_case.pk, category="child_welfare", channel="api", through="x"
    )
    manager = make_actor("cws", Role.MANAGER, username="cws.leder")
    web = Client(HTTP_ACCEPT_LANGUAGE="en")
    web.force_login(manager.user)
    page = web.get("/access-log/?scope=by_others")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Reads of your organisation&#x27;s data by others" in body or "data by others" in body
    assert nav.user.get_username() in body and orgs["nav"].name in body

    from helhet.tenancy.services import api_token_create

    _t, key = api_token_create(actor=manager, name="t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    rows = api.get("/api/audit/reads-of-our-data?limit=10").json()
    assert [r["username"] for r in rows] == [nav.user.get_username()]
