"""Writes for involvements and consents."""

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
    ConsentAlreadyWithdrawn,
    ConsentDocumentInvalid,
    ConsentInvalid,
    ConsentNotFound,
    ConsentProvenanceMissing,
    InvolvementInvalid,
    InvolvementNotFound,
    NotTheWitness,
    WitnessInvalid,
)
from helhet.consent.models import (
    Consent,
    ConsentCategory,
    ConsentDocument,
    ConsentMethod,
    Involvement,
    InvolvementBasis,
)
from helhet.consent.policies import (
    ADULT_AGE,
    age_on,
    involvement_active_q,
    may_act_for,
    may_consent_for,
    may_decide_basis,
    may_open_on_statutory_duty,
)
from helhet.consent.selectors import consents_visible_to
from helhet.core.dates import today
from helhet.people.categories import InformationCategory, involvement_category
from helhet.people.errors import RegistrationBasisInvalid
from helhet.people.models import InformationEntry, Person, Relation, RelationKind
from helhet.people.policies import require_people_role
from helhet.people.services import person_for_write
from helhet.tenancy.actor import CASE_ROLES, Actor
from helhet.tenancy.models import Membership, Organisation, Role, User

__all__ = ["ADULT_AGE", "age_on"]

# What a person does on Min side is change-logged under this name (never the national ID).
PERSON_ACTOR = "Min side"


def involvement_basis_check(
    *, actor: Actor | None, organisation: Organisation, basis: str, reason: str
) -> None:
    """Refuse an involvement whose basis the organisation cannot claim."""
    if basis not in InvolvementBasis.values:
        raise RegistrationBasisInvalid(
            _("Unknown legal basis: %(b)s.") % {"b": basis}, details={"basis": "unknown"}
        )
    if basis == InvolvementBasis.STATUTORY and not may_open_on_statutory_duty(organisation.kind):
        raise RegistrationBasisInvalid(
            N_(
                "Your organisation has no statutory duty to open a case on its own; it needs an "
                "accepted referral, the person's consent or a manager's written decision."
            ),
            details={"basis": "no_statutory_duty"},
        )
    if basis == InvolvementBasis.MANAGER_DECISION:
        if actor is not None and not may_decide_basis(actor):
            raise RegistrationBasisInvalid(
                N_("Only a manager can open a case by decision."),
                details={"basis": "manager_only"},
            )
        if not reason:
            raise RegistrationBasisInvalid(
                N_("A manager's decision needs a written reason."),
                details={"basis_reason": "required"},
            )
    if actor is not None and basis in {InvolvementBasis.REFERRAL, InvolvementBasis.CONSENT}:
        # These bases are set by what they rest on: accepting the referral, or the consent.
        raise RegistrationBasisInvalid(
            N_(
                "A case on a referral is opened by accepting the referral, and a case on "
                "consent by the consent itself."
            ),
            details={"basis": "set_by_its_source"},
        )


@transaction.atomic
def involvement_open(
    *,
    actor: Actor,
    person: Person,
    basis: str,
    basis_reason: str = "",
    started_on: date | None = None,
    responsible: User | None = None,
) -> Involvement:
    """Open the actor's own organisation's case with a person, on a basis it may claim."""
    require_people_role(actor)
    involvement_basis_check(
        actor=actor, organisation=actor.organisation, basis=basis, reason=basis_reason.strip()
    )
    return involvement_open_for(
        actor=actor,
        organisation=actor.organisation,
        person=person,
        started_on=started_on or today(),
        responsible=responsible or actor.user,
        basis=basis,
        basis_reason=basis_reason.strip(),
        decided_by=actor.user,
    )


