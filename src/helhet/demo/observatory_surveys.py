"""The collaboration health survey in the demo: the default instrument, one named round for
the Quebec-style network (May 2026) and two anonymous rounds for the OSK team (spring and
autumn 2026), answered by demo staff and invited extra staff.

The answers are synthetic, drawn from a seeded RNG around a profile per round, shaped after
seed 000: in the OSK team trust is uneven and resources are bargained over (trust borderline,
resources a concern), somewhat better in the autumn; the Quebec network, with its steering
committee, service agreement and shared leadership, is stronger on governance and leadership.
Dates are fixed, so the dataset is the same on every load.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from helhet.demo.collaboration import actor_of
from helhet.networks.selectors import networks_for
from helhet.surveys.answering import answers_submit
from helhet.surveys.models import Item, RoundMode
from helhet.surveys.rounds import invitations_create, round_create
from helhet.surveys.services import instrument_create_default
from helhet.tenancy.models import Organisation, User

OSLO = ZoneInfo("Europe/Oslo")
SEED = 20260315
# How far one respondent sits from the round's profile, and one answer from the respondent.
RESPONDENT_SPREAD = 0.45
ANSWER_SPREAD = 0.7
# The share of statements a respondent leaves out.
SKIPPED = 0.04


@dataclass(frozen=True)
class DemoRound:
    network: str
    title: str
    opens_on: date
    closes_on: date
    mode: str
    staff: tuple[str, ...]
    extra: int  # invited by e-mail, without a login
    answering: int  # how many of the invited answer
    profile: dict[str, float]  # the mean each construct is drawn around


OSK_STAFF = (
    "nav.manager",
    "navs.manager",
    "cws.manager",
    "health.manager",
    "family.coordinator",
    "nav.caseworker",
    "navk.caseworker",
    "cws.caseworker",
    "health.caseworker",
)
NETWORK_STAFF = (
    "nav.manager",
    "health.manager",
    "cws.manager",
    "family.coordinator",
    "volunteer.coordinator",
    "school.caseworker",
    "health.caseworker",
    "navk.caseworker",
)

ROUNDS = (
    DemoRound(
        network="OSK-teamet Demovik",
        title="OSK-teamet, våren 2026",
        opens_on=date(2026, 3, 2),
        closes_on=date(2026, 3, 20),
        mode=RoundMode.ANONYMOUS,
        staff=OSK_STAFF,
        extra=3,
        answering=10,
        profile={
            "governance": 3.25,
            "trust": 3.15,
            "resources": 2.25,
            "culture": 3.3,
            "leadership": 2.95,
        },
    ),
    DemoRound(
        network="Nettverk for unge familier",
        title="Nettverk for unge familier, mai 2026",
        opens_on=date(2026, 5, 4),
        closes_on=date(2026, 5, 29),
        mode=RoundMode.NAMED,
        staff=NETWORK_STAFF,
        extra=4,
        answering=10,
        profile={
            "governance": 4.45,
            "trust": 4.05,
            "resources": 3.25,
            "culture": 3.8,
            "leadership": 4.35,
        },
    ),
    DemoRound(
        network="OSK-teamet Demovik",
        title="OSK-teamet, høsten 2026",
        opens_on=date(2026, 9, 14),
        closes_on=date(2026, 10, 2),
        mode=RoundMode.ANONYMOUS,
        staff=OSK_STAFF,
        extra=3,
        answering=11,
        profile={
            "governance": 3.5,
            "trust": 3.55,
            "resources": 2.55,
            "culture": 3.75,
            "leadership": 3.45,
        },
    ),
)


def _sheet(rng: random.Random, items: Sequence[Item], profile: dict[str, float]) -> dict[int, int]:
    """One synthetic respondent: a personal level per construct around the round's profile,
    each answer around it, reversed for a negatively worded statement."""
    level = {c: mean + rng.gauss(0, RESPONDENT_SPREAD) for c, mean in profile.items()}
    answers: dict[int, int] = {}
    for item in items:
        if rng.random() < SKIPPED:
            continue
        agreement = min(5, max(1, round(level[item.construct] + rng.gauss(0, ANSWER_SPREAD))))
        answers[item.pk] = 6 - agreement if item.reverse else agreement
    return answers


def load_survey_rounds(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("Collaboration survey: the default instrument and three rounds …")
    researcher = actor_of("researcher")
    instrument = instrument_create_default(actor=researcher)
    items = list(instrument.items.all())
    networks = {n.name: n for n in networks_for(researcher)}
    rng = random.Random(SEED)
    for spec in ROUNDS:
        round = round_create(
            actor=researcher,
            instrument_id=instrument.pk,
            network_id=networks[spec.network].pk,
            title=spec.title,
            opens_on=spec.opens_on,
            closes_on=spec.closes_on,
            mode=spec.mode,
            today=spec.opens_on,
        )
        slug = "osk" if spec.network.startswith("OSK") else "ungefamilier"
        links = invitations_create(
            actor=researcher,
            round_id=round.pk,
            user_ids=list(
                User.objects.filter(username__in=spec.staff).values_list("pk", flat=True)
            ),
            emails=[f"deltaker{n}.{slug}@demovik.example" for n in range(1, spec.extra + 1)],
            send_email=False,
            today=spec.opens_on,
        )
        # Who answers is drawn too; the answers come in over the round's first days.
        for index, link in enumerate(rng.sample(links, spec.answering)):
            day = spec.opens_on + timedelta(days=index % 10)
            answers_submit(
                token=link.token,
                answers=_sheet(rng, items, spec.profile),
                now=datetime.combine(day, time(9 + index % 7, 15), tzinfo=OSLO),
            )
        say(f"  {spec.title}: {spec.answering} of {len(links)} answered")
