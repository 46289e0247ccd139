"""The synthetic demo dataset: the six settings of DOMAIN.md.

Demovik (a city of four districts) has NAV (both halves), child welfare, health and welfare,
upper secondary schools, follow-up services and a voluntary organisation; ten single-parent
families with involvements and consents that differ (full, partial, withdrawn, expired,
none) make up the NAV–CWS family project (setting 4). On top of it: the NAV office
partnership (5, partnerships.py), the OSK team with a case conference and its joint plan
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
from datetime import date

from django.conf import settings
from django.db import transaction

from helhet.consent.models import ConsentMethod, InvolvementBasis
from helhet.consent.policies import may_consent_for
from helhet.consent.services import (
    consent_document_store,
    consent_record,
    consent_withdraw,
    involvement_open_for,
)
from helhet.demo.collaboration import load_plans_and_meetings, load_referrals
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
from helhet.demo.teams import load_action_teams, load_osk_case_conference
from helhet.demo.volunteering import load_volunteering
from helhet.people import national_id as nid
from helhet.people.categories import InformationCategory as Cat
from helhet.people.models import (
    Family,
    FamilyMember,
    HouseholdRole,
    InformationEntry,
    Person,
    Relation,
    RelationKind,
    RelationSource,
)
from helhet.people.register import RegisterRecord, register_file_write
from helhet.tenancy.actor import Actor
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
START = date(2026, 1, 5)

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

PARENTS = [
    ("Lena", "Hansen"),
    ("Amina", "Yusuf"),
    ("Tor", "Berg"),
    ("Sofie", "Lund"),
    ("Maria", "Kowalska"),
    ("Ingrid", "Dahl"),
    ("Ahmed", "Ali"),
    ("Camilla", "Strand"),
    ("Jonas", "Eide"),
    ("Fatima", "Noor"),
]
CHILD_NAMES = [
    "Emma",
    "Noah",
    "Olivia",
    "William",
    "Ella",
    "Oskar",
    "Nora",
    "Lucas",
    "Sara",
    "Filip",
    "Maja",
    "Jakob",
    "Leah",
    "Emil",
    "Ingrid",
    "Aksel",
    "Frida",
    "Henrik",
    "Alma",
    "Isak",
]

ALL = [c.value for c in Cat]
# Which consent each family gave: (categories, organisation keys, until, state).
CONSENT_PLANS: list[tuple[list[str], list[str], date | None, str]] = [
    (ALL, ["nav_state", "nav_municipal", "cws", "health", "school"], None, "full"),
    (ALL, ["nav_state", "nav_municipal", "cws", "health", "school"], None, "full"),
    (ALL, ["nav_state", "nav_municipal", "cws", "health", "school"], date(2027, 12, 31), "full"),
    (
        [Cat.ECONOMY, Cat.WORK_ACTIVITY, Cat.CHILD_WELFARE, Cat.HOUSING],
        ["nav_state", "nav_municipal", "cws"],
        date(2027, 12, 31),
        "partial",
    ),
    (
        [Cat.ECONOMY, Cat.WORK_ACTIVITY, Cat.HOUSING],
        ["nav_state", "nav_municipal"],
        None,
        "partial",
    ),
    ([Cat.CHILD_WELFARE, Cat.EDUCATION, Cat.HEALTH], ["cws", "school", "health"], None, "partial"),
    (
        [Cat.ECONOMY, Cat.WORK_ACTIVITY, Cat.CHILD_WELFARE, Cat.EDUCATION],
        ["nav_state", "nav_municipal", "cws", "school"],
        date(2028, 6, 30),
        "partial",
    ),
    (ALL, ["nav_state", "nav_municipal", "cws", "health", "school"], None, "withdrawn"),
    (
        [Cat.ECONOMY, Cat.WORK_ACTIVITY],
        ["nav_state", "nav_municipal"],
        date(2026, 6, 30),
        "expired",
    ),
    ([], [], None, "none"),
]

ENTRY_TEXTS = {
    Cat.WORK_ACTIVITY: ("Aktivitetsplan", "Avklart mål om arbeid i deltidsstilling innen ett år."),
    Cat.ECONOMY: ("Økonomisk sosialhjelp", "Innvilget supplerende stønad til husleie og strøm."),
    Cat.CHILD_WELFARE: ("Hjelpetiltak", "Foreldreveiledning hver fjortende dag, evaluert i mars."),
    Cat.HEALTH: ("Helsesamtale", "Fastlege henviser til samtaleterapi for søvnvansker."),
    Cat.EDUCATION: (
        "Oppfølging i skolen",
        "Fravær over 10 %; avtalt ukentlig samtale med kontaktlærer.",
    ),
    Cat.HOUSING: ("Boligsituasjon", "Kommunal bolig med to soverom; søkt om større bolig."),
}


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
        demo_register_write()
        say("Demo data already loaded; nothing to do.")
        return DemoResult(created=False, logins=_logins())
    with transaction.atomic():
        _load(say)
    demo_register_write()
    say("Demo data loaded.")
    return DemoResult(created=True, logins=_logins())


# People of Demovik the population register knows and Helhet does not (yet): a caseworker can
# register them with their national ID and name, as with a real register look-up.
REGISTER_ONLY = [
    ("Eva", "Eriksen", date(1991, 4, 17)),
    ("Jonas", "Eriksen", date(2015, 9, 2)),
    ("Oskar", "Olsen", date(1978, 11, 23)),
]


def demo_register_write() -> None:
    """Write the stand-in population register: every demo person with their guardians, and a
    few residents Helhet does not hold yet."""
    municipality = Municipality.objects.filter(number=DEMO_MUNICIPALITY[0]).first()
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
    rng = random.Random(SEED + 1)
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


def register_only_logins() -> list[tuple[str, str]]:
    """The register-only residents (name, national ID), for `make run` to print."""
    rng = random.Random(SEED + 1)
    return [
        (f"{given} {family}", nid.synthetic_for(birth, rng))
        for given, family, birth in REGISTER_ONLY
    ]


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

    say("Ten single-parent families …")
    child_names = iter(CHILD_NAMES)
    for index, ((given, family_name), plan) in enumerate(zip(PARENTS, CONSENT_PLANS, strict=True)):
        parent_birth = date(1980 + rng.randint(0, 14), rng.randint(1, 12), rng.randint(1, 28))
        parent = _person(municipality, given, family_name, parent_birth, rng)
        children = []
        for c in range(1 + index % 3):
            if index == 2 and c == 0:
                # A youth who turns 18 within months: the transitions work starts here.
                birth = date(2009, 3, 14)
            else:
                birth = date(2009 + rng.randint(1, 11), rng.randint(1, 12), rng.randint(1, 28))
            children.append(_person(municipality, next(child_names), family_name, birth, rng))
        family = Family.objects.create(municipality=municipality, name=f"Familien {family_name}")
        FamilyMember.objects.create(
            municipality=municipality, family=family, person=parent, role=HouseholdRole.PARENT
        )
        for child in children:
            FamilyMember.objects.create(
                municipality=municipality, family=family, person=child, role=HouseholdRole.CHILD
            )
            for person, relative, kind in (
                (child, parent, RelationKind.PARENT),
                (child, parent, RelationKind.GUARDIAN),
                (parent, child, RelationKind.CHILD),
            ):
                Relation.objects.create(
                    municipality=municipality,
                    person=person,
                    relative=relative,
                    kind=kind,
                    source=RelationSource.REGISTER,
                )

        caseworkers = {
            "nav_state": users["nav_state:caseworker"],
            "nav_municipal": users["nav_municipal:caseworker"],
            "cws": users["cws:caseworker"],
            "health": users["health:caseworker"],
            "school": users["school:caseworker"],
        }
        involved: list[tuple[str, Person]] = [
            ("nav_state", parent),
            ("nav_municipal", parent),
            ("cws", parent),
            *[("cws", c) for c in children],
        ]
        if index % 2 == 0:
            involved.append(("health", parent))
        involved += [("school", c) for c in children if c.birth_date.year <= 2011]
        for org_key, person in involved:
            involvement_open_for(
                actor=None,
                organisation=orgs[org_key],
                person=person,
                started_on=START,
                responsible=caseworkers[org_key],
                basis=InvolvementBasis.STATUTORY,
                decided_by=caseworkers[org_key],
            )
            category = {
                "nav_state": Cat.WORK_ACTIVITY,
                "nav_municipal": Cat.ECONOMY,
                "cws": Cat.CHILD_WELFARE,
                "health": Cat.HEALTH,
                "school": Cat.EDUCATION,
            }[org_key]
            title, text = ENTRY_TEXTS[category]
            InformationEntry.objects.create(
                municipality=municipality,
                person=person,
                organisation=orgs[org_key],
                category=category,
                title=title,
                text=text,
                recorded_by=caseworkers[org_key],
            )
        if plan[3] in {"full", "partial"} and index % 4 == 0:
            InformationEntry.objects.create(
                municipality=municipality,
                person=parent,
                organisation=orgs["nav_municipal"],
                category=Cat.HOUSING,
                title=ENTRY_TEXTS[Cat.HOUSING][0],
                text=ENTRY_TEXTS[Cat.HOUSING][1],
                recorded_by=caseworkers["nav_municipal"],
            )
        _consents(parent, children, plan, orgs, caseworkers, provenance=_PROVENANCE.get(index))
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


def _person(
    municipality: Municipality, given: str, family_name: str, birth: date, rng: random.Random
) -> Person:
    return Person.objects.create(
        municipality=municipality,
        national_id=nid.synthetic_for(birth, rng),
        given_name=given,
        family_name=family_name,
        birth_date=birth,
    )


# How the families' consents were given: most signed digitally on Min side, one family's on
# paper with the signed form, one orally with a witness who confirmed it.
_PROVENANCE = {0: ConsentMethod.WRITTEN, 1: ConsentMethod.ORAL}


def _consent_form_pdf(person: Person, org_names: list[str], categories: list[str]) -> bytes:
    """A scanned-looking signed consent form, drawn with reportlab."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    page.setTitle("Samtykke til deling av opplysninger")
    y = 780
    for line in [
        "Samtykke til deling av opplysninger (demo, syntetisk person)",
        f"Navn: {person.full_name}",
        "Deles med: " + ", ".join(org_names),
        "Opplysninger: " + ", ".join(categories),
        "Formål: helhetlig oppfølging av familien",
        "Signert: " + person.full_name,
    ]:
        page.drawString(60, y, line)
        y -= 24
    page.showPage()
    page.save()
    return buffer.getvalue()