@transaction.atomic
def involvement_open_for(
    *,
    actor: Actor | None,
    organisation: Organisation,
    person: Person,
    started_on: date,
    responsible: User | None,
    basis: str,
    basis_reason: str = "",
    basis_reference: str = "",
    decided_by: User | None = None,
    ended_on: date | None = None,
) -> Involvement:
    """Open an organisation's case. The basis is recorded with who decided; services that
    rest on a referral or a consent pass it as ``basis_reference``."""
    if basis == InvolvementBasis.STATUTORY and not may_open_on_statutory_duty(organisation.kind):
        involvement_basis_check(actor=None, organisation=organisation, basis=basis, reason="")
    if basis == InvolvementBasis.MANAGER_DECISION and not basis_reason.strip():
        involvement_basis_check(actor=None, organisation=organisation, basis=basis, reason="")
    if ended_on is not None and ended_on < started_on:
        raise InvolvementInvalid(N_("An involvement cannot end before it starts."))
    involvement = Involvement(
        municipality_id=organisation.municipality_id,
        organisation=organisation,
        person=person,
        started_on=started_on,
        ended_on=ended_on,
        responsible=responsible,
        category=involvement_category(organisation.kind),
        basis=basis,
        basis_reason=basis_reason.strip(),
        basis_reference=basis_reference,
        decided_by=decided_by,
    )
    involvement.full_clean()
    involvement.save()
    change_record(
        actor=actor,
        action="involvement.open",
        instance=involvement,
        person_id=person.pk,
        municipality_id=organisation.municipality_id,
        changes={
            "organisation": organisation,
            "started_on": started_on,
            "ended_on": ended_on,
            "basis": basis,
            "basis_reference": basis_reference,
            "basis_reason": basis_reason.strip(),
        },
    )
    return involvement


@transaction.atomic
def involvement_end(
    *, actor: Actor, involvement_id: int, ended_on: date | None = None
) -> Involvement:
    involvement = Involvement.objects.filter(
        pk=involvement_id, organisation_id=actor.organisation_id
    ).first()
    if involvement is None or not actor.works_with_people:
        raise InvolvementNotFound()
    ended_on = ended_on or today()
    if ended_on < involvement.started_on:
        raise InvolvementInvalid(N_("An involvement cannot end before it starts."))
    if involvement.ended_on is not None:
        raise InvolvementInvalid(N_("This involvement has already ended."))
    involvement.ended_on = ended_on
    involvement.save(update_fields=["ended_on"])
    change_record(
        actor=actor,
        action="involvement.end",
        instance=involvement,
        person_id=involvement.person_id,
        changes={"ended_on": ended_on},
    )
    return involvement


def _consent_errors(
    *,
    person: Person,
    given_by: Person,
    org_ids: list[int],
    cats: list[str],
    purpose: str,
    valid_from: date,
    valid_until: date | None,
) -> tuple[dict[str, str], list[Organisation]]:
    errors: dict[str, str] = {}
    if not org_ids:
        errors["organisations"] = _("Name at least one organisation to share with.")
    if not cats:
        errors["categories"] = _("Name at least one category of information.")
    unknown = [c for c in cats if c not in InformationCategory.values]
    if unknown:
        errors["categories"] = _("Unknown information category: %(c)s.") % {"c": ", ".join(unknown)}
    if not purpose:
        errors["purpose"] = _("State the purpose of the sharing.")
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("The consent cannot end before it starts.")
    if not unknown and not may_consent_for(given_by, person, valid_from, cats):
        errors["given_by"] = _(
            "This consent must be given by the person, or for a child by a guardian known from "
            "the population register. Young people consent themselves to sharing health "
            "information from 16 and child-welfare information from 15; adults for everything."
        )
    organisations = list(Organisation.objects.filter(pk__in=org_ids))
    if len(organisations) != len(org_ids):
        errors["organisations"] = _("One or more of the organisations does not exist.")
    elif any(o.municipality_id != person.municipality_id for o in organisations):
        errors["organisations"] = _(
            "Consent can only name organisations in the person's municipality."
        )
    return errors, organisations


