"""The NAV–CWS family project (setting 4): ten single-parent families of Demovik with
involvements, entries and consents that differ (full, partial, withdrawn, expired, none).

Involvements and consents go through their services (so the change log shows them);
households, relations and entries are bulk facts written directly, as an import would.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from helhet.consent.models import ConsentMethod, InvolvementBasis
from helhet.consent.policies import can_consent_for
from helhet.consent.provenance import consent_document_store
from helhet.consent.services import consent_record, consent_withdraw, involvement_open_for
from helhet.core.categories import InformationCategory as Cat
from helhet.people import national_id as nid
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
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Municipality, Organisation, User

START = date(2026, 1, 5)

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


def load_families(
    municipality: Municipality,
    orgs: dict[str, Organisation],
    users: dict[str, User],
    rng: random.Random,
    say: Callable[[str], object],
) -> None:
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
        own = [c for c in categories if can_consent_for(person, person, valid_from, [c])]
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
