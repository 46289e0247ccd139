"""A property over random worlds: no read returns anything the access policy does not allow.

Hypothesis draws actors (organisation and role), persons, involvements (active, ended, not
yet begun), consents in every state (in effect, withdrawn, expired, not yet begun, never
confirmed) and entries recorded by any organisation. The oracle below restates the policy
from DOMAIN.md in plain Python, independently of the SQL in consent/policies.py, and every
read through the service layer must agree with it, refusals included, and log itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helhet.audit.models import AccessEvent
from helhet.consent.errors import ConsentMissing
from helhet.consent.models import Consent, ConsentCategory, Involvement, InvolvementBasis
from helhet.core.categories import InformationCategory
from helhet.core.errors import HelhetError
from helhet.people.models import InformationEntry
from helhet.people.selectors import person_get_for, person_information_for, person_search
from helhet.tenancy.models import Role

ORGS = ["nav", "navk", "cws", "health", "school", "vol"]
ROLES = list(Role.values)
CASE_ROLES = {Role.CASEWORKER, Role.COORDINATOR, Role.MANAGER}
CATEGORIES = list(InformationCategory.values)
INVOLVEMENT_STATES = ["active", "ended", "future"]
CONSENT_STATES = ["in_effect", "withdrawn", "expired", "future", "unconfirmed"]


@dataclass(frozen=True)
class ConsentSpec:
    orgs: frozenset[str]
    categories: frozenset[str]
    state: str


@dataclass(frozen=True)
class PersonSpec:
    involvements: dict[str, str]
    consents: tuple[ConsentSpec, ...]
    entries: tuple[tuple[str, str], ...]


persons_strategy = st.builds(
    PersonSpec,
    # Mostly active involvements, so that most organisations get as far as the consent check.
    involvements=st.dictionaries(
        st.sampled_from(ORGS), st.sampled_from(["active", "active", *INVOLVEMENT_STATES])
    ),
    consents=st.lists(
        st.builds(
            ConsentSpec,
            orgs=st.frozensets(st.sampled_from(ORGS), min_size=1, max_size=4),
            categories=st.frozensets(st.sampled_from(CATEGORIES), min_size=1, max_size=3),
            state=st.sampled_from(CONSENT_STATES),
        ),
        max_size=4,
    ).map(tuple),
    entries=st.lists(st.tuples(st.sampled_from(ORGS), st.sampled_from(CATEGORIES)), max_size=5).map(
        tuple
    ),
)


def _involved(spec: PersonSpec, org: str) -> bool:
    return spec.involvements.get(org) == "active"


def _consented(spec: PersonSpec, org: str) -> set[str]:
    return {
        c
        for consent in spec.consents
        if consent.state == "in_effect" and org in consent.orgs
        for c in consent.categories
    }


def oracle_entries(spec: PersonSpec, org: str, role: str) -> list[tuple[str, str]]:
    """The entries the policy lets this actor see: a case role, an active involvement of
    their own organisation, and then their own entries or a category consented to them."""
    if role not in CASE_ROLES or not _involved(spec, org):
        return []
    allowed = _consented(spec, org)
    return sorted((o, c) for o, c in spec.entries if o == org or c in allowed)


def _build(spec: PersonSpec, person, orgs) -> None:  # type: ignore[no-untyped-def]
    on = timezone.localdate()
    starts = {
        "active": (on - timedelta(days=30), None),
        "ended": (on - timedelta(days=60), on - timedelta(days=1)),
        "future": (on + timedelta(days=5), None),
    }
    for key, state in spec.involvements.items():
        started, ended = starts[state]
        _involve(person, orgs[key], started, ended)
    for consent in spec.consents:
        valid_from, valid_until = on - timedelta(days=10), None
        confirmed = timezone.now()
        withdrawn = None
        if consent.state == "withdrawn":
            withdrawn = timezone.now() - timedelta(hours=1)
        elif consent.state == "expired":
            valid_from, valid_until = on - timedelta(days=20), on - timedelta(days=1)
        elif consent.state == "future":
            valid_from = on + timedelta(days=3)
        elif consent.state == "unconfirmed":
            confirmed = None
        row = Consent.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            given_by=person,
            purpose="Egenskapstest",
            valid_from=valid_from,
            valid_until=valid_until,
            method="digital" if confirmed else "unverified",
            signed_acr="idporten-loa-high" if confirmed else "",
            confirmed_at=confirmed,
            withdrawn_at=withdrawn,
        )
        row.organisations.set([orgs[k] for k in consent.orgs])
        ConsentCategory.objects.bulk_create(
            ConsentCategory(consent=row, category=c) for c in consent.categories
        )
    for key, category in spec.entries:
        InformationEntry.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            organisation=orgs[key],
            category=category,
            title=f"{key}/{category}",
            text="…",
        )


def _involve(person, organisation, started: date, ended: date | None) -> None:  # type: ignore[no-untyped-def]
    from helhet.people.categories import INVOLVEMENT_CATEGORY

    Involvement.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        organisation=organisation,
        category=INVOLVEMENT_CATEGORY[organisation.kind],
        started_on=started,
        ended_on=ended,
        basis=InvolvementBasis.STATUTORY,
    )


def _seen(entries) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted(tuple(e.title.split("/")) for e in entries)  # type: ignore[misc]


@pytest.fixture
def actors(make_actor):  # type: ignore[no-untyped-def]
    """One actor per organisation and role, made once and shared by every example."""
    return {(org, role): make_actor(org, role) for org in ORGS for role in ROLES}


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=persons_strategy, role=st.sampled_from(ROLES))
def test_no_read_outside_the_policy(spec, role, orgs, actors, make_person):
    # Each example is its own world: built in a savepoint and rolled back afterwards. Every
    # organisation looks at it, each through an actor of the drawn role.
    with transaction.atomic():
        person = make_person("Egen", "Skap")
        _build(spec, person, orgs)
        for org in ORGS:
            _check_reads(spec, person, org, role, actors[(org, role)])
        transaction.set_rollback(True)


def _check_reads(spec, person, org, role, actor) -> None:  # type: ignore[no-untyped-def]
    expected = oracle_entries(spec, org, role)
    known = role in CASE_ROLES and _involved(spec, org)
    before = AccessEvent.objects.count()

    # The person page: the entries it shows are exactly those the policy allows.
    if known:
        view = person_get_for(actor=actor, person_id=person.pk, channel="web", through="/p")
        assert _seen(view.entries) == expected
        assert view.consented == _consented(spec, org)
    else:
        with pytest.raises(HelhetError):
            person_get_for(actor=actor, person_id=person.pk, channel="web", through="/p")

    # Search finds the person only when the actor may know them.
    if role in CASE_ROLES:
        found = person_search(actor=actor, query="Skap", channel="web", through="/s")
        assert (person in found) == known

    # One category at a time: allowed, own entries only, or refused with the reason.
    for category in CATEGORIES:
        want = [(o, c) for o, c in expected if c == category]
        try:
            got = person_information_for(
                actor=actor,
                person_id=person.pk,
                category=category,
                channel="api",
                through="GET /c",
            )
        except ConsentMissing:
            assert known and want == []
            assert category not in _consented(spec, org)
        except HelhetError:
            assert not known
        else:
            assert known
            assert _seen(got) == want

    # Every read, granted or refused, is on record.
    assert AccessEvent.objects.count() > before