@transaction.atomic
def consent_record(
    *,
    actor: Actor | None,
    person: Person,
    given_by: Person,
    organisation_ids: Iterable[int],
    categories: Iterable[str],
    purpose: str,
    valid_from: date,
    valid_until: date | None,
    method: str,
    recorded_by_organisation: Organisation | None = None,
    document: ConsentDocument | None = None,
    witness: User | None = None,
    signed_acr: str = "",
    recorded_by_name: str = "",
) -> Consent:
    """Store a consent with its provenance. The callers check who may record what:
    ``consent_record_for`` (staff), ``consent_sign_digitally`` (the person on Min side), and
    system work with ``actor`` None (the demo loader, the tests' fixtures).

    A consent is in effect at once when signed or backed by a form; an oral one only once its
    witness confirms it (``consent_witness_confirm``).
    """
    org_ids = sorted(set(organisation_ids))
    cats = sorted(set(categories))
    purpose = (purpose or "").strip()
    errors, organisations = _consent_errors(
        person=person,
        given_by=given_by,
        org_ids=org_ids,
        cats=cats,
        purpose=purpose,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    if method not in ConsentMethod.values or method == ConsentMethod.UNVERIFIED:
        errors["method"] = _("Say how the consent was given (digitally, on paper or orally).")
    elif method == ConsentMethod.WRITTEN and document is None:
        errors["document"] = _("Attach the signed consent form (PDF or an image of it).")
    elif method == ConsentMethod.ORAL and witness is None:
        errors["witness"] = _("Name the staff member who witnessed the oral consent.")
    elif method == ConsentMethod.DIGITAL and not signed_acr:
        errors["method"] = _("A digital consent is given by the person, signed in on Min side.")
    if errors:
        raise ConsentInvalid(" ".join(errors.values()), details=errors)
    recorder_org = recorded_by_organisation or (actor.organisation if actor else None)
    now = timezone.now()
    consent = Consent(
        municipality_id=person.municipality_id,
        person=person,
        given_by=given_by,
        purpose=purpose,
        valid_from=valid_from,
        valid_until=valid_until,
        method=method,
        recorded_by=actor.user if actor else None,
        recorded_by_organisation=recorder_org,
        document=document,
        witness=witness,
        signed_acr=signed_acr,
        confirmed_at=None if method == ConsentMethod.ORAL and actor is not None else now,
        witness_confirmed_at=now if method == ConsentMethod.ORAL and actor is None else None,
    )
    consent.full_clean()
    consent.save()
    consent.organisations.set(organisations)
    ConsentCategory.objects.bulk_create(ConsentCategory(consent=consent, category=c) for c in cats)
    change_record(
        actor=actor,
        action="consent.record",
        instance=consent,
        person_id=person.pk,
        municipality_id=person.municipality_id,
        username=recorded_by_name,
        changes={
            "given_by": given_by.pk,
            "organisations": org_ids,
            "categories": cats,
            "purpose": purpose,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "method": method,
            "document": document.pk if document else None,
            "witness": witness.pk if witness else None,
            "signed_acr": signed_acr,
        },
    )
    if consent.confirmed_at is not None:
        _tell_data_owners(consent)
    elif witness is not None:
        _ask_witness(consent)
    return consent


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
    errors, _orgs = _consent_errors(
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


@transaction.atomic
def consent_witness_confirm(*, actor: Actor, consent_id: int) -> Consent:
    """The witness confirms, in their own session, that they heard the person consent."""
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
    _tell_data_owners(consent)
    return consent


@transaction.atomic
def consent_witness_decline(*, actor: Actor, consent_id: int, reason: str = "") -> Consent:
    """The named witness did not hear this consent: it is withdrawn before it ever covered
    anything, and its recorder is told."""
    from helhet.notifications.services import notify

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


def _ask_witness(consent: Consent) -> None:
    from helhet.notifications.services import notify

    if consent.witness is None:
        return
    notify(
        recipient=consent.witness,
        kind="consent_witness",
        key=f"consent-witness:{consent.pk}",
        title=_("You are named as witness to an oral consent"),
        body=_("Confirm it only if you heard the person give it."),
        url=reverse("web:consent_witness", args=[consent.pk]),
        municipality_id=consent.municipality_id,
    )


def _tell_data_owners(consent: Consent) -> None:
    """Tell each organisation whose information a consent now opens to another organisation.

    The owner is the organisation that recorded an entry in a category the consent covers,
    or whose involvement itself reveals that category (child welfare's case is child-welfare
    information). Its managers and the caseworker responsible are told; the text carries no
    personal data, only a link to the person's consent page, which checks access."""
    from helhet.notifications.services import notify

    cats = set(consent.category_values)
    named = set(consent.organisations.values_list("pk", flat=True))
    owners: dict[int, set[str]] = {}
    for org_id, category in InformationEntry.objects.filter(
        person_id=consent.person_id, category__in=cats
    ).values_list("organisation_id", "category"):
        owners.setdefault(org_id, set()).add(category)
    for org_id, category in Involvement.objects.filter(
        involvement_active_q(today()), person_id=consent.person_id, category__in=cats
    ).values_list("organisation_id", "category"):
        owners.setdefault(org_id, set()).add(category)
    owners = {o: c for o, c in owners.items() if named - {o}}
    if not owners:
        return
    responsible = dict(
        Involvement.objects.filter(
            involvement_active_q(today()),
            person_id=consent.person_id,
            organisation_id__in=owners,
            responsible__isnull=False,
        ).values_list("organisation_id", "responsible_id")
    )
    recipients: dict[int, set[int]] = {}
    for membership in Membership.objects.filter(
        organisation_id__in=owners, role=Role.MANAGER, active=True
    ):
        recipients.setdefault(membership.organisation_id, set()).add(membership.user_id)
    for org_id, user_id in responsible.items():
        recipients.setdefault(org_id, set()).add(user_id)
    wanted = {user_id for ids in recipients.values() for user_id in ids}
    users = {u.pk: u for u in User.objects.filter(pk__in=wanted)}
    url = reverse("web:person_consents", args=[consent.person_id])
    for org_id, user_ids in recipients.items():
        for user_id in sorted(user_ids):
            notify(
                recipient=users[user_id],
                kind="consent_opens_your_data",
                key=f"consent-owner:{consent.pk}:{org_id}:{user_id}",
                title=_("A consent gives another organisation access to information you hold"),
                body=_(
                    "A consent now in effect lets another organisation see information your "
                    "organisation recorded. Open the person's consents to see which."
                ),
                url=url,
                municipality_id=consent.municipality_id,
            )


@transaction.atomic
def consent_sign_digitally(
    *,
    signer: Person,
    person: Person,
    organisation_ids: Iterable[int],
    categories: Iterable[str],
    purpose: str,
    valid_until: date | None,
    acr: str,
    through: str = "",
) -> Consent:
    """The person (or a guardian for a child) gives a consent on Min side, signed in through
    ID-porten at assurance level ``acr``: the strongest provenance. In effect at once."""
    if not acr:
        raise ConsentInvalid(N_("Signing needs an ID-porten sign-in."), details={"acr": "missing"})
    return consent_record(
        actor=None,
        person=person,
        given_by=signer,
        organisation_ids=organisation_ids,
        categories=categories,
        purpose=purpose,
        valid_from=today(),
        valid_until=valid_until,
        method=ConsentMethod.DIGITAL,
        signed_acr=acr,
        recorded_by_name=PERSON_ACTOR,
    )


@transaction.atomic
def consent_withdraw_by_person(*, signer: Person, consent_id: int, reason: str = "") -> Consent:
    """The person (or their guardian) withdraws a consent on Min side: in effect at once."""
    consent = (
        Consent.objects.select_for_update().filter(pk=consent_id).select_related("person").first()
    )
    if consent is None or not may_act_for(signer, consent.person, today()):
        raise ConsentNotFound()
    if consent.withdrawn_at is not None:
        raise ConsentAlreadyWithdrawn()
    consent.withdrawn_at = timezone.now()
    consent.withdrawal_reason = (reason or "").strip()
    consent.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    change_record(
        actor=None,
        action="consent.withdraw",
        instance=consent,
        person_id=consent.person_id,
        municipality_id=consent.municipality_id,
        username=PERSON_ACTOR,
        changes={"withdrawn_at": consent.withdrawn_at, "reason": consent.withdrawal_reason},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Actor, consent_id: int, reason: str = "") -> Consent:
    """Withdraw a consent. It stops covering anything at this moment; the record stays."""
    consent = (
        Consent.objects.select_for_update()
        .filter(pk=consent_id, pk__in=consents_visible_to(actor).values("pk"))
        .first()
    )
    if consent is None:
        raise ConsentNotFound()
    if consent.withdrawn_at is not None:
        raise ConsentAlreadyWithdrawn()
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor.user
    consent.withdrawal_reason = reason.strip()
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    change_record(
        actor=actor,
        action="consent.withdraw",
        instance=consent,
        person_id=consent.person_id,
        changes={"withdrawn_at": consent.withdrawn_at, "reason": consent.withdrawal_reason},
    )
    return consent
