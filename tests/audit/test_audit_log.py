"""The audit trail: one row per read, denied reads too, append-only down to the database."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from helhet.audit.errors import AccessLogDenied
from helhet.audit.models import AccessEvent, AppendOnlyError, ChangeEvent
from helhet.audit.services import change_record
from helhet.consent.access_log import person_access_log_for
from helhet.core.errors import AuditUnavailable
from helhet.people.selectors import person_get_for
from helhet.tenancy.models import Role


@pytest.fixture
def read_event(make_actor, make_person, involve):
    actor = make_actor("nav")
    person = make_person()
    involve("nav", person)
    person_get_for(actor=actor, person_id=person.pk, channel="web", through="GET web:person_detail")
    return AccessEvent.objects.get(person=person)


def test_one_read_writes_one_entry_with_who_what_when_how(read_event):
    e = read_event
    assert e.username.startswith("user") and e.organisation_name == "NAV Testvik (stat)"
    assert e.role == "caseworker" and e.channel == "web" and e.outcome == "granted"
    assert "identity" in e.categories and e.through == "GET web:person_detail"
    assert e.at is not None


def test_model_layer_refuses_update_and_delete(read_event):
    read_event.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        read_event.save()
    with pytest.raises(AppendOnlyError):
        read_event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=read_event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()


@pytest.mark.parametrize("table", ["audit_accessevent", "audit_changeevent"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET username = 'x'", "DELETE FROM {t}"])
def test_database_trigger_refuses_raw_update_and_delete(table, statement, read_event):
    change_record(actor=None, action="test", instance=read_event.person)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(statement.format(t=table))
    assert AccessEvent.objects.filter(pk=read_event.pk, username=read_event.username).exists()


def test_read_fails_closed_when_the_log_cannot_be_written(
    make_actor, make_person, involve, monkeypatch
):
    actor = make_actor("nav")
    person = make_person()
    involve("nav", person)

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AccessEvent.objects, "bulk_create", broken)
    with pytest.raises(AuditUnavailable):
        person_get_for(actor=actor, person_id=person.pk, channel="web", through="t")


def test_coordinator_sees_who_has_looked_and_the_look_is_logged(
    make_actor, make_person, involve, consent
):
    person = make_person()
    involve("navk", person)
    involve("cws", person)
    caseworker = make_actor("cws")
    person_get_for(
        actor=caseworker, person_id=person.pk, channel="api", through="GET /api/persons/1"
    )
    colleague = make_actor("navk")
    person_get_for(
        actor=colleague, person_id=person.pk, channel="web", through="GET web:person_detail"
    )
    coordinator = make_actor("navk", Role.COORDINATOR)
    # Without consent for child welfare, a CWS caseworker's look would reveal the CWS case.
    log = person_access_log_for(actor=coordinator, person_id=person.pk, channel="web", through="t")
    assert [(e.organisation_name, e.channel) for e in log.events] == [
        ("NAV Testvik (kommune)", "web")
    ]
    consent(person, ["navk"], ["child_welfare"])
    log = person_access_log_for(actor=coordinator, person_id=person.pk, channel="web", through="t")
    assert {e.organisation_name for e in log.events} == {
        "NAV Testvik (kommune)",
        "Barnevernet Testvik",
    }
    assert (
        "access_log"
        in AccessEvent.objects.filter(user_id=coordinator.user.pk).latest("id").categories
    )


def test_role_refusals_are_logged(make_actor, make_person, involve):
    from helhet.consent.selectors import consents_for_person
    from helhet.people.errors import NoPersonalDataAccess

    person = make_person()
    involve("nav", person)
    researcher = make_actor("nav", Role.RESEARCHER)
    for read in (consents_for_person, person_access_log_for):
        with pytest.raises(NoPersonalDataAccess):
            read(actor=researcher, person_id=person.pk, channel="api", through="t")
        last = AccessEvent.objects.latest("id")
        assert (last.outcome, last.reason, last.target_ref) == ("denied", "role", str(person.pk))


def test_plain_caseworker_not_responsible_may_not_see_the_access_log(
    make_actor, make_person, involve
):
    person = make_person()
    other = make_actor("navk")
    involve("navk", person, responsible=other.user)
    caseworker = make_actor("navk")
    with pytest.raises(AccessLogDenied):
        person_access_log_for(actor=caseworker, person_id=person.pk, channel="web", through="t")
    assert AccessEvent.objects.latest("id").outcome == "denied"
    # The responsible caseworker may.
    assert person_access_log_for(actor=other, person_id=person.pk, channel="web", through="t")


def test_services_write_the_change_log(make_actor, make_person, involve, consent):
    from helhet.consent.services import consent_withdraw

    actor = make_actor("navk")
    person = make_person()
    involve("navk", person)
    c = consent(person, ["navk"], ["health"])
    consent_withdraw(actor=actor, consent_id=c.pk, reason="Ønsker ikke deling")
    actions = list(
        ChangeEvent.objects.filter(person=person).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["involvement.open", "consent.record", "consent.withdraw"]
    last = ChangeEvent.objects.filter(person=person).latest("id")
    assert last.username == actor.user.username and last.changes["reason"] == "Ønsker ikke deling"


def test_triggers_are_installed_by_the_migrations(db):
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'audit_%%'")
        else:
            cur.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'"
            )
        names = {row[0] for row in cur.fetchall()}
    # Two per table on each backend (UPDATE/DELETE, and TRUNCATE or the second of the pair)
    # for the access log, the change log and the access log's owners.
    assert len(names) == 6, names
