"""Writes for agreements: drafting, versions, sign-off, and service paths that become
referral deadlines. Managers and administrators of a party edit; a manager of a party signs
for it (``agreements.policies``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.agreements.errors import AgreementInvalid, AgreementNotFound, SignOffInvalid
from helhet.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementVersion,
    Responsibility,
    ResponsibilityCell,
    ResponsibilityLevel,
    ServicePathStep,
    SignOff,
)
from helhet.agreements.policies import require_agreement_editor, require_signatory
from helhet.agreements.selectors import agreement_in_force, party_ids
from helhet.audit.services import change_record
from helhet.networks.models import NetworkMember
from helhet.referrals.models import DeadlineRule
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation


@dataclass(frozen=True)
class ResponsibilitySpec:
    """A row of the matrix: ``cells`` maps a party's organisation id to leads/contributes/…"""

    text: str
    cells: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StepSpec:
    organisation_id: int
    what: str
    to_organisation_id: int | None = None
    referral_deadline_working_days: int | None = None


def clean_or_refuse(instance: models.Model, exclude: Iterable[str] = ()) -> None:
    """The model's own validation, refused as ``AgreementInvalid`` naming the fields."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        messages = "; ".join(
            f"{name}: {' '.join(str(m) for m in errs)}" if name != "__all__" else " ".join(errs)
            for name, errs in exc.message_dict.items()
        )
        raise AgreementInvalid(messages, details={"fields": sorted(exc.message_dict)}) from exc


def _locked(actor: Actor, agreement_id: int) -> Agreement:
    agreement = (
        Agreement.objects.select_for_update()
        .filter(pk=agreement_id, municipality_id=actor.municipality_id)
        .first()
    )
    if agreement is None:
        raise AgreementNotFound()
    return agreement


def agreement_for_edit(actor: Actor, agreement_id: int) -> Agreement:
    """The agreement, locked, if the actor may edit it (404 or 403 otherwise); every write to
    an agreement and what hangs on it starts here."""
    agreement = _locked(actor, agreement_id)
    require_agreement_editor(actor, party_ids(agreement))
    return agreement


def _write_version(
    *,
    actor: Actor,
    agreement: Agreement,
    number: int,
    goals: str,
    operational_plan: str,
    responsibilities: Sequence[ResponsibilitySpec],
    steps: Sequence[StepSpec],
) -> AgreementVersion:
    parties = party_ids(agreement)
    goals = (goals or "").strip()
    if not goals:
        raise AgreementInvalid(N_("State the agreement's goals."))
    version = AgreementVersion(
        municipality_id=agreement.municipality_id,
        agreement=agreement,
        number=number,
        goals=goals,
        operational_plan=(operational_plan or "").strip(),
        created_by=actor.user,
    )
    clean_or_refuse(version)
    version.save()
    for order, spec in enumerate(responsibilities, start=1):
        text = (spec.text or "").strip()
        if not text:
            raise AgreementInvalid(N_("Every responsibility needs a description."))
        row = Responsibility(
            municipality_id=agreement.municipality_id, version=version, order=order, text=text
        )
        clean_or_refuse(row)
        row.save()
        for org_id, level in spec.cells.items():
            if org_id not in parties:
                raise AgreementInvalid(N_("Responsibilities can only be given to parties."))
            if level not in ResponsibilityLevel.values:
                raise AgreementInvalid(
                    _("Unknown role in the matrix: %(l)s.") % {"l": level},
                    details={"level": level},
                )
            ResponsibilityCell.objects.create(
                municipality_id=agreement.municipality_id,
                responsibility=row,
                organisation_id=org_id,
                level=level,
            )
    for order, step in enumerate(steps, start=1):
        if step.organisation_id not in parties or (
            step.to_organisation_id is not None and step.to_organisation_id not in parties
        ):
            raise AgreementInvalid(N_("Every step of the service path must name parties."))
        if step.to_organisation_id == step.organisation_id:
            raise AgreementInvalid(N_("A step cannot hand over to the same organisation."))
        days = step.referral_deadline_working_days
        if days is not None and step.to_organisation_id is None:
            raise AgreementInvalid(N_("A referral deadline needs a hand-over to another party."))
        if days is not None and not 1 <= days <= 60:
            raise AgreementInvalid(N_("A deadline is between 1 and 60 working days."))
        row_step = ServicePathStep(
            municipality_id=agreement.municipality_id,
            version=version,
            order=order,
            organisation_id=step.organisation_id,
            what=(step.what or "").strip(),
            to_organisation_id=step.to_organisation_id,
            referral_deadline_working_days=days,
        )
        clean_or_refuse(row_step, exclude=["organisation", "to_organisation"])
        row_step.save()
    return version


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    title: str,
    kind: str = AgreementKind.SERVICE,
    party_ids: Sequence[int],
    goals: str,
    operational_plan: str = "",
    review_on: date | None = None,
    responsibilities: Sequence[ResponsibilitySpec] = (),
    steps: Sequence[StepSpec] = (),
    network_id: int | None = None,
) -> Agreement:
    """Draft an agreement between two or more organisations; its first version, unsigned.
    With ``network_id`` it is that network's agreement."""
    parties = sorted(set(party_ids))
    require_agreement_editor(actor, parties)
    _check_network(actor, network_id)
    if len(parties) < 2:
        raise AgreementInvalid(N_("An agreement needs at least two parties."))
    found = Organisation.objects.filter(
        pk__in=parties, municipality_id=actor.municipality_id
    ).count()
    if found != len(parties):
        raise AgreementInvalid(N_("Every party must be an organisation in your municipality."))
    agreement = Agreement(
        municipality_id=actor.municipality_id,
        title=(title or "").strip(),
        kind=kind,
        current_version=1,
        review_on=review_on,
        network_id=network_id,
    )
    clean_or_refuse(agreement)
    agreement.save()
    AgreementParty.objects.bulk_create(
        AgreementParty(
            municipality_id=actor.municipality_id, agreement=agreement, organisation_id=org_id
        )
        for org_id in parties
    )
    _write_version(
        actor=actor,
        agreement=agreement,
        number=1,
        goals=goals,
        operational_plan=operational_plan,
        responsibilities=responsibilities,
        steps=steps,
    )
    change_record(
        actor=actor,
        action="agreement.create",
        instance=agreement,
        changes={
            "title": agreement.title,
            "kind": kind,
            "parties": parties,
            "network": network_id,
        },
    )
    return agreement


