"""The referral state machine: every legal step, every illegal one, and what travels along."""

from __future__ import annotations

import itertools

import pytest

from helhet.audit.models import ChangeEvent
from helhet.consent.models import Involvement
from helhet.core.working_days import add_working_days
from helhet.people.errors import NoPersonalDataAccess, PersonNotFound
from helhet.referrals import services
from helhet.referrals.errors import (
    ReasonRequired,
    ReferralInvalid,
    ReferralNotFound,
    ReferralNotYours,
    ReferralStateError,
)
from helhet.referrals.models import DeadlineRule, Referral, ReferralStatus
from helhet.tenancy.models import Role

S = ReferralStatus


def send(parties, **kw):
    args = {
        "actor": parties["nav"],
        "person_id": parties["person"].pk,
        "to_organisation_id": parties["cws"].organisation_id,
        "reason": "Trenger oppfølging",
        "categories": ["work_activity"],
    }
    args.update(kw)
    return services.referral_send(**args)


def bring_to(parties, status):
    """A referral in the given status, reached through the legal steps only."""
    r = send(parties)
    cws, nav = parties["cws"], parties["nav"]
    path = {
        S.SENT: [],
        S.ACKNOWLEDGED: ["ack"],
        S.ACCEPTED: ["ack", "accept"],
        S.DECLINED: ["ack", "decline"],
        S.REDIRECTED: ["ack", "redirect"],
        S.COMPLETED: ["ack", "accept", "complete"],
        S.WITHDRAWN: ["withdraw"],
    }[status]
    for step in path:
        if step == "ack":
            services.referral_acknowledge(actor=cws, referral_id=r.pk)
        elif step == "accept":
            services.referral_accept(actor=cws, referral_id=r.pk)
        elif step == "decline":
            services.referral_decline(actor=cws, referral_id=r.pk, reason="Ikke vår sak")
        elif step == "redirect":
            services.referral_redirect(
                actor=cws,
                referral_id=r.pk,
                to_organisation_id=parties["school"].organisation_id,
                reason="Skolen",
            )
        elif step == "complete":
            services.referral_complete(actor=cws, referral_id=r.pk, outcome="Tiltak satt i gang")
        elif step == "withdraw":
            services.referral_withdraw(actor=nav, referral_id=r.pk, reason="Feil mottaker")
    r.refresh_from_db()
    assert r.status == status
    return r


STEPS = {
    "acknowledge": lambda p, r: services.referral_acknowledge(actor=p["cws"], referral_id=r.pk),
    "accept": lambda p, r: services.referral_accept(actor=p["cws"], referral_id=r.pk),
    "decline": lambda p, r: services.referral_decline(
        actor=p["cws"], referral_id=r.pk, reason="Nei"
    ),
    "redirect": lambda p, r: services.referral_redirect(
        actor=p["cws"],
        referral_id=r.pk,
        to_organisation_id=p["school"].organisation_id,
        reason="Videre",
    ),
    "complete": lambda p, r: services.referral_complete(
        actor=p["cws"], referral_id=r.pk, outcome="Ferdig"
    ),
    "withdraw": lambda p, r: services.referral_withdraw(
        actor=p["nav"], referral_id=r.pk, reason="Trekker"
    ),
}
LEGAL = {
    (S.SENT, "acknowledge"): S.ACKNOWLEDGED,
    (S.SENT, "withdraw"): S.WITHDRAWN,
    (S.ACKNOWLEDGED, "accept"): S.ACCEPTED,
    (S.ACKNOWLEDGED, "decline"): S.DECLINED,
    (S.ACKNOWLEDGED, "redirect"): S.REDIRECTED,
    (S.ACKNOWLEDGED, "withdraw"): S.WITHDRAWN,
    (S.ACCEPTED, "complete"): S.COMPLETED,
}


@pytest.mark.parametrize(("status", "step"), list(itertools.product(list(S), list(STEPS))))
def test_every_step_from_every_status(parties, status, step):
    r = bring_to(parties, status)
    if (status, step) in LEGAL:
        STEPS[step](parties, r)
        r.refresh_from_db()
        assert r.status == LEGAL[(status, step)]
        assert r.events.last().to_status == r.status
        assert ChangeEvent.objects.filter(
            action=f"referral.{r.status}", entity_id=str(r.pk)
        ).exists()
    else:
        with pytest.raises(ReferralStateError) as info:
            STEPS[step](parties, r)
        assert info.value.status_code == 409
        r.refresh_from_db()
        assert r.status == status  # nothing changed


def test_deadline_is_three_working_days_by_default(parties, today):
    r = send(parties)
    assert r.deadline == add_working_days(today, 3)


def test_deadline_rule_per_organisation_pair(parties, today):
    services.deadline_rule_set(
        actor=parties["nav_manager"],
        from_organisation_id=parties["nav"].organisation_id,
        to_organisation_id=parties["cws"].organisation_id,
        working_days=5,
        basis="Samarbeidsavtale NAV–barnevern",
    )
    assert send(parties).deadline == add_working_days(today, 5)
    with pytest.raises(ReferralNotYours):
        services.deadline_rule_set(
            actor=parties["nav"],
            from_organisation_id=parties["nav"].organisation_id,
            to_organisation_id=parties["cws"].organisation_id,
            working_days=2,
        )
    with pytest.raises(ReferralInvalid):
        services.deadline_rule_set(
            actor=parties["nav_manager"],
            from_organisation_id=parties["nav"].organisation_id,
            to_organisation_id=parties["cws"].organisation_id,
            working_days=0,
        )
    assert DeadlineRule.objects.get().working_days == 5


