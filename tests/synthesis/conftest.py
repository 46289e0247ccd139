"""Fixtures for the synthesis: a coding project built with the qualitative models directly
(two coded sites, a code per construct with sub-codes, coded segments), and a synthesis
project over it."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Code, Coding, Project, Segment, Site, Source
from helhet.synthesis.services.projects import study_add, synthesis_create
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Role
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from tests.plans.conftest import _english  # noqa: F401 - fixture
from tests.plans.conftest import pdf_text as _raw_pdf_text

NORWAY_TEXT = (
    "Vi stoler på barnevernet, men NAV ser vi med en viss mistanke. "
    "Det er kommunen og NAV som har bestemt hvem som skal sitte i teamet. "
    "Ingen har formell ledelse; den som brenner mest for saken tar ordet."
)
QUEBEC_TEXT = (
    "On ne crée pas la confiance dans un nouveau projet; on bâtit le projet sur une "
    "relation qui existe déjà. Le financement vient de plusieurs sources à la fois."
)


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def segment(source: Source, phrase: str, *codes: Code) -> Segment:
    start, end = span(source.text, phrase)
    made = Segment.objects.create(source=source, start=start, end=end, text=phrase)
    for code in codes:
        Coding.objects.create(segment=made, code=code)
    return made


def make_coding_project(municipality, title: str = "Samarbeid i to land") -> SimpleNamespace:
    project = Project.objects.create(municipality=municipality, title=title)
    norway = Site.objects.create(project=project, name="Norge: OSK-teamet", country="Norge")
    quebec = Site.objects.create(project=project, name="Québec: CSSS-nettverk", country="Canada")
    codes = {
        c.value: Code.objects.create(project=project, name=str(c.label), construct=c.value)
        for c in Construct
    }
    distrust = Code.objects.create(project=project, parent=codes["trust"], name="Mistillit")
    # A sub-code of a sub-code: still under its construct.
    distrust_state = Code.objects.create(project=project, parent=distrust, name="Mot staten")
    informal = Code.objects.create(
        project=project, parent=codes["leadership"], name="Uformelt lederskap"
    )
    other = Code.objects.create(project=project, name="Annet")
    no_source = Source.objects.create(
        project=project, site=norway, kind="interview", title="Intervju OSK 1", text=NORWAY_TEXT
    )
    qc_source = Source.objects.create(
        project=project, site=quebec, kind="interview", title="Entrevue CSSS 1", text=QUEBEC_TEXT
    )
    ns = SimpleNamespace(
        project=project,
        norway=norway,
        quebec=quebec,
        codes=codes,
        distrust=distrust,
        informal=informal,
        other=other,
        no_source=no_source,
        qc_source=qc_source,
    )
    ns.no_trust = segment(
        no_source, "men NAV ser vi med en viss mistanke", distrust_state
    )  # under trust via two levels of sub-codes
    ns.no_governance = segment(
        no_source, "Det er kommunen og NAV som har bestemt", codes["governance"]
    )
    ns.no_leadership = segment(no_source, "Ingen har formell ledelse", informal)
    ns.no_other = segment(no_source, "Vi stoler på barnevernet", other)
    ns.qc_trust = segment(
        qc_source, "On ne crée pas la confiance dans un nouveau projet", codes["trust"]
    )
    ns.qc_resources = segment(
        qc_source, "Le financement vient de plusieurs sources", codes["resources"]
    )
    return ns


@pytest.fixture
def coding(municipality) -> SimpleNamespace:
    return make_coding_project(municipality)


@pytest.fixture
def stranger(db) -> Actor:
    """A researcher of another municipality."""
    other = municipality_create(actor=None, number="9903", name="Annenvik")
    org = organisation_create(
        actor=None, municipality=other, name="FoU Annenvik", kind="other", sector="public"
    )
    user = staff_create(actor=None, username="annen", password="x-very-long-pass-1")
    m = membership_create(actor=None, user=user, organisation=org, role=Role.RESEARCHER)
    return Actor(user=user, membership=Membership.objects.get(pk=m.pk))


@pytest.fixture
def syn(coding, make_actor) -> SimpleNamespace:
    researcher = make_actor("navk", Role.RESEARCHER)
    synthesis = synthesis_create(
        actor=researcher,
        title="Samarbeid i Norge og Québec",
        question="Hva gjør samarbeid mellom etater mulig i to land?",
        coding_project_ids=[coding.project.pk],
    )
    norway = study_add(actor=researcher, synthesis_id=synthesis.pk, site_id=coding.norway.pk)
    quebec = study_add(actor=researcher, synthesis_id=synthesis.pk, site_id=coding.quebec.pk)
    return SimpleNamespace(
        c=coding,
        synthesis=synthesis,
        sid=synthesis.pk,
        researcher=researcher,
        norway=norway,
        quebec=quebec,
        manager=make_actor("cws", Role.MANAGER),
        caseworker=make_actor("nav", Role.CASEWORKER),
    )


_OCTAL = re.compile(rb"\\([0-7]{1,3})")


def pdf_text(data: bytes) -> str:
    """The PDF's text with reportlab's octal escapes (letters outside ASCII, such as æ, ø, å
    and é) turned back into letters."""
    raw = _raw_pdf_text(data).encode("latin-1")
    return _OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), raw).decode("cp1252", "replace")
