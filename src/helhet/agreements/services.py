"""Writes for agreements: versions, sign-off, service paths → referral deadlines, indicators,
resources. Managers and administrators of a party edit; a manager of a party signs for it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.agreements.errors import (
    AgreementInvalid,
    AgreementNotFound,
    FundingPeriodOverlap,
    MeasurementExists,
    NegativeAmount,
    SharesNotHundred,
    SignOffInvalid,
)
from helhet.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementVersion,
    Contribution,
    ContributionKind,
    CostShare,
    Expenditure,
    FundingStream,
    Indicator,
    IndicatorDirection,
    Measurement,
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


def _clean(instance: models.Model, exclude: Iterable[str] = ()) -> None:
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


def _editable(actor: Actor, agreement_id: int) -> Agreement:
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
    _clean(version)
    version.save()
    for order, spec in enumerate(responsibilities, start=1):
        text = (spec.text or "").strip()
        if not text:
            raise AgreementInvalid(N_("Every responsibility needs a description."))
        row = Responsibility(
            municipality_id=agreement.municipality_id, version=version, order=order, text=text
        )
        _clean(row)
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
        _clean(row_step, exclude=["organisation", "to_organisation"])
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
    _clean(agreement)
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
    agreement = _editable(actor, agreement_id)
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
    agreement = _editable(actor, agreement_id)
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


def _not_negative(*amounts: Decimal) -> None:
    if any(a < 0 for a in amounts):
        raise NegativeAmount()


def _period(start: date, end: date) -> None:
    if end < start:
        raise AgreementInvalid(N_("A period cannot end before it starts."))


@transaction.atomic
def indicator_create(
    *,
    actor: Actor,
    agreement_id: int,
    name: str,
    unit: str = "",
    baseline: Decimal,
    target: Decimal,
    target_date: date,
    direction: str,
) -> Indicator:
    agreement = _editable(actor, agreement_id)
    if direction not in IndicatorDirection.values:
        raise AgreementInvalid(N_("The direction is up or down."))
    if (direction == IndicatorDirection.UP and target <= baseline) or (
        direction == IndicatorDirection.DOWN and target >= baseline
    ):
        raise AgreementInvalid(N_("The target must lie in the indicator's direction."))
    indicator = Indicator(
        municipality_id=agreement.municipality_id,
        agreement=agreement,
        name=(name or "").strip(),
        unit=(unit or "").strip(),
        baseline=baseline,
        target=target,
        target_date=target_date,
        direction=direction,
    )
    _clean(indicator)
    indicator.save()
    change_record(
        actor=actor, action="agreement.indicator", instance=indicator, changes={"name": name}
    )
    return indicator


@transaction.atomic
def measurement_record(
    *, actor: Actor, indicator_id: int, measured_on: date, value: Decimal
) -> Measurement:
    indicator = Indicator.objects.filter(
        pk=indicator_id, municipality_id=actor.municipality_id
    ).first()
    if indicator is None:
        raise AgreementNotFound(N_("Indicator not found."))
    _editable(actor, indicator.agreement_id)
    if Measurement.objects.filter(indicator=indicator, measured_on=measured_on).exists():
        raise MeasurementExists()
    measurement = Measurement(
        municipality_id=indicator.municipality_id,
        indicator=indicator,
        measured_on=measured_on,
        value=value,
    )
    _clean(measurement)
    measurement.save()
    change_record(
        actor=actor,
        action="agreement.measurement",
        instance=measurement,
        changes={"on": measured_on, "value": value},
    )
    return measurement


@transaction.atomic
def contribution_add(
    *,
    actor: Actor,
    agreement_id: int,
    organisation_id: int,
    kind: str,
    amount: Decimal,
    period_start: date,
    period_end: date,
    description: str = "",
) -> Contribution:
    agreement = _editable(actor, agreement_id)
    _not_negative(amount)
    _period(period_start, period_end)
    if organisation_id not in party_ids(agreement):
        raise AgreementInvalid(N_("Only parties contribute to the agreement."))
    if kind not in ContributionKind.values:
        raise AgreementInvalid(N_("Unknown kind of contribution."))
    contribution = Contribution(
        municipality_id=agreement.municipality_id,
        agreement=agreement,
        organisation_id=organisation_id,
        kind=kind,
        amount=amount,
        description=(description or "").strip(),
        period_start=period_start,
        period_end=period_end,
    )
    _clean(contribution)
    contribution.save()
    change_record(
        actor=actor,
        action="agreement.contribution",
        instance=contribution,
        changes={"organisation": organisation_id, "kind": kind, "amount": amount},
    )
    return contribution


@transaction.atomic
def funding_stream_add(
    *,
    actor: Actor,
    agreement_id: int,
    source: str,
    amount: Decimal,
    period_start: date,
    period_end: date,
) -> FundingStream:
    """Several streams may run at once; one stream's periods may not overlap."""
    agreement = _editable(actor, agreement_id)
    _not_negative(amount)
    _period(period_start, period_end)
    source = " ".join((source or "").split())
    # Compared in Python: SQLite's case-insensitive match knows only ASCII letters, and
    # "Stiftelsen Østlandet" is the same stream however it is capitalised.
    overlapping = FundingStream.objects.filter(
        agreement=agreement, period_start__lte=period_end, period_end__gte=period_start
    ).values_list("source", flat=True)
    if any(" ".join(o.split()).casefold() == source.casefold() for o in overlapping):
        raise FundingPeriodOverlap()
    stream = FundingStream(
        municipality_id=agreement.municipality_id,
        agreement=agreement,
        source=source,
        amount=amount,
        period_start=period_start,
        period_end=period_end,
    )
    _clean(stream)
    stream.save()
    change_record(
        actor=actor,
        action="agreement.funding",
        instance=stream,
        changes={"source": source, "amount": amount},
    )
    return stream


