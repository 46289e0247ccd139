"""Reads of consents and involvements, scoped to what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from helhet.audit.services import access_record, access_record_each, deny_unknown
from helhet.consent.errors import ConsentDocumentNotFound, ConsentNotFound, NotTheWitness
from helhet.consent.models import Consent, ConsentDocument, ConsentMethod, Involvement
from helhet.consent.policies import TRUSTED_GUARDIANSHIP, involvement_active_q, persons_known_to
from helhet.core.categories import IDENTITY
from helhet.core.dates import today
from helhet.people.models import Person, RelationKind
from helhet.people.selectors import person_known_or_404
from helhet.tenancy.actor import Actor

CONSENT_CATEGORY = "consent"
CONSENT_FORM_CATEGORY = "consent_form"


def provenance_text(consent: Consent) -> str:
    """How the consent was given, in a sentence a person understands."""

    def when(value: datetime | None) -> str:
        return str(formats.date_format(value, "DATETIME_FORMAT")) if value else ""

    if consent.method == ConsentMethod.DIGITAL:
        level = {
            "idporten-loa-high": _("high"),
            "idporten-loa-substantial": _("substantial"),
        }.get(consent.signed_acr, consent.signed_acr)
        return _("Signed digitally through ID-porten (assurance level %(level)s) on %(when)s.") % {
            "level": level,
            "when": when(consent.recorded_at),
        }
    if consent.method == ConsentMethod.WRITTEN:
        return _("Given on paper; the signed form is attached. Recorded on %(when)s.") % {
            "when": when(consent.recorded_at)
        }
    if consent.method == ConsentMethod.ORAL:
        if consent.witness_confirmed_at:
            return _(
                "Given orally, witnessed by a second staff member who confirmed it on %(when)s."
            ) % {"when": when(consent.witness_confirmed_at)}
        return _("Given orally; waiting for the witness to confirm it. Not in effect yet.")
    return _("Recorded without a form or a witness; not in effect until recorded again.")


def consents_visible_to(actor: Actor) -> QuerySet[Consent]:
    """Consents about persons the actor knows that name or were recorded by their organisation.

    A consent that names neither would tell the actor which other agencies work with the person.
    """
    if not actor.works_with_people:
        return Consent.objects.none()
    return Consent.objects.filter(
        Q(organisations=actor.organisation_id)
        | Q(recorded_by_organisation_id=actor.organisation_id),
        person__in=persons_known_to(actor),
    ).distinct()


@dataclass
class ConsentHistory:
    person: Person
    consents: list[Consent]
    # Who can consent for the person: the person (if adult) and guardians the actor knows.
    givers: list[Person]


def consents_for_person(
    *, actor: Actor, person_id: int, channel: str, through: str
) -> ConsentHistory:
    """The consent history of a person, newest first, as far as the actor may see it."""
    person = person_known_or_404(actor, person_id, channel=channel, through=through)
    known = persons_known_to(actor)
    guardians = list(
        known.filter(
            relations_as_relative__person=person,
            relations_as_relative__kind=RelationKind.GUARDIAN,
            relations_as_relative__source__in=TRUSTED_GUARDIANSHIP,
        ).distinct()
    )
    consents = list(
        consents_visible_to(actor)
        .filter(person_id=person_id)
        .select_related(
            "given_by",
            "recorded_by",
            "recorded_by_organisation",
            "withdrawn_by",
            "witness",
            "document",
        )
        .prefetch_related("organisations", "categories")
        .order_by("-recorded_at", "-id")
    )
    reads: dict[int, list[str]] = {g.pk: [IDENTITY] for g in guardians}
    reads[person.pk] = [IDENTITY, CONSENT_CATEGORY]
    access_record_each(actor=actor, reads=reads, channel=channel, through=through)
    return ConsentHistory(person=person, consents=consents, givers=[person, *guardians])


def involvements_of_actor(actor: Actor) -> QuerySet[Involvement]:
    """The actor's own organisation's active involvements (its caseload)."""
    if not actor.works_with_people:
        return Involvement.objects.none()
    return Involvement.objects.filter(
        involvement_active_q(today()), organisation_id=actor.organisation_id
    ).select_related("person", "responsible")


def caseload_for(*, actor: Actor, channel: str, through: str, limit: int = 50) -> list[Involvement]:
    """The involvements the actor is responsible for; listing the names is a read, so logged."""
    involvements = list(
        involvements_of_actor(actor)
        .filter(responsible=actor.user)
        .order_by("person__family_name", "person__given_name")[:limit]
    )
    access_record(
        actor=actor,
        person_ids=[i.person_id for i in involvements],
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )
    return involvements


def consent_document_open_for(
    *, actor: Actor, document_id: int, channel: str, through: str
) -> tuple[ConsentDocument, bytes]:
    """The signed form behind a consent the actor may see, or one their organisation uploaded.
    Opening it is a read of the person's data, logged; a refusal is logged too."""
    document = (
        ConsentDocument.objects.filter(pk=document_id, person__in=persons_known_to(actor))
        .filter(
            Q(uploaded_by_organisation_id=actor.organisation_id)
            | Q(consents__in=consents_visible_to(actor))
        )
        .first()
        if actor.works_with_people
        else None
    )
    if document is None:
        deny_unknown(
            ConsentDocumentNotFound(),
            actor=actor,
            target_ref=f"consent_document:{document_id}",
            channel=channel,
            through=through,
            reason="not_found",
            categories=[CONSENT_FORM_CATEGORY],
        )
    content = (settings.CONSENT_DOCUMENT_DIR / document.stored_as).read_bytes()
    access_record(
        actor=actor,
        person_ids=[document.person_id],
        categories=[CONSENT_FORM_CATEGORY],
        channel=channel,
        through=through,
    )
    return document, content


