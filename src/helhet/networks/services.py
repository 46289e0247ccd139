"""Writes for networks: create and edit networks and their bodies, lifecycle, mandate,
objectives, members, representatives, and network meetings.

* Any manager, coordinator or administrator may create a top-level network; their
  organisation becomes its lead member, so they can go on editing it.
* Editing a network (or creating a body under it) needs a managing role in the lead
  organisation or in a sponsoring or leading member of it or of a network it belongs to
  (``policies.can_edit_network``). Staff of other organisations of the municipality get a
  403; other municipalities a 404.
* Lifecycle: forming → operating/ended, operating → paused/ended, paused → operating/ended;
  an ended network is not reopened.

Every write records a change-log row in its transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.text import clean_text
from helhet.meetings.models import Meeting
from helhet.meetings.services import meeting_book_for_network
from helhet.networks.errors import (
    NetworkInvalid,
    NetworkLifecycleInvalid,
    NetworkMemberDuplicate,
    NetworkMemberNotFound,
)
from helhet.networks.models import (
    LIFECYCLE_STEPS,
    LeadershipModel,
    Lifecycle,
    Mandate,
    MemberRole,
    Network,
    NetworkKind,
    NetworkMeeting,
    NetworkMember,
    NetworkType,
    Objective,
    Representative,
)
from helhet.networks.policies import require_network_creator, require_network_editor
from helhet.networks.selectors import network_get
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Organisation


def _for_edit(actor: Actor, network_id: int) -> Network:
    network = network_get(actor=actor, network_id=network_id)
    require_network_editor(actor, network)
    return Network.objects.select_for_update().get(pk=network.pk)


def _organisation(actor: Actor, organisation_id: int, field: str) -> Organisation:
    found = Organisation.objects.filter(
        pk=organisation_id, municipality_id=actor.municipality_id
    ).first()
    if found is None:
        raise NetworkInvalid(N_("The organisation does not exist."), details={"field": field})
    return found


def _check_choices(*, kind: str, type: str) -> None:
    if kind not in NetworkKind.values:
        raise NetworkInvalid(N_("Unknown kind of network."), details={"field": "kind"})
    if type not in NetworkType.values:
        raise NetworkInvalid(N_("Unknown type of network."), details={"field": "type"})


def _leadership(
    actor: Actor, leadership_model: str, lead_organisation_id: int | None, informal_leaders: str
) -> tuple[int | None, str]:
    if leadership_model not in LeadershipModel.values:
        raise NetworkInvalid(N_("Unknown leadership model."), details={"field": "leadership_model"})
    informal_leaders = clean_text(informal_leaders)
    if leadership_model == LeadershipModel.FORMAL_LEAD:
        if lead_organisation_id is None:
            raise NetworkInvalid(
                N_("A formal lead needs a lead organisation."),
                details={"field": "lead_organisation_id"},
            )
        _organisation(actor, lead_organisation_id, "lead_organisation_id")
        return lead_organisation_id, ""
    if lead_organisation_id is not None:
        raise NetworkInvalid(
            N_("Only a network with a formal lead has a lead organisation."),
            details={"field": "lead_organisation_id"},
        )
    if leadership_model == LeadershipModel.INFORMAL and not informal_leaders:
        raise NetworkInvalid(
            N_("Name the informal leaders."), details={"field": "informal_leaders"}
        )
    return None, informal_leaders if leadership_model == LeadershipModel.INFORMAL else ""


def _name(name: str) -> str:
    name = clean_text(name)
    if not name:
        raise NetworkInvalid(N_("A network needs a name."), details={"field": "name"})
    return name


@transaction.atomic
def network_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    type: str,
    parent_id: int | None = None,
    target_population: str = "",
    districts: str = "",
    leadership_model: str = LeadershipModel.SHARED,
    lead_organisation_id: int | None = None,
    informal_leaders: str = "",
) -> Network:
    """Create a network, or a body (steering committee, round table …) under ``parent_id``."""
    require_network_creator(actor)
    _check_choices(kind=kind, type=type)
    if parent_id is not None:
        parent = _for_edit(actor, parent_id)
        if parent.status == Lifecycle.ENDED:
            raise NetworkInvalid(
                N_("An ended network cannot get new bodies."), details={"field": "parent_id"}
            )
    lead_id, informal = _leadership(actor, leadership_model, lead_organisation_id, informal_leaders)
    network = Network(
        municipality_id=actor.municipality_id,
        name=_name(name),
        kind=kind,
        type=type,
        parent_id=parent_id,
        target_population=clean_text(target_population),
        districts=clean_text(districts),
        leadership_model=leadership_model,
        lead_organisation_id=lead_id,
        informal_leaders=informal,
    )
    network.full_clean()
    network.save()
    if parent_id is None:
        NetworkMember.objects.create(
            municipality_id=actor.municipality_id,
            network=network,
            organisation_id=actor.organisation_id,
            role=MemberRole.LEAD,
        )
    change_record(
        actor=actor,
        action="network.create",
        instance=network,
        changes={"name": network.name, "kind": kind, "type": type, "parent": parent_id},
    )
    return network


@transaction.atomic
def network_update(
    *,
    actor: Actor,
    network_id: int,
    name: str,
    kind: str,
    type: str,
    target_population: str = "",
    districts: str = "",
    leadership_model: str = LeadershipModel.SHARED,
    lead_organisation_id: int | None = None,
    informal_leaders: str = "",
) -> Network:
    network = _for_edit(actor, network_id)
    _check_choices(kind=kind, type=type)
    lead_id, informal = _leadership(actor, leadership_model, lead_organisation_id, informal_leaders)
    values = {
        "name": _name(name),
        "kind": kind,
        "type": type,
        "target_population": clean_text(target_population),
        "districts": clean_text(districts),
        "leadership_model": leadership_model,
        "lead_organisation_id": lead_id,
        "informal_leaders": informal,
    }
    changes = {k: v for k, v in values.items() if getattr(network, k) != v}
    for key, value in values.items():
        setattr(network, key, value)
    network.full_clean()
    network.save()
    change_record(actor=actor, action="network.update", instance=network, changes=changes)
    return network


@transaction.atomic
def network_status_change(*, actor: Actor, network_id: int, status: str) -> Network:
    network = _for_edit(actor, network_id)
    if status not in Lifecycle.values:
        raise NetworkLifecycleInvalid(N_("Unknown lifecycle stage."), details={"field": "status"})
    if status not in LIFECYCLE_STEPS[network.status]:
        raise NetworkLifecycleInvalid(
            details={"field": "status", "from": network.status, "to": status}
        )
    before = network.status
    network.status = status
    network.full_clean()
    network.save(update_fields=["status", "updated_at"])
    change_record(
        actor=actor,
        action="network.status",
        instance=network,
        changes={"status": [before, status]},
    )
    return network


@transaction.atomic
def mandate_set(
    *,
    actor: Actor,
    network_id: int,
    issued_by: str,
    regulatory_basis: str = "",
    issued_on: date | None = None,
    scope: str = "",
) -> Mandate:
    network = _for_edit(actor, network_id)
    issued_by = clean_text(issued_by)
    if not issued_by:
        raise NetworkInvalid(N_("Say who issued the mandate."), details={"field": "issued_by"})
    mandate = Mandate.objects.filter(network=network).first() or Mandate(
        municipality_id=network.municipality_id, network=network
    )
    mandate.issued_by = issued_by
    mandate.regulatory_basis = clean_text(regulatory_basis)
    mandate.issued_on = issued_on
    mandate.scope = clean_text(scope)
    mandate.full_clean()
    mandate.save()
    change_record(
        actor=actor,
        action="network.mandate",
        instance=mandate,
        changes={
            "issued_by": issued_by,
            "regulatory_basis": mandate.regulatory_basis,
            "issued_on": issued_on,
            "scope": mandate.scope,
        },
    )
    return mandate


@transaction.atomic
def objective_add(*, actor: Actor, network_id: int, text: str, explicit: bool = True) -> Objective:
    network = _for_edit(actor, network_id)
    text = clean_text(text)
    if not text:
        raise NetworkInvalid(N_("An objective needs a text."), details={"field": "text"})
    objective = Objective(
        municipality_id=network.municipality_id, network=network, text=text, explicit=explicit
    )
    objective.full_clean()
    objective.save()
    change_record(
        actor=actor,
        action="network.objective_add",
        instance=objective,
        changes={"text": text, "explicit": explicit},
    )
    return objective


@transaction.atomic
def member_add(
    *, actor: Actor, network_id: int, organisation_id: int, role: str = MemberRole.MEMBER
) -> NetworkMember:
    network = _for_edit(actor, network_id)
    if role not in MemberRole.values:
        raise NetworkInvalid(N_("Unknown member role."), details={"field": "role"})
    organisation = _organisation(actor, organisation_id, "organisation_id")
    if NetworkMember.objects.filter(network=network, organisation=organisation).exists():
        raise NetworkMemberDuplicate(details={"field": "organisation_id"})
    member = NetworkMember(
        municipality_id=network.municipality_id,
        network=network,
        organisation=organisation,
        role=role,
    )
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save()
    change_record(
        actor=actor,
        action="network.member_add",
        instance=member,
        changes={"organisation": organisation.pk, "role": role},
    )
    return member


def _member_for_edit(actor: Actor, network_id: int, member_id: int) -> NetworkMember:
    network = _for_edit(actor, network_id)
    member = NetworkMember.objects.filter(network=network, pk=member_id).first()
    if member is None:
        raise NetworkMemberNotFound()
    return member


@transaction.atomic
def member_role_change(
    *, actor: Actor, network_id: int, member_id: int, role: str
) -> NetworkMember:
    member = _member_for_edit(actor, network_id, member_id)
    if role not in MemberRole.values:
        raise NetworkInvalid(N_("Unknown member role."), details={"field": "role"})
    before = member.role
    member.role = role
    member.save(update_fields=["role"])
    change_record(
        actor=actor,
        action="network.member_role",
        instance=member,
        changes={"role": [before, role]},
    )
    return member


@transaction.atomic
def member_remove(*, actor: Actor, network_id: int, member_id: int) -> NetworkMember:
    """An organisation leaves the network; its representatives go with it. What it did in
    the network's meetings stays on record in those meetings."""
    member = _member_for_edit(actor, network_id, member_id)
    if member.network.lead_organisation_id == member.organisation_id:
        raise NetworkInvalid(
            N_("The formal lead cannot leave. Make another organisation the lead first."),
            details={"field": "member_id"},
        )
    change_record(
        actor=actor,
        action="network.member_remove",
        instance=member,
        changes={"organisation": member.organisation_id, "role": member.role},
    )
    member.delete()
    return member


