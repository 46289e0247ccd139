"""The synthetic demo dataset: the six settings of DOMAIN.md.

Demovik (a city of four districts) has NAV (both halves), child welfare, health and welfare,
upper secondary schools, follow-up services and a voluntary organisation; ten single-parent
families with involvements and consents that differ (full, partial, withdrawn, expired,
none) make up the NAV–CWS family project (setting 4, families.py). On top of it: the NAV
office partnership (5, partnerships.py), the OSK team with a case conference and its joint plan
and an Action team per district (1 and 2, teams.py), a network with steering committee,
round table and practitioner team (3, partnerships.py), and volunteer activities in care
units of four municipalities (6, volunteering.py). Organisations, staff, involvements and
consents go through their services (so the change log shows them); households, relations and
entries are bulk facts written directly, as an import would. The same seed and fixed dates
give the same dataset every time; loading twice changes nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from helhet.demo.collaboration import load_plans_and_meetings, load_referrals
from helhet.demo.families import load_families
from helhet.demo.log_review import load_log_review
from helhet.demo.observatory_coding import load_coding_project
from helhet.demo.observatory_relations import load_registry, load_relationship_ratings
from helhet.demo.observatory_surveys import load_survey_rounds
from helhet.demo.observatory_synthesis import load_synthesis
from helhet.demo.partnerships import (
    load_nav_partnership,
    load_osk_team,
    load_quebec_network,
)
from helhet.demo.register import demo_register_write
from helhet.demo.teams import load_action_teams, load_osk_case_conference
from helhet.demo.volunteering import load_volunteering
from helhet.tenancy.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Role,
    Sector,
    UnitKind,
    User,
)
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
    unit_create,
)

DEMO_PASSWORD = "helhet-demo-2026"
DEMO_MUNICIPALITY = ("9901", "Demovik")
SEED = 20260101

ORGANISATIONS = [
    ("nav_state", "NAV Demovik (stat)", OrganisationKind.NAV_STATE, Sector.PUBLIC),
    ("nav_municipal", "NAV Demovik (kommune)", OrganisationKind.NAV_MUNICIPAL, Sector.PUBLIC),
    ("cws", "Barneverntjenesten i Demovik", OrganisationKind.CHILD_WELFARE, Sector.PUBLIC),
    ("health", "Helse og velferd Demovik", OrganisationKind.HEALTH_WELFARE, Sector.PUBLIC),
    ("school", "Demovik videregående skole", OrganisationKind.SCHOOL, Sector.PUBLIC),
    ("voluntary", "Frivilligsentralen Demovik", OrganisationKind.VOLUNTARY, Sector.NON_PROFIT),
    ("rnd", "Demovik kommune, forskning og utvikling", OrganisationKind.OTHER, Sector.PUBLIC),
    ("nursing", "Demovik sykehjem", OrganisationKind.NURSING_HOME, Sector.PUBLIC),
    ("homecare", "Hjemmetjenesten i Demovik", OrganisationKind.HOME_CARE, Sector.PUBLIC),
    # Setting 2: the Action teams' wider circle.
    ("followup", "Oppfølgingstjenesten i Demovik", OrganisationKind.OTHER, Sector.PUBLIC),
    ("losen", "Ungdomslosen AS", OrganisationKind.PRIVATE_PROVIDER, Sector.PRIVATE),
    ("school_north", "Nordbyen videregående skole", OrganisationKind.SCHOOL, Sector.PUBLIC),
    # The municipality's data protection officer (personvernombud): reviews the access log.
    ("privacy", "Demovik kommune, personvernombudet", OrganisationKind.OTHER, Sector.PUBLIC),
]

# (username, first, last, organisation key, role)
STAFF = [
    ("nav.caseworker", "Nora", "Nilsen", "nav_state", Role.CASEWORKER),
    ("navk.caseworker", "Kasper", "Kristiansen", "nav_municipal", Role.CASEWORKER),
    ("cws.caseworker", "Berit", "Bakke", "cws", Role.CASEWORKER),
    ("health.caseworker", "Hanne", "Haugen", "health", Role.CASEWORKER),
    ("school.caseworker", "Sindre", "Solberg", "school", Role.CASEWORKER),
    ("family.coordinator", "Kari", "Koordinator", "nav_municipal", Role.COORDINATOR),
    ("nav.manager", "Magnus", "Moe", "nav_municipal", Role.MANAGER),
    ("navs.manager", "Siri", "Sand", "nav_state", Role.MANAGER),
    ("nursinghome.leader", "Nina", "Nygård", "nursing", Role.MANAGER),
    ("homecare.leader", "Hege", "Holm", "homecare", Role.MANAGER),
    ("cws.manager", "Mette", "Mikkelsen", "cws", Role.MANAGER),
    ("admin", "Ada", "Administrator", "nav_municipal", Role.ADMINISTRATOR),
    ("researcher", "Rune", "Forsker", "rnd", Role.RESEARCHER),
    ("volunteer.coordinator", "Vilde", "Vik", "voluntary", Role.COORDINATOR),
    ("health.manager", "Helga", "Hauge", "health", Role.MANAGER),
    ("privacy.officer", "Petra", "Personvern", "privacy", Role.PRIVACY_OFFICER),
]


@dataclass
class DemoResult:
    created: bool
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def _logins() -> list[tuple[str, str, str]]:
    names = {key: name for key, name, _k, _s in ORGANISATIONS}
    return [(u, str(Role(r).label), names[o]) for u, _f, _l, o, r in STAFF]


class DemoRefused(Exception):
    pass


def demo_load(progress: Callable[[str], object] | None = None) -> DemoResult:
    if settings.PRODUCTION:
        # Demo users share a published password and one of them is a superuser.
        raise DemoRefused("Demo data is never loaded in the production profile.")
    say = progress or (lambda _msg: None)
    if Municipality.objects.filter(number=DEMO_MUNICIPALITY[0]).exists():
        demo_register_write(municipality_number=DEMO_MUNICIPALITY[0], seed=SEED)
        say("Demo data already loaded; nothing to do.")
        return DemoResult(created=False, logins=_logins())
    with transaction.atomic():
        _load(say)
    demo_register_write(municipality_number=DEMO_MUNICIPALITY[0], seed=SEED)
    say("Demo data loaded.")
    return DemoResult(created=True, logins=_logins())


def _load(say: Callable[[str], object]) -> None:
    rng = random.Random(SEED)
    say("Municipality and organisations …")
    municipality = municipality_create(
        actor=None, number=DEMO_MUNICIPALITY[0], name=DEMO_MUNICIPALITY[1]
    )
    orgs: dict[str, Organisation] = {
        key: organisation_create(
            actor=None, municipality=municipality, name=name, kind=kind, sector=sector
        )
        for key, name, kind, sector in ORGANISATIONS
    }
    for district in ("Sentrum", "Nord", "Sør", "Vest"):
        unit_create(
            actor=None,
            organisation=orgs["nav_state"],
            name=f"NAV {district}",
            kind=UnitKind.DISTRICT,
        )
    unit_create(
        actor=None, organisation=orgs["cws"], name="Mottak og undersøkelse", kind=UnitKind.UNIT
    )
    unit_create(actor=None, organisation=orgs["cws"], name="Tiltak", kind=UnitKind.UNIT)
    unit_create(actor=None, organisation=orgs["health"], name="Helsestasjon", kind=UnitKind.UNIT)

    say("Staff and demo logins …")
    users: dict[str, User] = {}
    for username, first, last, org_key, role in STAFF:
        user = staff_create(
            actor=None,
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@demovik.example",
        )
        membership_create(actor=None, user=user, organisation=orgs[org_key], role=role)
        users[org_key + ":" + role] = user
    admin = User.objects.get(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])

    load_families(municipality, orgs, users, rng, say)
    load_referrals(orgs, say)
    load_plans_and_meetings(orgs, say)
    load_nav_partnership(orgs, say)
    load_osk_team(orgs, say)
    load_osk_case_conference(orgs, say)
    load_action_teams(orgs, say)
    load_quebec_network(orgs, say)
    load_volunteering(orgs, say)
    # The observatory: survey rounds, relationship ratings and the registry of the networks
    # above, and a coded synthesis project across the Norwegian and Quebec sites.
    load_survey_rounds(orgs, say)
    load_relationship_ratings(orgs, say)
    load_registry(orgs, say)
    load_coding_project(orgs, say)
    load_synthesis(orgs, say)
    # Last, so the review scan sees every read above: one unusual access in the queue.
    load_log_review(orgs, say)
