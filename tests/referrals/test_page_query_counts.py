"""The inbox and the family pages cost the same number of queries with 10 or 1,000 referrals."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from helhet.people.models import Family, FamilyMember
from helhet.referrals.models import Referral


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def setup(parties, orgs, municipality, involve):
    person = parties["person"]
    involve("cws", person)
    family = Family.objects.create(municipality=municipality, name="Familien Henvist")
    FamilyMember.objects.create(
        municipality=municipality, family=family, person=person, role="parent"
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(parties["cws"].user)

    def grow_to(n: int) -> None:
        missing = n - Referral.objects.count()
        Referral.objects.bulk_create(
            Referral(
                municipality_id=person.municipality_id,
                person=person,
                from_organisation=orgs["nav"],
                to_organisation=orgs["cws"],
                reason="r",
                categories=["work_activity"],
                deadline=person.birth_date,
                sent_by=parties["nav"].user,
            )
            for _ in range(missing)
        )

    return client, family, grow_to


@pytest.mark.parametrize("page", ["/referrals/", "/", "family", "plan"])
def test_same_query_count_with_10_and_1000_referrals(setup, page):
    client, family, grow_to = setup
    url = {"family": f"/families/{family.pk}/", "plan": f"/families/{family.pk}/plan/"}.get(
        page, page
    )
    grow_to(10)
    client.get(url)  # warm per-request caches (session, content types)
    small = _queries(client, url)
    grow_to(1000)
    large = _queries(client, url)
    assert small == large, (page, small, large)
