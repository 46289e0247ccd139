"""Writes for involvements and consents."""

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
from helhet.consent.models import Consent, ConsentCategory, ConsentMethod, Involvement
from helhet.consent.policies import today
from helhet.consent.selectors import consents_visible_to
from helhet.people.categories import InformationCategory, involvement_category
from helhet.people.errors import NoPersonalDataAccess
from helhet.people.models import Person, Relation, RelationKind
from helhet.people.services import person_for_write
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, User

ADULT_AGE = 18


def age_on(birth_date: date, on: date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


@transaction.atomic
def involvement_open(
    *,
    actor: Actor,
    person: Person,
    started_on: date | None = None,
    responsible: User | None = None,
) -> Involvement:
    """Open the actor's own organisation's case with a person (system: see demo loader)."""
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    return involvement_open_for(
        actor=actor,
        organisation=actor.organisation,
        person=person,
        started_on=started_on or today(),
        responsible=responsible or actor.user,
    )


@transaction.atomic
def involvement_open_for(
    *,
    actor: Actor | None,
    organisation: Organisation,
    person: Person,
    started_on: date,
    responsible: User | None,
    ended_on: date | None = None,
) -> Involvement:
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
    )
    involvement.full_clean()
    involvement.save()
    change_record(
        actor=actor,
        action="involvement.open",
        instance=involvement,
        person_id=person.pk,
        municipality_id=organisation.municipality_id,
        changes={"organisation": organisation, "started_on": started_on, "ended_on": ended_on},
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


def _may_consent_for(giver: Person, person: Person, on: date) -> bool:
    if giver.pk == person.pk:
        return age_on(person.birth_date, on) >= ADULT_AGE
    return Relation.objects.filter(
        person=person, relative=giver, kind=RelationKind.GUARDIAN
    ).exists()


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
) -> Consent:
    """Record a consent as given. ``actor`` None is system work (the demo loader)."""
    org_ids = sorted(set(organisation_ids))
    cats = sorted(set(categories))
    purpose = (purpose or "").strip()
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
    if method not in ConsentMethod.values:
        errors["method"] = _("Say how the consent was given (written, digital or oral).")
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("The consent cannot end before it starts.")
    if not _may_consent_for(given_by, person, valid_from):
        errors["given_by"] = _(
            "A child's consent must be given by a registered guardian; an adult consents "
            "for themselves."
        )
    organisations = list(Organisation.objects.filter(pk__in=org_ids))
    if len(organisations) != len(org_ids):
        errors["organisations"] = _("One or more of the organisations does not exist.")
    elif any(o.municipality_id != person.municipality_id for o in organisations):
        errors["organisations"] = (
            "Consent can only name organisations in the person's municipality."
        )
    if errors:
        raise ConsentInvalid(" ".join(errors.values()), details=errors)
    recorder_org = recorded_by_organisation or (actor.organisation if actor else None)
    if recorder_org is None:
        raise ConsentInvalid(N_("The recording organisation is unknown."))
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
        changes={
            "given_by": given_by.pk,
            "organisations": org_ids,
            "categories": cats,
            "purpose": purpose,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "method": method,
        },
    )
    return consent


@transaction.atomic
def consent_record_for(
    *,
    actor: Actor,
    person_id: int,
    given_by_id: int,
    organisation_ids: Iterable[int],
    categories: Iterable[str],
    purpose: str,
    valid_from: date,
    valid_until: date | None,
    method: str,
) -> Consent:
    """The actor records a consent for a person their organisation works with."""
    person = person_for_write(actor, person_id)
    given_by = Person.objects.filter(pk=given_by_id).first()
    if given_by is None or (
        given_by.pk != person.pk
        and not Relation.objects.filter(person=person, relative=given_by).exists()
    ):
        raise ConsentInvalid(
            _("The consent must be given by the person or a registered guardian."),
            details={"given_by": "unknown"},
        )
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
    )


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
