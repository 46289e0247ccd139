"""How a consent staff record came to be: the signed paper form (stored and sniffed), or the
oral consent a second staff member witnessed and confirms (or declines) in their own session.

No one records a consent alone; a digital one only the person gives, on Min side
(``services.consent_sign_digitally``).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.errors import (
    ConsentDocumentInvalid,
    ConsentInvalid,
    ConsentProvenanceMissing,
    NotTheWitness,
    WitnessInvalid,
)
from helhet.consent.models import Consent, ConsentDocument, ConsentMethod
from helhet.consent.notices import tell_data_owners
from helhet.consent.services import consent_record, consent_terms_errors
from helhet.core.dates import today
from helhet.notifications.services import notify
from helhet.people.models import Person, Relation, RelationKind
from helhet.people.services import person_for_write
from helhet.tenancy.actor import CASE_ROLES, Actor
from helhet.tenancy.models import Membership, Organisation, User


def _witness_check(actor: Actor, witness_id: int | None) -> User:
    if witness_id is None:
        raise WitnessInvalid(
            _("Name the staff member who witnessed the oral consent."),
            details={"witness": "required"},
        )
    if witness_id == actor.user.pk:
        raise WitnessInvalid(
            _("The witness must be a second staff member, not the one recording the consent."),
            details={"witness": "self"},
        )
    membership = (
        Membership.objects.filter(
            user_id=witness_id,
            active=True,
            role__in=CASE_ROLES,
            municipality_id=actor.municipality_id,
            user__is_active=True,
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise WitnessInvalid(
            _(
                "The witness must be an active staff member working with people in your "
                "municipality."
            ),
            details={"witness": "unknown"},
        )
    return membership.user


def witnesses_for(actor: Actor) -> list[User]:
    """The colleagues who can witness an oral consent for the actor: case roles, same
    municipality, not the actor. Staff names, no personal data about clients."""
    return list(
        User.objects.filter(
            memberships__active=True,
            memberships__role__in=CASE_ROLES,
            memberships__municipality_id=actor.municipality_id,
            is_active=True,
        )
        .exclude(pk=actor.user.pk)
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def consent_record_for(
    *,
    actor: Actor,
    person_id: int,
    given_by_id: int,
    organisation_ids: Iterable[int],
    categories: Iterable[str],
    purpose: str,
    valid_from: date | None = None,
    valid_until: date | None,
    method: str,
    document_id: int | None = None,
    witness_id: int | None = None,
) -> Consent:
    """A staff member records a consent the person gave, for a person their organisation works
    with. No one records a consent alone: a written one needs the signed form attached, an
    oral one a second staff member as witness who confirms it in their own session. A
    digital one only the person gives, on Min side. Validity starts no earlier than today."""
    person = person_for_write(actor, person_id)
    given_by = Person.objects.filter(pk=given_by_id).first()
    if given_by is None or (
        given_by.pk != person.pk
        and not Relation.objects.filter(
            person=person, relative=given_by, kind=RelationKind.GUARDIAN
        ).exists()
    ):
        raise ConsentInvalid(
            _("The consent must be given by the person or a registered guardian."),
            details={"given_by": "unknown"},
        )
    recorded_on = today()
    valid_from = valid_from or recorded_on
    errors, _orgs = consent_terms_errors(
        person=person,
        given_by=given_by,
        org_ids=sorted(set(organisation_ids)),
        cats=sorted(set(categories)),
        purpose=(purpose or "").strip(),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    if valid_from < recorded_on:
        errors["valid_from"] = _(
            "A consent cannot start before it is recorded (%(d)s): no backdating."
        ) % {"d": recorded_on.isoformat()}
    if method == ConsentMethod.DIGITAL:
        errors["method"] = _(
            "A digital consent is given by the person themselves, signed in through "
            "ID-porten on Min side. Record a paper form or a witnessed oral consent here."
        )
    elif method not in {ConsentMethod.WRITTEN, ConsentMethod.ORAL}:
        errors["method"] = _("Say how the consent was given: on paper or orally.")
    if errors:
        raise ConsentInvalid(" ".join(errors.values()), details=errors)
    document = witness = None
    if method == ConsentMethod.WRITTEN:
        document = (
            ConsentDocument.objects.filter(
                pk=document_id,
                person=person,
                uploaded_by_organisation_id=actor.organisation_id,
                consents__isnull=True,
            ).first()
            if document_id is not None
            else None
        )
        if document is None:
            raise ConsentProvenanceMissing(
                _(
                    "Attach the signed consent form (PDF or an image of it) before recording a "
                    "written consent."
                ),
                details={"document": "required"},
            )
    elif method == ConsentMethod.ORAL:
        witness = _witness_check(actor, witness_id)
    return consent_record(
        actor=actor,
        person=person,
        given_by=given_by,
        organisation_ids=organisation_ids,
        categories=categories,
        purpose=purpose,
        valid_from=valid_from,
        valid_until=valid_until,
        method=method,
        document=document,
        witness=witness,
    )


_SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}


def _sniff(content: bytes) -> tuple[str, str] | None:
    for magic, kind in _SIGNATURES.items():
        if content.startswith(magic):
            return kind
    return None


@transaction.atomic
def consent_document_store(
    *,
    actor: Actor | None,
    person: Person,
    file_name: str,
    content: bytes,
    organisation: Organisation | None = None,
) -> ConsentDocument:
    """Store a signed consent form. The type is read from the file itself, not its name."""
    limit = settings.CONSENT_DOCUMENT_MAX_BYTES
    if not content:
        raise ConsentDocumentInvalid(N_("The file is empty."), details={"file": "empty"})
    if len(content) > limit:
        raise ConsentDocumentInvalid(
            _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
            details={"file": "too_large"},
        )
    kind = _sniff(content)
    if kind is None:
        raise ConsentDocumentInvalid(
            N_("The signed form must be a PDF, PNG or JPEG file."), details={"file": "type"}
        )
    content_type, extension = kind
    stored_as = f"{person.municipality_id}/{uuid.uuid4().hex}.{extension}"
    path = settings.CONSENT_DOCUMENT_DIR / stored_as
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    name = (file_name or f"samtykke.{extension}").replace("/", "_").replace("\\", "_")[-200:]
    document = ConsentDocument(
        municipality_id=person.municipality_id,
        person=person,
        file_name=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        stored_as=stored_as,
        uploaded_by=actor.user if actor else None,
        uploaded_by_organisation=organisation or (actor.organisation if actor else None),
    )
    document.full_clean()
    document.save()
    change_record(
        actor=actor,
        action="consent_document.store",
        instance=document,
        person_id=person.pk,
        municipality_id=person.municipality_id,
        changes={"file_name": name, "size": len(content), "sha256": document.sha256},
    )
    return document


def consent_document_upload_for(
    *, actor: Actor, person_id: int, file_name: str, content: bytes
) -> ConsentDocument:
    person = person_for_write(actor, person_id)
    return consent_document_store(actor=actor, person=person, file_name=file_name, content=content)


def _awaiting_witness(actor: Actor, consent_id: int) -> Consent:
    """The oral consent that waits for this actor's word as its witness, locked; else 404."""
    consent = (
        Consent.objects.select_for_update()
        .filter(
            pk=consent_id,
            method=ConsentMethod.ORAL,
            witness_id=actor.user.pk,
            witness_confirmed_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        .first()
    )
    if consent is None or not actor.works_with_people:
        raise NotTheWitness()
    return consent


@transaction.atomic
def consent_witness_confirm(*, actor: Actor, consent_id: int) -> Consent:
    """The witness confirms, in their own session, that they heard the person consent."""
    consent = _awaiting_witness(actor, consent_id)
    consent.witness_confirmed_at = consent.confirmed_at = timezone.now()
    consent.save(update_fields=["witness_confirmed_at", "confirmed_at"])
    change_record(
        actor=actor,
        action="consent.witness_confirm",
        instance=consent,
        person_id=consent.person_id,
        municipality_id=consent.municipality_id,
        changes={"confirmed_at": consent.confirmed_at},
    )
    tell_data_owners(consent)
    return consent


@transaction.atomic
def consent_witness_decline(*, actor: Actor, consent_id: int, reason: str = "") -> Consent:
    """The named witness did not hear this consent: it is withdrawn before it ever covered
    anything, and its recorder is told."""
    consent = _awaiting_witness(actor, consent_id)
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor.user
    consent.withdrawal_reason = (reason or "").strip() or _("The witness did not confirm it.")
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    change_record(
        actor=actor,
        action="consent.witness_decline",
        instance=consent,
        person_id=consent.person_id,
        municipality_id=consent.municipality_id,
        changes={"reason": consent.withdrawal_reason},
    )
    if consent.recorded_by is not None:
        notify(
            recipient=consent.recorded_by,
            kind="consent_witness_declined",
            key=f"consent-witness-declined:{consent.pk}",
            title=_("The witness did not confirm an oral consent you recorded"),
            url=reverse("web:person_consents", args=[consent.person_id]),
            municipality_id=consent.municipality_id,
        )
    return consent
