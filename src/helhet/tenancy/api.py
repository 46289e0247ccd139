from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from helhet.core.api import ObjectId, SessionActorAuth, actor_of
from helhet.tenancy import selectors, services

router = Router(tags=["organisations"])


class MunicipalityOut(Schema):
    id: int
    number: str
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    sector: str
    org_number: str
    municipality: MunicipalityOut


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None


class OrganisationDetailOut(OrganisationOut):
    units: list[UnitOut]


class MembershipOut(Schema):
    id: int
    organisation: OrganisationOut
    role: str


class MeOut(Schema):
    username: str
    name: str
    acting_as: MembershipOut
    memberships: list[MembershipOut]


class TokenIn(Schema):
    name: str = "API"


class TokenOut(Schema):
    id: int
    name: str
    key: str


@router.get("/me", response=MeOut, summary="Who am I, and through which membership am I acting?")
def me(request: HttpRequest) -> dict[str, object]:
    actor = actor_of(request)
    return {
        "username": actor.user.get_username(),
        "name": actor.user.get_full_name(),
        "acting_as": actor.membership,
        "memberships": list(selectors.memberships_of(actor.user)),
    }


@router.get("/municipalities", response=list[MunicipalityOut])
def municipality_list(request: HttpRequest) -> object:
    return selectors.municipalities_list()


@router.get("/organisations", response=list[OrganisationOut])
def organisation_list(request: HttpRequest, municipality_id: ObjectId | None = None) -> object:
    return selectors.organisations_list(municipality_id=municipality_id)


@router.get("/organisations/{organisation_id}", response=OrganisationDetailOut)
def organisation_detail(request: HttpRequest, organisation_id: ObjectId) -> object:
    organisation = selectors.organisation_get(organisation_id=organisation_id)
    return {
        **OrganisationOut.from_orm(organisation).dict(),
        "units": list(organisation.units.all()),
    }


@router.post(
    "/tokens",
    response={201: TokenOut},
    auth=SessionActorAuth(),
    summary="Create an API token for the membership you are acting through (shown once)",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[object]:
    token, key = services.api_token_create(actor=actor_of(request), name=payload.name)
    return Status(201, {"id": token.pk, "name": token.name, "key": key})


@router.delete("/tokens/{token_id}", response={204: None})
def token_revoke(request: HttpRequest, token_id: ObjectId) -> Status[object]:
    services.api_token_revoke(actor=actor_of(request), token_id=token_id)
    return Status(204, None)
