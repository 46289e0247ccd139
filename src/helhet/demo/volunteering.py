"""Setting 6 in the demo: volunteer activities in care units of four municipalities.

Who coordinates each activity follows the shares the survey of long-term care units reported
(DOMAIN.md): day centres almost always the care unit, food delivery mostly the unit with some
voluntary, social and cultural activities in home care mostly the voluntary organisations,
and about a quarter joint except for day centres. Coordinators are dealt out by largest
remainder over all the units, so the pooled mix comes out as reported, and shuffled with a
fixed seed, so each municipality gets a realistic spread. A few answers are "unsure" or
"varies" (left out, as in the survey), a few activities changed coordinator during the
year (so a unit's mix over time moves), and every activity took place in the last four
weeks before the demo's reference day.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from helhet.demo.collaboration import actor_of
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Organisation, OrganisationKind, Role, Sector
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from helhet.volunteering.services import (
    activity_create,
    care_unit_create,
    occurrence_record,
)

SEED = 4004
# Shares among the counted answers (municipality, voluntary, joint, other), from DOMAIN.md.
TARGET_SHARES: dict[str, dict[str, float]] = {
    "day_centre": {"municipality": 0.95, "voluntary": 0.0, "joint": 0.05, "other": 0.0},
    "food_delivery": {"municipality": 0.62, "voluntary": 0.15, "joint": 0.23, "other": 0.0},
    "cultural_nursing_home": {
        "municipality": 0.49,
        "voluntary": 0.22,
        "joint": 0.25,
        "other": 0.04,
    },
    "cultural_home_care": {"municipality": 0.29, "voluntary": 0.42, "joint": 0.25, "other": 0.04},
    "physical": {"municipality": 0.60, "voluntary": 0.13, "joint": 0.25, "other": 0.02},
    "social": {"municipality": 0.20, "voluntary": 0.51, "joint": 0.25, "other": 0.04},
}
ACTIVITIES_BY_UNIT_TYPE = {
    "nursing_home": ["day_centre", "cultural_nursing_home", "physical", "social"],
    "home_care": ["food_delivery", "cultural_home_care", "physical", "social"],
    "integrated": [
        "day_centre",
        "food_delivery",
        "cultural_nursing_home",
        "cultural_home_care",
        "physical",
        "social",
    ],
    "other": ["physical", "social"],
}
TITLES = {
    "day_centre": "Dagsenter",
    "food_delivery": "Matombringing",
    "cultural_nursing_home": "Kulturkveld",
    "cultural_home_care": "Kulturbesøk hjemme",
    "physical": "Trimgruppe",
    "social": "Sosialt treff",
    "visiting_service": "Besøkstjeneste",
}
# Setting 6 in Demovik itself: named activities, with the coordinators they are known for.
DEMOVIK_ACTIVITIES = [
    ("nursing", "day_centre", "Dagsenter for hjemmeboende", "municipality"),
    ("homecare", "food_delivery", "Middagslevering", "municipality"),
    ("homecare", "food_delivery", "Matombringing i helgene", "voluntary"),
    ("nursing", "cultural_nursing_home", "Allsang i fellesstua", "joint"),
    ("nursing", "cultural_nursing_home", "Konsert med skolekorpset", "municipality"),
    ("homecare", "cultural_home_care", "Høytlesning hjemme", "voluntary"),
    ("nursing", "physical", "Trim for beboere", "municipality"),
    ("homecare", "physical", "Turgruppe", "joint"),
    ("nursing", "social", "Tur til fjorden", "voluntary"),
    ("homecare", "social", "Kaffetreff", "voluntary"),
    ("nursing", "visiting_service", "Besøksvenner", "voluntary"),
    ("homecare", "social", "Julebord", "unsure"),
]
# (number, name, [(unit name, unit type), …]); 99xx numbers belong to no real municipality.
MUNICIPALITIES = [
    (
        "9903",
        "Fjellbygd",
        [
            ("Fjellbygd sjukeheim, avdeling 1", "nursing_home"),
            ("Fjellbygd sjukeheim, avdeling 2", "nursing_home"),
            ("Fjellbygd sjukeheim, skjermet avdeling", "nursing_home"),
            ("Heimetenesta Fjellbygd aust", "home_care"),
            ("Heimetenesta Fjellbygd vest", "home_care"),
            ("Fjellbygd helsetun", "integrated"),
        ],
    ),
    (
        "9904",
        "Kystby",
        [
            ("Kystby sykehjem, Havblikk", "nursing_home"),
            ("Kystby sykehjem, Fyrlykta", "nursing_home"),
            ("Kystby sykehjem, Bryggen", "nursing_home"),
            ("Kystby sykehjem, Moloen", "nursing_home"),
            ("Kystby sykehjem, korttid", "nursing_home"),
            ("Hjemmetjenesten Kystby sentrum", "home_care"),
            ("Hjemmetjenesten Kystby nord", "home_care"),
            ("Hjemmetjenesten Kystby sør", "home_care"),
            ("Hjemmetjenesten Kystby øyene", "home_care"),
            ("Kystby omsorgsboliger", "other"),
        ],
    ),
    (
        "9905",
        "Elvedal",
        [
            ("Elvedal sykehjem, Bjørka", "nursing_home"),
            ("Elvedal sykehjem, Rogna", "nursing_home"),
            ("Elvedal sykehjem, Selja", "nursing_home"),
            ("Elvedal sykehjem, Hegg", "nursing_home"),
            ("Hjemmetjenesten Elvedal øvre", "home_care"),
            ("Hjemmetjenesten Elvedal nedre", "home_care"),
            ("Hjemmetjenesten Elvedal midt", "home_care"),
            ("Elvedal helsehus", "integrated"),
            ("Elvedal bofellesskap", "other"),
        ],
    ),
]
# Late summer, and the four weeks before the demo's reference day (23 November 2026).
OCCURRENCE_DAYS = (date(2026, 8, 25), date(2026, 11, 3))
EARLIER_COORDINATOR = {"joint": "municipality", "voluntary": "joint"}


@dataclass
class _Slot:
    """One survey answer to deal a coordinator to: a unit doing an activity."""

    actor: Actor
    unit_id: int
    category: str
    voluntary_id: int
    coordinator: str = ""


def _largest_remainder(shares: dict[str, float], total: int) -> Counter[str]:
    exact = {c: s * total for c, s in shares.items()}
    counts = Counter({c: int(v) for c, v in exact.items()})
    for c in sorted(exact, key=lambda c: (exact[c] - int(exact[c]), shares[c]), reverse=True)[
        : total - sum(counts.values())
    ]:
        counts[c] += 1
    return counts


def _deal(slots: list[_Slot], existing: Counter[tuple[str, str]], rng: random.Random) -> None:
    """Give each slot a coordinator so that, with the existing answers, every activity's mix
    is the target's largest-remainder rounding."""
    for category, shares in TARGET_SHARES.items():
        mine = [s for s in slots if s.category == category]
        already = Counter({c: n for (cat, c), n in existing.items() if cat == category})
        target = _largest_remainder(shares, len(mine) + sum(already.values()))
        deck: list[str] = []
        for coordinator in shares:
            deck += [coordinator] * max(0, target[coordinator] - already[coordinator])
        # Existing answers may overshoot one coordinator; the deck is topped up from the
        # largest share so every slot gets one.
        largest = max(shares, key=lambda c: shares[c])
        deck = (deck + [largest] * len(mine))[: len(mine)]
        rng.shuffle(deck)
        for slot, coordinator in zip(mine, deck, strict=True):
            slot.coordinator = coordinator


