"""Reads of organisations, units and staff. None of these is personal data about clients."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound
from helhet.tenancy.actor import CASE_ROLES, Actor
from helhet.tenancy.errors import MembershipNotFound, NoMembership
from helhet.tenancy.models import ApiToken, Membership, Municipality, Organisation, Role, User
from helhet.tenancy.policies import can_see_staff


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, active=True)
        .select_related("organisation", "organisation__municipality", "unit")
        .order_by("organisation__name", "role")
    )


def actor_for(user: User, membership_id: int | None = None) -> Actor:
    """The actor for a user: the chosen membership if it is theirs, else their first one."""
    memberships = memberships_of(user)
    membership = None
    if membership_id is not None:
        membership = memberships.filter(pk=membership_id).first()
        if membership is None:
            raise MembershipNotFound()
    else:
        membership = memberships.first()
    if membership is None:
        raise NoMembership()
    return Actor(user=user, membership=membership)


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return (
        ApiToken.objects.filter(membership__user=user)
        .select_related("membership__organisation")
        .order_by("-created_at")
    )


def municipalities_list() -> QuerySet[Municipality]:
    return Municipality.objects.annotate(organisation_count=Count("organisations")).order_by(
        "number"
    )


def organisations_list(*, municipality_id: int | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("municipality").annotate(
        unit_count=Count("units", distinct=True),
        staff_count=Count("memberships", distinct=True),
    )
    if municipality_id is not None:
        qs = qs.filter(municipality_id=municipality_id)
    return qs.order_by("municipality__number", "name")


def organisation_get(*, organisation_id: int) -> Organisation:
    organisation = (
        Organisation.objects.select_related("municipality").filter(pk=organisation_id).first()
    )
    if organisation is None:
        raise NotFound(N_("Organisation not found."))
    return organisation


def organisation_staff(*, actor: Actor, organisation: Organisation) -> QuerySet[Membership]:
    """Staff lists are shown to members of the same organisation only."""
    if not can_see_staff(actor, organisation):
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation=organisation, active=True)
        .select_related("user", "unit")
        .order_by("user__last_name", "user__first_name", "role")
    )


def managers_of(organisation_ids: set[int]) -> dict[int, set[User]]:
    """The active managers of each organisation, by organisation (who is told when work
    slips: an overdue referral, a measure nobody is named for)."""
    result: dict[int, set[User]] = {}
    for m in Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Role.MANAGER, active=True, user__is_active=True
    ).select_related("user"):
        result.setdefault(m.organisation_id, set()).add(m.user)
    return result


def staff_choices(actor: Actor, *, including: int | None = None) -> QuerySet[User]:
    """Active staff of the actor's own organisation in roles that work with people (who may
    coordinate a plan or be responsible for its measures), plus ``including`` if given."""
    condition = Q(
        memberships__organisation_id=actor.organisation_id,
        memberships__active=True,
        memberships__role__in=CASE_ROLES,
        is_active=True,
    )
    if including is not None:
        condition |= Q(pk=including)
    return User.objects.filter(condition).distinct().order_by("last_name", "first_name", "id")
