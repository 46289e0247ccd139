"""The demo's stand-in population register (``settings.POPULATION_REGISTER_FILE``)."""

from __future__ import annotations

import random
from datetime import date

from django.conf import settings

from helhet.people import national_id as nid
from helhet.people.models import Person, Relation, RelationKind
from helhet.people.register import RegisterRecord, register_file_write
from helhet.tenancy.models import Municipality

# People of Demovik the population register knows and Helhet does not (yet): a caseworker can
# register them with their national ID and name, as with a real register look-up.
REGISTER_ONLY = [
    ("Eva", "Eriksen", date(1991, 4, 17)),
    ("Jonas", "Eriksen", date(2015, 9, 2)),
    ("Oskar", "Olsen", date(1978, 11, 23)),
]


def demo_register_write(*, municipality_number: str, seed: int) -> None:
    """Write the stand-in population register: every demo person with their guardians, and a
    few residents Helhet does not hold yet."""
    municipality = Municipality.objects.filter(number=municipality_number).first()
    if municipality is None:
        return
    guardians: dict[int, list[str]] = {}
    for child_id, guardian_nid in Relation.objects.filter(
        municipality=municipality, kind=RelationKind.GUARDIAN
    ).values_list("person_id", "relative__national_id"):
        guardians.setdefault(child_id, []).append(guardian_nid)
    records = [
        RegisterRecord(
            national_id=p.national_id,
            given_name=p.given_name,
            family_name=p.family_name,
            municipality=municipality.number,
            guardians=tuple(sorted(guardians.get(p.pk, []))),
        )
        for p in Person.objects.filter(municipality=municipality).order_by("pk")
    ]
    rng = random.Random(seed + 1)
    extra = [
        (nid.synthetic_for(birth, rng), given, family, birth)
        for given, family, birth in REGISTER_ONLY
    ]
    eva = extra[0][0]
    for national_id, given, family, birth in extra:
        records.append(
            RegisterRecord(
                national_id=national_id,
                given_name=given,
                family_name=family,
                municipality=municipality.number,
                guardians=(eva,) if birth.year >= 2008 else (),
            )
        )
    register_file_write(settings.POPULATION_REGISTER_FILE, records)
