"""Writes for the network registry: create a network's information form (prefilled), complete
it by hand, refresh the prefilled parts, add and remove partners and funding lines. Who may
is in ``policies``; every write records a change-log row in its transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.text import clean_text
from helhet.networks.models import Network
from helhet.networks.selectors import network_get
from helhet.observatory.policies import require_observatory
from helhet.registry.errors import (
    RegistryEntryExists,
    RegistryInvalid,
    RegistryItemNotFound,
)
from helhet.registry.models import (
    FIRST_YEAR,
    LAST_YEAR,
    RegistryEntry,
    RegistryFunding,
    RegistryPartner,
    Setting,
)
from helhet.registry.policies import require_entry_editor
from helhet.registry.selectors import Prefill, entry_get, network_prefill
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, Sector

MAX_AMOUNT = Decimal("999999999999.99")


def _for_edit(actor: Actor, entry_id: int) -> RegistryEntry:
    entry = entry_get(actor=actor, entry_id=entry_id)
    require_entry_editor(actor, entry.network)
    return RegistryEntry.objects.select_for_update().select_related("network").get(pk=entry.pk)


def _organisation(actor: Actor, organisation_id: int, field: str) -> Organisation:
    found = Organisation.objects.filter(
        pk=organisation_id, municipality_id=actor.municipality_id
    ).first()
    if found is None:
        raise RegistryInvalid(N_("The organisation does not exist."), details={"field": field})
    return found


def _prefill_parts(actor: Actor, entry: RegistryEntry, prefill: Prefill) -> None:
    """Replace the prefilled partners and funding lines with the network's current ones; a
    partner added by hand for an organisation that is now a member stays as it was."""
    RegistryPartner.objects.filter(entry=entry, prefilled=True).delete()
    RegistryFunding.objects.filter(entry=entry, prefilled=True).delete()
    by_hand = set(
        RegistryPartner.objects.filter(entry=entry, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    RegistryPartner.objects.bulk_create(
        RegistryPartner(
            municipality_id=actor.municipality_id,
            entry=entry,
            organisation=p.organisation,
            name=p.organisation.name,
            sector=p.organisation.sector,
            role=p.role[:100],
            prefilled=True,
        )
        for p in prefill.partners
        if p.organisation.pk not in by_hand
    )
    RegistryFunding.objects.bulk_create(
        RegistryFunding(
            municipality_id=actor.municipality_id,
            entry=entry,
            source=f.source,
            amount=f.amount,
            period_start=f.period_start,
            period_end=f.period_end,
            agreement_id=f.agreement_id,
            prefilled=True,
        )
        for f in prefill.funding
    )


@transaction.atomic
def entry_create(*, actor: Actor, network_id: int) -> RegistryEntry:
    """A network's information form, prefilled from what the platform knows about it."""
    require_observatory(actor)
    network: Network = network_get(actor=actor, network_id=network_id)
    require_entry_editor(actor, network)
    if RegistryEntry.objects.filter(network=network).exists():
        raise RegistryEntryExists(details={"network_id": network.pk})
    prefill = network_prefill(network)
    entry = RegistryEntry(
        municipality_id=actor.municipality_id,
        network=network,
        sponsor=prefill.sponsor,
        year_created=prefill.year_created,
        target_population=prefill.target_population,
        objectives=prefill.objectives,
        governance_bodies=prefill.governance_bodies,
        created_by=actor.user,
    )
    entry.full_clean()
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:  # a form created at the same moment by someone else
        raise RegistryEntryExists(details={"network_id": network.pk}) from exc
    _prefill_parts(actor, entry, prefill)
    change_record(
        actor=actor,
        action="registry.entry.create",
        instance=entry,
        changes={
            "network": network.pk,
            "partners": len(prefill.partners),
            "funding": len(prefill.funding),
        },
    )
    return entry


def _year(year_created: int | None) -> int | None:
    if year_created is not None and not FIRST_YEAR <= year_created <= LAST_YEAR:
        raise RegistryInvalid(
            N_("Give the year the network was created, from 1900 to 2100."),
            details={"field": "year_created"},
        )
    return year_created


@transaction.atomic
def entry_update(
    *,
    actor: Actor,
    entry_id: int,
    sponsor_id: int | None = None,
    year_created: int | None = None,
    setting: str = "",
    target_population: str = "",
    objectives: str = "",
    governance_bodies: str = "",
    notes: str = "",
) -> RegistryEntry:
    """Complete the form by hand: every field is set to what is given."""
    entry = _for_edit(actor, entry_id)
    if setting and setting not in Setting.values:
        raise RegistryInvalid(
            N_("Choose rural, semi-rural or urban."), details={"field": "setting"}
        )
    values: dict[str, object] = {
        "sponsor_id": _organisation(actor, sponsor_id, "sponsor_id").pk if sponsor_id else None,
        "year_created": _year(year_created),
        "setting": setting,
        "target_population": clean_text(target_population),
        "objectives": clean_text(objectives),
        "governance_bodies": clean_text(governance_bodies),
        "notes": clean_text(notes),
    }
    changes = {k: v for k, v in values.items() if getattr(entry, k) != v}
    for key, value in values.items():
        setattr(entry, key, value)
    entry.full_clean()
    entry.save()
    change_record(actor=actor, action="registry.entry.update", instance=entry, changes=changes)
    return entry


