"""The actor: a staff user acting through one of their memberships."""

from __future__ import annotations

from dataclasses import dataclass

from helhet.tenancy.models import Membership, Organisation, Role, User

# Roles whose work is about individual people; administrators run the organisation and
# researchers see only aggregates, so neither reads personal data.
CASE_ROLES = frozenset({Role.CASEWORKER, Role.COORDINATOR, Role.MANAGER})


@dataclass(frozen=True)
class Actor:
    user: User
    membership: Membership

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation

    @property
    def organisation_id(self) -> int:
        return self.membership.organisation_id

    @property
    def municipality_id(self) -> int:
        return self.membership.municipality_id

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def works_with_people(self) -> bool:
        return self.membership.role in CASE_ROLES

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.role}, {self.organisation.name})"
