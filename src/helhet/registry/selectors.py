"""Reads for the network registry: the prefill taken from a network, entries, search,
comparison. Observatory users of the municipality read; nothing here is about persons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from helhet.agreements.models import FundingStream
from helhet.networks.models import Mandate, MemberRole, Network, NetworkMember
from helhet.networks.selectors import network_get
from helhet.observatory.policies import require_observatory
from helhet.registry.errors import RegistryCompareInvalid, RegistryEntryNotFound
from helhet.registry.models import RegistryEntry, RegistryFunding, RegistryPartner
from helhet.registry.policies import can_edit_entry
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, Sector

COMPARE_MIN, COMPARE_MAX = 2, 4


@dataclass(frozen=True)
class PartnerPrefill:
    organisation: Organisation
    role: str


@dataclass(frozen=True)
class FundingPrefill:
    source: str
    amount: Decimal
    period_start: date
    period_end: date
    agreement_id: int


@dataclass(frozen=True)
class Prefill:
    sponsor: Organisation | None
    year_created: int
    target_population: str
    objectives: str
    governance_bodies: str
    partners: list[PartnerPrefill]
    funding: list[FundingPrefill]


def network_prefill(network: Network) -> Prefill:
    """What the networks and agreements apps already know about a network.

    Sponsor: a member with the sponsor role (the first by name), else the lead organisation,
    else a leading member. Year created: the year the mandate was issued, else the year the
    network was recorded. Bodies are listed with their type in the site's default language,
    so the stored text does not depend on who pressed the button. Funding: the funding
    streams of agreements linked to the network.
    """
    members = list(
        NetworkMember.objects.filter(network=network)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )
    sponsor = next((m.organisation for m in members if m.role == MemberRole.SPONSOR), None)
    if sponsor is None:
        sponsor = network.lead_organisation or next(
            (m.organisation for m in members if m.role == MemberRole.LEAD), None
        )
    mandate = Mandate.objects.filter(network=network).first()
    year = (
        mandate.issued_on.year
        if mandate and mandate.issued_on
        else timezone.localtime(network.created_at).year
    )
    with translation.override(settings.LANGUAGE_CODE):
        partners = [PartnerPrefill(m.organisation, str(m.get_role_display())) for m in members]
        bodies = "\n".join(
            f"{b.name} ({b.get_type_display()})" for b in network.bodies.order_by("name", "id")
        )
    funding = [
        FundingPrefill(f.source, f.amount, f.period_start, f.period_end, f.agreement_id)
        for f in FundingStream.objects.filter(agreement__network=network).order_by(
            "agreement_id", "source", "period_start", "id"
        )
    ]
    return Prefill(
        sponsor=sponsor,
        year_created=year,
        target_population=network.target_population,
        objectives="\n".join(network.objectives.values_list("text", flat=True)),
        governance_bodies=bodies,
        partners=partners,
        funding=funding,
    )


def entries_for(actor: Actor) -> QuerySet[RegistryEntry]:
    require_observatory(actor)
    return RegistryEntry.objects.filter(municipality_id=actor.municipality_id)


def _with_parts(entries: QuerySet[RegistryEntry]) -> QuerySet[RegistryEntry]:
    return entries.select_related("network", "sponsor", "network__parent").prefetch_related(
        Prefetch("partners", queryset=RegistryPartner.objects.order_by("name", "id")),
        Prefetch("funding", queryset=RegistryFunding.objects.order_by("source", "id")),
    )


def entry_get(*, actor: Actor, entry_id: int) -> RegistryEntry:
    found = entries_for(actor).select_related("network").filter(pk=entry_id).first()
    if found is None:
        raise RegistryEntryNotFound()
    return found


def entry_of_network(*, actor: Actor, network_id: int) -> tuple[Network, RegistryEntry | None]:
    """The network (404 if not the actor's municipality's) and its entry, if it has one."""
    require_observatory(actor)
    network = network_get(actor=actor, network_id=network_id)
    return network, RegistryEntry.objects.filter(network=network).first()


@dataclass(frozen=True)
class EntryView:
    entry: RegistryEntry
    partners: list[RegistryPartner]
    funding: list[RegistryFunding]
    can_edit: bool = False

    @property
    def network(self) -> Network:
        return self.entry.network

    @property
    def funding_total(self) -> Decimal:
        return sum((f.amount for f in self.funding), Decimal(0))

    @property
    def sectors(self) -> dict[str, int]:
        counts = Counter(p.sector for p in self.partners)
        return {s.value: counts.get(s.value, 0) for s in Sector}

    @property
    def sector_summary(self) -> str:
        counts = self.sectors
        return ", ".join(f"{s.label}: {counts[s.value]}" for s in Sector if counts[s.value])


def _view(entry: RegistryEntry, *, can_edit: bool = False) -> EntryView:
    return EntryView(
        entry=entry,
        partners=list(entry.partners.all()),
        funding=list(entry.funding.all()),
        can_edit=can_edit,
    )


def entry_detail(*, actor: Actor, entry_id: int) -> EntryView:
    entry = _with_parts(entries_for(actor)).filter(pk=entry_id).first()
    if entry is None:
        raise RegistryEntryNotFound()
    return _view(entry, can_edit=can_edit_entry(actor, entry.network))


@dataclass(frozen=True)
class RegistrySearch:
    q: str = ""
    setting: str = ""
    target_population: str = ""
    year_from: int | None = None
    year_to: int | None = None
    has_funding: bool | None = None
    sector: str = ""
    network_type: str = ""


def registry_search(*, actor: Actor, search: RegistrySearch | None = None) -> list[EntryView]:
    """Entries matching every filter given; text matches the network's name, the target
    population, objectives, bodies, notes, the sponsor's and the partners' names. Three
    queries, whatever the number of entries."""
    s = search or RegistrySearch()
    entries = entries_for(actor)
    if s.q:
        partner_match = RegistryPartner.objects.filter(entry=OuterRef("pk"), name__icontains=s.q)
        entries = entries.filter(
            Q(network__name__icontains=s.q)
            | Q(target_population__icontains=s.q)
            | Q(objectives__icontains=s.q)
            | Q(governance_bodies__icontains=s.q)
            | Q(notes__icontains=s.q)
            | Q(sponsor__name__icontains=s.q)
            | Exists(partner_match)
        )
    if s.setting:
        entries = entries.filter(setting=s.setting)
    if s.target_population:
        entries = entries.filter(target_population__icontains=s.target_population)
    if s.year_from is not None:
        entries = entries.filter(year_created__gte=s.year_from)
    if s.year_to is not None:
        entries = entries.filter(year_created__lte=s.year_to)
    if s.has_funding is not None:
        funded = Exists(RegistryFunding.objects.filter(entry=OuterRef("pk")))
        entries = entries.filter(funded if s.has_funding else ~funded)
    if s.sector:
        entries = entries.filter(
            Exists(RegistryPartner.objects.filter(entry=OuterRef("pk"), sector=s.sector))
        )
    if s.network_type:
        entries = entries.filter(network__type=s.network_type)
    return [_view(e) for e in _with_parts(entries)]


def registry_compare(*, actor: Actor, entry_ids: list[int]) -> list[EntryView]:
    """Two to four entries side by side, in the order asked for."""
    ids = list(dict.fromkeys(entry_ids))
    if not COMPARE_MIN <= len(ids) <= COMPARE_MAX:
        raise RegistryCompareInvalid(details={"entry_ids": ids[:10]})
    found = {e.pk: e for e in _with_parts(entries_for(actor).filter(pk__in=ids))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise RegistryEntryNotFound(details={"entry_ids": missing})
    return [_view(found[i]) for i in ids]


@dataclass(frozen=True)
class CompareRow:
    label: str
    values: list[str]


def compare_rows(views: list[EntryView]) -> list[CompareRow]:
    """The side-by-side table: one row per field of the form, one column per network."""

    def text(value: object) -> str:
        return "" if value is None else str(value)

    rows: list[tuple[object, list[str]]] = [
        (_("Type"), [str(v.network.get_type_display()) for v in views]),
        (_("Kind"), [str(v.network.get_kind_display()) for v in views]),
        (_("Lifecycle"), [str(v.network.get_status_display()) for v in views]),
        (_("Sponsor"), [v.entry.sponsor.name if v.entry.sponsor else "" for v in views]),
        (_("Year created"), [text(v.entry.year_created) for v in views]),
        (_("Setting"), [str(v.entry.get_setting_display()) for v in views]),
        (_("Target population"), [v.entry.target_population for v in views]),
        (_("Objectives"), [v.entry.objectives for v in views]),
        (_("Governance bodies"), [v.entry.governance_bodies for v in views]),
        (_("Partners"), [str(len(v.partners)) for v in views]),
        (_("Partners by sector"), [v.sector_summary for v in views]),
        (
            _("Partner organisations"),
            ["\n".join(f"{p.name} ({p.get_sector_display()})" for p in v.partners) for v in views],
        ),
        (_("Funding sources"), [str(len(v.funding)) for v in views]),
        (_("Funding in all (NOK)"), [f"{v.funding_total:,.0f}".replace(",", " ") for v in views]),
        (
            _("Funding"),
            [
                "\n".join(f"{f.source}: {f.amount:,.0f}".replace(",", " ") for f in v.funding)
                for v in views
            ],
        ),
    ]
    return [CompareRow(label=str(label), values=values) for label, values in rows]
