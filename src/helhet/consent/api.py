from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from helhet.audit.api import AccessEventOut
from helhet.audit.export import access_report_csv
from helhet.audit.models import Channel
from helhet.consent import provenance, selectors, services
from helhet.consent.access_log import person_access_log_for
from helhet.consent.models import Consent
from helhet.core.api import ObjectId, actor_of, through

router = Router(tags=["consent"])


class ConsentIn(Schema):
    given_by_id: int
    organisation_ids: list[int]
    categories: list[str]
    purpose: str
    valid_from: date | None = None
    valid_until: date | None = None
    method: str
    document_id: int | None = None
    witness_id: int | None = None


class ConsentDocumentOut(Schema):
    id: int
    file_name: str
    content_type: str
    size: int
    sha256: str


class ConsentOrganisationRef(Schema):
    id: int
    name: str


class ConsentOut(Schema):
    id: int
    person_id: ObjectId
    given_by_id: int
    organisations: list[ConsentOrganisationRef]
    categories: list[str]
    purpose: str
    valid_from: date
    valid_until: date | None
    method: str
    recorded_at: datetime
    recorded_by_organisation: ConsentOrganisationRef | None
    in_effect_from: datetime | None
    provenance: str
    document_id: int | None
    witness_id: int | None
    witness_confirmed_at: datetime | None
    signed_acr: str
    withdrawn_at: datetime | None
    withdrawal_reason: str


class WithdrawIn(Schema):
    reason: str = ""


class InvolvementEndIn(Schema):
    ended_on: date | None = None


class InvolvementEndOut(Schema):
    id: int
    ended_on: date


def _out(consent: Consent) -> dict[str, object]:
    return {
        "id": consent.pk,
        "person_id": consent.person_id,
        "given_by_id": consent.given_by_id,
        "organisations": list(consent.organisations.all()),
        "categories": consent.category_values,
        "purpose": consent.purpose,
        "valid_from": consent.valid_from,
        "valid_until": consent.valid_until,
        "method": consent.method,
        "recorded_at": consent.recorded_at,
        "recorded_by_organisation": consent.recorded_by_organisation,
        "in_effect_from": consent.confirmed_at,
        "provenance": selectors.provenance_text(consent),
        "document_id": consent.document_id,
        "witness_id": consent.witness_id,
        "witness_confirmed_at": consent.witness_confirmed_at,
        "signed_acr": consent.signed_acr,
        "withdrawn_at": consent.withdrawn_at,
        "withdrawal_reason": consent.withdrawal_reason,
    }


@router.get(
    "/persons/{person_id}/consents",
    response=list[ConsentOut],
    summary="A person's consent history (withdrawn and expired ones included)",
)
def consent_list(request: HttpRequest, person_id: ObjectId) -> object:
    history = selectors.consents_for_person(
        actor=actor_of(request),
        person_id=person_id,
        channel=Channel.API,
        through=through(request),
    )
    return [_out(c) for c in history.consents]


@router.post(
    "/persons/{person_id}/consent-forms",
    response={201: ConsentDocumentOut},
    summary="Upload a signed paper consent form (PDF, PNG or JPEG) before recording it",
)
def consent_document_upload(
    request: HttpRequest, person_id: ObjectId, file: File[UploadedFile]
) -> Status[object]:
    document = provenance.consent_document_upload_for(
        actor=actor_of(request),
        person_id=person_id,
        file_name=file.name or "",
        content=file.read(),
    )
    return Status(201, document)


@router.get(
    "/consent-forms/{document_id}",
    response={200: None},
    summary="Open a signed consent form (the read is logged)",
)
def consent_document_open(request: HttpRequest, document_id: ObjectId) -> HttpResponse:
    document, content = selectors.consent_document_open_for(
        actor=actor_of(request),
        document_id=document_id,
        channel=Channel.API,
        through=through(request),
    )
    response = HttpResponse(content, content_type=document.content_type)
    response["Cache-Control"] = "no-store"
    return response


@router.post(
    "/consents/{consent_id}/witness/confirm",
    response=ConsentOut,
    summary="As the named witness, confirm an oral consent (it takes effect now)",
)
def consent_witness_confirm(request: HttpRequest, consent_id: ObjectId) -> object:
    return _out(provenance.consent_witness_confirm(actor=actor_of(request), consent_id=consent_id))


@router.post(
    "/consents/{consent_id}/witness/decline",
    response=ConsentOut,
    summary="As the named witness, decline an oral consent you did not witness",
)
def consent_witness_decline(
    request: HttpRequest, consent_id: ObjectId, payload: WithdrawIn
) -> object:
    return _out(
        provenance.consent_witness_decline(
            actor=actor_of(request), consent_id=consent_id, reason=payload.reason
        )
    )


@router.post(
    "/persons/{person_id}/consents",
    response={201: ConsentOut},
    description=(
        "Staff record a consent the person gave: `written` needs `document_id` (an uploaded "
        "signed form), `oral` needs `witness_id` (a second staff member, who confirms it "
        "before it takes effect). `digital` consents are given by the person on Min side. "
        "`valid_from` defaults to today and cannot be earlier."
    ),
)
def consent_record(request: HttpRequest, person_id: ObjectId, payload: ConsentIn) -> Status[object]:
    consent = provenance.consent_record_for(
        actor=actor_of(request), person_id=person_id, **payload.dict()
    )
    return Status(201, _out(consent))


@router.post(
    "/consents/{consent_id}/withdraw",
    response=ConsentOut,
    summary="Withdraw a consent; it stops covering anything at once",
)
def consent_withdraw(request: HttpRequest, consent_id: ObjectId, payload: WithdrawIn) -> object:
    consent = services.consent_withdraw(
        actor=actor_of(request), consent_id=consent_id, reason=payload.reason
    )
    return _out(consent)


@router.post("/involvements/{involvement_id}/end", response=InvolvementEndOut)
def involvement_end(
    request: HttpRequest, involvement_id: ObjectId, payload: InvolvementEndIn
) -> object:
    return services.involvement_end(
        actor=actor_of(request), involvement_id=involvement_id, ended_on=payload.ended_on
    )


# A person's access log: listed with the audit trail in the API document, where it was
# first published (same tag and operation ids).
@router.get(
    "/persons/{person_id}/access-log",
    response=list[AccessEventOut],
    summary="Who has looked at this person's data (coordinators, managers, responsible)",
    tags=["audit"],
    operation_id="helhet_audit_api_person_access_log",
)
def person_access_log(request: HttpRequest, person_id: ObjectId) -> object:
    return person_access_log_for(
        actor=actor_of(request),
        person_id=person_id,
        channel=Channel.API,
        through=through(request),
    ).events


@router.get(
    "/persons/{person_id}/access-report.csv",
    summary="The person's own access report, as CSV to hand over to them",
    tags=["audit"],
    operation_id="helhet_audit_api_person_access_report",
)
def person_access_report(request: HttpRequest, person_id: ObjectId) -> HttpResponse:
    log = person_access_log_for(
        actor=actor_of(request),
        person_id=person_id,
        channel=Channel.EXPORT,
        through=through(request),
    )
    return access_report_csv(log.events, filename=f"access-report-{person_id}.csv")