def _consent_related(qs: QuerySet[Consent]) -> QuerySet[Consent]:
    return qs.select_related(
        "person", "given_by", "recorded_by", "recorded_by_organisation", "witness", "document"
    ).prefetch_related("organisations", "categories")


def consent_get_for(*, actor: Actor, consent_id: int, channel: str, through: str) -> Consent:
    """One consent the actor may see (it names or was recorded by their organisation)."""
    consent = _consent_related(consents_visible_to(actor).filter(pk=consent_id)).first()
    if consent is None:
        deny_unknown(
            ConsentNotFound(),
            actor=actor,
            target_ref=f"consent:{consent_id}",
            channel=channel,
            through=through,
            reason="not_found",
            categories=[CONSENT_CATEGORY],
        )
    access_record(
        actor=actor,
        person_ids=[consent.person_id],
        categories=[IDENTITY, CONSENT_CATEGORY],
        channel=channel,
        through=through,
    )
    return consent


def _awaiting(actor: Actor) -> QuerySet[Consent]:
    return Consent.objects.filter(
        method=ConsentMethod.ORAL,
        witness_id=actor.user.pk,
        witness_confirmed_at__isnull=True,
        withdrawn_at__isnull=True,
    )


def consents_awaiting_witness_for(*, actor: Actor, channel: str, through: str) -> list[Consent]:
    """Oral consents naming the actor as witness. A colleague who was there named them, so
    seeing what they confirm is the point; the names shown are logged as reads."""
    if not actor.works_with_people:
        return []
    consents = list(_consent_related(_awaiting(actor)).order_by("recorded_at")[:50])
    access_record(
        actor=actor,
        person_ids=sorted({c.person_id for c in consents}),
        categories=[IDENTITY, CONSENT_CATEGORY],
        channel=channel,
        through=through,
    )
    return consents


def consent_for_witness(*, actor: Actor, consent_id: int, channel: str, through: str) -> Consent:
    consent = (
        _consent_related(_awaiting(actor).filter(pk=consent_id)).first()
        if actor.works_with_people
        else None
    )
    if consent is None:
        deny_unknown(
            NotTheWitness(),
            actor=actor,
            target_ref=f"consent:{consent_id}",
            channel=channel,
            through=through,
            reason="not_the_witness",
            categories=[CONSENT_CATEGORY],
        )
    access_record(
        actor=actor,
        person_ids=[consent.person_id],
        categories=[IDENTITY, CONSENT_CATEGORY],
        channel=channel,
        through=through,
    )
    return consent
