"""The web UI: login and lockout, pages per role, consent pages, language, CSP."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from helhet.audit.models import AccessEvent
from helhet.consent.models import Consent
from helhet.people.models import InformationEntry
from helhet.tenancy.models import Role
from tests.conftest import PASSWORD


@pytest.fixture
def web(make_actor):
    def make(org_key="nav", role=Role.CASEWORKER, language="en"):
        actor = make_actor(org_key, role)
        c = Client(HTTP_ACCEPT_LANGUAGE=language)
        c.force_login(actor.user)
        c.actor = actor
        return c

    return make


def test_login_page_and_login(make_actor):
    actor = make_actor("nav", username="kari")
    c = Client()
    assert c.get("/").status_code == 302
    page = c.get(reverse("web:login"))
    assert page.status_code == 200 and b'name="csrfmiddlewaretoken"' in page.content
    response = c.post(reverse("web:login"), {"username": "kari", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert c.get("/").status_code == 200
    assert actor.user.username == "kari"


def test_brute_force_lockout(make_actor):
    make_actor("nav", username="target")
    c = Client(REMOTE_ADDR="10.0.0.9", HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(5):
        c.post(reverse("web:login"), {"username": "target", "password": "wrong-password"})
    locked = c.post(reverse("web:login"), {"username": "target", "password": PASSWORD})
    assert locked.status_code == 429
    assert "locked for 30 minutes" in locked.content.decode()


@pytest.mark.parametrize(
    ("org_key", "role", "expect"),
    [
        ("nav", Role.CASEWORKER, "Your caseload"),
        ("navk", Role.COORDINATOR, "Your caseload"),
        ("cws", Role.MANAGER, "Your organisation's access log"),
        ("navk", Role.ADMINISTRATOR, "Organisations in your municipality"),
        ("vol", Role.RESEARCHER, "Observatory"),
    ],
)
def test_dashboard_per_role(web, org_key, role, expect):
    c = web(org_key, role)
    page = c.get("/")
    assert page.status_code == 200
    assert expect in page.content.decode()


def test_person_page_shows_what_consent_allows_and_what_is_hidden(
    web, make_person, involve, consent, orgs
):
    c = web("nav")
    person = make_person("Lise", "Berg")
    for key in ("nav", "navk", "health"):
        involve(key, person)
    for key, cat, text in (
        ("navk", "economy", "Sosialhjelp innvilget"),
        ("health", "health", "Diagnose X"),
    ):
        InformationEntry.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            organisation=orgs[key],
            category=cat,
            title=cat,
            text=text,
        )
    consent(person, ["nav"], ["economy"])
    html = c.get(f"/people/{person.pk}/").content.decode()
    assert "Sosialhjelp innvilget" in html
    assert "Diagnose X" not in html and "Helse og velferd Testvik" not in html
    assert "No consent for health information" in html
    assert AccessEvent.objects.filter(person=person, channel="web").count() == 1


def test_pages_in_bokmal_by_default_and_language_switch(web, make_person, involve):
    c = web("nav", language="nb")
    person = make_person()
    involve("nav", person)
    html = c.get(f"/people/{person.pk}/").content.decode()
    assert "Ikke samtykke til å dele opplysninger om helse" in html
    assert '<html lang="nb"' in html
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en"' in c.get("/").content.decode()


def test_uninvolved_person_page_is_404_and_says_nothing_more(web, make_person, involve):
    c = web("nav")
    person = make_person("Skjult", "Barn")
    involve("cws", person)
    a = c.get(f"/people/{person.pk}/")
    b = c.get("/people/999999/")
    assert a.status_code == b.status_code == 404

    def strip(response, requested):
        html = response.content.decode().replace(requested, "/people/N/")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"', "", html)

    assert strip(a, f"/people/{person.pk}/") == strip(b, "/people/999999/")


def test_search_partial_for_htmx(web, make_person, involve):
    c = web("navk")
    for name in ("Anna", "Berit"):
        involve("navk", make_person(name, "Søk"))
    full = c.get("/people/?q=anna")
    partial = c.get("/people/?q=anna", HTTP_HX_REQUEST="true")
    assert "<html" in full.content.decode() and "<html" not in partial.content.decode()
    assert "Anna" in partial.content.decode() and "Berit" not in partial.content.decode()


def test_register_person_form_errors_keep_input(web):
    c = web("school")
    response = c.post(
        "/people/new/",
        {"national_id": "12345678901", "given_name": "Ola", "family_name": "Nordmann"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "check digits" in html and 'value="Ola"' in html


def test_record_and_withdraw_consent_in_the_ui(web, make_person, involve, orgs, make_actor):
    c = web("navk", Role.COORDINATOR)
    witness = make_actor("nav")
    person = make_person()
    involve("navk", person)
    page = c.get(f"/people/{person.pk}/consents/")
    assert page.status_code == 200
    bad = c.post(f"/people/{person.pk}/consents/", {"given_by": person.pk, "purpose": ""})
    assert bad.status_code == 400 and Consent.objects.count() == 0
    ok = c.post(
        f"/people/{person.pk}/consents/",
        {
            "given_by": person.pk,
            "organisations": [orgs["nav"].pk, orgs["cws"].pk],
            "categories": ["economy", "housing"],
            "purpose": "Familieplan",
            "method": "oral",
            "witness": witness.user.pk,
        },
    )
    assert ok.status_code == 302, ok.content.decode()[:2000]
    consent_obj = Consent.objects.get()
    assert consent_obj.category_values == ["economy", "housing"]
    c.post(f"/consents/{consent_obj.pk}/withdraw/", {"reason": "Ombestemt seg"})
    consent_obj.refresh_from_db()
    assert consent_obj.withdrawn_at is not None and consent_obj.withdrawal_reason == "Ombestemt seg"
    assert "Withdrawn" in c.get(f"/people/{person.pk}/consents/").content.decode()


def test_access_log_page_and_csv_report(web, make_person, involve, consent):
    person = make_person()
    involve("navk", person)
    involve("cws", person)
    consent(person, ["navk"], ["child_welfare"])
    viewer = web("cws")
    viewer.get(f"/people/{person.pk}/")
    coordinator = web("navk", Role.COORDINATOR)
    page = coordinator.get(f"/people/{person.pk}/access-log/")
    assert page.status_code == 200 and "Barnevernet Testvik" in page.content.decode()
    report = coordinator.get(f"/people/{person.pk}/access-report.csv")
    assert report["Content-Type"].startswith("text/csv")
    lines = report.content.decode().splitlines()
    assert lines[0].startswith("when,who,organisation")
    assert any("Barnevernet Testvik" in line for line in lines[1:])
    assert AccessEvent.objects.filter(person=person, channel="export").exists()
    caseworker = web("navk")
    assert caseworker.get(f"/people/{person.pk}/access-log/").status_code == 403


def test_membership_switch(make_actor, orgs):
    from helhet.tenancy.services import membership_create

    actor = make_actor("nav")
    second = membership_create(
        actor=None, user=actor.user, organisation=orgs["cws"], role=Role.MANAGER
    )
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(actor.user)
    c.post("/membership/", {"membership": second.pk})
    assert "Barnevernet Testvik" in c.get("/").content.decode()
    foreign = make_actor("school").membership
    assert c.post("/membership/", {"membership": foreign.pk}).status_code == 404


def test_every_page_has_csp_and_no_inline_script(web, make_person, involve):
    c = web("navk", Role.COORDINATOR)
    person = make_person()
    involve("navk", person)
    for url in (
        "/",
        "/people/",
        f"/people/{person.pk}/",
        f"/people/{person.pk}/consents/",
        "/families/",
        "/organisations/",
        "/access-log/",
        "/account/",
        "/api/docs",
        "/login/",
    ):
        if url == "/login/":
            c = Client()
        response = c.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        scripts = re.findall(
            r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>",
            response.content.decode(),
        )
        assert scripts == [], (url, scripts)
        assert response["X-Frame-Options"] == "DENY"


def test_organisation_pages(web, orgs):
    c = web("navk", Role.ADMINISTRATOR)
    assert "Barnevernet Testvik" in c.get("/organisations/").content.decode()
    own = c.get(f"/organisations/{orgs['navk'].pk}/").content.decode()
    other = c.get(f"/organisations/{orgs['cws'].pk}/").content.decode()
    assert "Staff" in own and "Staff" not in other


def _settings_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-c", "import helhet.settings"],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("HELHET_")}, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HELHET_ENV": "production", "HELHET_DEBUG": "1"}, "DEBUG"),
        ({"HELHET_ENV": "production", "HELHET_DEBUG": "0"}, "HELHET_SECRET_KEY"),
        ({"HELHET_ENV": "production", "HELHET_SECRET_KEY": "x" * 60}, "HELHET_DATABASE_URL"),
        (
            {
                "HELHET_ENV": "production",
                "HELHET_SECRET_KEY": "x" * 60,
                "HELHET_DATABASE_URL": "sqlite:////tmp/x.sqlite3",
            },
            "PostgreSQL",
        ),
    ],
)
def test_production_profile_refuses_unsafe_settings(env, message):
    result = _settings_check(env)
    assert result.returncode != 0 and message in result.stderr


def test_production_profile_sets_hsts_and_secure_cookies():
    import os

    env = {
        "HELHET_ENV": "production",
        "HELHET_SECRET_KEY": "s" * 64,
        "HELHET_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    }
    code = (
        "import helhet.settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("HELHET_")}, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["63072000", "True", "True", "True", "False"], result.stderr


def test_account_tokens_create_and_revoke(web):
    from helhet.tenancy.models import ApiToken

    c = web("nav")
    page = c.post("/account/", {"name": "skript"})
    assert "hh_" in page.content.decode()
    token = ApiToken.objects.get(name="skript")
    assert c.post("/account/", {"revoke": "abc"}).status_code == 404
    assert c.post("/account/", {"revoke": str(token.pk + 999)}).status_code == 404
    c.post("/account/", {"revoke": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_lockout_behind_a_proxy_keys_on_the_client_address(make_actor, settings):
    from axes.helpers import get_client_ip_address
    from django.test import RequestFactory

    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1", REMOTE_ADDR="10.0.0.1"
    )
    assert get_client_ip_address(request) == "203.0.113.7"
