from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from helhet.agreements import selectors
from helhet.agreements.errors import (
    AgreementInvalid,
    AgreementNotYours,
    FundingPeriodOverlap,
    MeasurementExists,
    NegativeAmount,
    SharesNotHundred,
    SignOffInvalid,
)
from helhet.agreements.models import (
    Agreement,
    Contribution,
    CostShare,
    Expenditure,
    FundingStream,
    Measurement,
)
from helhet.agreements.services import agreements, indicators, resources
from helhet.agreements.services.agreements import StepSpec
from helhet.core.working_days import add_working_days
from helhet.referrals import services as referral_services
from helhet.referrals.models import DeadlineRule
from helhet.tenancy.models import Role

from .conftest import sign_all


def test_not_in_force_until_every_party_signs_the_latest_version(agreement, managers):
    assert not selectors.agreement_in_force(agreement)
    agreements.agreement_sign(actor=managers["nav"], agreement_id=agreement.pk, version_number=1)
    assert not selectors.agreement_in_force(agreement)
    agreements.agreement_sign(actor=managers["cws"], agreement_id=agreement.pk, version_number=1)
    assert selectors.agreement_in_force(agreement)

    version = agreements.agreement_revise(
        actor=managers["cws"], agreement_id=agreement.pk, goals="Nye mål"
    )
    agreement.refresh_from_db()
    assert version.number == 2 and agreement.current_version == 2
    assert not selectors.agreement_in_force(agreement)  # the new version resets it
    with pytest.raises(SignOffInvalid):  # an old version cannot be signed
        agreements.agreement_sign(
            actor=managers["nav"], agreement_id=agreement.pk, version_number=1
        )
    sign_all(agreement, managers)
    assert selectors.agreement_in_force(agreement)


def test_signing_twice_or_by_non_manager_is_refused(agreement, managers, make_actor):
    agreements.agreement_sign(actor=managers["nav"], agreement_id=agreement.pk, version_number=1)
    with pytest.raises(SignOffInvalid) as exc:
        agreements.agreement_sign(
            actor=managers["nav"], agreement_id=agreement.pk, version_number=1
        )
    assert exc.value.code == "signoff_invalid"
    for actor in (
        make_actor("nav", Role.CASEWORKER),
        make_actor("cws", Role.ADMINISTRATOR),
        managers["navk"],
    ):
        with pytest.raises(AgreementNotYours):
            agreements.agreement_sign(actor=actor, agreement_id=agreement.pk, version_number=1)


def test_who_may_edit(agreement, managers, make_actor, orgs):
    admin = make_actor("cws", Role.ADMINISTRATOR)
    agreements.agreement_revise(actor=admin, agreement_id=agreement.pk, goals="Mål 2")
    for actor in (make_actor("nav", Role.CASEWORKER), managers["navk"]):
        with pytest.raises(AgreementNotYours):
            agreements.agreement_revise(actor=actor, agreement_id=agreement.pk, goals="x")
    with pytest.raises(AgreementNotYours):  # creating: the actor's own organisation is a party
        agreements.agreement_create(
            actor=managers["navk"],
            title="x",
            party_ids=[orgs["nav"].pk, orgs["cws"].pk],
            goals="x",
        )


def test_invalid_versions_are_refused_and_nothing_saved(managers, orgs):
    count = Agreement.objects.count()
    bad_steps = [
        [StepSpec(orgs["nav"].pk, "x", orgs["school"].pk, 3)],  # not a party
        [StepSpec(orgs["nav"].pk, "x", None, 3)],  # deadline without hand-over
        [StepSpec(orgs["nav"].pk, "x", orgs["cws"].pk, 0)],
    ]
    for steps in bad_steps:
        with pytest.raises(AgreementInvalid):
            agreements.agreement_create(
                actor=managers["nav"],
                title="Avtale",
                goals="Mål",
                steps=steps,
                party_ids=[orgs["nav"].pk, orgs["cws"].pk],
            )
    with pytest.raises(AgreementInvalid):
        agreements.agreement_create(
            actor=managers["nav"], title="Avtale", goals="Mål", party_ids=[orgs["nav"].pk]
        )
    assert Agreement.objects.count() == count


