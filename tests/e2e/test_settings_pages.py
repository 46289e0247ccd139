"""In Debian Chromium: each of the six settings' main pages, opened by the people who work
in that setting, with no serious or critical axe violation, in bokmål and in English."""

from __future__ import annotations

import pytest

from helhet.demo.services import DEMO_PASSWORD, demo_load
from tests.e2e.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _setting_pages() -> dict[str, tuple[str, list[str]]]:
    """Setting → (who opens it, the pages they work in)."""
    from helhet.agreements.models import Agreement
    from helhet.meetings.models import Meeting
    from helhet.networks.models import Network
    from helhet.people.models import Family
    from helhet.volunteering.models import CareUnit

    osk = Network.objects.get(name="OSK-teamet Demovik")
    conference = Meeting.objects.get(network_link__network=osk, person__isnull=False)
    yusuf = Family.objects.get(name="Familien Yusuf")
    action = Network.objects.get(name="Aksjonsteam Sentrum")
    action_meeting = Meeting.objects.filter(network_link__network=action).first()
    quebec = Network.objects.get(name="Nettverk for unge familier")
    steering = Network.objects.get(parent=quebec, type="steering_committee")
    service_agreement = Agreement.objects.get(title="Tjenesteavtale for unge familier")
    hansen = Family.objects.get(name="Familien Hansen")
    partnership = Agreement.objects.get(kind="partnership_agreement")
    nursing = CareUnit.objects.get(name="Demovik sykehjem, avdeling Fjordly")
    assert action_meeting is not None
    return {
        "1 OSK team": (
            "navk.caseworker",
            [
                f"/networks/{osk.pk}/",
                f"/meetings/{conference.pk}/",
                f"/families/{yusuf.pk}/plan/",
            ],
        ),
        "2 Action team": (
            "navs.manager",
            ["/networks/", f"/networks/{action.pk}/", f"/meetings/{action_meeting.pk}/"],
        ),
        "3 Network with bodies": (
            "nav.manager",
            [
                f"/networks/{quebec.pk}/",
                f"/networks/{steering.pk}/",
                f"/agreements/{service_agreement.pk}/",
            ],
        ),
        "4 NAV–CWS family project": (
            "family.coordinator",
            [f"/families/{hansen.pk}/", f"/families/{hansen.pk}/plan/", "/meetings/"],
        ),
        "5 NAV office partnership": (
            "navs.manager",
            ["/agreements/", f"/agreements/{partnership.pk}/", "/referrals/"],
        ),
        "6 Volunteering": (
            "nursinghome.leader",
            ["/volunteering/", f"/volunteering/units/{nursing.pk}/", "/volunteering/agreements/"],
        ),
    }


@pytest.mark.parametrize("locale", ["nb-NO", "en-GB"])
def test_each_settings_main_pages_pass_axe(browser, live_server, locale):
    demo_load()
    settings = _setting_pages()
    problems: dict[str, list[str]] = {}
    statuses: dict[str, int] = {}
    for setting, (username, paths) in settings.items():
        # axe is injected as a script, which the strict CSP would rightly refuse.
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale=locale)
        page = context.new_page()
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_url("**/")
        for path in paths:
            key = f"{setting}: {path}"
            response = page.goto(path)
            statuses[key] = response.status if response else 0
            problems[key] = serious_violations(page)
        context.close()
    assert {k: s for k, s in statuses.items() if s != 200} == {}
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(problems) == sum(len(p) for _, p in settings.values()) == 18


def _form_pages() -> dict[str, tuple[str, list[str]]]:
    """The forms added for networks, agreements and volunteering, opened by someone who may
    use them."""
    from helhet.agreements.models import Agreement
    from helhet.networks.models import Network
    from helhet.volunteering.models import Activity, CareUnit

    osk = Network.objects.get(name="OSK-teamet Demovik")
    quebec = Network.objects.get(name="Nettverk for unge familier")
    agreement = Agreement.objects.get(title="Tjenesteavtale for unge familier")
    unit = CareUnit.objects.get(name="Demovik sykehjem, avdeling Fjordly")
    activity = Activity.objects.filter(care_unit=unit).order_by("pk").first()
    assert activity is not None
    return {
        "networks": (
            "nav.manager",
            [
                "/networks/new/",
                f"/networks/{quebec.pk}/edit/",
                f"/networks/new/?parent={quebec.pk}",
            ],
        ),
        "case conference": ("navk.caseworker", [f"/networks/{osk.pk}/case-conferences/new/"]),
        "agreements": ("nav.manager", ["/agreements/new/", f"/agreements/{agreement.pk}/revise/"]),
        "volunteering": (
            "nursinghome.leader",
            [
                "/volunteering/units/new/",
                f"/volunteering/units/{unit.pk}/edit/",
                f"/volunteering/units/{unit.pk}/activities/new/",
                f"/volunteering/units/{unit.pk}/agreements/new/",
                f"/volunteering/activities/{activity.pk}/",
                f"/volunteering/activities/{activity.pk}/edit/",
                f"/volunteering/activities/{activity.pk}/occurrences/new/",
            ],
        ),
        "volunteer register": ("volunteer.coordinator", ["/volunteering/volunteers/new/"]),
    }


def test_the_new_form_pages_pass_axe(browser, live_server):
    demo_load()
    pages = _form_pages()
    problems: dict[str, list[str]] = {}
    statuses: dict[str, int] = {}
    for area, (username, paths) in pages.items():
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nb-NO")
        page = context.new_page()
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_url("**/")
        for path in paths:
            key = f"{area}: {path}"
            response = page.goto(path)
            statuses[key] = response.status if response else 0
            problems[key] = serious_violations(page)
        context.close()
    assert {k: s for k, s in statuses.items() if s != 200} == {}
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(problems) == 14
