"""In Debian Chromium: the observatory's pages on the demo data, opened by the researcher,
with no serious or critical axe violation, in bokmål and English. The survey, coding and
synthesis pages have their own browser tests beside this one."""

from __future__ import annotations

import pytest

from helhet.demo.services import DEMO_PASSWORD, demo_load
from tests.e2e.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["nb-NO", "en-GB"])
def test_observatory_pages_pass_axe(browser, live_server, locale):
    demo_load()
    from helhet.registry.models import RegistryEntry
    from helhet.relations.models import RatingRound

    osk_round = RatingRound.objects.filter(network__name="OSK-teamet Demovik").first()
    entry = RegistryEntry.objects.filter(network__name="Nettverk for unge familier").first()
    assert osk_round is not None and entry is not None
    pages = [
        "/observatory/",
        "/observatory/coordination/",
        "/relations/",
        f"/relations/rounds/{osk_round.pk}/",
        f"/relations/rounds/{osk_round.pk}/stated-vs-operational/",
        "/registry/",
        f"/registry/{entry.pk}/",
        "/observatory/surveys/",
        "/observatory/coding/",
        "/observatory/synthesis/",
    ]
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale=locale)
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", "researcher")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/")
    statuses: dict[str, int] = {}
    problems: dict[str, list[str]] = {}
    for path in pages:
        response = page.goto(path)
        statuses[path] = response.status if response else 0
        problems[path] = serious_violations(page)
    # The coordination analysis itself: from the volunteering module of all municipalities.
    context.close()
    assert {p: s for p, s in statuses.items() if s != 200} == {}
    assert {p: v for p, v in problems.items() if v} == {}
