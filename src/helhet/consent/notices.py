"""Who is told about a consent: the witness asked to confirm it, and the organisations whose
information it opens to others. The texts carry no personal data, only a link to a page
that checks access."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from helhet.consent.models import Consent, Involvement
from helhet.consent.policies import involvement_active_q
from helhet.core.dates import today
from helhet.notifications.services import notify
from helhet.people.models import InformationEntry
from helhet.tenancy.models import Membership, Role, User


def ask_witness(consent: Consent) -> None:
    """Ask the staff member named as witness to confirm an oral consent."""
    if consent.witness is None:
        return
    notify(
        recipient=consent.witness,
        kind="consent_witness",
        key=f"consent-witness:{consent.pk}",
        title=_("You are named as witness to an oral consent"),
        body=_("Confirm it only if you heard the person give it."),
        url=reverse("web:consent_witness", args=[consent.pk]),
        municipality_id=consent.municipality_id,
    )


def tell_data_owners(consent: Consent) -> None:
    """Tell each organisation whose information a consent now opens to another organisation.

    The owner is the organisation that recorded an entry in a category the consent covers,
    or whose involvement itself reveals that category (child welfare's case is child-welfare
    information). Its managers and the caseworker responsible are told; the text carries no
    personal data, only a link to the person's consent page, which checks access."""
    cats = set(consent.category_values)
    named = set(consent.organisations.values_list("pk", flat=True))
    owners: dict[int, set[str]] = {}
    for org_id, category in InformationEntry.objects.filter(
        person_id=consent.person_id, category__in=cats
    ).values_list("organisation_id", "category"):
        owners.setdefault(org_id, set()).add(category)
    for org_id, category in Involvement.objects.filter(
        involvement_active_q(today()), person_id=consent.person_id, category__in=cats
    ).values_list("organisation_id", "category"):
        owners.setdefault(org_id, set()).add(category)
    owners = {o: c for o, c in owners.items() if named - {o}}
    if not owners:
        return
    responsible = dict(
        Involvement.objects.filter(
            involvement_active_q(today()),
            person_id=consent.person_id,
            organisation_id__in=owners,
            responsible__isnull=False,
        ).values_list("organisation_id", "responsible_id")
    )
    recipients: dict[int, set[int]] = {}
    for membership in Membership.objects.filter(
        organisation_id__in=owners, role=Role.MANAGER, active=True
    ):
        recipients.setdefault(membership.organisation_id, set()).add(membership.user_id)
    for org_id, user_id in responsible.items():
        recipients.setdefault(org_id, set()).add(user_id)
    wanted = {user_id for ids in recipients.values() for user_id in ids}
    users = {u.pk: u for u in User.objects.filter(pk__in=wanted)}
    url = reverse("web:person_consents", args=[consent.person_id])
    for org_id, user_ids in recipients.items():
        for user_id in sorted(user_ids):
            notify(
                recipient=users[user_id],
                kind="consent_opens_your_data",
                key=f"consent-owner:{consent.pk}:{org_id}:{user_id}",
                title=_("A consent gives another organisation access to information you hold"),
                body=_(
                    "A consent now in effect lets another organisation see information your "
                    "organisation recorded. Open the person's consents to see which."
                ),
                url=url,
                municipality_id=consent.municipality_id,
            )
