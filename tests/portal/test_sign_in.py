"""Signing in to Min side through the real local provider: code flow with PKCE, state and
nonce checked, the id_token's signature verified, pid looked up, acr checked."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from helhet.portal.session import SESSION_KEY
from tests.portal.idp import idp_login, portal_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(make_person):  # type: ignore[no-untyped-def]
    return make_person("Kari", "Nordmann", date(1985, 5, 17))


def test_the_authorization_request_uses_pkce_state_nonce_and_acr(client, idp):
    response = client.post("/min-side/sign-in/")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}" == idp.issuer
    params = parse_qs(url.query)
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) >= 43
    assert params["state"] and params["nonce"]
    assert params["acr_values"] == ["idporten-loa-substantial"]
    assert params["scope"] == ["openid profile"]


def test_the_provider_refuses_a_request_without_pkce(idp):
    response = requests.get(
        idp.issuer + "/auth",
        params={
            "client_id": "helhet-test",
            "response_type": "code",
            "scope": "openid",
            "redirect_uri": "http://testserver/min-side/callback/",
            "state": "s",
            "nonce": "n",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code in (302, 303)
    assert "requires+PKCE" in response.headers["location"]
    assert "error=invalid_request" in response.headers["location"]


def test_a_known_person_signs_in(client, idp, parent):
    response = portal_sign_in(client, parent.national_id)
    assert response.status_code == 302 and response["Location"] == "/min-side/"
    data = client.session[SESSION_KEY]
    assert data["person_id"] == parent.pk
    assert data["acr"] == "idporten-loa-substantial"
    assert "national_id" not in data and parent.national_id not in str(data)
    page = client.get("/min-side/")
    assert "Kari" in page.content.decode()


def test_an_unknown_person_gets_a_neutral_page(client, idp, parent):
    response = portal_sign_in(client, "01018012345")
    assert response["Location"] == "/min-side/nothing/"
    page = client.get("/min-side/nothing/").content.decode()
    assert "We have nothing about you" in page
    # Nothing about anyone, and no way into another person's pages.
    assert client.get(f"/min-side/{parent.pk}/").status_code == 302


def test_too_low_an_assurance_level_is_refused(client, idp, parent, settings):
    settings.OIDC_REQUIRED_ACR = "idporten-loa-high"
    response = portal_sign_in(client, parent.national_id, acr="idporten-loa-substantial")
    assert response.status_code == 403
    assert "higher security level" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_high_is_enough_when_high_is_required(client, idp, parent, settings):
    settings.OIDC_REQUIRED_ACR = "idporten-loa-high"
    response = portal_sign_in(client, parent.national_id, acr="idporten-loa-high")
    assert response.status_code == 302
    assert client.session[SESSION_KEY]["acr"] == "idporten-loa-high"


def _authorize(client):  # type: ignore[no-untyped-def]
    start = client.post("/min-side/sign-in/")
    return start["Location"]


def test_a_state_mismatch_is_refused(client, idp, parent):
    back = idp_login(
        _authorize(client),
        parent.national_id,
        "idporten-loa-substantial",
        stop_at="http://testserver",
    )
    parts = urlsplit(back)
    query = parts.query.replace("state=", "state=x")
    response = client.get(f"{parts.path}?{query}")
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_a_nonce_mismatch_is_refused(client, idp, parent):
    url = _authorize(client)
    session = client.session
    key = next(k for k in session.keys() if k.startswith("_state_idporten_"))  # noqa: SIM118 - a session has no __iter__
    value = session[key]
    value["data"]["nonce"] = "not-the-nonce-that-was-sent"
    session[key] = value
    session.save()
    back = idp_login(
        url, parent.national_id, "idporten-loa-substantial", stop_at="http://testserver"
    )
    parts = urlsplit(back)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_a_replayed_callback_is_refused(client, idp, parent):
    back = idp_login(
        _authorize(client),
        parent.national_id,
        "idporten-loa-substantial",
        stop_at="http://testserver",
    )
    parts = urlsplit(back)
    assert client.get(f"{parts.path}?{parts.query}").status_code == 302
    client.post("/min-side/sign-out/")
    assert client.get(f"{parts.path}?{parts.query}").status_code == 400


def test_sign_out_ends_the_person_session_and_goes_to_the_end_session_endpoint(client, idp, parent):
    portal_sign_in(client, parent.national_id)
    response = client.post("/min-side/sign-out/")
    assert SESSION_KEY not in client.session
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/session/end"
    params = parse_qs(location.query)
    assert params["post_logout_redirect_uri"] == ["http://testserver/min-side/signed-out/"]
    assert params["id_token_hint"]
    assert client.get(f"/min-side/{parent.pk}/").status_code == 302


def test_an_idle_session_ends(client, idp, parent, settings):
    portal_sign_in(client, parent.national_id)
    session = client.session
    data = session[SESSION_KEY]
    data["last_seen"] -= settings.PORTAL_IDLE_MINUTES * 60 + 1
    session[SESSION_KEY] = data
    session.save()
    assert client.get(f"/min-side/{parent.pk}/").status_code == 302
    assert SESSION_KEY not in client.session
    assert "inactive" in client.get("/min-side/").content.decode()
