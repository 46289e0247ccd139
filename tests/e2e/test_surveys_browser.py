"""In Debian Chromium: the survey pages of the demo pass axe (no serious or critical
violation) in bokmål and English, and a respondent answers at a personal link with the
keyboard-reachable radio buttons, saves, comes back and submits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from helhet.demo.collaboration import actor_of
from helhet.demo.services import DEMO_PASSWORD, demo_load
from helhet.networks.models import Network
from helhet.surveys import rounds
from helhet.surveys.models import Instrument, Invitation, Round
from tests.e2e.test_browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _demo() -> None:
    demo_load()  # with the survey rounds


def test_survey_pages_have_no_serious_accessibility_violations(browser, live_server):
    _demo()
    # axe is injected as a script, which the strict CSP would rightly refuse.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", "researcher")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/")
    spring = Round.objects.get(title="OSK-teamet, våren 2026")
    named = Round.objects.get(mode="named")
    instrument = Instrument.objects.get()
    urls = [
        "/observatory/surveys/",
        f"/observatory/surveys/instruments/{instrument.pk}/",
        "/observatory/surveys/instruments/new/",
        "/observatory/surveys/rounds/new/",
        f"/observatory/surveys/rounds/{named.pk}/",
        f"/observatory/surveys/rounds/{named.pk}/results/",
        f"/observatory/surveys/rounds/{spring.pk}/results/",
        f"/observatory/surveys/networks/{spring.network_id}/",
        "/observatory/surveys/compare/",
    ]
    problems = {}
    for language in ("nb", "en"):
        if language == "en":
            page.locator("button[name=language][value=en]").click()
            page.wait_for_load_state()
        for url in urls:
            page.goto(url)
            assert page.locator("h1").count() == 1, url
            problems[f"{language} {url}"] = serious_violations(page)
    # The chart loads as an image beside its table.
    page.goto(f"/observatory/surveys/rounds/{named.pk}/results/")
    width = page.locator("img.chart").evaluate("img => img.naturalWidth")
    assert width > 0
    context.close()
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}


def test_respondent_answers_saves_and_submits_in_the_browser(browser, live_server):
    _demo()
    researcher = actor_of("researcher")
    today = timezone.localdate()
    round = rounds.round_create(
        actor=researcher,
        instrument_id=Instrument.objects.get().pk,
        network_id=Network.objects.get(name="OSK-teamet Demovik").pk,
        title="OSK-teamet, vinteren",
        opens_on=today,
        closes_on=today + timedelta(days=10),
        mode="anonymous",
    )
    (link,) = rounds.invitations_create(
        actor=researcher, round_id=round.pk, emails=["test@demovik.example"], send_email=False
    )
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB")
    page = context.new_page()
    path = link.url.split("://", 1)[1].split("/", 1)[1]
    page.goto("/" + path)
    assert serious_violations(page) == []
    first = page.get_by_role("group").first
    first.get_by_label("4 – Agree").check()
    page.get_by_role("group").nth(1).get_by_label("2 – Disagree").check()
    page.get_by_role("button", name="Save and finish later").click()
    page.wait_for_url("**?saved=1")
    page.goto("/" + path)  # back with the same link: the answers are there
    assert page.get_by_role("group").first.get_by_label("4 – Agree").is_checked()
    page.get_by_role("group").nth(2).get_by_label("5 – Strongly agree").check()
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Your answers were submitted.").wait_for()
    invitation = Invitation.objects.get(pk=link.invitation.pk)
    assert invitation.answered and invitation.draft == {}
    assert round.anonymous_submissions.get().answers.count() == 3
    context.close()
