"""The transition pages: list, plan form, settings; CSP and no inline script."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from helhet.tenancy.models import Role
from helhet.transitions.ages import birthday_at
from helhet.transitions.models import TransitionPlan, TransitionSettings
from helhet.transitions.services import transition_plan_create
from tests.transitions.conftest import born_turning

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


def assert_strict_page(response):
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert " style=" not in html and "<style" not in html


@pytest.fixture
def youths(youth, today):
    return {
        "overdue": youth(born_turning(18, today - timedelta(days=20)), given="Overdue"),
        "soon": youth(born_turning(18, today + timedelta(days=40)), given="Soon"),
    }


def test_the_list_marks_overdue_youths_with_text(web, youths):
    c = web("cws")
    response = c.get(reverse("web:transition_list"))
    assert response.status_code == 200
    assert_strict_page(response)
    html = response.content.decode()
    assert "Overdue: 18 without a plan" in html and "No plan yet" in html
    assert html.index("Overdue Person") < html.index("Soon Person")
    assert 'data-flagged="true"' in html
    assert reverse("web:transition_plan_create", args=[youths["soon"].pk]) in html


def test_nav_without_consent_sees_an_empty_list(web, youths, involve):
    involve("nav", youths["soon"])
    c = web("nav")
    html = c.get(reverse("web:transition_list")).content.decode()
    assert "Soon Person" not in html and "No youths to list." in html


def test_administrator_sees_settings_link_but_no_youths(web, youths):
    c = web("cws", Role.ADMINISTRATOR)
    response = c.get(reverse("web:transition_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overdue Person" not in html
    assert reverse("web:transition_settings") in html


def test_make_a_plan_through_the_form(web, youths, orgs):
    c = web("cws")
    person = youths["soon"]
    url = reverse("web:transition_plan_create", args=[person.pk])
    page = c.get(url)
    assert page.status_code == 200
    assert_strict_page(page)
    too_late = birthday_at(person.birth_date, 26).isoformat()
    refused = c.post(url, {"aftercare": "True", "aftercare_until": too_late, "notes": ""})
    assert refused.status_code == 400
    assert "Aftercare can run at most until" in refused.content.decode()
    assert not TransitionPlan.objects.exists()
    saved = c.post(url, {"aftercare": "True", "taking_over": orgs["navk"].pk, "notes": "Plan"})
    plan = TransitionPlan.objects.get()
    assert saved.status_code == 302
    assert saved.url == reverse("web:transition_plan_detail", args=[plan.pk])
    assert plan.taking_over == orgs["navk"] and plan.responsible == c.actor.user
    # Once made, the form for a new plan leads to the plan.
    assert c.get(url).url == saved.url


def test_edit_a_plan(web, youths):
    c = web("cws")
    plan = transition_plan_create(actor=c.actor, person_id=youths["soon"].pk)
    url = reverse("web:transition_plan_detail", args=[plan.pk])
    page = c.get(url)
    assert page.status_code == 200
    assert_strict_page(page)
    assert f'value="{plan.starts_on.isoformat()}"' in page.content.decode()
    response = c.post(url, {"aftercare": "False", "notes": "Uten ettervern"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert not plan.aftercare and plan.aftercare_until is None and plan.notes == "Uten ettervern"


def test_the_organisation_taking_over_reads_the_plan(web, make_actor, youths, orgs):
    cws = make_actor("cws")
    plan = transition_plan_create(
        actor=cws, person_id=youths["soon"].pk, taking_over_id=orgs["navk"].pk
    )
    c = web("navk")
    listing = c.get(reverse("web:transition_list")).content.decode()
    assert "Soon Person" in listing and "Your organisation takes over" in listing
    assert "Overdue Person" not in listing
    url = reverse("web:transition_plan_detail", args=[plan.pk])
    page = c.get(url)
    assert (
        page.status_code == 200 and '<form method="post" class="stack' not in page.content.decode()
    )
    assert c.post(url, {"aftercare": "False"}).status_code == 403
    assert web("school").get(url).status_code == 404


def test_pages_for_a_youth_we_may_not_see_are_404(web, youths, involve):
    involve("nav", youths["soon"])
    c = web("nav")
    response = c.get(reverse("web:transition_plan_create", args=[youths["soon"].pk]))
    assert response.status_code == 404


def test_settings_page_for_managers_only(web, municipality):
    manager = web("navk", Role.MANAGER)
    url = reverse("web:transition_settings")
    page = manager.get(url)
    assert page.status_code == 200
    assert_strict_page(page)
    response = manager.post(url, {"horizon_months": "9", "aftercare_until_age": "24"})
    assert response.status_code == 302
    conf = TransitionSettings.objects.get(municipality=municipality)
    assert (conf.horizon_months, conf.aftercare_until_age) == (9, 24)
    assert (
        manager.post(url, {"horizon_months": "0", "aftercare_until_age": "24"}).status_code == 400
    )
    assert web("cws").get(url).status_code == 403
