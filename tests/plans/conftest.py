"""Fixtures for the family plan: a household known to several agencies, and helpers."""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass
from datetime import date

import pytest

from helhet.people.models import Family, FamilyMember, Person
from helhet.plans.services import measure_add, plan_get_or_create
from helhet.tenancy.actor import Actor


@pytest.fixture
def family_of(municipality):
    def make(*members: tuple[Person, str], name: str = "Familien Berg") -> Family:
        family = Family.objects.create(municipality=municipality, name=name)
        for person, role in members:
            FamilyMember.objects.create(
                municipality=municipality, family=family, person=person, role=role
            )
        return family

    return make


@dataclass
class Household:
    family: Family
    mother: Person
    child: Person
    nav: Actor
    navk: Actor
    health: Actor
    cws: Actor


@pytest.fixture
def household(make_actor, make_person, involve, family_of, guardian_of) -> Household:
    """Mother known to NAV (state and municipal) and health; the child (her ward) known to NAV
    state, child welfare and health. No consents yet."""
    mother = make_person("Mona", "Berg", birth=date(1988, 4, 12))
    child = make_person("Mio", "Berg", birth=date(2015, 9, 3))
    guardian_of(child, mother)
    for key in ("nav", "navk", "health"):
        involve(key, mother)
    for key in ("nav", "cws", "health"):
        involve(key, child)
    return Household(
        family=family_of((mother, "parent"), (child, "child")),
        mother=mother,
        child=child,
        nav=make_actor("nav"),
        navk=make_actor("navk"),
        health=make_actor("health"),
        cws=make_actor("cws"),
    )


@pytest.fixture
def add_measure():
    def add(actor: Actor, family: Family, person: Person, category: str, title: str, **kw):
        plan = plan_get_or_create(actor=actor, family_id=family.pk)
        return measure_add(
            actor=actor, plan_id=plan.pk, person_id=person.pk, category=category, title=title, **kw
        )

    return add


def pdf_text(data: bytes) -> str:
    """The text operators of a PDF's content streams (decompressed), for assertions."""
    assert data.startswith(b"%PDF")
    out = []
    for header, raw in re.findall(rb"<<(.*?)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        raw = raw.strip()
        if b"ASCII85Decode" in header:
            raw = base64.a85decode(raw, adobe=True)
        if b"FlateDecode" in header:
            raw = zlib.decompress(raw)
        out.append(raw.decode("latin-1"))
    return "\n".join(out)


def api_client(actor: Actor):
    """A test client with a bearer token acting as ``actor``."""
    from django.test import Client

    from helhet.tenancy.services import api_token_create

    _token, key = api_token_create(actor=actor, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")


def web_client(actor: Actor):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(actor.user)
    return client


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


def assert_safe_page(response, status: int = 200) -> str:
    """Status as expected, the strict CSP header present, no inline script."""
    assert response.status_code == status, response.content.decode()[:3000]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert " style=" not in html and "<style" not in html
    return html


@pytest.fixture(autouse=True)
def _english():
    """Labels in diffs and conflict details are translated; these tests read them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