def _check_network(actor: Actor, network_id: int | None) -> None:
    """The network must be of the actor's municipality and have the actor's organisation
    among its members: an agreement is not pinned on a network one has no part in."""
    if network_id is None:
        return
    if not NetworkMember.objects.filter(
        network_id=network_id,
        network__municipality_id=actor.municipality_id,
        organisation_id=actor.organisation_id,
    ).exists():
        raise AgreementInvalid(
            N_("Choose a network your organisation is a member of."),
            details={"field": "network_id"},
        )


@transaction.atomic
def agreement_network_set(*, actor: Actor, agreement_id: int, network_id: int | None) -> Agreement:
    """Say which network the agreement belongs to (or none)."""
    agreement = agreement_for_edit(actor, agreement_id)
    _check_network(actor, network_id)
    agreement.network_id = network_id
    agreement.save(update_fields=["network"])
    change_record(
        actor=actor,
        action="agreement.network_set",
        instance=agreement,
        changes={"network": network_id},
    )
    return agreement


@transaction.atomic
def agreement_revise(
    *,
    actor: Actor,
    agreement_id: int,
    goals: str,
    operational_plan: str = "",
    responsibilities: Sequence[ResponsibilitySpec] = (),
    steps: Sequence[StepSpec] = (),
    review_on: date | None = None,
) -> AgreementVersion:
    """Editing makes a new version; every party must sign it before it is in force. Until
    then the agreement is not in force, so the referral deadlines it set are withdrawn."""
    agreement = agreement_for_edit(actor, agreement_id)
    if agreement_in_force(agreement):
        _withdraw_service_path(actor, agreement)
    number = agreement.current_version + 1
    version = _write_version(
        actor=actor,
        agreement=agreement,
        number=number,
        goals=goals,
        operational_plan=operational_plan,
        responsibilities=responsibilities,
        steps=steps,
    )
    agreement.current_version = number
    if review_on is not None:
        agreement.review_on = review_on
    agreement.save(update_fields=["current_version", "review_on"])
    change_record(
        actor=actor, action="agreement.revise", instance=agreement, changes={"version": number}
    )
    return version