@transaction.atomic
def representative_add(
    *,
    actor: Actor,
    network_id: int,
    member_id: int,
    user_id: int | None = None,
    name: str = "",
    title: str = "",
) -> Representative:
    """A named representative of a member: a member of staff of that organisation, or a name
    (for organisations without users in Helhet, such as voluntary organisations)."""
    member = _member_for_edit(actor, network_id, member_id)
    name = clean_text(name)
    if user_id is None and not name:
        raise NetworkInvalid(
            N_("Name the representative or choose a member of staff."),
            details={"field": "name"},
        )
    if (
        user_id is not None
        and not Membership.objects.filter(
            user_id=user_id, organisation_id=member.organisation_id, active=True
        ).exists()
    ):
        raise NetworkInvalid(
            N_("That member of staff does not work in the member organisation."),
            details={"field": "user_id"},
        )
    representative = Representative(
        municipality_id=member.municipality_id,
        member=member,
        user_id=user_id,
        name=name,
        title=clean_text(title),
    )
    representative.full_clean()
    representative.save()
    change_record(
        actor=actor,
        action="network.representative_add",
        instance=representative,
        changes={"user": user_id, "name": name, "title": representative.title},
    )
    return representative


@transaction.atomic
def network_meeting_book(
    *,
    actor: Actor,
    network_id: int,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    agenda: str = "",
) -> Meeting:
    """Book a meeting of the network with every member organisation invited, and link it to
    the network."""
    network = _for_edit(actor, network_id)
    if network.status == Lifecycle.ENDED:
        raise NetworkInvalid(N_("An ended network holds no meetings."), details={"field": "status"})
    meeting = meeting_book_for_network(
        actor=actor,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        agenda=agenda,
        organisation_ids=list(network.members.values_list("organisation_id", flat=True)),
    )
    link = NetworkMeeting.objects.create(
        municipality_id=network.municipality_id, network=network, meeting=meeting
    )
    change_record(
        actor=actor,
        action="network.meeting_book",
        instance=link,
        changes={"meeting": meeting.pk},
    )
    return meeting