# A case code such as SAK-2026-014: no spaces, at least one digit, and never eleven digits in
# a row (a national ID). The budget is read by all staff of the municipality, so a name or an
# ID typed here would leak; this refuses the likely slips, not every possible one.
CASE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
NATIONAL_ID_LIKE = re.compile(r"\d{6}[\s.-]?\d{5}")


def _check_case_reference(case_reference: str) -> None:
    if not case_reference:
        return
    if (
        not CASE_CODE.match(case_reference)
        or not any(ch.isdigit() for ch in case_reference)
        or NATIONAL_ID_LIKE.search(case_reference)
    ):
        raise AgreementInvalid(
            N_(
                "A case reference is a case code such as SAK-2026-014, never a name or a "
                "national ID: every member of staff can read the budget."
            ),
            details={"field": "case_reference"},
        )


@transaction.atomic
def expenditure_add(
    *,
    actor: Actor,
    agreement_id: int,
    amount: Decimal,
    description: str,
    paid_by_id: int,
    spent_on: date,
    case_reference: str = "",
) -> Expenditure:
    """Spending from the joint budget; ``case_reference`` is a case code, not a name."""
    agreement = _editable(actor, agreement_id)
    _not_negative(amount)
    case_reference = (case_reference or "").strip()
    _check_case_reference(case_reference)
    if NATIONAL_ID_LIKE.search(description or ""):
        raise AgreementInvalid(
            N_("Leave national ID numbers out: every member of staff can read the budget."),
            details={"field": "description"},
        )
    if paid_by_id not in party_ids(agreement):
        raise AgreementInvalid(N_("Only parties pay from the joint budget."))
    expenditure = Expenditure(
        municipality_id=agreement.municipality_id,
        agreement=agreement,
        amount=amount,
        description=(description or "").strip(),
        case_reference=case_reference,
        paid_by_id=paid_by_id,
        spent_on=spent_on,
    )
    _clean(expenditure)
    expenditure.save()
    change_record(
        actor=actor,
        action="agreement.expenditure",
        instance=expenditure,
        changes={"amount": amount, "paid_by": paid_by_id},
    )
    return expenditure


@transaction.atomic
def cost_shares_set(
    *, actor: Actor, agreement_id: int, shares: Mapping[int, Decimal]
) -> list[CostShare]:
    """Replace the cost-sharing rule: each party's agreed percent, adding up to 100."""
    agreement = _editable(actor, agreement_id)
    _not_negative(*shares.values())
    if set(shares) - party_ids(agreement):
        raise AgreementInvalid(N_("Only parties share the costs."))
    if sum(shares.values(), Decimal(0)) != Decimal(100):
        raise SharesNotHundred(details={"sum": str(sum(shares.values(), Decimal(0)))})
    CostShare.objects.filter(agreement=agreement).delete()
    rows = [
        CostShare(
            municipality_id=agreement.municipality_id,
            agreement=agreement,
            organisation_id=org_id,
            percent=percent,
        )
        for org_id, percent in sorted(shares.items())
    ]
    for row in rows:
        _clean(row, exclude=["agreement", "organisation"])
    CostShare.objects.bulk_create(rows)
    change_record(
        actor=actor,
        action="agreement.cost_shares",
        instance=agreement,
        changes={str(k): str(v) for k, v in shares.items()},
    )
    return rows
