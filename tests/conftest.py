"""Shared fixtures: a small municipality with agencies, staff of every role, and helpers."""

from __future__ import annotations

import importlib
import os
import random
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from helhet.consent.models import InvolvementBasis
from helhet.consent.policies import can_open_on_statutory_duty
from helhet.consent.services import consent_record, involvement_open_for
from helhet.people import national_id as nid
from helhet.people.models import Person, Relation, RelationKind, RelationSource
from helhet.people.register import RegisterRecord, register_file_write
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Organisation, OrganisationKind, Role, Sector, User
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)

REQUIRE_ALL = os.environ.get("HELHET_REQUIRE_ALL") == "1"
PASSWORD = "correct-horse-battery-staple"


# The API fuzzers run for minutes, the rest for seconds. Collected first, they start at once
# on the xdist workers, so that no worker sits idle at the end of a run waiting for one.
_LONGEST_FIRST = ("test_schemathesis.py", "test_fuzz.py", "test_api_fuzz.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: 0 if item.path.name in _LONGEST_FIRST else 1)


def require(available: bool, what: str) -> None:
    """Skip a test whose component is missing — or fail it under HELHET_REQUIRE_ALL=1 (CI)."""
    if available:
        return
    if REQUIRE_ALL:
        pytest.fail(f"{what} is required (HELHET_REQUIRE_ALL=1) but missing")
    pytest.skip(f"{what} is not installed")  # allowed only outside CI: HELHET_REQUIRE_ALL


_TRIGGERS = importlib.import_module("helhet.audit.migrations.0003_append_only_triggers")
# The access log's owners (0005) are append-only too: (create, drop) of their triggers.
_OWNER = importlib.import_module("helhet.audit.migrations.0005_access_event_owner")
_MORE_TRIGGERS = [(_OWNER.triggers, _OWNER.drop_triggers)]
_triggers_lifted = {"value": False}


def lift_audit_triggers() -> None:
    with connection.schema_editor() as editor:
        # The later triggers first: on PostgreSQL they use 0003's function, which 0003 drops.
        for _create, drop in _MORE_TRIGGERS:
            drop(None, editor)
        _TRIGGERS.drop(None, editor)
    _triggers_lifted["value"] = True


@pytest.fixture(autouse=True)
def _audit_triggers_restored(django_db_blocker):  # type: ignore[no-untyped-def]
    """Every test runs with the append-only triggers of the migrations in place."""
    if _triggers_lifted["value"]:
        with django_db_blocker.unblock(), connection.schema_editor() as editor:
            for _create, drop in _MORE_TRIGGERS:
                drop(None, editor)
            _TRIGGERS.drop(None, editor)
            _TRIGGERS.create(None, editor)
            for create, _drop in _MORE_TRIGGERS:
                create(None, editor)
        with django_db_blocker.unblock():
            # Opened outside any test's handling, so nobody else would close it.
            connection.close()
        _triggers_lifted["value"] = False


@pytest.fixture(autouse=True)
def _default_language():  # type: ignore[no-untyped-def]
    """A request activates its language for the thread; no test inherits the last one's."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def municipality(db):  # type: ignore[no-untyped-def]
    return municipality_create(actor=None, number="9902", name="Testvik")


@pytest.fixture
def orgs(municipality) -> dict[str, Organisation]:  # type: ignore[no-untyped-def]
    spec = {
        "nav": ("NAV Testvik (stat)", OrganisationKind.NAV_STATE, Sector.PUBLIC),
        "navk": ("NAV Testvik (kommune)", OrganisationKind.NAV_MUNICIPAL, Sector.PUBLIC),
        "cws": ("Barnevernet Testvik", OrganisationKind.CHILD_WELFARE, Sector.PUBLIC),
        "health": ("Helse og velferd Testvik", OrganisationKind.HEALTH_WELFARE, Sector.PUBLIC),
        "school": ("Testvik skole", OrganisationKind.SCHOOL, Sector.PUBLIC),
        "vol": ("Frivilligsentralen Testvik", OrganisationKind.VOLUNTARY, Sector.NON_PROFIT),
    }
    return {
        key: organisation_create(
            actor=None, municipality=municipality, name=name, kind=kind, sector=sector
        )
        for key, (name, kind, sector) in spec.items()
    }


@pytest.fixture
def make_actor(orgs) -> Callable[..., Actor]:  # type: ignore[no-untyped-def]
    counter = iter(range(1, 10_000))

    def make(
        org_key: str = "nav", role: str = Role.CASEWORKER, username: str | None = None
    ) -> Actor:
        user = staff_create(
            actor=None,
            username=username or f"user{next(counter)}",
            password=PASSWORD,
            first_name="Test",
            last_name=role.title(),
        )
        membership = membership_create(actor=None, user=user, organisation=orgs[org_key], role=role)
        return Actor(
            user=user,
            membership=Membership.objects.select_related("organisation").get(pk=membership.pk),
        )

    return make


@pytest.fixture
def make_person(municipality) -> Callable[..., Person]:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    counter = iter(range(10_000))

    def make(given: str = "Kari", family: str = "Nordmann", birth: date | None = None) -> Person:
        # Distinct birth dates keep the synthetic numbers unique however many are made.
        birth = birth or date(1940, 1, 1) + timedelta(days=(11 * next(counter)) % 36_500)
        return Person.objects.create(
            municipality=municipality,
            national_id=nid.synthetic_for(birth, rng),
            given_name=given,
            family_name=family,
            birth_date=birth,
        )

    return make


def _basis_for(organisation: Organisation) -> dict[str, str]:
    if can_open_on_statutory_duty(organisation.kind):
        return {"basis": InvolvementBasis.STATUTORY}
    return {"basis": InvolvementBasis.MANAGER_DECISION, "basis_reason": "Test fixture."}


@pytest.fixture
def involve(orgs):  # type: ignore[no-untyped-def]
    def involve(
        org_key: str,
        person: Person,
        *,
        started: date | None = None,
        ended: date | None = None,
        responsible: User | None = None,
    ):  # type: ignore[no-untyped-def]
        return involvement_open_for(
            actor=None,
            organisation=orgs[org_key],
            person=person,
            started_on=started or timezone.localdate() - timedelta(days=30),
            ended_on=ended,
            responsible=responsible,
            **_basis_for(orgs[org_key]),
        )

    return involve


@pytest.fixture
def consent(orgs):  # type: ignore[no-untyped-def]
    def give(
        person: Person,
        org_keys: list[str],
        categories: list[str],
        *,
        given_by: Person | None = None,
        valid_from: date | None = None,
        valid_until: date | None = None,
        recorded_by: str = "navk",
    ):  # type: ignore[no-untyped-def]
        return consent_record(
            actor=None,
            person=person,
            given_by=given_by or person,
            organisation_ids=[orgs[k].pk for k in org_keys],
            categories=categories,
            purpose="Samordnet oppfølging",
            valid_from=valid_from or timezone.localdate() - timedelta(days=10),
            valid_until=valid_until,
            # As if signed by the person on Min side: the one provenance that needs no form
            # or witness in the fixture.
            method="digital",
            signed_acr="idporten-loa-high",
            recorded_by_organisation=orgs[recorded_by],
        )

    return give


@pytest.fixture
def guardian_of():  # type: ignore[no-untyped-def]
    def link(child: Person, guardian: Person) -> None:
        # As the population register would record it.
        for kind in (RelationKind.GUARDIAN, RelationKind.PARENT):
            Relation.objects.create(
                municipality_id=child.municipality_id,
                person=child,
                relative=guardian,
                kind=kind,
                source=RelationSource.REGISTER,
            )
        Relation.objects.create(
            municipality_id=child.municipality_id,
            person=guardian,
            relative=child,
            kind=RelationKind.CHILD,
            source=RelationSource.REGISTER,
        )

    return link


@pytest.fixture(autouse=True)
def population_register(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Each test has its own stand-in population register file, empty until it adds people."""
    path = tmp_path / "population-register.json"
    settings.POPULATION_REGISTER_FILE = path
    settings.CONSENT_DOCUMENT_DIR = tmp_path / "consent-forms"
    records: dict[str, RegisterRecord] = {}

    class Register:
        path_ = path

        def add(
            self,
            national_id: str,
            given_name: str,
            family_name: str,
            municipality: str = "9902",
            guardians: tuple[str, ...] = (),
        ) -> RegisterRecord:
            record = RegisterRecord(national_id, given_name, family_name, municipality, guardians)
            records[national_id] = record
            register_file_write(path, records.values())
            return record

        def add_person(self, person: Person, guardians: tuple[Person, ...] = ()) -> RegisterRecord:
            return self.add(
                person.national_id,
                person.given_name,
                person.family_name,
                person.municipality.number,
                tuple(g.national_id for g in guardians),
            )

    return Register()
