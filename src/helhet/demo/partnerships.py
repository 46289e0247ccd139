"""Settings 5 and 1 in the demo: the NAV office partnership (state and municipal halves, with
its agreement and indicators) and the OSK team (NAV, child welfare, health and welfare) under
a municipality–NAV mandate. Fixed dates keep the dataset the same on every load."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from helhet.agreements.models import AgreementKind, ResponsibilityLevel
from helhet.agreements.services.agreements import (
    ResponsibilitySpec,
    StepSpec,
    agreement_create,
    agreement_sign,
)
from helhet.agreements.services.indicators import indicator_create, measurement_record
from helhet.demo.collaboration import actor_of
from helhet.networks.models import LeadershipModel, MemberRole, NetworkKind, NetworkType
from helhet.networks.services import mandate_set, member_add, network_create, objective_add
from helhet.tenancy.models import Organisation


def load_nav_partnership(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("NAV partnership agreement and indicators …")
    municipal, state = actor_of("nav.manager"), actor_of("navs.manager")
    s, m = orgs["nav_state"].pk, orgs["nav_municipal"].pk
    agreement = agreement_create(
        actor=municipal,
        title="Partnerskapsavtale NAV Demovik",
        kind=AgreementKind.PARTNERSHIP,
        party_ids=[s, m],
        goals="Flere i arbeid og aktivitet; lavere utgifter til sosialhjelp; halvere frafallet "
        "i videregående skole blant unge brukere.",
        operational_plan="Felles inntaksteam, ukentlige overleveringsmøter mellom halvdelene, "
        "svar på interne henvendelser innen tre virkedager.",
        review_on=date(2027, 6, 30),
        responsibilities=[
            ResponsibilitySpec(
                "Arbeidsrettet oppfølging",
                {s: ResponsibilityLevel.LEADS, m: ResponsibilityLevel.CONTRIBUTES},
            ),
            ResponsibilitySpec(
                "Økonomisk sosialhjelp",
                {m: ResponsibilityLevel.LEADS, s: ResponsibilityLevel.INFORMED},
            ),
            ResponsibilitySpec(
                "Kvalifiseringsprogrammet",
                {m: ResponsibilityLevel.LEADS, s: ResponsibilityLevel.CONTRIBUTES},
            ),
        ],
        steps=[
            StepSpec(
                organisation_id=m,
                what="Kartlegging og økonomisk rådgivning",
                to_organisation_id=s,
                referral_deadline_working_days=3,
            ),
            StepSpec(organisation_id=s, what="Arbeidsrettet oppfølging"),
        ],
    )
    agreement_sign(actor=municipal, agreement_id=agreement.pk, version_number=1)
    agreement_sign(actor=state, agreement_id=agreement.pk, version_number=1)
    spending = indicator_create(
        actor=municipal,
        agreement_id=agreement.pk,
        name="Utgifter til økonomisk sosialhjelp",
        unit="mill. kr",
        baseline=Decimal("120"),
        target=Decimal("90"),
        target_date=date(2028, 12, 31),
        direction="down",
    )
    dropout = indicator_create(
        actor=municipal,
        agreement_id=agreement.pk,
        name="Frafall i videregående skole blant unge brukere",
        unit="%",
        baseline=Decimal("18"),
        target=Decimal("9"),
        target_date=date(2028, 6, 30),
        direction="down",
    )
    for indicator, values in (
        (
            spending,
            [(date(2025, 12, 31), "118"), (date(2026, 6, 30), "112"), (date(2026, 10, 31), "108")],
        ),
        (dropout, [(date(2025, 12, 31), "17.5"), (date(2026, 6, 30), "15.2")]),
    ):
        for measured_on, value in values:
            measurement_record(
                actor=municipal,
                indicator_id=indicator.pk,
                measured_on=measured_on,
                value=Decimal(value),
            )


def load_osk_team(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    say("The OSK team …")
    manager = actor_of("nav.manager")
    team = network_create(
        actor=manager,
        name="OSK-teamet Demovik",
        kind=NetworkKind.MANDATED,
        type=NetworkType.TEAM,
        target_population="Personer og familier med sammensatte behov som trenger flere tjenester",
        districts="Sentrum, Nord, Sør, Vest",
        leadership_model=LeadershipModel.FORMAL_LEAD,
        lead_organisation_id=orgs["nav_municipal"].pk,
    )
    mandate_set(
        actor=manager,
        network_id=team.pk,
        issued_by="Demovik kommune og NAV Vest-Viken",
        regulatory_basis="Samarbeidsavtale kommune–NAV; NAV-loven § 14",
        issued_on=date(2025, 9, 1),
        scope="Komplekse saker som trenger flere tjenester; hver etat leverer egne tiltak.",
    )
    objective_add(
        actor=manager, network_id=team.pk, text="En felles tiltaksplan for hver sak teamet tar inn."
    )
    objective_add(
        actor=manager,
        network_id=team.pk,
        text="Ingen skal sendes fram og tilbake mellom tjenestene.",
        explicit=False,
    )
    for key in ("nav_state", "cws", "health"):
        member_add(
            actor=manager, network_id=team.pk, organisation_id=orgs[key].pk, role=MemberRole.MEMBER
        )


def load_quebec_network(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    """Setting 3: a network of five partners with a steering committee, an advisory round
    table and a practitioner team, a service agreement (not yet signed by all) and three
    funding streams."""
    from helhet.agreements.services.resources import funding_stream_add

    say("A network with a steering committee, round table and practitioner team …")
    manager = actor_of("nav.manager")
    partners = ["health", "nav_municipal", "cws", "school", "voluntary"]
    network = network_create(
        actor=manager,
        name="Nettverk for unge familier",
        kind=NetworkKind.HYBRID,
        type=NetworkType.NETWORK,
        target_population="Unge foreldre under 25 med små barn",
        leadership_model=LeadershipModel.SHARED,
    )
    for key in partners:
        if key != "nav_municipal":  # the creator's organisation is a member already
            member_add(
                actor=manager,
                network_id=network.pk,
                organisation_id=orgs[key].pk,
                role=MemberRole.MEMBER,
            )
    for name, body_type in (
        ("Styringsgruppen", NetworkType.STEERING_COMMITTEE),
        ("Lokalt rundebord", NetworkType.ROUND_TABLE),
        ("Fagteamet", NetworkType.PRACTITIONER_TEAM),
    ):
        network_create(
            actor=manager,
            name=name,
            kind=NetworkKind.HYBRID,
            type=body_type,
            parent_id=network.pk,
            leadership_model=LeadershipModel.SHARED,
        )
    objective_add(
        actor=manager,
        network_id=network.pk,
        text="Sammenhengende tjenester fra svangerskap til skolestart.",
    )
    ids = [orgs[k].pk for k in partners]
    agreement = agreement_create(
        actor=manager,
        title="Tjenesteavtale for unge familier",
        party_ids=ids,
        goals="Én dør inn for unge familier; ingen venter mer enn fem virkedager på svar.",
        responsibilities=[
            ResponsibilitySpec(
                "Helsestasjon og oppfølging",
                {
                    orgs["health"].pk: ResponsibilityLevel.LEADS,
                    orgs["cws"].pk: ResponsibilityLevel.INFORMED,
                },
            ),
            ResponsibilitySpec(
                "Økonomisk rådgivning",
                {
                    orgs["nav_municipal"].pk: ResponsibilityLevel.LEADS,
                    orgs["voluntary"].pk: ResponsibilityLevel.CONTRIBUTES,
                },
            ),
        ],
        steps=[
            StepSpec(
                organisation_id=orgs["health"].pk,
                what="Kartlegging ved helsestasjonen",
                to_organisation_id=orgs["cws"].pk,
                referral_deadline_working_days=5,
            ),
            StepSpec(organisation_id=orgs["cws"].pk, what="Foreldreveiledning"),
        ],
        review_on=date(2027, 3, 31),
        network_id=network.pk,
    )
    for source, amount, start, end in (
        (
            "Statsforvalteren – tilskudd til utsatte barn og unge",
            "1500000",
            date(2026, 1, 1),
            date(2026, 12, 31),
        ),
        ("Demovik kommune", "800000", date(2026, 1, 1), date(2027, 12, 31)),
        ("Stiftelsen Dam", "250000", date(2026, 3, 1), date(2027, 2, 28)),
    ):
        funding_stream_add(
            actor=manager,
            agreement_id=agreement.pk,
            source=source,
            amount=Decimal(amount),
            period_start=start,
            period_end=end,
        )
