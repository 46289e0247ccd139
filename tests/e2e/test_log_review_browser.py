"""In Debian Chromium: the privacy officer works the demo's flagged read, and axe passes on
every page of the log review."""

from __future__ import annotations

import pytest

from helhet.audit.models import AccessEvent, ReviewFlag, ReviewOutcome
from helhet.demo.services import DEMO_PASSWORD, demo_load
from helhet.notifications.models import Notification
from tests.e2e.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["nb-NO", "en-GB"])
def test_privacy_officer_reviews_the_demo_flag(browser, live_server, locale):
    demo_load()
    flag = ReviewFlag.objects.get(rule="unusual_category")
    # axe is injected as a script, which the strict CSP would rightly refuse.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale=locale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login/")
    page.fill("#id_username", "privacy.officer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/")
    problems = {"/": serious_violations(page)}

    page.locator("nav a[href='/log-review/']").click()
    page.wait_for_url("**/log-review/")
    problems["/log-review/"] = serious_violations(page)
    queue = page.locator("main").inner_text()
    assert "volunteer.coordinator" in queue and "Frivilligsentralen Demovik" in queue
    assert "Noor" not in queue

    page.locator(f"a[href='/log-review/{flag.pk}/']").click()
    page.wait_for_url(f"**/log-review/{flag.pk}/")
    problems["flag"] = serious_violations(page)
    assert "Noor" not in page.locator("main").inner_text()

    reads = AccessEvent.objects.count()
    page.locator(f"form[action='/log-review/{flag.pk}/person/'] button").click()
    page.wait_for_url(f"**/log-review/{flag.pk}/person/")
    assert "Fatima Noor" in page.locator("main").inner_text()
    assert AccessEvent.objects.count() == reads + 1
    problems["revealed"] = serious_violations(page)

    page.check("input[name=verdict][value=not_justified]")
    page.fill("textarea[name=note]", "Frivilligsentralen trenger ikke barnevernsopplysninger.")
    page.locator(f"form[action='/log-review/{flag.pk}/'] button[type=submit]").click()
    page.wait_for_url(f"**/log-review/{flag.pk}/")
    assert page.locator("textarea[name=note]").count() == 0
    problems["decided"] = serious_violations(page)
    context.close()

    assert ReviewOutcome.objects.get(flag=flag).verdict == "not_justified"
    # The voluntary centre has no manager in the demo; its coordinator is not told directly.
    assert not Notification.objects.filter(kind="review_not_justified").exists()
    assert {p: v for p, v in problems.items() if v} == {}
