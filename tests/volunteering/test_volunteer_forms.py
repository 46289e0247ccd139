"""The forms about who volunteers: agreements between a care unit and a voluntary organisation,
the volunteer register and its declarations, and volunteers put on an activity. Each saves
through its service, refuses whom the service refuses, and shows the service's message on bad
input without saving anything."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from helhet.volunteering import services, volunteers
from helhet.volunteering.models import (
    ActivityVolunteer,
    Volunteer,
    VolunteerAgreement,
)
from tests.volunteering.conftest import _client, _html, _ids

# --- agreements -------------------------------------------------------------------------------


def test_agreement_create(v, orgs, today):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    url = f"/volunteering/units/{unit.pk}/agreements/new/"
    nh = _client(v["nh"])
    assert f'href="{url}"' in _html(nh.get(f"/volunteering/units/{unit.pk}/"))
    form = _html(nh.get(url))
    assert f'value="{today.isoformat()}"' in form
    _ids(form)
    data = {
        "voluntary_organisation": orgs["vol"].pk,
        "tasks": "Frivilligsentralen leder allsang; sykehjemmet stiller rom og kaffe.",
        "contact_persons": "Per (sykehjemmet), Lise (frivilligsentralen)",
        "confidentiality": "Frivillige signerer taushetserklæring før første oppdrag.",
        "requires_police_certificate": "yes",
        "signed_on": (today - timedelta(days=3)).isoformat(),
        "valid_until": "",
    }
    response = nh.post(url, data, follow=True)
    page = _html(response)
    assert "The agreement was recorded." in page and "taushetserklæring" in page
    agreement = VolunteerAgreement.objects.get()
    assert agreement.requires_police_certificate is True and agreement.valid_until is None
    assert agreement.confidentiality.startswith("Frivillige signerer")
    assert agreement.contact_persons.startswith("Per")
    # The other party sees it; a third does not.
    assert "taushetserklæring" in _html(_client(v["vol"]).get("/volunteering/agreements/"))
    assert "taushetserklæring" not in _html(_client(v["vol2"]).get("/volunteering/agreements/"))


def test_agreement_refused_and_bad_input(v, orgs):  # type: ignore[no-untyped-def]
    unit = v["unit"]
    url = f"/volunteering/units/{unit.pk}/agreements/new/"
    data = {
        "voluntary_organisation": orgs["vol"].pk,
        "tasks": "Besøkstjeneste",
        "requires_police_certificate": "no",
        "signed_on": "2025-06-01",
        "valid_until": "2025-01-01",
    }
    nh = _client(v["nh"])
    html = _html(nh.post(url, data), 400)
    assert "The agreement cannot end before it is signed." in html
    assert "Besøkstjeneste" in html
    assert "This field is required." in _html(nh.post(url, {**data, "tasks": ""}), 400)
    # A voluntary organisation cannot sign for another one.
    vol2 = _client(v["vol2"])
    valid = {**data, "valid_until": ""}
    assert vol2.post(url, valid).status_code == 403
    for key in ("hc", "nav", "researcher"):
        client = _client(v[key])
        assert f'href="{url}"' not in _html(client.get(f"/volunteering/units/{unit.pk}/"))
        _html(client.get(url), 403)
        assert client.post(url, valid).status_code == 403
    assert not VolunteerAgreement.objects.exists()


# --- volunteers -------------------------------------------------------------------------------


def test_volunteer_register_and_declarations(v, orgs):  # type: ignore[no-untyped-def]
    register = f"/volunteering/organisations/{orgs['vol'].pk}/volunteers/"
    vol = _client(v["vol"])
    assert 'href="/volunteering/volunteers/new/"' in _html(vol.get(register))
    _ids(_html(vol.get("/volunteering/volunteers/new/")))
    response = vol.post(
        "/volunteering/volunteers/new/",
        {
            "name": "Berit Frivillig",
            "contact": "900 00 000",
            "confidentiality_declaration_signed_on": "2025-01-02",
            "police_certificate_checked_on": "",
        },
    )
    assert response["Location"] == register
    berit = Volunteer.objects.get(name="Berit Frivillig")
    assert berit.voluntary_organisation_id == orgs["vol"].pk
    assert berit.confidentiality_declaration_signed_on == date(2025, 1, 2)
    assert berit.police_certificate_checked_on is None
    page = _html(vol.get(register))
    assert "The volunteer was registered." in page and "02.01.2025" in page

    url = f"/volunteering/volunteers/{berit.pk}/declarations/"
    assert f'href="{url}"' in page
    assert 'value="2025-01-02"' in _html(vol.get(url))
    response = vol.post(
        url,
        {
            "confidentiality_declaration_signed_on": "",
            "police_certificate_checked_on": "2025-02-03",
        },
    )
    assert response["Location"] == register
    berit.refresh_from_db()
    assert berit.police_certificate_checked_on == date(2025, 2, 3)
    assert berit.confidentiality_declaration_signed_on is None
    assert "The declarations were saved." in _html(vol.get(register))


def test_volunteer_forms_refused_and_bad_input(v, orgs):  # type: ignore[no-untyped-def]
    berit = volunteers.volunteer_register(actor=v["vol"], name="Berit Frivillig")
    # Once Berit serves the nursing home, its staff see her, but her declarations are not theirs.
    services.activity_volunteer_add(
        actor=v["vol"], activity_id=v["activity"].pk, volunteer_id=berit.pk
    )
    register = f"/volunteering/organisations/{orgs['vol'].pk}/volunteers/"
    url = f"/volunteering/volunteers/{berit.pk}/declarations/"
    nh = _client(v["nh"])
    page = _html(nh.get(register))
    assert "Berit Frivillig" in page and f'href="{url}"' not in page
    assert 'href="/volunteering/volunteers/new/"' not in page
    dates = {"confidentiality_declaration_signed_on": "", "police_certificate_checked_on": ""}
    for key in ("nh", "vol2", "hc", "researcher"):
        client = _client(v[key])
        _html(client.get(url), 404)
        assert (
            client.post(url, {**dates, "police_certificate_checked_on": "2025-01-01"}).status_code
            == 404
        )
    for key in ("nh", "hc", "nav", "researcher"):
        client = _client(v[key])
        _html(client.get("/volunteering/volunteers/new/"), 403)
        assert client.post("/volunteering/volunteers/new/", {"name": "Ikke vår"}).status_code == 403
    vol = _client(v["vol"])
    html = _html(vol.post(url, {**dates, "police_certificate_checked_on": "2025-13-01"}), 400)
    assert "Enter a valid date." in html
    assert "This field is required." in _html(
        vol.post("/volunteering/volunteers/new/", {"name": "", "contact": "900"}), 400
    )
    berit.refresh_from_db()
    assert berit.police_certificate_checked_on is None
    assert list(Volunteer.objects.values_list("name", flat=True)) == ["Berit Frivillig"]


def test_activity_volunteer_add(v, orgs, today):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    page_url = f"/volunteering/activities/{activity.pk}/"
    url = f"/volunteering/activities/{activity.pk}/volunteers/"
    berit = volunteers.volunteer_register(actor=v["vol"], name="Berit Uten Attest")
    kari = volunteers.volunteer_register(
        actor=v["vol"], name="Kari Med Attest", police_certificate_checked_on=date(2024, 6, 1)
    )
    vol = _client(v["vol"])
    page = _html(vol.get(page_url))
    _ids(page)
    assert "Berit Uten Attest (no police certificate checked)" in page
    response = vol.post(url, {"volunteer": berit.pk}, follow=True)
    page = _html(response)
    assert "The volunteer was put on the activity." in page and "<li>Berit Uten Attest</li>" in page
    assert ActivityVolunteer.objects.filter(activity=activity, volunteer=berit).exists()

    # The nursing home signs an agreement that asks for police certificates, through its form.
    nh = _client(v["nh"])
    nh.post(
        f"/volunteering/units/{v['unit'].pk}/agreements/new/",
        {
            "voluntary_organisation": orgs["vol"].pk,
            "tasks": "Allsang",
            "requires_police_certificate": "yes",
            "signed_on": today.isoformat(),
        },
    )
    assert "Required (by the activity or an agreement in force)" in _html(nh.get(page_url))
    nils = volunteers.volunteer_register(actor=v["vol"], name="Nils Uten Attest")
    html = _html(vol.post(url, {"volunteer": nils.pk}), 400)
    assert "This activity requires a police certificate" in html
    assert not ActivityVolunteer.objects.filter(volunteer=nils).exists()
    assert vol.post(url, {"volunteer": kari.pk}).status_code == 302
    assert ActivityVolunteer.objects.filter(activity=activity, volunteer=kari).exists()


def test_activity_volunteer_add_refused(v, orgs):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    url = f"/volunteering/activities/{activity.pk}/volunteers/"
    berit = volunteers.volunteer_register(actor=v["vol"], name="Berit Frivillig")
    # Berit serves a home-care activity too, so home care's staff may see her, but the
    # nursing home's activity is not theirs to staff.
    hc_unit = services.care_unit_create(actor=v["hc"], name="Sone nord", unit_type="home_care")
    hc_activity = services.activity_create(
        actor=v["hc"],
        care_unit_id=hc_unit.pk,
        category="food_delivery",
        title="Matombringing",
        coordinator="municipality",
        voluntary_organisation_id=orgs["vol"].pk,
    )
    services.activity_volunteer_add(
        actor=v["vol"], activity_id=hc_activity.pk, volunteer_id=berit.pk
    )
    hc = _client(v["hc"])
    page = _html(hc.get(f"/volunteering/activities/{activity.pk}/"))
    assert "Put on the activity" not in page and "Record an occurrence" not in page
    html = _html(hc.post(url, {"volunteer": berit.pk}), 403)
    assert "or of the voluntary organisation can do this" in html
    # Those who may not see the volunteer cannot even choose her.
    for key in ("vol2", "nav", "researcher"):
        assert _client(v[key]).post(url, {"volunteer": berit.pk}).status_code == 400
    assert _client(v["vol"]).get(url).status_code == 405
    assert not ActivityVolunteer.objects.filter(activity=activity).exists()


def test_declarations_in_the_future_are_refused_on_the_page(v):  # type: ignore[no-untyped-def]
    berit = volunteers.volunteer_register(actor=v["vol"], name="Berit Frivillig")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    vol = _client(v["vol"])
    html = _html(
        vol.post(
            f"/volunteering/volunteers/{berit.pk}/declarations/",
            {
                "confidentiality_declaration_signed_on": tomorrow,
                "police_certificate_checked_on": "",
            },
        ),
        400,
    )
    assert "Cannot be in the future: confidentiality declaration signed on." in html
    html = _html(
        vol.post(
            "/volunteering/volunteers/new/",
            {"name": "Framtida", "police_certificate_checked_on": tomorrow},
        ),
        400,
    )
    assert "Cannot be in the future: police certificate checked on." in html
    berit.refresh_from_db()
    assert berit.confidentiality_declaration_signed_on is None
    assert list(Volunteer.objects.values_list("name", flat=True)) == ["Berit Frivillig"]