def _service_path_basis(agreement: Agreement, version: AgreementVersion) -> str:
    return f"{agreement.title} (v{version.number})"[:200]


def _withdraw_service_path(actor: Actor, agreement: Agreement) -> None:
    """Remove the deadline rules the version in force set (and only those: a rule another
    agreement has since set for the same pair has another basis and stays)."""
    version = AgreementVersion.objects.get(agreement=agreement, number=agreement.current_version)
    basis = _service_path_basis(agreement, version)
    for step in version.steps.all():
        if step.to_organisation_id is None or step.referral_deadline_working_days is None:
            continue
        rule = DeadlineRule.objects.filter(
            from_organisation_id=step.organisation_id,
            to_organisation_id=step.to_organisation_id,
            basis=basis,
        ).first()
        if rule is None:
            continue
        change_record(
            actor=actor,
            action="referral.deadline_rule_withdraw",
            instance=rule,
            changes={"from": rule.from_organisation_id, "to": rule.to_organisation_id},
        )
        rule.delete()


def _apply_service_path(actor: Actor, agreement: Agreement, version: AgreementVersion) -> None:
    """The agreed hand-over deadlines become the referral deadlines between the parties."""
    basis = _service_path_basis(agreement, version)
    for step in version.steps.all():
        if step.to_organisation_id is None or step.referral_deadline_working_days is None:
            continue
        rule, _created = DeadlineRule.objects.update_or_create(
            from_organisation_id=step.organisation_id,
            to_organisation_id=step.to_organisation_id,
            defaults={
                "working_days": step.referral_deadline_working_days,
                "basis": basis,
                "municipality_id": agreement.municipality_id,
                "from_agreement": True,
            },
        )
        change_record(
            actor=actor,
            action="referral.deadline_rule",
            instance=rule,
            changes={
                "from": step.organisation_id,
                "to": step.to_organisation_id,
                "days": step.referral_deadline_working_days,
                "basis": basis,
            },
        )


@transaction.atomic
def agreement_sign(*, actor: Actor, agreement_id: int, version_number: int) -> SignOff:
    """A manager signs the latest version for their organisation. The last signature puts the
    agreement in force and applies its service-path deadlines to referrals."""
    agreement = _locked(actor, agreement_id)
    require_signatory(actor, party_ids(agreement))
    if version_number != agreement.current_version:
        raise SignOffInvalid(
            N_("Only the latest version can be signed."),
            details={"latest": agreement.current_version},
        )
    version = AgreementVersion.objects.get(agreement=agreement, number=version_number)
    if SignOff.objects.filter(version=version, organisation_id=actor.organisation_id).exists():
        raise SignOffInvalid(N_("Your organisation has already signed this version."))
    signoff = SignOff.objects.create(
        municipality_id=agreement.municipality_id,
        version=version,
        organisation_id=actor.organisation_id,
        signed_by=actor.user,
    )
    change_record(
        actor=actor,
        action="agreement.sign",
        instance=agreement,
        changes={"version": version_number},
    )
    if agreement_in_force(agreement):
        _apply_service_path(actor, agreement, version)
    return signoff