@transaction.atomic
def entry_refresh(*, actor: Actor, entry_id: int) -> RegistryEntry:
    """Bring the prefilled parts up to date with the network: partners and funding copied
    from it are replaced (those added by hand stay); empty fields are filled in, fields
    already filled are left as they are."""
    entry = _for_edit(actor, entry_id)
    prefill = network_prefill(entry.network)
    filled: list[str] = []
    for name in ("target_population", "objectives", "governance_bodies"):
        if not getattr(entry, name) and getattr(prefill, name):
            setattr(entry, name, getattr(prefill, name))
            filled.append(name)
    if entry.sponsor_id is None and prefill.sponsor is not None:
        entry.sponsor = prefill.sponsor
        filled.append("sponsor")
    if entry.year_created is None:
        entry.year_created = prefill.year_created
        filled.append("year_created")
    entry.full_clean()
    entry.save()
    _prefill_parts(actor, entry, prefill)
    change_record(
        actor=actor,
        action="registry.entry.refresh",
        instance=entry,
        changes={
            "filled": filled,
            "partners": len(prefill.partners),
            "funding": len(prefill.funding),
        },
    )
    return entry


@transaction.atomic
def partner_add(
    *,
    actor: Actor,
    entry_id: int,
    organisation_id: int | None = None,
    name: str = "",
    sector: str = "",
    role: str = "",
) -> RegistryPartner:
    """A partner of the platform (its name, and its sector unless another is given), or one
    named by hand with its sector."""
    entry = _for_edit(actor, entry_id)
    name = clean_text(name)
    if sector and sector not in Sector.values:
        raise RegistryInvalid(
            N_("Choose public, private or non-profit."), details={"field": "sector"}
        )
    organisation = None
    if organisation_id is not None:
        organisation = _organisation(actor, organisation_id, "organisation_id")
        if RegistryPartner.objects.filter(entry=entry, organisation=organisation).exists():
            raise RegistryInvalid(
                N_("The organisation is a partner already."),
                details={"field": "organisation_id"},
            )
        name = name or organisation.name
        sector = sector or organisation.sector
    if not name:
        raise RegistryInvalid(
            N_("Choose an organisation or give the partner's name."), details={"field": "name"}
        )
    if not sector:
        raise RegistryInvalid(N_("Give the partner's sector."), details={"field": "sector"})
    partner = RegistryPartner(
        municipality_id=actor.municipality_id,
        entry=entry,
        organisation=organisation,
        name=name,
        sector=sector,
        role=clean_text(role),
    )
    partner.full_clean()
    partner.save()
    change_record(
        actor=actor,
        action="registry.partner.add",
        instance=partner,
        changes={"entry": entry.pk, "name": name, "sector": sector},
    )
    return partner


@transaction.atomic
def partner_remove(*, actor: Actor, entry_id: int, partner_id: int) -> None:
    entry = _for_edit(actor, entry_id)
    partner = RegistryPartner.objects.filter(pk=partner_id, entry=entry).first()
    if partner is None:
        raise RegistryItemNotFound()
    change_record(
        actor=actor,
        action="registry.partner.remove",
        instance=partner,
        changes={"entry": entry.pk, "name": partner.name},
    )
    partner.delete()


@transaction.atomic
def funding_add(
    *,
    actor: Actor,
    entry_id: int,
    source: str,
    amount: Decimal,
    period_start: date | None = None,
    period_end: date | None = None,
) -> RegistryFunding:
    entry = _for_edit(actor, entry_id)
    source = clean_text(source)
    if not source:
        raise RegistryInvalid(N_("Name the funding source."), details={"field": "source"})
    if not amount.is_finite() or not Decimal(0) <= amount <= MAX_AMOUNT:
        raise RegistryInvalid(
            N_("Give an amount in NOK, zero or more."), details={"field": "amount"}
        )
    if period_start and period_end and period_end < period_start:
        raise RegistryInvalid(
            N_("The funding period must end on or after the day it starts."),
            details={"field": "period_end"},
        )
    funding = RegistryFunding(
        municipality_id=actor.municipality_id,
        entry=entry,
        source=source,
        amount=amount.quantize(Decimal("0.01")),
        period_start=period_start,
        period_end=period_end,
    )
    funding.full_clean()
    funding.save()
    change_record(
        actor=actor,
        action="registry.funding.add",
        instance=funding,
        changes={"entry": entry.pk, "source": source, "amount": str(funding.amount)},
    )
    return funding


@transaction.atomic
def funding_remove(*, actor: Actor, entry_id: int, funding_id: int) -> None:
    entry = _for_edit(actor, entry_id)
    funding = RegistryFunding.objects.filter(pk=funding_id, entry=entry).first()
    if funding is None:
        raise RegistryItemNotFound()
    change_record(
        actor=actor,
        action="registry.funding.remove",
        instance=funding,
        changes={"entry": entry.pk, "source": funding.source, "amount": str(funding.amount)},
    )
    funding.delete()