def _leader(municipality_number: str, name: str, orgs: list[Organisation]) -> Iterator[Actor]:
    user = staff_create(
        actor=None,
        username=f"ltc.{name.lower()}",
        password=f"unused-{municipality_number}-{SEED}",
        first_name="Leder",
        last_name=f"omsorg {name}",
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    for org in orgs:
        membership = membership_create(actor=None, user=user, organisation=org, role=Role.MANAGER)
        yield Actor(
            user=user,
            membership=Membership.objects.select_related("organisation").get(pk=membership.pk),
        )


def _occurrences(actor: Actor, activity_id: int, index: int, coordinator: str) -> None:
    """Every activity took place in the last four weeks; every other one in late summer as
    well, some of those then under a different coordinator."""
    earlier = EARLIER_COORDINATOR.get(coordinator) if index % 6 == 0 else None
    days = OCCURRENCE_DAYS if index % 2 == 0 else OCCURRENCE_DAYS[1:]
    for n, day in enumerate(days):
        occurrence_record(
            actor=actor,
            activity_id=activity_id,
            date=day + timedelta(days=index % 9),
            participants=4 + (index + n) % 9,
            volunteers=1 + (index + n) % 4,
            hours=Decimal("1.5") + Decimal(index % 3),
            coordinator=earlier if earlier and n == 0 and len(days) == 2 else None,
        )


def load_volunteering(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("Volunteer activities in care units of four municipalities …")
    rng = random.Random(SEED)
    leaders = {"nursing": actor_of("nursinghome.leader"), "homecare": actor_of("homecare.leader")}
    demovik_units = {
        "nursing": care_unit_create(
            actor=leaders["nursing"],
            name="Demovik sykehjem, avdeling Fjordly",
            unit_type="nursing_home",
        ),
        "homecare": care_unit_create(
            actor=leaders["homecare"], name="Hjemmetjenesten sone Nord", unit_type="home_care"
        ),
    }
    answers: dict[tuple[str, str], set[str]] = {}
    for index, (key, category, title, coordinator) in enumerate(DEMOVIK_ACTIVITIES):
        activity = activity_create(
            actor=leaders[key],
            care_unit_id=demovik_units[key].pk,
            category=category,
            title=title,
            coordinator=coordinator,
            voluntary_organisation_id=orgs["voluntary"].pk,
        )
        answers.setdefault((key, category), set()).add(coordinator)
        _occurrences(leaders[key], activity.pk, index + 1, coordinator)
    # The survey has one answer per unit and activity: a unit whose activities of a kind had
    # different coordinators answers "varies", which is left out like "unsure".
    existing: Counter[tuple[str, str]] = Counter()
    for (_key, category), coordinators in answers.items():
        (only,) = coordinators if len(coordinators) == 1 else ("varies",)
        if only in TARGET_SHARES.get(category, {}):
            existing[(category, only)] += 1

    slots: list[_Slot] = []
    extra_units = [
        ("Demovik sykehjem, avdeling Lia", "nursing_home", leaders["nursing"], orgs["voluntary"]),
        ("Hjemmetjenesten sone Sør", "home_care", leaders["homecare"], orgs["voluntary"]),
    ]
    for number, name, units in MUNICIPALITIES:
        municipality = municipality_create(actor=None, number=number, name=name)

        spec = [
            (f"{name} kommune, sykehjem", OrganisationKind.NURSING_HOME, Sector.PUBLIC),
            (f"{name} kommune, hjemmetjenester", OrganisationKind.HOME_CARE, Sector.PUBLIC),
            (f"Frivilligsentralen {name}", OrganisationKind.VOLUNTARY, Sector.NON_PROFIT),
            (f"{name} sanitetsforening", OrganisationKind.VOLUNTARY, Sector.NON_PROFIT),
        ]
        nursing, homecare, *voluntary = [
            organisation_create(
                actor=None, municipality=municipality, name=org_name, kind=kind, sector=sector
            )
            for org_name, kind, sector in spec
        ]
        nursing_actor, homecare_actor = _leader(number, name, [nursing, homecare])
        for i, (unit_name, unit_type) in enumerate(units):
            actor = homecare_actor if unit_type == "home_care" else nursing_actor
            extra_units.append((unit_name, unit_type, actor, voluntary[i % 2]))

    for i, (unit_name, unit_type, actor, voluntary_org) in enumerate(extra_units):
        unit = care_unit_create(actor=actor, name=unit_name, unit_type=unit_type)
        for category in ACTIVITIES_BY_UNIT_TYPE[unit_type]:
            # Not every nursing home runs a day centre, and not every unit every activity.
            if (category == "day_centre" and i % 3 == 2) or (category == "physical" and i % 4 == 3):
                continue
            slots.append(_Slot(actor, unit.pk, category, voluntary_org.pk))
        if i % 5 == 0:
            slots.append(_Slot(actor, unit.pk, "visiting_service", voluntary_org.pk, "voluntary"))
        if i % 7 == 3:  # an answer the survey leaves out: the unit's social activity
            social = next(s for s in slots if s.unit_id == unit.pk and s.category == "social")
            social.coordinator = "varies" if i % 2 else "unsure"

    _deal([s for s in slots if not s.coordinator], existing, rng)
    for index, slot in enumerate(slots):
        activity = activity_create(
            actor=slot.actor,
            care_unit_id=slot.unit_id,
            category=slot.category,
            title=TITLES[slot.category],
            coordinator=slot.coordinator,
            voluntary_organisation_id=slot.voluntary_id,
        )
        _occurrences(slot.actor, activity.pk, index, slot.coordinator)
