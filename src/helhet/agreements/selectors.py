"""Reads for agreements. Agreements hold no personal data: every staff member of the
municipality may read them, so no access log is written."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext_noop as N_

from helhet.agreements.errors import AgreementNotFound
from helhet.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementVersion,
    ContributionKind,
    Indicator,
    Measurement,
    Responsibility,
    ResponsibilityCell,
    ServicePathStep,
    SignOff,
)
from helhet.networks.models import Network
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation

HUNDRED = Decimal(100)


def party_ids(agreement: Agreement) -> set[int]:
    return set(
        AgreementParty.objects.filter(agreement=agreement).values_list("organisation_id", flat=True)
    )


def agreement_in_force(agreement: Agreement) -> bool:
    """In force only when every party has signed the latest version."""
    parties = party_ids(agreement)
    signed = set(
        SignOff.objects.filter(
            version__agreement=agreement, version__number=agreement.current_version
        ).values_list("organisation_id", flat=True)
    )
    return bool(parties) and parties <= signed


@dataclass(frozen=True)
class NetworkAgreement:
    agreement: Agreement
    in_force: bool


def agreements_of_network(network_id: int) -> list[NetworkAgreement]:
    """The agreements a network works under, each with whether it is in force; one query."""
    parties = (
        AgreementParty.objects.filter(agreement=OuterRef("pk"))
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    signed = (
        SignOff.objects.filter(
            version__agreement=OuterRef("pk"), version__number=OuterRef("current_version")
        )
        .values("version__agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Agreement.objects.filter(network_id=network_id)
        .annotate(parties_n=Subquery(parties), signed_n=Subquery(signed))
        .order_by("title", "id")
    )
    return [
        NetworkAgreement(
            agreement=a, in_force=bool(a.parties_n) and (a.signed_n or 0) >= a.parties_n
        )
        for a in rows
    ]


def agreements_for(*, actor: Actor) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(municipality_id=actor.municipality_id)
        .select_related("network")
        .prefetch_related(
            Prefetch("party_rows", queryset=AgreementParty.objects.select_related("organisation"))
        )
        .order_by("title", "id")
    )


def networks_joinable(*, actor: Actor) -> QuerySet[Network]:
    """Networks an agreement drafted by the actor may belong to: those their organisation
    is a member of."""
    return Network.objects.filter(
        municipality_id=actor.municipality_id, members__organisation_id=actor.organisation_id
    ).order_by("name", "id")


def indicator_get_for(*, actor: Actor, indicator_id: int) -> tuple[Indicator, list[Measurement]]:
    """An indicator of an agreement of the actor's municipality, with its measurements."""
    indicator = Indicator.objects.filter(
        pk=indicator_id, agreement__municipality_id=actor.municipality_id
    ).first()
    if indicator is None:
        raise AgreementNotFound(N_("Indicator not found."))
    return indicator, list(Measurement.objects.filter(indicator=indicator).order_by("measured_on"))


def parties_of(agreement: Agreement) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=AgreementParty.objects.filter(agreement=agreement).values("organisation_id")
    ).order_by("name", "id")


def indicators_of(agreement: Agreement) -> QuerySet[Indicator]:
    return Indicator.objects.filter(agreement=agreement).order_by("name", "id")


@dataclass
class MatrixRow:
    text: str
    levels: list[str]  # one per party, in the order of ``AgreementView.parties``


@dataclass
class IndicatorView:
    indicator: Indicator
    measurements: list[Measurement]


@dataclass
class FairnessRow:
    organisation: Organisation
    agreed_percent: Decimal | None
    nok: Decimal
    nok_percent: Decimal
    hours: Decimal
    hours_percent: Decimal

    @property
    def difference(self) -> Decimal | None:
        """Actual minus agreed share of the NOK load (positive: carries more than agreed)."""
        if self.agreed_percent is None:
            return None
        return (self.nok_percent - self.agreed_percent).quantize(Decimal("0.1"))


@dataclass
class AgreementView:
    agreement: Agreement
    version: AgreementVersion
    parties: list[Organisation]
    matrix: list[MatrixRow]
    steps: list[ServicePathStep]
    signed: dict[int, SignOff]
    in_force: bool
    indicators: list[IndicatorView] = field(default_factory=list)
    fairness: list[FairnessRow] = field(default_factory=list)


def _percent(part: Decimal, total: Decimal) -> Decimal:
    if not total:
        return Decimal(0)
    return (part * HUNDRED / total).quantize(Decimal("0.1"))


def fairness_for(agreement: Agreement, parties: list[Organisation]) -> list[FairnessRow]:
    """Who carries what share of the load against the share they agreed.

    The NOK load is money, premises and equipment contributed plus expenditures paid;
    staff hours are compared on their own.
    """
    nok: dict[int, Decimal] = defaultdict(Decimal)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for c in agreement.contributions.all():
        if c.kind == ContributionKind.STAFF_HOURS:
            hours[c.organisation_id] += c.amount
        else:
            nok[c.organisation_id] += c.amount
    for e in agreement.expenditures.all():
        nok[e.paid_by_id] += e.amount
    agreed = {s.organisation_id: s.percent for s in agreement.cost_shares.all()}
    total_nok = sum(nok.values(), Decimal(0))
    total_hours = sum(hours.values(), Decimal(0))
    return [
        FairnessRow(
            organisation=org,
            agreed_percent=agreed.get(org.pk),
            nok=nok[org.pk],
            nok_percent=_percent(nok[org.pk], total_nok),
            hours=hours[org.pk],
            hours_percent=_percent(hours[org.pk], total_hours),
        )
        for org in parties
    ]


def agreement_detail_for(*, actor: Actor, agreement_id: int) -> AgreementView:
    """Everything the detail page and API show, in a fixed number of queries."""
    agreement = (
        agreements_for(actor=actor)
        .prefetch_related(
            "contributions__organisation",
            "funding_streams",
            "expenditures__paid_by",
            "cost_shares__organisation",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
                ),
            ),
        )
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None:
        raise AgreementNotFound()
    version = (
        AgreementVersion.objects.filter(agreement=agreement, number=agreement.current_version)
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.prefetch_related(
                    Prefetch("cells", queryset=ResponsibilityCell.objects.all())
                ),
            ),
            Prefetch(
                "steps",
                queryset=ServicePathStep.objects.select_related("organisation", "to_organisation"),
            ),
            Prefetch("signoffs", queryset=SignOff.objects.select_related("signed_by")),
        )
        .get()
    )
    parties = [row.organisation for row in agreement.party_rows.all()]
    matrix = []
    for resp in version.responsibilities.all():
        levels = {cell.organisation_id: cell.level for cell in resp.cells.all()}
        matrix.append(MatrixRow(text=resp.text, levels=[levels.get(o.pk, "") for o in parties]))
    signed = {s.organisation_id: s for s in version.signoffs.all()}
    indicators = [
        IndicatorView(
            indicator=ind,
            measurements=list(ind.measurements.all()),
        )
        for ind in agreement.indicators.all()
    ]
    return AgreementView(
        agreement=agreement,
        version=version,
        parties=parties,
        matrix=matrix,
        steps=list(version.steps.all()),
        signed=signed,
        in_force=bool(parties) and all(o.pk in signed for o in parties),
        indicators=indicators,
        fairness=fairness_for(agreement, parties),
    )
