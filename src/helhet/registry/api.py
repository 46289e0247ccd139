"""The network registry over HTTP: search, read, create (prefilled), complete, refresh,
partners, funding, compare, export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from helhet.core.api import ObjectId, actor_of
from helhet.registry import export, selectors, services
from helhet.registry.selectors import EntryView, RegistrySearch

router = Router(tags=["registry"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegistryOrganisationRef(Schema):
    id: int
    name: str
    sector: str


class RegistryPartnerOut(Schema):
    id: int
    organisation_id: int | None
    name: str
    sector: str
    role: str
    prefilled: bool


class RegistryFundingOut(Schema):
    id: int
    source: str
    amount: Decimal
    period_start: date | None
    period_end: date | None
    agreement_id: int | None
    prefilled: bool


class RegistryEntryOut(Schema):
    id: int
    network_id: int
    network_name: str
    network_type: str
    network_kind: str
    network_status: str
    sponsor: RegistryOrganisationRef | None
    year_created: int | None
    setting: str
    target_population: str
    objectives: str
    governance_bodies: str
    notes: str
    partners: list[RegistryPartnerOut]
    partners_by_sector: dict[str, int]
    funding: list[RegistryFundingOut]
    funding_total: Decimal


class RegistryEntryCreateIn(Schema):
    network_id: ObjectId


class RegistryEntryIn(Schema):
    sponsor_id: ObjectId | None = None
    year_created: int | None = Field(default=None, ge=1900, le=2100)
    setting: str = Field(default="", max_length=16)
    target_population: str = Field(default="", max_length=10_000)
    objectives: str = Field(default="", max_length=10_000)
    governance_bodies: str = Field(default="", max_length=10_000)
    notes: str = Field(default="", max_length=10_000)


class RegistryPartnerIn(Schema):
    organisation_id: ObjectId | None = None
    name: str = Field(default="", max_length=200)
    sector: str = Field(default="", max_length=16)
    role: str = Field(default="", max_length=100)


class RegistryFundingIn(Schema):
    source: str = Field(max_length=200)
    amount: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    period_start: date | None = None
    period_end: date | None = None


class RegistrySearchQuery(Schema):
    q: str = Field(default="", max_length=200)
    setting: str = Field(default="", max_length=16)
    target_population: str = Field(default="", max_length=200)
    year_from: int | None = Field(default=None, ge=1900, le=2100)
    year_to: int | None = Field(default=None, ge=1900, le=2100)
    has_funding: bool | None = None
    sector: str = Field(default="", max_length=16)
    network_type: str = Field(default="", max_length=32)


class RegistryCompareQuery(Schema):
    ids: list[ObjectId] = Field(min_length=2, max_length=4)


def _entry(v: EntryView) -> dict[str, object]:
    e, n = v.entry, v.network
    return {
        "id": e.pk,
        "network_id": n.pk,
        "network_name": n.name,
        "network_type": n.type,
        "network_kind": n.kind,
        "network_status": n.status,
        "sponsor": e.sponsor,
        "year_created": e.year_created,
        "setting": e.setting,
        "target_population": e.target_population,
        "objectives": e.objectives,
        "governance_bodies": e.governance_bodies,
        "notes": e.notes,
        "partners": v.partners,
        "partners_by_sector": v.sectors,
        "funding": v.funding,
        "funding_total": v.funding_total,
    }


def _search(query: RegistrySearchQuery) -> RegistrySearch:
    return RegistrySearch(**query.dict())


@router.get(
    "/registry/entries",
    response=list[RegistryEntryOut],
    summary="Search the network registry (every filter given must match)",
)
def registry_entry_list(request: HttpRequest, query: Query[RegistrySearchQuery]) -> object:
    return [
        _entry(v) for v in selectors.registry_search(actor=actor_of(request), search=_search(query))
    ]


@router.post(
    "/registry/entries",
    response={201: RegistryEntryOut},
    summary="Make a network's registry entry, prefilled from the network and its agreements",
)
def registry_entry_create(request: HttpRequest, payload: RegistryEntryCreateIn) -> Status[object]:
    actor = actor_of(request)
    entry = services.entry_create(actor=actor, network_id=payload.network_id)
    return Status(201, _entry(selectors.entry_detail(actor=actor, entry_id=entry.pk)))


@router.get("/registry/entries/{entry_id}", response=RegistryEntryOut)
def registry_entry_detail(request: HttpRequest, entry_id: ObjectId) -> object:
    return _entry(selectors.entry_detail(actor=actor_of(request), entry_id=entry_id))


@router.put(
    "/registry/entries/{entry_id}",
    response=RegistryEntryOut,
    summary="Complete the form by hand (every field is set to what is sent)",
)
def registry_entry_update(
    request: HttpRequest, entry_id: ObjectId, payload: RegistryEntryIn
) -> object:
    actor = actor_of(request)
    services.entry_update(actor=actor, entry_id=entry_id, **payload.dict())
    return _entry(selectors.entry_detail(actor=actor, entry_id=entry_id))


@router.post(
    "/registry/entries/{entry_id}/refresh",
    response=RegistryEntryOut,
    summary="Bring the prefilled parts up to date with the network",
)
def registry_entry_refresh(request: HttpRequest, entry_id: ObjectId) -> object:
    actor = actor_of(request)
    services.entry_refresh(actor=actor, entry_id=entry_id)
    return _entry(selectors.entry_detail(actor=actor, entry_id=entry_id))


@router.post("/registry/entries/{entry_id}/partners", response={201: RegistryPartnerOut})
def registry_partner_add(
    request: HttpRequest, entry_id: ObjectId, payload: RegistryPartnerIn
) -> Status[object]:
    partner = services.partner_add(actor=actor_of(request), entry_id=entry_id, **payload.dict())
    return Status(201, partner)


@router.delete("/registry/entries/{entry_id}/partners/{partner_id}", response={204: None})
def registry_partner_remove(
    request: HttpRequest, entry_id: ObjectId, partner_id: ObjectId
) -> Status[None]:
    services.partner_remove(actor=actor_of(request), entry_id=entry_id, partner_id=partner_id)
    return Status(204, None)


@router.post("/registry/entries/{entry_id}/funding", response={201: RegistryFundingOut})
def registry_funding_add(
    request: HttpRequest, entry_id: ObjectId, payload: RegistryFundingIn
) -> Status[object]:
    funding = services.funding_add(actor=actor_of(request), entry_id=entry_id, **payload.dict())
    return Status(201, funding)


@router.delete("/registry/entries/{entry_id}/funding/{funding_id}", response={204: None})
def registry_funding_remove(
    request: HttpRequest, entry_id: ObjectId, funding_id: ObjectId
) -> Status[None]:
    services.funding_remove(actor=actor_of(request), entry_id=entry_id, funding_id=funding_id)
    return Status(204, None)


@router.get(
    "/registry/compare",
    response=list[RegistryEntryOut],
    summary="Two to four entries side by side, in the order asked for",
)
def registry_compare(request: HttpRequest, query: Query[RegistryCompareQuery]) -> object:
    views = selectors.registry_compare(actor=actor_of(request), entry_ids=list(query.ids))
    return [_entry(v) for v in views]


@router.get(
    "/registry/export.csv",
    summary="The registry (filtered like the search) as CSV",
    openapi_extra={"responses": {200: {"description": "CSV", "content": {"text/csv": {}}}}},
)
def registry_export_csv(request: HttpRequest, query: Query[RegistrySearchQuery]) -> HttpResponse:
    views = selectors.registry_search(actor=actor_of(request), search=_search(query))
    response = HttpResponse(export.registry_csv(views), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="network-registry.csv"'
    return response


@router.get(
    "/registry/export.xlsx",
    summary="The registry (filtered like the search) as an Excel workbook",
    openapi_extra={"responses": {200: {"description": "XLSX", "content": {XLSX: {}}}}},
)
def registry_export_xlsx(request: HttpRequest, query: Query[RegistrySearchQuery]) -> HttpResponse:
    views = selectors.registry_search(actor=actor_of(request), search=_search(query))
    response = HttpResponse(export.registry_xlsx(views), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="network-registry.xlsx"'
    return response
