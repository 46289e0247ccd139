"""Writes for an agreement's resources: what each party contributes, the funding streams,
spending from the joint budget and the cost-sharing rule. Editors of the agreement write
them; the budget is read by all staff of the municipality, so it holds no names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.agreements.errors import (
    AgreementInvalid,
    FundingPeriodOverlap,
    NegativeAmount,
    SharesNotHundred,
)
from helhet.agreements.models import (
    Contribution,
    ContributionKind,
    CostShare,
    Expenditure,
    FundingStream,
)
from helhet.agreements.selectors import party_ids
from helhet.agreements.services.agreements import agreement_for_edit, clean_or_refuse
from helhet.audit.services import change_record
from helhet.tenancy.actor import Actor


def _not_negative(*amounts: Decimal) -> None:
    if any(a < 0 for a in amounts):
        raise NegativeAmount()


def _period(start: date, end: date) -> None:
    if end < start:
        raise AgreementInvalid(N_("A period cannot end before it starts."))


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
    agreement = agreement_for_edit(actor, agreement_id)
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
    clean_or_refuse(contribution)
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
    agreement = agreement_for_edit(actor, agreement_id)
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
    clean_or_refuse(stream)
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
    agreement = agreement_for_edit(actor, agreement_id)
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
    clean_or_refuse(expenditure)
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
    agreement = agreement_for_edit(actor, agreement_id)
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
        clean_or_refuse(row, exclude=["agreement", "organisation"])
    CostShare.objects.bulk_create(rows)
    change_record(
        actor=actor,
        action="agreement.cost_shares",
        instance=agreement,
        changes={str(k): str(v) for k, v in shares.items()},
    )
    return rows
