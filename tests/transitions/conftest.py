"""Youths in child welfare, plans and clients for the transition tests."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from helhet.tenancy.models import Role
from helhet.tenancy.services import api_token_create
from helhet.transitions.ages import born_on_or_before
from helhet.transitions.models import TransitionSettings


def born_turning(age: int, on: date) -> date:
    """The birth date of someone who reaches ``age`` on ``on`` (a day earlier when ``on`` is a
    29 February that nobody of that age can have as a birthday)."""
    return born_on_or_before(on, age)


@pytest.fixture
def youth(make_person, involve):
    """A person with an active involvement (child welfare unless told otherwise)."""

    def make(birth: date, *, given="Ung", family="Person", orgs=("cws",), responsible=None):
        person = make_person(given, family, birth=birth)
        for key in orgs:
            involve(key, person, responsible=responsible)
        return person

    return make


@pytest.fixture
def configure(municipality):
    def configure(**values):
        TransitionSettings.objects.update_or_create(municipality=municipality, defaults=values)

    return configure


@pytest.fixture
def web(make_actor):
    def make(org_key="cws", role=Role.CASEWORKER):
        actor = make_actor(org_key, role)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(actor.user)
        client.actor = actor
        return client

    return make


@pytest.fixture
def api(make_actor):
    def make(org_key="cws", role=Role.CASEWORKER):
        actor = make_actor(org_key, role)
        _token, key = api_token_create(actor=actor, name="test")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")
        client.actor = actor
        return client

    return make