def test_service_path_deadline_applies_to_referrals(
    agreement, managers, make_actor, make_person, involve, consent, orgs, today
):
    agreements.agreement_sign(actor=managers["nav"], agreement_id=agreement.pk, version_number=1)
    assert not DeadlineRule.objects.exists()  # not in force yet
    agreements.agreement_sign(actor=managers["cws"], agreement_id=agreement.pk, version_number=1)
    rule = DeadlineRule.objects.get(from_organisation=orgs["nav"], to_organisation=orgs["cws"])
    assert rule.working_days == 5 and rule.basis == "Tjenesteavtale OSK (v1)"
    assert DeadlineRule.objects.count() == 1  # the step without hand-over makes no rule

    person = make_person("Ung", "Henvist")
    involve("nav", person)
    consent(person, ["cws"], ["work_activity"])
    referral = referral_services.referral_send(
        actor=make_actor("nav"),
        person_id=person.pk,
        to_organisation_id=orgs["cws"].pk,
        reason="Trenger hjelp",
    )
    assert referral.deadline == add_working_days(today, 5)

    agreements.agreement_revise(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        goals="Raskere",
        steps=[StepSpec(orgs["nav"].pk, "Kartlegging", orgs["cws"].pk, 2)],
    )
    # A new version puts the agreement out of force until every party signs it, and with it
    # the deadline it set: a referral now gets the default.
    assert not DeadlineRule.objects.exists()
    later = referral_services.referral_send(
        actor=make_actor("nav"),
        person_id=person.pk,
        to_organisation_id=orgs["cws"].pk,
        reason="Trenger fortsatt hjelp",
    )
    assert later.deadline == add_working_days(today, 3)
    sign_all(agreement, managers)
    rule = DeadlineRule.objects.get(from_organisation=orgs["nav"], to_organisation=orgs["cws"])
    assert rule.working_days == 2 and rule.basis == "Tjenesteavtale OSK (v2)"


def test_a_revision_leaves_a_rule_another_agreement_set(agreement, managers, orgs):
    sign_all(agreement, managers)
    other = agreements.agreement_create(
        actor=managers["nav"],
        title="Ny avtale",
        party_ids=[orgs["nav"].pk, orgs["cws"].pk],
        goals="Mål",
        steps=[StepSpec(orgs["nav"].pk, "Kartlegging", orgs["cws"].pk, 4)],
    )
    sign_all(other, managers)
    assert DeadlineRule.objects.get().basis == "Ny avtale (v1)"
    agreements.agreement_revise(actor=managers["nav"], agreement_id=agreement.pk, goals="Endret")
    assert DeadlineRule.objects.get().working_days == 4


def test_indicators_and_measurements(agreement, managers):
    indicator = indicators.indicator_create(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        name="Utgifter til sosialhjelp",
        unit="MNOK",
        baseline=Decimal(250),
        target=Decimal(220),
        target_date=date(2027, 12, 31),
        direction="down",
    )
    indicators.measurement_record(
        actor=managers["cws"],
        indicator_id=indicator.pk,
        measured_on=date(2025, 12, 31),
        value=Decimal(240),
    )
    with pytest.raises(MeasurementExists):
        indicators.measurement_record(
            actor=managers["cws"],
            indicator_id=indicator.pk,
            measured_on=date(2025, 12, 31),
            value=Decimal(230),
        )
    with pytest.raises(AgreementInvalid):  # target in the wrong direction
        indicators.indicator_create(
            actor=managers["nav"],
            agreement_id=agreement.pk,
            name="Frafall",
            baseline=Decimal(20),
            target=Decimal(30),
            target_date=date(2027, 6, 30),
            direction="down",
        )
    assert Measurement.objects.count() == 1
    view = selectors.agreement_detail_for(actor=managers["nav"], agreement_id=agreement.pk)
    assert [m.value for m in view.indicators[0].measurements] == [Decimal(240)]


