"""The demo shows the trust model at work: consents with each provenance, guardians from the
register, involvements with a basis, and a register to look people up in."""

from __future__ import annotations

import pytest

from helhet.consent.models import Consent, Involvement
from helhet.demo.services import demo_load
from helhet.people.models import Relation
from helhet.people.register import population_register


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.POPULATION_REGISTER_FILE = tmp_path / "register.json"
    settings.CONSENT_DOCUMENT_DIR = tmp_path / "consent-forms"
    return demo_load()


def test_a_paper_consent_with_its_signed_form(demo):
    paper = Consent.objects.filter(method="written").select_related("document")
    assert paper.exists()
    consent = paper.first()
    assert consent.document is not None and consent.confirmed_at is not None
    assert consent.document.content_type == "application/pdf"


def test_a_witnessed_oral_consent(demo):
    oral = Consent.objects.filter(method="oral", witness__isnull=False)
    assert oral.exists()
    consent = oral.first()
    assert consent.witness_id != consent.recorded_by_id
    assert consent.witness_confirmed_at is not None and consent.confirmed_at is not None


def test_no_consent_without_provenance_and_every_involvement_has_a_basis(demo):
    assert not Consent.objects.filter(method="unverified").exists()
    assert not Consent.objects.filter(confirmed_at__isnull=True, witness__isnull=True).exists()
    assert not Involvement.objects.filter(basis="").exists()


def test_guardians_come_from_the_register_the_demo_writes(demo):
    guardians = Relation.objects.filter(kind="guardian").select_related("person", "relative")
    assert guardians.exists()
    assert set(guardians.values_list("source", flat=True)) == {"register"}
    register = population_register()
    child = guardians.first().person
    record = register.lookup(child.national_id)
    assert record is not None and guardians.first().relative.national_id in record.guardians
