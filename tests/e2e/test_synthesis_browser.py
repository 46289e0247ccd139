"""In Debian Chromium: the demo researcher's synthesis pages have no serious or critical axe
violation, in bokmål and in English, and the guided workflow works by clicking."""

from __future__ import annotations

import pytest

from helhet.demo.observatory_synthesis import TITLE
from helhet.demo.services import DEMO_PASSWORD, demo_load
from helhet.synthesis.models import Step, SynthesisNote, SynthesisProject
from tests.e2e.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, live_server, locale: str):
    # axe is injected as a script, which the strict CSP would rightly refuse.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale=locale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login/")
    page.fill("#id_username", "researcher")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/")
    return context, page


@pytest.mark.parametrize("locale", ["nb-NO", "en-GB"])
def test_synthesis_pages_pass_axe(browser, live_server, locale):
    demo_load()  # with the coding project and the synthesis across its sites
    synthesis = SynthesisProject.objects.get(title=TITLE)
    study = synthesis.studies.first()
    note = SynthesisNote.objects.filter(synthesis=synthesis).first()
    assert study is not None and note is not None
    base = f"/observatory/synthesis/{synthesis.pk}/"
    paths = [
        "/observatory/synthesis/",
        "/observatory/synthesis/new/",
        base,
        base + "edit/",
        base + "steps/1/",
        base + "steps/7/",
        base + f"matrix/{study.pk}/trust/",
        base + f"notes/{note.pk}/",
        base + "report/",
    ]
    context, page = _login(browser, live_server, locale)
    problems, statuses = {}, {}
    for path in paths:
        response = page.goto(path)
        statuses[path] = response.status if response else 0
        problems[path] = serious_violations(page)
    context.close()
    assert {p: s for p, s in statuses.items() if s != 200} == {}
    assert {p: v for p, v in problems.items() if v} == {}


def test_completing_the_last_step_by_clicking(browser, live_server):
    demo_load()  # with the coding project and the synthesis across its sites
    synthesis = SynthesisProject.objects.get(title=TITLE)
    context, page = _login(browser, live_server, "en-GB")
    page.goto(f"/observatory/synthesis/{synthesis.pk}/")
    page.get_by_role("link", name="Work on this step").click()
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Save the step").click()
    page.wait_for_url("**/steps/7/")
    assert "Completed by Rune Forsker" in page.content()
    context.close()
    step = Step.objects.get(synthesis=synthesis, number=7)
    assert step.status == "done" and step.completed_by.username == "researcher"
