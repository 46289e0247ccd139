"""In Debian Chromium, against the real local OpenID provider: a parent signs in to Min side
through the ID-porten redirect, sees the plan, writes a goal, gives a consent digitally and
withdraws it, while the NAV caseworker's open page gains and loses the data at once; the
parent's access log shows the reads by NAV and by child welfare. axe on every Min side page.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import Channel
from helhet.core.categories import InformationCategory as Cat
from helhet.meetings.services import meeting_book
from helhet.people.models import Family, FamilyMember, HouseholdRole, InformationEntry
from helhet.people.selectors import person_get_for
from helhet.plans.services import goal_add, measure_add, plan_get_or_create
from helhet.tenancy.models import Role
from tests.conftest import PASSWORD
from tests.e2e.test_browser import serious_violations
from tests.portal.idp import idp_servers, use_idp  # noqa: F401 - the provider fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECRET = "Undersøkelse etter bekymringsmelding"


@pytest.fixture
def live_idp(idp_servers, live_server, settings):  # type: ignore[no-untyped-def]  # noqa: F811
    return use_idp(settings, idp_servers(live_server.url))


@pytest.fixture
def setting(make_person, guardian_of, involve, make_actor, orgs):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    parent = make_person("Kari", "Nordmann", date(today.year - 38, 3, 14))
    child = make_person("Ola", "Nordmann", date(today.year - 8, 6, 1))
    guardian_of(child, parent)
    family = Family.objects.create(municipality=parent.municipality, name="Familien Nordmann")
    for person, role in ((parent, HouseholdRole.PARENT), (child, HouseholdRole.CHILD)):
        FamilyMember.objects.create(
            municipality=parent.municipality, family=family, person=person, role=role
        )
    nav = make_actor("nav", Role.CASEWORKER, username="nav.worker")
    cws = make_actor("cws", Role.CASEWORKER, username="cws.worker")
    involve("nav", parent, responsible=nav.user)
    involve("cws", parent, responsible=cws.user)
    involve("cws", child, responsible=cws.user)
    InformationEntry.objects.create(
        municipality=parent.municipality,
        person=parent,
        organisation=orgs["cws"],
        category=Cat.CHILD_WELFARE,
        title=SECRET,
        text="Barnevernet følger opp familien.",
    )
    plan = plan_get_or_create(actor=cws, family_id=family.pk)
    goal_add(actor=cws, plan_id=plan.pk, text="Gode morgener før skolen.")
    measure_add(
        actor=cws,
        plan_id=plan.pk,
        person_id=parent.pk,
        title="Foreldreveiledning",
        category=Cat.CHILD_WELFARE,
    )
    start = timezone.now() + timedelta(days=5)
    meeting_book(
        actor=cws,
        kind="family_meeting",
        title="Familiemøte",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="Barnevernets kontor",
        family_id=family.pk,
        organisation_ids=[orgs["nav"].pk],
    )
    # Child welfare reads the parent's page: the parent will see it in the log.
    person_get_for(
        actor=cws, person_id=parent.pk, channel=Channel.WEB, through="GET web:person_detail"
    )
    return {"parent": parent, "child": child, "nav": nav, "cws": cws, "orgs": orgs}


def staff_login(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def test_a_parent_on_min_side_and_the_nav_caseworkers_open_page(
    browser, live_server, live_idp, setting
):
    parent, orgs = setting["parent"], setting["orgs"]
    person_page = f"/people/{parent.pk}/"

    # The NAV caseworker has the parent's page open: no consent for child welfare yet.
    nav_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    nav_page = nav_context.new_page()
    nav_page.set_default_timeout(60_000)
    staff_login(nav_page, "nav.worker")
    nav_page.goto(person_page)
    assert SECRET not in nav_page.locator("main").inner_text()

    # The parent signs in through the real redirect (the page's CSP is in force).
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto("/min-side/")
    page.get_by_role("button", name="Sign in with ID-porten").click()
    page.wait_for_url(re.compile(re.escape(live_idp.issuer) + r"/interaction/.*"))
    page.get_by_label("Fødselsnummer").fill(parent.national_id)
    page.get_by_label("Høyt (high)").check()
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server.url}/min-side/")
    assert "Welcome, Kari" in page.locator("main").inner_text()
    page.get_by_role("link", name=re.compile("Myself")).click()
    page.wait_for_url(f"**/min-side/{parent.pk}/")

    # The plan: the family's goal, the parent's measure with its owner; a goal of her own.
    page.locator("main nav").get_by_role("link", name="Plan").click()
    main = page.locator("main")
    assert "Gode morgener før skolen." in main.inner_text()
    assert "Foreldreveiledning" in main.inner_text()
    assert "Barnevernet Testvik" in main.inner_text()
    page.get_by_label("Write a new goal in your own words").fill("Jeg vil ha en fast jobb.")
    page.get_by_role("button", name="Add the goal").click()
    page.wait_for_url(f"**/min-side/{parent.pk}/plan/")
    assert "Jeg vil ha en fast jobb." in page.locator("main").inner_text()

    # A consent given digitally: NAV may see child-welfare information.
    page.locator("main nav").get_by_role("link", name="Consents").click()
    form = page.locator("main form").filter(has=page.get_by_label("Why (the purpose)"))
    form.get_by_label(orgs["nav"].name).check()
    form.get_by_label("Child welfare").check()
    page.get_by_label("Why (the purpose)").fill("NAV og barnevernet samarbeider om familien.")
    page.get_by_role("button", name="Sign and give consent").click()
    page.wait_for_url(f"**/min-side/{parent.pk}/consents/")
    card = page.locator("article[data-consent]").first
    assert "In effect" in card.inner_text()
    assert "assurance level high" in card.inner_text()

    nav_page.reload()
    assert SECRET in nav_page.locator("main").inner_text()

    # Withdrawn with one action: the caseworker's page loses the data at once.
    card.get_by_role("button", name="Withdraw this consent").click()
    page.wait_for_url(f"**/min-side/{parent.pk}/consents/")
    assert "Withdrawn" in page.locator("article[data-consent]").first.inner_text()
    nav_page.reload()
    assert SECRET not in nav_page.locator("main").inner_text()
    assert "No consent for child welfare information" in nav_page.locator("main").inner_text()

    # The access log: the reads by NAV and by child welfare, both.
    page.locator("main nav").get_by_role("link", name="Who has seen the data").click()
    log = page.locator("ol.log-list").inner_text()
    assert re.search(r"at NAV Testvik \(stat\) saw .*child welfare", log), log
    assert "at Barnevernet Testvik saw" in log

    # axe on every Min side page, in a context that lets axe's script in.
    pages = [
        "/min-side/",
        f"/min-side/{parent.pk}/",
        f"/min-side/{parent.pk}/consents/",
        f"/min-side/{parent.pk}/plan/",
        f"/min-side/{parent.pk}/meetings/",
        f"/min-side/{parent.pk}/access-log/",
        f"/min-side/{parent.pk}/my-data/",
        f"/min-side/{setting['child'].pk}/",
        f"/min-side/{setting['child'].pk}/consents/",
    ]
    for locale in ("en-GB", "nb-NO"):
        axe_context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=True,
            locale=locale,
            storage_state=context.storage_state(),
        )
        axe_page = axe_context.new_page()
        problems = {}
        for url in pages:
            axe_page.goto(url)
            assert axe_page.locator("main h1").count() == 1, url
            problems[url] = serious_violations(axe_page)
        axe_context.close()
        assert not any(problems.values()), problems

    # Signing out ends Min side's session and the provider's.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(re.escape(live_idp.issuer) + r"/session/end.*"))
    page.get_by_role("button", name=re.compile("Logg ut")).click()
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/min-side/signed-out/.*"))
    page.goto(f"/min-side/{parent.pk}/")
    page.wait_for_url(f"{live_server.url}/min-side/")
    assert page.get_by_role("button", name="Sign in with ID-porten").is_visible()
    context.close()
    nav_context.close()


def test_the_sign_in_and_neutral_pages_pass_axe(browser, live_server, live_idp):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    page.goto("/min-side/")
    problems = {"/min-side/": serious_violations(page)}
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(live_idp.issuer) + r"/interaction/.*"))
    page.get_by_label("Fødselsnummer").fill("01018012345")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server.url}/min-side/nothing/")
    assert page.locator("main h1").count() == 1
    problems["/min-side/nothing/"] = serious_violations(page)
    context.close()
    assert not any(problems.values()), problems
