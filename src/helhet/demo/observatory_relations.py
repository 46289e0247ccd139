"""The observatory's relationship networks and network registry in the demo.

Rating rounds for the OSK team (setting 1) and the network for young families (setting 3),
shaped by what seed 000 reports: in the OSK team trust is uneven (municipal partners are wary
of NAV state, which they rate high on power and resources; both NAV halves find child welfare
little open to discussion), while the Quebec-style network trusts more evenly and highly. In
the network, NAV municipal and the volunteer centre (who share the financial counselling in
the network's agreement) say they work together every week, but the platform holds no
referral or shared meeting between them: the stated-only arcs of the comparison.
Information forms in the registry for the OSK team, the four Action teams and the network.
Fixed answers and dates, and one fixed seed, give the same data on every load.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from helhet.demo.collaboration import actor_of
from helhet.networks.models import Network, NetworkMember
from helhet.networks.services import representative_add
from helhet.registry.models import RegistryEntry, Setting
from helhet.registry.services import entry_create, entry_update, funding_add
from helhet.relations.models import Frequency, RatingRound
from helhet.relations.services import RatingSpec, ratings_submit, round_close, round_create
from helhet.tenancy.models import Organisation

SEED = 20260101
OSK = "OSK-teamet Demovik"
FAMILIES = "Nettverk for unge familier"
ACTION_TEAMS = ("Sentrum", "Nord", "Sør", "Vest")

# Who answers for each organisation: a manager or coordinator, or (the school) a caseworker
# named as the school's representative in the network.
RATERS = {
    "nav_municipal": "nav.manager",
    "nav_state": "navs.manager",
    "cws": "cws.manager",
    "health": "health.manager",
    "voluntary": "volunteer.coordinator",
    "school": "school.caseworker",
}

F = Frequency
Trust = tuple[int, int, int]  # reliable, supports the mission, open to discussion
Value = tuple[int, int, int]  # power or influence, involvement, resources

# OSK team: rater → rated: (how often, trust, value).
OSK_RATINGS: dict[str, dict[str, tuple[int, Trust, Value]]] = {
    "nav_municipal": {
        "nav_state": (F.WEEKLY, (3, 2, 3), (4, 4, 4)),
        "cws": (F.MONTHLY, (3, 3, 2), (3, 3, 3)),
        "health": (F.MONTHLY, (3, 3, 3), (3, 3, 2)),
    },
    "nav_state": {
        "nav_municipal": (F.WEEKLY, (3, 3, 3), (3, 4, 3)),
        "cws": (F.QUARTERLY, (2, 3, 1), (3, 2, 2)),
        "health": (F.QUARTERLY, (3, 3, 2), (2, 2, 2)),
    },
    "cws": {
        "nav_municipal": (F.MONTHLY, (3, 3, 3), (3, 3, 3)),
        "nav_state": (F.QUARTERLY, (2, 2, 2), (4, 2, 4)),
        "health": (F.MONTHLY, (3, 4, 3), (3, 3, 2)),
    },
    "health": {
        "nav_municipal": (F.MONTHLY, (3, 3, 3), (3, 3, 2)),
        "nav_state": (F.YEARLY, (2, 2, 2), (4, 2, 4)),
        "cws": (F.MONTHLY, (3, 3, 2), (3, 3, 3)),
    },
}

# The network for young families: how often; trust and value are drawn high (3–4) with the
# seed, every organisation rating every other.
FAMILIES_FREQUENCY: dict[str, dict[str, int]] = {
    "health": {"nav_municipal": F.MONTHLY, "cws": F.MONTHLY, "school": F.QUARTERLY,
               "voluntary": F.QUARTERLY},
    "nav_municipal": {"health": F.MONTHLY, "cws": F.MONTHLY, "school": F.YEARLY,
                      "voluntary": F.WEEKLY},
    "cws": {"health": F.MONTHLY, "nav_municipal": F.MONTHLY, "school": F.QUARTERLY,
            "voluntary": F.YEARLY},
    "school": {"health": F.QUARTERLY, "nav_municipal": F.YEARLY, "cws": F.QUARTERLY,
               "voluntary": F.MONTHLY},
    "voluntary": {"health": F.QUARTERLY, "nav_municipal": F.WEEKLY, "cws": F.YEARLY,
                  "school": F.MONTHLY},
}  # fmt: skip


def _spec(org: Organisation, frequency: int, trust: Trust, value: Value) -> RatingSpec:
    return RatingSpec(
        organisation_id=org.pk,
        frequency=frequency,
        reliable=trust[0],
        supports_mission=trust[1],
        open_to_discussion=trust[2],
        influence=value[0],
        involvement=value[1],
        resources=value[2],
    )


def _school_represents(network: Network, orgs: dict[str, Organisation]) -> None:
    member = NetworkMember.objects.get(network=network, organisation=orgs["school"])
    representative_add(
        actor=actor_of("nav.manager"),
        network_id=network.pk,
        member_id=member.pk,
        user_id=actor_of("school.caseworker").user.pk,
        title="Rådgiver, kontakt for nettverket",
    )


def load_relationship_ratings(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("Relationship networks: rating rounds for the OSK team and the family network …")
    researcher = actor_of("researcher")
    osk = Network.objects.get(name=OSK)
    families = Network.objects.get(name=FAMILIES)
    if RatingRound.objects.filter(network__in=[osk, families]).exists():
        return
    osk_round = round_create(
        actor=researcher,
        network_id=osk.pk,
        title="Relasjonskartlegging OSK-teamet høsten 2026",
        opens_on=date(2026, 10, 1),
        closes_on=date(2026, 12, 31),
    )
    for rater, given in OSK_RATINGS.items():
        ratings_submit(
            actor=actor_of(RATERS[rater]),
            round_id=osk_round.pk,
            ratings=[_spec(orgs[k], *answer) for k, answer in given.items()],
        )
    # Everyone answered, so the round was closed before its last day.
    round_close(actor=researcher, round_id=osk_round.pk)

    _school_represents(families, orgs)
    families_round = round_create(
        actor=researcher,
        network_id=families.pk,
        title="Relasjonskartlegging Nettverk for unge familier 2026",
        opens_on=date(2026, 11, 2),
        closes_on=date(2026, 12, 31),
    )
    rng = random.Random(SEED)
    for rater, frequencies in FAMILIES_FREQUENCY.items():
        specs = []
        for rated, frequency in frequencies.items():
            trust = (rng.choice((3, 4, 4)), rng.choice((3, 4, 4)), rng.choice((3, 4)))
            value = (rng.choice((2, 3, 3, 4)), rng.choice((3, 3, 4)), rng.choice((2, 3, 4)))
            specs.append(_spec(orgs[rated], frequency, trust, value))
        ratings_submit(actor=actor_of(RATERS[rater]), round_id=families_round.pk, ratings=specs)


# Network name → (year created, notes). Every demo network is in the city: urban.
REGISTRY_FORMS: dict[str, tuple[int, str]] = {
    OSK: (
        2025,
        "Mandatert team for saker som trenger flere tjenester; regulert av samarbeidsavtalen "
        "mellom kommunen og NAV. Ingen felles beslutningsstruktur: hver etat leverer egne "
        "tiltak.",
    ),
    **{
        f"Aksjonsteam {district}": (
            2025,
            "Ad hoc-team mot frafall i videregående skole; bredere sammensatt enn mandatet "
            "krever, lav terskel, «vi teller ikke tall».",
        )
        for district in ACTION_TEAMS
    },
    FAMILIES: (
        2024,
        "Styringsgruppe av partnernes ledere, rådgivende lokalt rundebord og et fagteam; "
        "delt ledelse; finansiert fra flere kilder, ansatte omdisponert fra partnerne.",
    ),
}


def load_registry(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("Network registry: information forms for the OSK team, Action teams and network …")
    researcher = actor_of("researcher")
    for name, (year, notes) in REGISTRY_FORMS.items():
        network = Network.objects.get(name=name)
        if RegistryEntry.objects.filter(network=network).exists():
            continue
        entry = entry_create(actor=researcher, network_id=network.pk)
        sponsor = entry.sponsor_id
        if name == FAMILIES:
            # A network led by the health and welfare services, as the CSSS led in Quebec.
            sponsor = orgs["health"].pk
        entry_update(
            actor=researcher,
            entry_id=entry.pk,
            sponsor_id=sponsor,
            year_created=year,
            setting=Setting.URBAN,
            target_population=entry.target_population,
            objectives=entry.objectives,
            governance_bodies=entry.governance_bodies,
            notes=notes,
        )
        if name == "Aksjonsteam Sentrum":
            funding_add(
                actor=researcher,
                entry_id=entry.pk,
                source="Bydelsmidler, Sentrum",
                amount=Decimal("150000"),
                period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31),
            )
