from __future__ import annotations

import re
from datetime import date

from django.test import Client

from helhet.volunteering import services, volunteers

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


def _get(client, url, status=200):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status, url
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html) and " style=" not in html
    return html


def test_pages(v, orgs):  # type: ignore[no-untyped-def]
    services.occurrence_record(
        actor=v["vol"],
        activity_id=v["activity"].pk,
        date=date(2025, 3, 6),
        participants=11,
        volunteers=4,
        hours=2,
    )
    berit = volunteers.volunteer_register(actor=v["vol"], name="Berit Frivillig")
    services.activity_volunteer_add(
        actor=v["vol"], activity_id=v["activity"].pk, volunteer_id=berit.pk
    )
    services.agreement_create(
        actor=v["vol"],
        care_unit_id=v["unit"].pk,
        voluntary_organisation_id=orgs["vol"].pk,
        tasks="Allsang torsdager",
        signed_on=date(2025, 1, 1),
    )
    nh = Client(HTTP_ACCEPT_LANGUAGE="en")
    nh.force_login(v["nh"].user)
    listing = _get(nh, "/volunteering/")
    assert "Solsiden sykehjem" in listing and 'data-quarter="2025-Q1"' in listing
    page = _get(nh, f"/volunteering/units/{v['unit'].pk}/")
    assert "Allsang" in page and "06.03.2025" in page and "Allsang torsdager" in page
    assert '<td data-coordinator="joint">1 (100 %)</td>' in page
    register = f"/volunteering/organisations/{orgs['vol'].pk}/volunteers/"
    assert "Berit Frivillig" in _get(nh, register)
    assert "Allsang torsdager" in _get(nh, "/volunteering/agreements/")
    _get(nh, "/volunteering/units/999999/", status=404)

    hc = Client(HTTP_ACCEPT_LANGUAGE="en")
    hc.force_login(v["hc"].user)
    assert "Berit Frivillig" not in _get(hc, register)
    assert "Allsang torsdager" not in _get(hc, "/volunteering/agreements/")
    assert "Allsang torsdager" not in _get(hc, f"/volunteering/units/{v['unit'].pk}/")
