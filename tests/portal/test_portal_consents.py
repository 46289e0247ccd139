"""Min side: the consents a person gives and withdraws, signed in through ID-porten."""

from __future__ import annotations

import pytest

from helhet.audit.models import ChangeEvent, Channel
from helhet.consent.models import Consent
from helhet.consent.services import PERSON_ACTOR
from helhet.core.categories import InformationCategory as Cat
from helhet.people.selectors import person_get_for
from helhet.portal import services
from helhet.portal.errors import SubjectNotFound
from helhet.portal.policies import subject_for
from tests.portal.support import sign_in, years_ago

pytestmark = pytest.mark.django_db


def test_withdraw_is_effective_immediately(family, today, client):
    nav, parent = family["nav"], family["parent"]
    seen = person_get_for(actor=nav, person_id=parent.pk, channel=Channel.WEB, through="t")
    assert [e.title for e in seen.entries] == ["Undersøkelse"]
    consent = Consent.objects.get(person=parent, withdrawn_at__isnull=True)
    sign_in(client, parent)
    response = client.post(f"/min-side/{parent.pk}/consents/{consent.pk}/withdraw/")
    assert response.status_code == 302
    seen = person_get_for(actor=nav, person_id=parent.pk, channel=Channel.WEB, through="t")
    assert seen.entries == []
    change = ChangeEvent.objects.get(action="consent.withdraw")
    assert change.username == PERSON_ACTOR and change.person_id == parent.pk


def test_giving_a_consent_digitally_uses_the_sessions_acr(family, client, orgs):
    parent = family["parent"]
    sign_in(client, parent, acr="idporten-loa-high")
    response = client.post(
        f"/min-side/{parent.pk}/consents/",
        {
            "organisations": [str(orgs["nav"].pk)],
            "categories": [Cat.HEALTH],
            "purpose": "Samordnet oppfølging",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    consent = Consent.objects.filter(person=parent).latest("id")
    assert consent.method == "digital" and consent.signed_acr == "idporten-loa-high"
    assert consent.given_by == parent
    page = client.get(f"/min-side/{parent.pk}/consents/").content.decode()
    assert "Signed digitally through ID-porten (assurance level high)" in page


def test_a_guardian_cannot_consent_to_the_youths_health(family, client, orgs):
    sign_in(client, family["parent"])
    response = client.post(
        f"/min-side/{family['youth'].pk}/consents/",
        {"organisations": [str(orgs["nav"].pk)], "categories": [Cat.HEALTH], "purpose": "x"},
    )
    assert response.status_code == 200  # the form again: health is not a choice
    assert not Consent.objects.filter(
        person=family["youth"], categories__category="health", given_by=family["parent"]
    ).exists()


def test_withdrawing_someone_elses_consent_is_refused(family, make_person, today):
    stranger = make_person("Per", "Fremmed", years_ago(50))
    subject = subject_for(stranger, stranger, today)
    assert subject is not None
    consent = Consent.objects.get(person=family["parent"])
    with pytest.raises(SubjectNotFound):
        services.consent_withdraw(subject=subject, consent_id=consent.pk)
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
