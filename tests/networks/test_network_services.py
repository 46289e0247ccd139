"""Network writes: validation, lifecycle, nesting, leadership, permissions, change log."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.audit.models import ChangeEvent
from helhet.core.errors import NotFound, PermissionDenied
from helhet.networks import policies, selectors, services
from helhet.networks.errors import (
    NetworkInvalid,
    NetworkLifecycleInvalid,
    NetworkMemberDuplicate,
    NotNetworkEditor,
)
from helhet.networks.models import Network, NetworkMember
from helhet.tenancy.models import Role
from helhet.tenancy.services import municipality_create, organisation_create


def test_create_makes_the_creator_lead_member(net, orgs):
    member = NetworkMember.objects.get(network=net.network, organisation=orgs["navk"])
    assert member.role == "lead"
    assert net.network.status == "forming"
    assert ChangeEvent.objects.filter(action="network.create").count() == 1


def test_member_twice_is_a_clear_error(net, orgs):
    with pytest.raises(NetworkMemberDuplicate) as exc:
        services.member_add(
            actor=net.lead, network_id=net.network.pk, organisation_id=orgs["cws"].pk
        )
    assert exc.value.code == "network_member_duplicate"
    assert "already a member" in exc.value.message
    assert NetworkMember.objects.filter(network=net.network).count() == 3


@pytest.mark.parametrize(
    ("kind", "type_", "field"), [("strange", "team", "kind"), ("mandated", "club", "type")]
)
def test_unknown_kind_or_type(make_actor, kind, type_, field):
    actor = make_actor("navk", Role.MANAGER)
    with pytest.raises(NetworkInvalid) as exc:
        services.network_create(actor=actor, name="X", kind=kind, type=type_)
    assert exc.value.details["field"] == field
    assert not Network.objects.exists()


def test_unknown_role_and_empty_name(net, make_actor, orgs):
    with pytest.raises(NetworkInvalid):
        services.member_add(
            actor=net.lead, network_id=net.network.pk, organisation_id=orgs["vol"].pk, role="boss"
        )
    with pytest.raises(NetworkInvalid):
        services.network_create(actor=net.lead, name="  ", kind="voluntary", type="network")


def test_lifecycle_steps(net):
    nid = net.network.pk
    with pytest.raises(NetworkLifecycleInvalid):
        services.network_status_change(actor=net.lead, network_id=nid, status="paused")
    with pytest.raises(NetworkLifecycleInvalid):
        services.network_status_change(actor=net.lead, network_id=nid, status="reborn")
    for status in ("operating", "paused", "operating", "ended"):
        assert services.network_status_change(actor=net.lead, network_id=nid, status=status)
    with pytest.raises(NetworkLifecycleInvalid) as exc:
        services.network_status_change(actor=net.lead, network_id=nid, status="operating")
    assert exc.value.code == "network_lifecycle_invalid"
    assert Network.objects.get(pk=nid).status == "ended"
    with pytest.raises(NetworkInvalid):
        services.network_create(
            actor=net.lead, name="Body", kind="voluntary", type="round_table", parent_id=nid
        )


def test_nested_bodies_and_inherited_editing(net, orgs):
    steering = services.network_create(
        actor=net.health,
        name="Styringsgruppe",
        kind="mandated",
        type="steering_committee",
        parent_id=net.network.pk,
    )
    table = services.network_create(
        actor=net.lead,
        name="Lokalt rundbord",
        kind="voluntary",
        type="round_table",
        parent_id=net.network.pk,
    )
    view = selectors.network_detail(actor=net.cws, network_id=net.network.pk)
    assert [b.name for b in view.bodies] == ["Lokalt rundbord", "Styringsgruppe"]
    assert steering.parent_id == net.network.pk and not steering.members.exists()
    # The sponsor of the parent edits the body; a plain member does not.
    services.objective_add(actor=net.health, network_id=table.pk, text="Råd", explicit=False)
    with pytest.raises(NotNetworkEditor):
        services.objective_add(actor=net.cws, network_id=table.pk, text="Nei")
    with pytest.raises(NotNetworkEditor):
        services.network_create(
            actor=net.cws, name="X", kind="voluntary", type="team", parent_id=net.network.pk
        )


def test_leadership_models(net, orgs):
    nid = net.network.pk
    base = {"actor": net.lead, "network_id": nid, "name": "OSK", "kind": "hybrid", "type": "team"}
    with pytest.raises(NetworkInvalid) as exc:
        services.network_update(**base, leadership_model="formal_lead")
    assert exc.value.details["field"] == "lead_organisation_id"
    with pytest.raises(NetworkInvalid):
        services.network_update(**base, leadership_model="informal")
    with pytest.raises(NetworkInvalid):
        services.network_update(
            **base, leadership_model="shared", lead_organisation_id=orgs["nav"].pk
        )
    updated = services.network_update(
        **base, leadership_model="formal_lead", lead_organisation_id=orgs["school"].pk
    )
    assert updated.lead_organisation_id == orgs["school"].pk and updated.kind == "hybrid"
    updated = services.network_update(**base, leadership_model="informal", informal_leaders="Kari")
    assert updated.lead_organisation_id is None and updated.informal_leaders == "Kari"


def test_lead_organisation_may_edit(net, make_actor, orgs):
    school = make_actor("school", Role.ADMINISTRATOR)
    with pytest.raises(NotNetworkEditor):
        services.objective_add(actor=school, network_id=net.network.pk, text="Mål")
    services.network_update(
        actor=net.lead,
        network_id=net.network.pk,
        name="OSK",
        kind="mandated",
        type="team",
        leadership_model="formal_lead",
        lead_organisation_id=orgs["school"].pk,
    )
    assert services.objective_add(actor=school, network_id=net.network.pk, text="Mål")


def test_permissions(net, make_actor):
    nid = net.network.pk
    with pytest.raises(PermissionDenied):  # caseworker of the lead organisation
        services.objective_add(actor=net.caseworker, network_id=nid, text="Mål")
    with pytest.raises(PermissionDenied):  # a caseworker creates no network
        services.network_create(actor=net.caseworker, name="X", kind="voluntary", type="team")
    assert policies.can_edit_network(actor=net.health, network=net.network)
    assert not policies.can_edit_network(actor=net.cws, network=net.network)
    # Everyone in the municipality reads; another municipality does not see it.
    assert selectors.network_detail(actor=net.caseworker, network_id=nid).network.pk == nid
    other = municipality_create(actor=None, number="9903", name="Annenvik")
    org = organisation_create(
        actor=None, municipality=other, name="NAV Annenvik", kind="nav_state", sector="public"
    )
    from helhet.tenancy.actor import Actor
    from helhet.tenancy.models import Membership
    from helhet.tenancy.services import membership_create, staff_create

    user = staff_create(actor=None, username="annen", password="x-very-long-pass-1")
    m = membership_create(actor=None, user=user, organisation=org, role=Role.MANAGER)
    stranger = Actor(user=user, membership=Membership.objects.get(pk=m.pk))
    with pytest.raises(NotFound):
        selectors.network_detail(actor=stranger, network_id=nid)
    with pytest.raises(NotFound):
        services.objective_add(actor=stranger, network_id=nid, text="Mål")
    assert selectors.network_list(actor=stranger) == []


def test_mandate_objectives_representatives(net, orgs):
    nid = net.network.pk
    services.mandate_set(
        actor=net.lead,
        network_id=nid,
        issued_by="Kommunen og NAV",
        regulatory_basis="Samarbeidsavtale",
        issued_on=date(2024, 1, 15),
        scope="Komplekse saker",
    )
    services.mandate_set(actor=net.lead, network_id=nid, issued_by="Bystyret")
    services.objective_add(actor=net.lead, network_id=nid, text="Felles plan")
    services.representative_add(
        actor=net.lead, network_id=nid, member_id=net.cws_member.pk, user_id=net.cws.user.pk
    )
    services.representative_add(
        actor=net.lead, network_id=nid, member_id=net.cws_member.pk, name="Ola", title="Leder"
    )
    with pytest.raises(NetworkInvalid):
        services.representative_add(actor=net.lead, network_id=nid, member_id=net.cws_member.pk)
    with pytest.raises(NetworkInvalid):  # works elsewhere
        services.representative_add(
            actor=net.lead, network_id=nid, member_id=net.cws_member.pk, user_id=net.lead.user.pk
        )
    with pytest.raises(NetworkInvalid):
        services.mandate_set(actor=net.lead, network_id=nid, issued_by=" ")
    view = selectors.network_detail(actor=net.cws, network_id=nid)
    assert view.mandate is not None and view.mandate.issued_by == "Bystyret"
    assert [o.text for o in view.objectives] == ["Felles plan"]
    cws = next(m for m in view.members if m.pk == net.cws_member.pk)
    assert len(cws.representatives.all()) == 2
    services.member_role_change(
        actor=net.lead, network_id=nid, member_id=net.cws_member.pk, role="lead"
    )
    assert policies.can_edit_network(actor=net.cws, network=net.network)