def test_reasons_are_required(parties):
    with pytest.raises(ReasonRequired):
        send(parties, reason="  ")
    r = bring_to(parties, S.ACKNOWLEDGED)
    for call in (
        lambda: services.referral_decline(actor=parties["cws"], referral_id=r.pk, reason=""),
        lambda: services.referral_redirect(
            actor=parties["cws"],
            referral_id=r.pk,
            to_organisation_id=parties["school"].organisation_id,
            reason=" ",
        ),
        lambda: services.referral_withdraw(actor=parties["nav"], referral_id=r.pk, reason=""),
    ):
        with pytest.raises(ReasonRequired):
            call()
    services.referral_accept(actor=parties["cws"], referral_id=r.pk)
    with pytest.raises(ReasonRequired):
        services.referral_complete(actor=parties["cws"], referral_id=r.pk, outcome="")


def test_only_the_right_side_takes_each_step(parties, make_actor):
    r = send(parties)
    with pytest.raises(ReferralNotYours):
        services.referral_acknowledge(actor=parties["nav"], referral_id=r.pk)
    with pytest.raises(ReferralNotYours):
        services.referral_withdraw(actor=parties["cws"], referral_id=r.pk, reason="x")
    colleague = make_actor("nav")
    with pytest.raises(ReferralNotYours):
        services.referral_withdraw(actor=colleague, referral_id=r.pk, reason="x")
    services.referral_withdraw(
        actor=parties["nav_manager"], referral_id=r.pk, reason="Leder trekker"
    )
    with pytest.raises(ReferralNotFound):
        services.referral_acknowledge(actor=parties["school"], referral_id=r.pk)
    with pytest.raises(NoPersonalDataAccess):
        services.referral_acknowledge(actor=make_actor("cws", Role.RESEARCHER), referral_id=r.pk)


def test_only_consented_categories_travel(parties):
    with pytest.raises(ReferralInvalid) as info:
        send(parties, categories=["work_activity", "health"])
    assert info.value.details == {"categories": ["health"]}
    assert send(parties, categories=["work_activity"]).categories == ["work_activity"]
    with pytest.raises(ReferralInvalid):
        send(parties, categories=["astrology"])


def test_send_requires_knowing_the_person_and_a_real_other_receiver(parties, make_person, involve):
    stranger = make_person("Ukjent", "Person")
    involve("cws", stranger)
    with pytest.raises(PersonNotFound):
        send(parties, person_id=stranger.pk)
    with pytest.raises(ReferralInvalid):
        send(parties, to_organisation_id=parties["nav"].organisation_id)
    with pytest.raises(ReferralInvalid):
        send(parties, to_organisation_id=987654)


def test_accepting_opens_the_receivers_involvement(parties):
    r = bring_to(parties, S.ACCEPTED)
    inv = Involvement.objects.get(organisation_id=parties["cws"].organisation_id, person=r.person)
    assert inv.category == "child_welfare" and inv.responsible == parties["cws"].user


def test_redirect_creates_a_new_referral_with_only_consented_categories(parties, orgs):
    r = send(parties, categories=["work_activity", "economy"])
    services.referral_acknowledge(actor=parties["cws"], referral_id=r.pk)
    new = services.referral_redirect(
        actor=parties["cws"],
        referral_id=r.pk,
        to_organisation_id=orgs["health"].pk,
        reason="Helse bør se på dette",
    )
    assert new.previous == r and new.from_organisation_id == parties["cws"].organisation_id
    assert new.categories == []  # nothing consented for health
    assert new.redirect_count == 1 and not new.back_and_forth


def test_sent_back_and_forth_after_two_redirects(parties, make_actor, orgs):
    health = make_actor("health")
    r = send(parties)
    services.referral_acknowledge(actor=parties["cws"], referral_id=r.pk)
    second = services.referral_redirect(
        actor=parties["cws"], referral_id=r.pk, to_organisation_id=orgs["health"].pk, reason="Helse"
    )
    services.referral_acknowledge(actor=health, referral_id=second.pk)
    third = services.referral_redirect(
        actor=health,
        referral_id=second.pk,
        to_organisation_id=orgs["nav"].pk,
        reason="Tilbake til NAV",
    )
    assert third.redirect_count == 2 and third.back_and_forth
    assert Referral.objects.filter(person=parties["person"]).count() == 3


def test_back_and_forth_list_shows_the_current_parties_only(parties, make_actor, orgs):
    from helhet.referrals.selectors import back_and_forth_for

    health = make_actor("health")
    r = send(parties)
    services.referral_acknowledge(actor=parties["cws"], referral_id=r.pk)
    second = services.referral_redirect(
        actor=parties["cws"], referral_id=r.pk, to_organisation_id=orgs["health"].pk, reason="Helse"
    )
    services.referral_acknowledge(actor=health, referral_id=second.pk)
    third = services.referral_redirect(
        actor=health, referral_id=second.pk, to_organisation_id=orgs["nav"].pk, reason="Tilbake"
    )
    listed = {
        key: [x.pk for x in back_and_forth_for(actor=parties[key], channel="web", through="t")]
        for key in ("nav", "cws")
    }
    assert listed == {"nav": [third.pk], "cws": []}
    assert [x.pk for x in back_and_forth_for(actor=health, channel="web", through="t")] == [
        third.pk
    ]
