"""Settings 1 and 2 in the demo: a case conference of the OSK team turned into a joint
intervention plan, and an Action team against school drop-out in each of the city's four
districts, with meetings whose attendance shows who keeps coming and who stopped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from helhet.agreements.services.agreements import StepSpec, agreement_create, agreement_sign
from helhet.demo.collaboration import actor_of
from helhet.meetings.action_items import action_item_add
from helhet.meetings.models import Participant
from helhet.meetings.services import attendance_record, minutes_update
from helhet.networks.case_conferences import case_conference_book, joint_plan_make
from helhet.networks.models import (
    LeadershipModel,
    Lifecycle,
    MemberRole,
    Network,
    NetworkKind,
    NetworkType,
)
from helhet.networks.services import (
    mandate_set,
    member_add,
    network_create,
    network_meeting_book,
    network_status_change,
    objective_add,
)
from helhet.people.models import Person
from helhet.tenancy.models import Organisation

OSLO = ZoneInfo("Europe/Oslo")


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=OSLO)


def load_osk_case_conference(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    """A mother with open-ended consent to every agency of the team is discussed; each agency
    takes on its own measures, which become her family's joint plan."""
    say("The OSK team's agreement, a case conference and its joint intervention plan …")
    caseworker = actor_of("navk.caseworker")
    team = Network.objects.get(name="OSK-teamet Demovik")
    network_status_change(actor=actor_of("nav.manager"), network_id=team.pk, status="operating")
    agreement = agreement_create(
        actor=actor_of("nav.manager"),
        title="Samarbeidsavtale Demovik kommune–NAV om OSK-teamet",
        party_ids=[orgs[k].pk for k in ("nav_municipal", "nav_state", "cws", "health")],
        goals="Personer med sammensatte behov får én felles tiltaksplan; hver etat leverer "
        "sine egne tiltak og rapporterer til teamet.",
        operational_plan="Drøftingsmøte annenhver onsdag; saker meldes inn med samtykke "
        "eller drøftes anonymt.",
        steps=[
            StepSpec(orgs["nav_municipal"].pk, "Melder saken inn til teamet"),
            StepSpec(
                orgs["cws"].pk,
                "Vurderer behov for tiltak i familien",
                to_organisation_id=orgs["health"].pk,
                referral_deadline_working_days=5,
            ),
        ],
        review_on=date(2027, 9, 1),
        network_id=team.pk,
    )
    for username in ("nav.manager", "navs.manager", "cws.manager", "health.manager"):
        agreement_sign(actor=actor_of(username), agreement_id=agreement.pk, version_number=1)
    mother = Person.objects.get(given_name="Amina", family_name="Yusuf")
    day = date(2026, 10, 14)
    # Stored titles are in the demo's language, whatever language runs the loader.
    with translation.override("nb"):
        meeting = case_conference_book(
            actor=caseworker,
            network_id=team.pk,
            person_id=mother.pk,
            starts_at=_at(day, 10),
            ends_at=_at(day, 11),
            location="NAV Demovik, møterom Fjorden",
            agenda="1. Situasjonen nå\n2. Hva trenger familien?\n3. Hvem gjør hva",
        )
    minutes_update(
        actor=caseworker,
        meeting_id=meeting.pk,
        agenda=meeting.agenda,
        minutes="Mor ønsker arbeid og ro i økonomien; yngste barn har søvnvansker. "
        "Hver etat tar sine tiltak; NAV kommune følger opp planen.",
    )
    for key, title, due in (
        ("nav_municipal", "Budsjettveiledning og avklaring av sosialhjelp", date(2027, 1, 15)),
        ("nav_state", "Arbeidsrettet oppfølging med arbeidstrening", date(2027, 2, 1)),
        ("cws", "Foreldreveiledning i hjemmet", date(2027, 1, 31)),
        ("health", "Søvnveiledning ved helsestasjonen", date(2026, 12, 15)),
    ):
        action_item_add(
            actor=caseworker,
            meeting_id=meeting.pk,
            title=title,
            owner_organisation_id=orgs[key].pk,
            person_id=mother.pk,
            due_date=due,
        )
    attendance_record(
        actor=caseworker,
        meeting_id=meeting.pk,
        attendance={p: True for p in meeting.participants.values_list("pk", flat=True)},
    )
    joint_plan_make(actor=caseworker, meeting_id=meeting.pk)


# Per district: the members besides the school(s) and NAV state, and the meetings' attendance
# pattern per organisation key (True came, False did not), oldest meeting first.
ACTION_TEAMS = [
    ("Sentrum", "school", ["cws", "health", "followup", "losen", "voluntary"], Lifecycle.OPERATING),
    ("Nord", "school_north", ["cws", "health", "followup", "losen"], Lifecycle.OPERATING),
    ("Sør", "school", ["cws", "followup", "voluntary"], Lifecycle.OPERATING),
    ("Vest", "school_north", ["health", "followup"], Lifecycle.FORMING),
]
ATTENDANCE = {
    "losen": (True, False, False, False),  # the private service stopped coming
    "health": (True, False, True, False),  # irregular
    "voluntary": (False, True, True, True),
}
MEETING_DAYS = (date(2026, 8, 27), date(2026, 9, 24), date(2026, 10, 22), date(2026, 11, 19))


def load_action_teams(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("Action teams against school drop-out in four districts …")
    nav = actor_of("navs.manager")
    for district, school, others, status in ACTION_TEAMS:
        team = network_create(
            actor=nav,
            name=f"Aksjonsteam {district}",
            kind=NetworkKind.VOLUNTARY,
            type=NetworkType.TEAM,
            target_population="Ungdom 15–21 år som står i fare for å slutte i videregående skole",
            districts=district,
            leadership_model=LeadershipModel.INFORMAL,
            informal_leaders="Rådgiveren ved skolen og NAV-veilederen for unge",
        )
        mandate_set(
            actor=nav,
            network_id=team.pk,
            issued_by="Bydelsledelsen og skolene selv (ingen formell bestilling)",
            regulatory_basis="",
            issued_on=date(2025, 8, 15),
            scope="Lav terskel: alle som jobber med ungdommen kan melde inn; vi teller ikke tall.",
        )
        objective_add(
            actor=nav,
            network_id=team.pk,
            text="Få ungdom som har falt ut tilbake i skole eller arbeid.",
            explicit=False,
        )
        for key in [school, *others]:
            member_add(
                actor=nav,
                network_id=team.pk,
                organisation_id=orgs[key].pk,
                role=MemberRole.MEMBER if key != school else MemberRole.LEAD,
            )
        if status == Lifecycle.FORMING:
            continue
        network_status_change(actor=nav, network_id=team.pk, status=status)
        for n, day in enumerate(MEETING_DAYS):
            meeting = network_meeting_book(
                actor=nav,
                network_id=team.pk,
                title=f"Aksjonsteam {district}, møte {n + 1}",
                starts_at=_at(day, 13),
                ends_at=_at(day, 14),
                location=f"{district} bydelshus",
            )
            attendance = {
                pid: ATTENDANCE.get(key, (True,) * 4)[n]
                for pid, key in _participant_keys(meeting.pk, orgs)
            }
            attendance_record(actor=nav, meeting_id=meeting.pk, attendance=attendance)


def _participant_keys(meeting_id: int, orgs: dict[str, Organisation]) -> list[tuple[int, str]]:
    key_of = {o.pk: k for k, o in orgs.items()}
    return [
        (pid, key_of[org_id])
        for pid, org_id in Participant.objects.filter(meeting_id=meeting_id).values_list(
            "pk", "organisation_id"
        )
    ]
