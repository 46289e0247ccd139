"""How reads under the access policy scale: search and family pages over growing data.

Run with `make bench`. Prints the figures; asserts only that query counts stay fixed.
"""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.people.models import Family, FamilyMember, InformationEntry
from helhet.people.selectors import family_get_for, person_search


@pytest.mark.parametrize("persons", [100, 2000])
def test_search_and_family_page(
    persons, make_actor, make_person, involve, consent, orgs, municipality
):
    actor = make_actor("navk")
    people = []
    for i in range(persons):
        p = make_person(f"Navn{i}", "Bench")
        involve("navk", p)
        involve("cws", p)
        InformationEntry.objects.create(
            municipality=municipality,
            person=p,
            organisation=orgs["cws"],
            category="child_welfare",
            title="t",
            text="x",
        )
        people.append(p)
    family = Family.objects.create(municipality=municipality, name="Stor familie")
    for p in people[:8]:
        FamilyMember.objects.create(
            municipality=municipality, family=family, person=p, role="child"
        )
        consent(p, ["navk"], ["child_welfare"])

    timings = {}
    for name, call in (
        ("search", lambda: person_search(actor=actor, query="bench", channel="web", through="b")),
        (
            "family",
            lambda: family_get_for(actor=actor, family_id=family.pk, channel="web", through="b"),
        ),
    ):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            for _ in range(20):
                call()
            elapsed = (time.perf_counter() - start) / 20
        timings[name] = (elapsed * 1000, len(queries) // 20)
    print(
        f"\n{persons} persons on {connection.vendor}: "
        + ", ".join(f"{k} {ms:.1f} ms / {q} queries" for k, (ms, q) in timings.items())
    )
    assert timings["search"][1] == 2 and timings["family"][1] == 7
