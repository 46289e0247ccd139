"""Min side: the person's access log and the copy of their data."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from helhet.audit.models import AccessEvent, Channel
from helhet.people.selectors import person_get_for
from helhet.portal.access_log import access_log_for
from helhet.portal.data_copy import data_copy_for
from helhet.portal.policies import subject_for
from tests.portal.support import THROUGH, sign_in

pytestmark = pytest.mark.django_db


def test_the_guardian_does_not_see_reads_of_the_youths_health(family, today):
    person_get_for(
        actor=family["health"],
        person_id=family["youth"].pk,
        channel=Channel.WEB,
        through="GET web:person_detail",
    )
    as_guardian = subject_for(family["parent"], family["youth"], today)
    assert as_guardian is not None
    log = access_log_for(subject=as_guardian, through=THROUGH)
    assert all(line.organisation != "Helse og velferd Testvik" for line in log.lines)
    youth = subject_for(family["youth"], family["youth"], today)
    assert youth is not None
    log = access_log_for(subject=youth, through=THROUGH)
    assert any(line.organisation == "Helse og velferd Testvik" for line in log.lines)


def test_the_access_log_shows_reads_by_nav_and_child_welfare(family, today, client):
    parent = family["parent"]
    person_get_for(
        actor=family["nav"],
        person_id=parent.pk,
        channel=Channel.WEB,
        through="GET web:person_detail",
    )
    person_get_for(
        actor=family["cws"],
        person_id=parent.pk,
        channel=Channel.WEB,
        through="GET web:person_detail",
    )
    subject = subject_for(parent, parent, today)
    assert subject is not None
    with translation.override("en"):
        log = access_log_for(subject=subject, through=THROUGH)
        sentences = [line.sentence() for line in log.lines]
    assert any(
        "NAV Testvik (stat)" in s and "child welfare" in s and "your page in Helhet" in s
        for s in sentences
    )
    assert any("Barnevernet Testvik" in s for s in sentences)
    # Filtered by organisation, then as CSV.
    sign_in(client, parent)
    nav_id = family["nav"].organisation_id
    page = client.get(f"/min-side/{parent.pk}/access-log/?organisation={nav_id}").content.decode()
    assert "NAV Testvik (stat)" in page and "Barnevernet Testvik saw" not in page
    csv = client.get(f"/min-side/{parent.pk}/access-log.csv").content.decode()
    assert "NAV Testvik (stat)" in csv and "Barnevernet Testvik" in csv


def test_the_access_log_is_paginated(family, client):
    parent = family["parent"]
    for _ in range(30):
        person_get_for(actor=family["nav"], person_id=parent.pk, channel=Channel.WEB, through="t")
    sign_in(client, parent)
    page = client.get(
        f"/min-side/{parent.pk}/access-log/?organisation={family['nav'].organisation_id}"
    )
    assert page.context["page"].paginator.num_pages == 2
    assert page.context["total"] == 30


def test_a_copy_of_my_data_as_json_and_pdf(family, client):
    parent = family["parent"]
    sign_in(client, parent)
    copy = json.loads(client.get(f"/min-side/{parent.pk}/my-data.json").content)
    assert copy["person"]["national_id"] == parent.national_id
    assert [e["title"] for e in copy["information"]] == ["Undersøkelse"]
    assert copy["consents"][0]["shared_with"] == ["NAV Testvik (stat)"]
    pdf = client.get(f"/min-side/{parent.pk}/my-data.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_a_copy_of_my_data_is_one_read_in_the_log(family, today):
    subject = subject_for(family["parent"], family["parent"], today)
    assert subject is not None
    before = AccessEvent.objects.filter(role="person").count()
    data_copy_for(subject=subject, through="GET portal:data_json")
    events = list(AccessEvent.objects.filter(role="person").order_by("id")[before:])
    assert len(events) == 1
    assert {"data_copy", "child_welfare", "consent"} <= set(events[0].categories)


def test_the_access_log_page_runs_a_bounded_number_of_queries(
    family, client, django_assert_max_num_queries
):
    parent = family["parent"]
    sign_in(client, parent)
    url = f"/min-side/{parent.pk}/access-log/"

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        person_get_for(actor=family["nav"], person_id=parent.pk, channel=Channel.WEB, through="t")
    few = count()
    for _ in range(20):
        person_get_for(actor=family["cws"], person_id=parent.pk, channel=Channel.WEB, through="t")
    assert count() == few
    with django_assert_max_num_queries(20):
        client.get(url)