def _consents(
    parent: Person,
    children: list[Person],
    plan: tuple[list[str], list[str], date | None, str],
    orgs: dict[str, Organisation],
    caseworkers: dict[str, User],
    *,
    provenance: str | None = None,
) -> None:
    categories, org_keys, until, state = plan
    if state == "none":
        return
    cws_worker = caseworkers["cws"]
    withdrawer = Actor(user=cws_worker, membership=cws_worker.memberships.get())
    valid_from = date(2026, 1, 12) if state != "expired" else date(2025, 7, 1)
    for person in [parent, *children]:
        method = provenance or ConsentMethod.DIGITAL
        document = None
        if method == ConsentMethod.WRITTEN:
            document = consent_document_store(
                actor=None,
                person=person,
                file_name=f"samtykke-{person.family_name.lower()}.pdf",
                content=_consent_form_pdf(
                    person, [orgs[k].name for k in org_keys], [str(c) for c in categories]
                ),
                organisation=orgs["nav_municipal"],
            )
        # A young person decides alone on what the law lets them (health from 16, child
        # welfare from 15); the parent consents for the rest.
        own = [c for c in categories if may_consent_for(person, person, valid_from, [c])]
        parts = [(parent, [c for c in categories if c not in own]), (person, own)]
        if person == parent:
            parts = [(parent, list(categories))]
        given = []
        for given_by, part in parts:
            if not part:
                continue
            consent = consent_record(
                actor=None,
                person=person,
                given_by=given_by,
                organisation_ids=[orgs[k].pk for k in org_keys],
                categories=part,
                purpose="Helhetlig oppfølging av familien i samarbeidsprosjektet NAV–barnevern.",
                valid_from=valid_from,
                valid_until=until,
                method=method,
                recorded_by_organisation=None
                if method == ConsentMethod.DIGITAL
                else orgs["nav_municipal"],
                document=document,
                witness=caseworkers["nav_state"] if method == ConsentMethod.ORAL else None,
                signed_acr="idporten-loa-high" if method == ConsentMethod.DIGITAL else "",
                recorded_by_name="Min side" if method == ConsentMethod.DIGITAL else "",
            )
            given.append(consent)
        for consent in given if state == "withdrawn" else []:
            consent_withdraw(
                actor=withdrawer,
                consent_id=consent.pk,
                reason="Trakk samtykket tilbake i familiemøte.",
            )