def test_indicator_chart_is_an_svg_image_with_its_numbers_beside_it(agreement, managers):
    from tests.plans.conftest import web_client

    indicator = indicators.indicator_create(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        name="Utgifter til sosialhjelp",
        unit="MNOK",
        baseline=Decimal(250),
        target=Decimal(220),
        target_date=date(2027, 12, 31),
        direction="down",
    )
    for day, value in ((date(2025, 12, 31), 240), (date(2026, 6, 30), 233)):
        indicators.measurement_record(
            actor=managers["nav"], indicator_id=indicator.pk, measured_on=day, value=Decimal(value)
        )
    c = web_client(managers["cws"])
    chart = c.get(f"/agreements/indicators/{indicator.pk}/chart.svg")
    assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
    svg = chart.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<script" not in svg
    # The image alone may carry matplotlib's style attributes; scripts stay refused.
    policy = chart["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'self'" in policy
    assert c.get(f"/agreements/indicators/{indicator.pk}/chart.svg").content == chart.content
    page = c.get(f"/agreements/{agreement.pk}/").content.decode()
    assert f'src="/agreements/indicators/{indicator.pk}/chart.svg"' in page
    assert "233" in page and "220" in page  # the table beside the chart
    assert "'unsafe-inline'" not in c.get(f"/agreements/{agreement.pk}/")["Content-Security-Policy"]
    assert c.get("/agreements/indicators/999999/chart.svg").status_code == 404


def test_overlapping_funding_periods_of_one_stream(agreement, managers):
    def add(source, start, end, amount=Decimal(100_000)):
        return resources.funding_stream_add(
            actor=managers["nav"],
            agreement_id=agreement.pk,
            source=source,
            amount=amount,
            period_start=start,
            period_end=end,
        )

    add("Helsedirektoratet", date(2025, 1, 1), date(2025, 12, 31))
    add("Kommunen", date(2025, 6, 1), date(2026, 5, 31))  # another stream at the same time
    add("Helsedirektoratet", date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(FundingPeriodOverlap) as exc:
        add("helsedirektoratet", date(2025, 12, 1), date(2026, 2, 1))
    assert "overlaps" in exc.value.message
    with pytest.raises(NegativeAmount):
        add("Stat", date(2027, 1, 1), date(2027, 2, 1), Decimal(-1))
    with pytest.raises(AgreementInvalid):
        add("Stat", date(2027, 2, 1), date(2027, 1, 1))
    assert FundingStream.objects.count() == 3


def test_negative_amounts_are_refused(agreement, managers, orgs):
    with pytest.raises(NegativeAmount):
        resources.contribution_add(
            actor=managers["nav"],
            agreement_id=agreement.pk,
            organisation_id=orgs["nav"].pk,
            kind="staff_hours",
            amount=Decimal(-5),
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
        )
    with pytest.raises(NegativeAmount):
        resources.expenditure_add(
            actor=managers["nav"],
            agreement_id=agreement.pk,
            amount=Decimal("-0.01"),
            description="Kurs",
            paid_by_id=orgs["nav"].pk,
            spent_on=date(2025, 3, 1),
        )
    assert not Contribution.objects.exists() and not Expenditure.objects.exists()


def test_cost_shares_must_add_up_to_100(agreement, managers, orgs):
    nav, cws = orgs["nav"].pk, orgs["cws"].pk
    with pytest.raises(SharesNotHundred) as exc:
        resources.cost_shares_set(
            actor=managers["nav"],
            agreement_id=agreement.pk,
            shares={nav: Decimal(60), cws: Decimal(30)},
        )
    assert exc.value.details == {"sum": "90"}
    assert not CostShare.objects.exists()
    resources.cost_shares_set(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        shares={nav: Decimal(60), cws: Decimal(40)},
    )
    assert CostShare.objects.count() == 2


def test_fairness(agreement, managers, orgs):
    nav, cws = orgs["nav"].pk, orgs["cws"].pk
    resources.cost_shares_set(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        shares={nav: Decimal(50), cws: Decimal(50)},
    )
    period = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
    resources.contribution_add(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        organisation_id=nav,
        kind="money",
        amount=Decimal(60_000),
        **period,
    )
    resources.contribution_add(
        actor=managers["nav"],
        agreement_id=agreement.pk,
        organisation_id=cws,
        kind="staff_hours",
        amount=Decimal(100),
        **period,
    )
    resources.expenditure_add(
        actor=managers["cws"],
        agreement_id=agreement.pk,
        amount=Decimal(20_000),
        description="Ferieaktivitet",
        case_reference="SAK-12",
        paid_by_id=cws,
        spent_on=date(2025, 7, 1),
    )
    view = selectors.agreement_detail_for(actor=managers["nav"], agreement_id=agreement.pk)
    rows = {r.organisation.pk: r for r in view.fairness}
    assert rows[nav].nok_percent == Decimal(75) and rows[nav].difference == Decimal(25)
    assert rows[cws].nok_percent == Decimal(25) and rows[cws].hours_percent == Decimal(100)


def test_one_party_cannot_override_an_agreed_deadline(agreement, managers, orgs):
    from helhet.referrals.errors import ReferralInvalid
    from tests.plans.conftest import api_client

    sign_all(agreement, managers)
    with pytest.raises(ReferralInvalid):
        referral_services.deadline_rule_set(
            actor=managers["cws"],
            from_organisation_id=orgs["nav"].pk,
            to_organisation_id=orgs["cws"].pk,
            working_days=20,
        )
    refused = api_client(managers["cws"]).put(
        "/api/referral-deadlines",
        {
            "from_organisation_id": orgs["nav"].pk,
            "to_organisation_id": orgs["cws"].pk,
            "working_days": 20,
        },
        content_type="application/json",
    )
    assert refused.status_code == 400 and "new version" in refused.json()["message"]
    assert DeadlineRule.objects.get().working_days == 5
    # Once the agreement is out of force (a new version), the parties may set it themselves.
    agreements.agreement_revise(actor=managers["nav"], agreement_id=agreement.pk, goals="Endret")
    rule = referral_services.deadline_rule_set(
        actor=managers["cws"],
        from_organisation_id=orgs["nav"].pk,
        to_organisation_id=orgs["cws"].pk,
        working_days=4,
    )
    assert rule.working_days == 4 and not rule.from_agreement


@pytest.mark.parametrize(
    ("reference", "description", "ok"),
    [
        ("SAK-2026-014", "Leirskole", True),
        ("", "Leirskole", True),
        ("Ola Nordmann", "Leirskole", False),  # a name
        ("Ola", "Leirskole", False),  # no digit: not a case code
        ("12038012345", "Leirskole", False),  # a national ID
        ("SAK-120380-12345", "Leirskole", False),
        ("SAK-1", "For 120380 12345", False),  # an ID in the description
    ],
)
def test_the_budget_takes_case_codes_not_names_or_ids(
    agreement, managers, orgs, reference, description, ok
):
    def add():
        return resources.expenditure_add(
            actor=managers["nav"],
            agreement_id=agreement.pk,
            amount=Decimal(100),
            description=description,
            paid_by_id=orgs["nav"].pk,
            spent_on=date(2026, 3, 1),
            case_reference=reference,
        )

    if ok:
        assert add().case_reference == reference
    else:
        with pytest.raises(AgreementInvalid):
            add()
        assert not agreement.expenditures.exists()
