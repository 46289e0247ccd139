from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from helhet.audit.models import Channel
from helhet.core.api import ObjectId, actor_of, through
from helhet.people import selectors, services
from helhet.people.selectors import PersonView

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    national_id: str
    given_name: str
    family_name: str
    birth_date: date


class PersonIn(Schema):
    national_id: str
    given_name: str
    family_name: str
    basis: str = "statutory"
    basis_reason: str = ""
    started_on: date | None = None


class GuardianIn(Schema):
    guardian_id: int
    reason: str


class PersonOrganisationRef(Schema):
    id: int
    name: str
    kind: str


class InvolvementOut(Schema):
    id: int
    organisation: PersonOrganisationRef
    category: str
    started_on: date
    ended_on: date | None
    responsible: str | None


class EntryOut(Schema):
    id: int
    organisation: PersonOrganisationRef
    category: str
    title: str
    text: str
    recorded_at: datetime


class EntryIn(Schema):
    category: str
    title: str
    text: str


class HiddenOut(Schema):
    category: str
    reason: str


class RelationOut(Schema):
    kind: str
    relative: PersonOut


class RelationIn(Schema):
    relative_id: int
    kind: str


class FamilyRef(Schema):
    id: int
    name: str


class PersonDetailOut(Schema):
    person: PersonOut
    involvements: list[InvolvementOut]
    entries: list[EntryOut]
    relations: list[RelationOut]
    families: list[FamilyRef]
    consented_categories: list[str]
    hidden: list[HiddenOut]


class FamilyMemberIn(Schema):
    person_id: ObjectId
    role: str


class FamilyIn(Schema):
    name: str
    members: list[FamilyMemberIn]


class FamilySummaryOut(Schema):
    id: int
    name: str
    members: list[PersonOut]


class FamilyMemberOut(Schema):
    role: str
    view: PersonDetailOut


class FamilyDetailOut(Schema):
    id: int
    name: str
    members: list[FamilyMemberOut]


def _detail(view: PersonView) -> dict[str, object]:
    return {
        "person": view.person,
        "involvements": [
            {
                "id": i.pk,
                "organisation": i.organisation,
                "category": i.category,
                "started_on": i.started_on,
                "ended_on": i.ended_on,
                "responsible": i.responsible.get_full_name() if i.responsible else None,
            }
            for i in view.involvements
        ],
        "entries": view.entries,
        "relations": [{"kind": r.kind, "relative": r.relative} for r in view.relations],
        "families": view.families,
        "consented_categories": sorted(view.consented),
        "hidden": [{"category": c, "reason": r} for c, r in view.hidden],
    }


@router.get("/persons", response=list[PersonOut], summary="Search the persons you work with")
def person_list(request: HttpRequest, q: str = "") -> object:
    return selectors.person_search(
        actor=actor_of(request), query=q, channel=Channel.API, through=through(request)
    )


@router.post(
    "/persons",
    response={201: PersonOut},
    summary="Register that your organisation works with a person",
    description=(
        "A population-register look-up: the national ID and the name must both match the "
        "register of your municipality, or you get the neutral 400 `registration_no_match` "
        "whether or not Helhet holds the person. `basis` is `statutory` (organisations with a "
        "statutory duty) or `manager_decision` (managers, with `basis_reason`). Every attempt "
        "is written to the person's access log."
    ),
)
def person_register(request: HttpRequest, payload: PersonIn) -> Status[object]:
    person = services.person_register(
        actor=actor_of(request), channel=Channel.API, through=through(request), **payload.dict()
    )
    return Status(201, person)


@router.post(
    "/persons/{person_id}/guardians",
    response={201: RelationOut},
    summary="A manager's decision that a person is a child's guardian (logged and notified)",
)
def guardianship_decide(
    request: HttpRequest, person_id: ObjectId, payload: GuardianIn
) -> Status[object]:
    relation = services.guardianship_decide(
        actor=actor_of(request),
        person_id=person_id,
        guardian_id=payload.guardian_id,
        reason=payload.reason,
    )
    return Status(201, {"kind": relation.kind, "relative": relation.relative})


@router.get("/persons/{person_id}", response=PersonDetailOut)
def person_detail(request: HttpRequest, person_id: ObjectId) -> object:
    view = selectors.person_get_for(
        actor=actor_of(request),
        person_id=person_id,
        channel=Channel.API,
        through=through(request),
    )
    return _detail(view)


@router.get(
    "/persons/{person_id}/information/{category}",
    response=list[EntryOut],
    summary="One category of information; 403 with the reason if consent is missing",
)
def person_information(request: HttpRequest, person_id: ObjectId, category: str) -> object:
    return selectors.person_information_for(
        actor=actor_of(request),
        person_id=person_id,
        category=category,
        channel=Channel.API,
        through=through(request),
    )


@router.post("/persons/{person_id}/entries", response={201: EntryOut})
def entry_record(request: HttpRequest, person_id: ObjectId, payload: EntryIn) -> Status[object]:
    entry = services.entry_record(actor=actor_of(request), person_id=person_id, **payload.dict())
    return Status(201, entry)


@router.post("/persons/{person_id}/relations", response={201: RelationOut})
def relation_add(request: HttpRequest, person_id: ObjectId, payload: RelationIn) -> Status[object]:
    relation = services.relation_add(
        actor=actor_of(request),
        person_id=person_id,
        relative_id=payload.relative_id,
        kind=payload.kind,
    )
    return Status(201, {"kind": relation.kind, "relative": relation.relative})


@router.get("/families", response=list[FamilySummaryOut])
def family_list(request: HttpRequest) -> object:
    rows = selectors.family_list_for(
        actor=actor_of(request), channel=Channel.API, through=through(request)
    )
    return [{"id": f.pk, "name": f.name, "members": members} for f, members in rows]


@router.post("/families", response={201: FamilyRef})
def family_create(request: HttpRequest, payload: FamilyIn) -> Status[object]:
    family = services.family_create(
        actor=actor_of(request),
        name=payload.name,
        members=[(m.person_id, m.role) for m in payload.members],
    )
    return Status(201, family)


@router.get("/families/{family_id}", response=FamilyDetailOut)
def family_detail(request: HttpRequest, family_id: ObjectId) -> object:
    view = selectors.family_get_for(
        actor=actor_of(request),
        family_id=family_id,
        channel=Channel.API,
        through=through(request),
    )
    return {
        "id": view.family.pk,
        "name": view.family.name,
        "members": [{"role": role, "view": _detail(v)} for role, v in view.members],
    }
