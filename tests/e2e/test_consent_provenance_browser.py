"""In Chromium: consent with provenance. A child-welfare caseworker records an oral consent
naming a colleague as witness; it covers nothing until the colleague confirms it in their
own session; a paper consent needs the signed form, uploaded from disk."""

from __future__ import annotations

import io

import pytest

from helhet.consent.models import Consent
from helhet.demo.services import DEMO_PASSWORD, demo_load
from helhet.people.models import Family, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def _parent(family_name: str) -> Person:
    family = Family.objects.get(name=family_name)
    return Person.objects.get(family_memberships__family=family, family_memberships__role="parent")


def _fill_consent(page, method: str) -> None:
    page.get_by_label("NAV Demovik (stat)").check()
    page.get_by_label("Child welfare").check()
    page.get_by_label("Purpose").fill("Samordnet oppfølging av familien")
    page.get_by_label(method).check()


def test_an_oral_consent_takes_effect_when_the_witness_confirms(browser, live_server):
    demo_load()
    parent = _parent("Familien Hansen")
    before = set(Consent.objects.filter(person=parent).values_list("pk", flat=True))

    recorder = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    login(recorder, "cws.caseworker")
    recorder.goto(f"/people/{parent.pk}/consents/")
    _fill_consent(recorder, "Orally")
    recorder.get_by_label("Witness (for an oral consent)").select_option(label="Mette Mikkelsen")
    recorder.get_by_role("button", name="Record consent").click()
    recorder.wait_for_url(f"**/people/{parent.pk}/consents/")
    assert "takes effect when the witness confirms" in recorder.locator("body").inner_text()
    (new_id,) = set(Consent.objects.filter(person=parent).values_list("pk", flat=True)) - before
    consent = Consent.objects.get(pk=new_id)
    assert consent.method == "oral" and consent.confirmed_at is None

    witness = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    login(witness, "cws.manager")
    witness.goto("/consents/witness/")
    witness.get_by_role("link", name=parent.full_name).first.click()
    witness.get_by_role("button", name="I heard the person give this consent").click()
    witness.wait_for_load_state()
    consent.refresh_from_db()
    assert consent.confirmed_at is not None and consent.witness_confirmed_at is not None

    # The person's confirmation letter, to hand over or post.
    letter = recorder.request.get(f"/consents/{consent.pk}/letter.pdf")
    assert letter.status == 200 and letter.body().startswith(b"%PDF")
    recorder.context.close()
    witness.context.close()


def test_a_paper_consent_needs_the_signed_form(page):
    demo_load()
    parent = _parent("Familien Hansen")
    before = Consent.objects.filter(person=parent).count()
    login(page, "cws.caseworker")
    page.goto(f"/people/{parent.pk}/consents/")
    _fill_consent(page, "On paper")
    page.get_by_role("button", name="Record consent").click()
    assert "Attach the signed consent form" in page.locator("main").inner_text()
    assert Consent.objects.filter(person=parent).count() == before

    # A file that merely says it is a PDF is refused by its content.
    page.get_by_label("NAV Demovik (stat)").check()
    _fill_consent(page, "On paper")
    page.get_by_label("Signed form (PDF, PNG or JPEG)").set_input_files(
        {"name": "skjema.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}
    )
    page.get_by_role("button", name="Record consent").click()
    assert "must be a PDF, PNG or JPEG" in page.locator("main").inner_text()
    assert Consent.objects.filter(person=parent).count() == before

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Samtykke - signert")
    sheet.save()
    _fill_consent(page, "On paper")
    page.get_by_label("Signed form (PDF, PNG or JPEG)").set_input_files(
        {"name": "skjema.pdf", "mimeType": "application/pdf", "buffer": buffer.getvalue()}
    )
    page.get_by_role("button", name="Record consent").click()
    page.wait_for_url(f"**/people/{parent.pk}/consents/")
    consent = Consent.objects.filter(person=parent).latest("pk")
    assert consent.method == "written" and consent.document is not None
    assert consent.confirmed_at is not None
