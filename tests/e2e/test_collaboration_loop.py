"""The collaboration loop in Chromium: NAV refers → child welfare acknowledges and accepts →
a meeting is booked → an action item becomes a plan measure → both see it in the family plan."""

from __future__ import annotations

import re

import pytest

from helhet.demo.services import DEMO_PASSWORD, demo_load
from helhet.people.models import Family, Person
from helhet.tenancy.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MEASURE = "Foreldreveiledning før arbeidsstart"


def login(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def logout(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login/")


def test_referral_to_meeting_to_measure_seen_by_both(page):
    demo_load()
    family = Family.objects.get(name="Familien Lund")  # consents to share with NAV and CWS
    parent = Person.objects.get(
        family_memberships__family=family, family_memberships__role="parent"
    )
    cws_org = Organisation.objects.get(kind="child_welfare")

    # NAV sends the referral from the person's page.
    login(page, "nav.caseworker")
    page.goto(f"/people/{parent.pk}/")
    page.get_by_role("link", name="Send a referral").click()
    page.get_by_label("Refer to").select_option(str(cws_org.pk))
    page.get_by_label("Why is the person referred?").fill(
        "Mor starter i arbeid og ønsker foreldreveiledning."
    )
    page.get_by_label("Work and activity").check()
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_url(re.compile(r".*/referrals/\d+/$"))
    assert page.locator("[data-status]").get_attribute("data-status") == "sent"
    referral_url = page.url
    logout(page)

    # Child welfare finds it in the inbox, acknowledges and accepts it.
    login(page, "cws.caseworker")
    page.goto("/referrals/")
    page.get_by_role("link", name=parent.full_name).first.click()
    page.get_by_role("button", name="Acknowledge").click()
    assert page.locator("[data-status]").get_attribute("data-status") == "acknowledged"
    page.get_by_role("button", name="Accept").click()
    assert page.locator("[data-status]").get_attribute("data-status") == "accepted"
    assert page.url == referral_url
    assert "Aktivitetsplan" in page.locator("main").inner_text()  # shared under consent

    # A family meeting is booked with NAV invited.
    page.goto(f"/meetings/new/?family={family.pk}")
    page.get_by_label("Kind of meeting").select_option("family_meeting")
    page.get_by_label("Title").fill("Familiemøte – Lund")
    page.get_by_label("Starts").fill("2026-12-10T10:00")
    page.get_by_label("Ends").fill("2026-12-10T11:00")
    page.get_by_label("NAV Demovik (stat)").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/meetings/\d+/$"))

    # An action item for child welfare becomes a measure in the family plan.
    page.get_by_label("What is to be done").fill(MEASURE)
    page.get_by_label("Owner").select_option(str(cws_org.pk))
    page.get_by_label("For", exact=False).select_option(str(parent.pk))
    page.get_by_label("Category").select_option("child_welfare")
    page.get_by_role("button", name="Add the action item").click()
    page.get_by_role("button", name=re.compile("Make this a plan measure")).click()
    page.goto(f"/families/{family.pk}/plan/")
    assert MEASURE in page.locator("main").inner_text()
    logout(page)

    # NAV sees the same measure in the same plan: consent covers child welfare for NAV.
    login(page, "nav.caseworker")
    page.goto(f"/families/{family.pk}/")
    page.get_by_role("link", name="Family plan").click()
    assert MEASURE in page.locator("main").inner_text()
