"""Writes for involvements and consents.

How a staff member's consent is backed (the signed form, the witness) is in
``consent.provenance``; who is told about a consent, in ``consent.notices``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.errors import (
    ConsentAlreadyWithdrawn,
    ConsentInvalid,
    ConsentNotFound,
    InvolvementInvalid,
    InvolvementNotFound,
)
from helhet.consent.models import (
    Consent,
    ConsentCategory,
    ConsentDocument,
    ConsentMethod,
    Involvement,
    InvolvementBasis,
)
from helhet.consent.notices import ask_witness, tell_data_owners
from helhet.consent.policies import (
    can_act_for,
    can_consent_for,
    can_decide_basis,
    can_open_on_statutory_duty,
)
from helhet.consent.selectors import consents_visible_to
from helhet.core.categories import InformationCategory
from helhet.core.dates import today
from helhet.people.categories import involvement_category
from helhet.people.errors import RegistrationBasisInvalid
from helhet.people.models import Person
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, User

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
    if basis == InvolvementBasis.STATUTORY and not can_open_on_statutory_duty(organisation.kind):
        raise RegistrationBasisInvalid(
            N_(
                "Your organisation has no statutory duty to open a case on its own; it needs an "
                "accepted referral, the person's consent or a manager's written decision."
            ),
            details={"basis": "no_statutory_duty"},
        )
    if basis == InvolvementBasis.MANAGER_DECISION:
        if actor is not None and not can_decide_basis(actor):
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
    if basis == InvolvementBasis.STATUTORY and not can_open_on_statutory_duty(organisation.kind):
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


def consent_terms_errors(
    *,
    person: Person,
    given_by: Person,
    org_ids: list[int],
    cats: list[str],
    purpose: str,
    valid_from: date,
    valid_until: date | None,
) -> tuple[dict[str, str], list[Organisation]]:
    """What is wrong with a consent's terms, by field (empty if nothing), and the
    organisations it names."""
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
    if not unknown and not can_consent_for(given_by, person, valid_from, cats):
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
    ``provenance.consent_record_for`` (staff), ``consent_sign_digitally`` (the person on Min
    side), and system work with ``actor`` None (the demo loader, the tests' fixtures).

    A consent is in effect at once when signed or backed by a form; an oral one only once its
    witness confirms it (``provenance.consent_witness_confirm``).
    """
    org_ids = sorted(set(organisation_ids))
    cats = sorted(set(categories))
    purpose = (purpose or "").strip()
    errors, organisations = consent_terms_errors(
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
        tell_data_owners(consent)
    elif witness is not None:
        ask_witness(consent)
    return consent


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
    if consent is None or not can_act_for(signer, consent.person, today()):
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
