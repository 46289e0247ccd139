"""In Debian Chromium: log in, open a family, see exactly what consent allows; axe on the pages."""

from __future__ import annotations

import pytest

from helhet.demo.services import DEMO_PASSWORD, demo_load
from helhet.people.models import Family, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def test_nav_caseworker_sees_exactly_what_consent_allows(page):
    demo_load()
    family = Family.objects.get(name="Familien Kowalska")  # consent: economy, work, housing to NAV
    parent = Person.objects.get(
        family_memberships__family=family, family_memberships__role="parent"
    )
    login(page, "nav.caseworker")
    page.get_by_role("link", name="Families").first.click()
    page.get_by_role("link", name="Familien Kowalska").click()
    member = page.locator(f"article[data-person='{parent.pk}']")
    member.wait_for()
    text = member.inner_text()
    assert "Økonomisk sosialhjelp" in text  # NAV municipal's economy entry, shared by consent
    assert "Aktivitetsplan" in text  # NAV state's own entry
    assert (
        "Hjelpetiltak" not in text and "Barneverntjenesten" not in text
    )  # child welfare: no consent
    assert "Helsesamtale" not in text  # health: no consent
    hidden = member.locator("[data-hidden-category]")
    hidden_categories = set(hidden.evaluate_all("els => els.map(e => e.dataset.hiddenCategory)"))
    assert {"health", "child_welfare", "education"} <= hidden_categories
    assert "economy" not in hidden_categories
    assert member.get_by_text("No consent for health information").is_visible()


def test_withdrawn_consent_hides_data_at_once_in_the_browser(page):
    demo_load()
    family = Family.objects.get(name="Familien Hansen")
    parent = Person.objects.get(
        family_memberships__family=family, family_memberships__role="parent"
    )
    login(page, "cws.caseworker")
    page.goto(f"/people/{parent.pk}/")
    assert "Aktivitetsplan" in page.locator("main").inner_text()
    page.goto(f"/people/{parent.pk}/consents/")
    page.get_by_role("button", name="Withdraw consent").first.click()
    page.wait_for_url(f"**/people/{parent.pk}/consents/")
    page.goto(f"/people/{parent.pk}/")
    assert "Aktivitetsplan" not in page.locator("main").inner_text()
    assert "No consent for work and activity information" in page.locator("main").inner_text()


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


def test_main_pages_have_no_serious_accessibility_violations(browser, live_server):
    demo_load()
    # axe is injected as a script, which the strict CSP would rightly refuse.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    family = Family.objects.get(name="Familien Hansen")
    parent = Person.objects.get(
        family_memberships__family=family, family_memberships__role="parent"
    )
    page.goto("/login/")
    problems = {"/login/": serious_violations(page)}
    page.fill("#id_username", "family.coordinator")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/")
    from helhet.meetings.models import Meeting
    from helhet.referrals.models import Referral

    referral = Referral.objects.filter(from_organisation__kind="nav_municipal").first()
    meeting = Meeting.objects.filter(kind="family_meeting").first()
    from helhet.agreements.models import Agreement
    from helhet.networks.models import Network
    from helhet.volunteering.models import CareUnit

    care_unit = CareUnit.objects.get(name="Demovik sykehjem, avdeling Fjordly")
    network = Network.objects.get(name="OSK-teamet Demovik")
    agreement = Agreement.objects.get(kind="partnership_agreement")
    assert referral is not None and meeting is not None
    pages = [
        "/",
        "/people/",
        f"/people/{parent.pk}/",
        f"/people/{parent.pk}/consents/",
        f"/people/{parent.pk}/access-log/",
        f"/people/{parent.pk}/refer/",
        "/families/",
        f"/families/{family.pk}/",
        "/organisations/",
        "/access-log/",
        "/account/",
        "/referrals/",
        f"/referrals/{referral.pk}/",
        "/meetings/",
        "/meetings/new/",
        f"/meetings/{meeting.pk}/",
        f"/families/{family.pk}/plan/",
        f"/families/{family.pk}/plan/edit/",
        f"/families/{family.pk}/plan/print/",
        "/transitions/",
        "/notifications/",
        "/networks/",
        f"/networks/{network.pk}/",
        "/agreements/",
        f"/agreements/{agreement.pk}/",
        "/volunteering/",
        f"/volunteering/units/{care_unit.pk}/",
    ]
    statuses = {}
    for path in pages:
        statuses[path] = page.goto(path).status
        problems[path] = serious_violations(page)
    assert {p: s for p, s in statuses.items() if s != 200} == {}
    context.close()
    assert {p: v for p, v in problems.items() if v} == {}
    assert len(problems) == len(pages) + 1
