"""Setting 3: a Quebec-style network led by a health and welfare centre (CSSS). Five partners,
public and non-profit. A transitional working group gets the network going; a steering
committee of the partners' managers pilots it, an optional local round table advises, and a
practitioner team (hosted by the community organisation) delivers. Leadership is shared. A
formal service agreement sets goals, responsibilities and a service path whose hand-over
deadline governs referrals once every partner has signed the same version. Money comes from
several streams at once, staff are re-assigned from the members, and the fairness view shows
who carries what. Network meetings show who keeps coming and who stopped.

Everything a user does here goes through the JSON API, as the partners' managers and
caseworkers; the database is read only to show that refused input saved nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings

from helhet.agreements.models import (
    AgreementVersion,
    Contribution,
    CostShare,
    FundingStream,
    SignOff,
)
from helhet.core.working_days import add_working_days
from helhet.networks.models import Network, NetworkMember, Representative
from helhet.tenancy.models import Role, Sector
from tests.plans.conftest import api_client

PARTNERS = ("health", "navk", "cws", "school", "vol")


def _send(client, method, url, data=None):
    return getattr(client, method)(url, data, content_type="application/json")


def _ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


@pytest.fixture
def quebec(make_actor, orgs):
    """A manager of each partner (they sit on the steering committee and sign the agreement),
    with an API client each, and a caseworker in the health and welfare centre and in child
    welfare (they refer between each other along the service path)."""
    managers = {key: make_actor(key, Role.MANAGER) for key in PARTNERS}
    return SimpleNamespace(
        managers=managers,
        api={key: api_client(actor) for key, actor in managers.items()},
        health_worker=make_actor("health"),
        cws_worker=make_actor("cws"),
    )


def _network(q, orgs):
    """The network as the health and welfare centre sets it up: shared leadership, the centre
    a lead member, child welfare the other lead, the municipality (NAV) the sponsor, the
    school a member and the community organisation advisory."""
    created = _ok(
        _send(
            q.api["health"],
            "post",
            "/api/networks",
            {
                "name": "Réseau jeunes familles",
                "kind": "hybrid",
                "type": "network",
                "target_population": "Unge foreldre med barn 0–5 år",
                "districts": "Øst, Vest",
                "leadership_model": "shared",
            },
        ),
        201,
    )
    nid = created["id"]
    roles = {"cws": "lead", "navk": "sponsor", "school": "member", "vol": "advisory"}
    members = {}
    for key, role in roles.items():
        members[key] = _ok(
            _send(
                q.api["health"],
                "post",
                f"/api/networks/{nid}/members",
                {"organisation_id": orgs[key].pk, "role": role},
            ),
            201,
        )
    return created, members


def test_network_takes_shape_from_working_group_to_bodies(quebec, orgs):
    q = quebec
    created, members = _network(q, orgs)
    nid = created["id"]
    assert created["status"] == "forming"
    assert created["leadership_model"] == "shared" and created["lead_organisation"] is None
    # Five partners, public and non-profit; the centre that created it is a lead member.
    assert sorted(orgs[k].sector for k in PARTNERS) == sorted(
        [Sector.PUBLIC] * 4 + [Sector.NON_PROFIT]
    )

    # At the start: a transitional working group to design the network and enrol partners.
    group = _ok(
        _send(
            q.api["health"],
            "post",
            "/api/networks",
            {
                "name": "Overgangsgruppe",
                "kind": "voluntary",
                "type": "transitional_working_group",
                "parent_id": nid,
            },
        ),
        201,
    )
    for key in ("health", "cws"):
        _ok(
            _send(
                q.api["health"],
                "post",
                f"/api/networks/{group['id']}/members",
                {"organisation_id": orgs[key].pk},
            ),
            201,
        )

    # The mandate and the objectives, explicit and implicit.
    mandate = _ok(
        _send(
            q.api["health"],
            "put",
            f"/api/networks/{nid}/mandate",
            {
                "issued_by": "Direction générale du CSSS",
                "regulatory_basis": "Lokalt tjenestenettverk (klinisk prosjekt)",
                "issued_on": "2026-01-15",
                "scope": "Kontinuitet mellom beskyttelse og sosial støtte.",
            },
        )
    )
    assert mandate["issued_on"] == "2026-01-15"
    for text, explicit in (
        ("Ingen familie venter mer enn sju virkedager på barnevernet.", True),
        ("Gi de frivillige en stemme overfor det offentlige.", False),
    ):
        made = _ok(
            _send(
                q.api["health"],
                "post",
                f"/api/networks/{nid}/objectives",
                {"text": text, "explicit": explicit},
            ),
            201,
        )
        assert made["explicit"] is explicit

    # Named representatives: the managers by their staff accounts; a name where needed.
    health_member = NetworkMember.objects.get(network_id=nid, organisation=orgs["health"])
    reps = {
        health_member.pk: {"user_id": q.managers["health"].user.pk, "title": "Directrice"},
        members["cws"]["id"]: {"user_id": q.managers["cws"].user.pk, "title": "Leder"},
        members["navk"]["id"]: {"user_id": q.managers["navk"].user.pk},
        members["school"]["id"]: {"user_id": q.managers["school"].user.pk},
        members["vol"]["id"]: {"name": "Marie Tremblay", "title": "Koordinator"},
    }
    for member_id, body in reps.items():
        _ok(
            _send(
                q.api["health"],
                "post",
                f"/api/networks/{nid}/members/{member_id}/representatives",
                body,
            ),
            201,
        )
    # A representative must work in the member organisation.
    wrong = _send(
        q.api["health"],
        "post",
        f"/api/networks/{nid}/members/{members['school']['id']}/representatives",
        {"user_id": q.managers["cws"].user.pk},
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == "network_invalid"
    assert wrong.json()["details"] == {"field": "user_id"}
    assert Representative.objects.filter(member__network_id=nid).count() == 5

    # Shared leadership: the other lead (child welfare) may add the steering committee; a
    # plain member (the school) and the advisory member may not change the network.
    for key in ("school", "vol"):
        denied = _send(
            q.api[key],
            "post",
            "/api/networks",
            {"name": "X", "kind": "hybrid", "type": "round_table", "parent_id": nid},
        )
        assert denied.status_code == 403 and denied.json()["code"] == "not_network_editor"
    steering = _ok(
        _send(
            q.api["cws"],
            "post",
            "/api/networks",
            {
                "name": "Styringskomité",
                "kind": "hybrid",
                "type": "steering_committee",
                "parent_id": nid,
            },
        ),
        201,
    )
    # The steering committee is made up of the partners' managers.
    for key in PARTNERS:
        member = _ok(
            _send(
                q.api["cws"],
                "post",
                f"/api/networks/{steering['id']}/members",
                {"organisation_id": orgs[key].pk},
            ),
            201,
        )
        _ok(
            _send(
                q.api["cws"],
                "post",
                f"/api/networks/{steering['id']}/members/{member['id']}/representatives",
                {"user_id": q.managers[key].user.pk, "title": "Leder"},
            ),
            201,
        )
    # The optional local round table: advisory.
    table = _ok(
        _send(
            q.api["health"],
            "post",
            "/api/networks",
            {
                "name": "Lokalt rundebord",
                "kind": "voluntary",
                "type": "round_table",
                "parent_id": nid,
            },
        ),
        201,
    )
    for key in ("vol", "school"):
        _ok(
            _send(
                q.api["health"],
                "post",
                f"/api/networks/{table['id']}/members",
                {"organisation_id": orgs[key].pk, "role": "advisory"},
            ),
            201,
        )
    # The practitioner team, hosted by the community organisation as its formal lead: the
    # community organisation's manager may then run it, but not the network above it.
    team = _ok(
        _send(
            q.api["health"],
            "post",
            "/api/networks",
            {
                "name": "Équipe d'intervention",
                "kind": "hybrid",
                "type": "practitioner_team",
                "parent_id": nid,
                "leadership_model": "formal_lead",
                "lead_organisation_id": orgs["vol"].pk,
            },
        ),
        201,
    )
    assert team["lead_organisation"] == {"id": orgs["vol"].pk, "name": orgs["vol"].name}
    for key in ("vol", "cws", "health"):
        _ok(
            _send(
                q.api["vol"],
                "post",
                f"/api/networks/{team['id']}/members",
                {"organisation_id": orgs[key].pk},
            ),
            201,
        )
    assert (
        _send(q.api["vol"], "put", f"/api/networks/{nid}/mandate", {"issued_by": "X"}).status_code
        == 403
    )

    # Lifecycle: the working group hands over and ends; the network starts operating.
    refused = _send(q.api["health"], "post", f"/api/networks/{nid}/status", {"status": "paused"})
    assert refused.status_code == 400
    assert refused.json()["code"] == "network_lifecycle_invalid"
    assert refused.json()["details"] == {"field": "status", "from": "forming", "to": "paused"}
    unknown = _send(q.api["health"], "post", f"/api/networks/{nid}/status", {"status": "done"})
    assert unknown.status_code == 400 and unknown.json()["code"] == "network_lifecycle_invalid"
    assert Network.objects.get(pk=nid).status == "forming"
    for status in ("operating", "ended"):
        moved = _send(
            q.api["cws"], "post", f"/api/networks/{group['id']}/status", {"status": status}
        )
        assert _ok(moved)["status"] == status
    reopened = _send(
        q.api["health"], "post", f"/api/networks/{group['id']}/status", {"status": "operating"}
    )
    assert reopened.status_code == 400 and reopened.json()["details"]["from"] == "ended"
    assert (
        _ok(_send(q.api["health"], "post", f"/api/networks/{nid}/status", {"status": "operating"}))[
            "status"
        ]
        == "operating"
    )
    back = _send(q.api["health"], "post", f"/api/networks/{nid}/status", {"status": "forming"})
    assert back.status_code == 400
    assert back.json()["details"] == {"field": "status", "from": "operating", "to": "forming"}
    # An ended body holds no meetings.
    late = _send(
        q.api["health"],
        "post",
        f"/api/networks/{group['id']}/meetings",
        {
            "title": "Etterpå",
            "starts_at": "2027-01-05T09:00:00+01:00",
            "ends_at": "2027-01-05T10:00:00+01:00",
        },
    )
    assert late.status_code == 400 and late.json()["code"] == "network_invalid"

    # What a partner (the school, not an editor) reads.
    body = _ok(q.api["school"].get(f"/api/networks/{nid}"))
    assert body["status"] == "operating" and body["can_edit"] is False
    assert body["districts"] == "Øst, Vest"
    assert [(b["name"], b["type"], b["status"]) for b in body["bodies"]] == [
        ("Lokalt rundebord", "round_table", "forming"),
        ("Overgangsgruppe", "transitional_working_group", "ended"),
        ("Styringskomité", "steering_committee", "forming"),
        ("Équipe d'intervention", "practitioner_team", "forming"),
    ]
    roles = {m["organisation"]["id"]: m["role"] for m in body["members"]}
    assert roles == {
        orgs["health"].pk: "lead",
        orgs["cws"].pk: "lead",
        orgs["navk"].pk: "sponsor",
        orgs["school"].pk: "member",
        orgs["vol"].pk: "advisory",
    }
    named = {
        m["organisation"]["id"]: [
            (r["user_id"], r["name"], r["title"]) for r in m["representatives"]
        ]
        for m in body["members"]
    }
    assert named[orgs["vol"].pk] == [(None, "Marie Tremblay", "Koordinator")]
    assert named[orgs["health"].pk] == [(q.managers["health"].user.pk, "", "Directrice")]
    assert body["mandate"]["issued_by"] == "Direction générale du CSSS"
    assert [(o["text"], o["explicit"]) for o in body["objectives"]] == [
        ("Ingen familie venter mer enn sju virkedager på barnevernet.", True),
        ("Gi de frivillige en stemme overfor det offentlige.", False),
    ]
    assert _ok(q.api["health"].get(f"/api/networks/{nid}"))["can_edit"] is True
    committee = _ok(q.api["school"].get(f"/api/networks/{steering['id']}"))
    assert committee["parent_id"] == nid and len(committee["members"]) == 5
    assert sorted(m["representatives"][0]["user_id"] for m in committee["members"]) == sorted(
        q.managers[k].user.pk for k in PARTNERS
    )
    table_body = _ok(q.api["school"].get(f"/api/networks/{table['id']}"))
    assert {m["role"] for m in table_body["members"]} == {"advisory"}


def test_member_twice_in_one_body_is_refused_and_nothing_changes(quebec, orgs):
    q = quebec
    created, _members = _network(q, orgs)
    steering = _ok(
        _send(
            q.api["health"],
            "post",
            "/api/networks",
            {
                "name": "Styringskomité",
                "kind": "hybrid",
                "type": "steering_committee",
                "parent_id": created["id"],
            },
        ),
        201,
    )
    url = f"/api/networks/{steering['id']}/members"
    _ok(_send(q.api["health"], "post", url, {"organisation_id": orgs["school"].pk}), 201)
    before = NetworkMember.objects.filter(network_id=steering["id"]).count()
    again = _send(
        q.api["health"], "post", url, {"organisation_id": orgs["school"].pk, "role": "sponsor"}
    )
    assert again.status_code == 400
    assert again.json()["code"] == "network_member_duplicate"
    assert again.json()["message"] == "The organisation is already a member of this network."
    assert again.json()["details"] == {"field": "organisation_id"}
    assert NetworkMember.objects.filter(network_id=steering["id"]).count() == before == 1
    # The member keeps its role; the API shows one member.
    members = _ok(q.api["health"].get(f"/api/networks/{steering['id']}"))["members"]
    assert [(m["organisation"]["id"], m["role"]) for m in members] == [
        (orgs["school"].pk, "member")
    ]


def _agreement(q, orgs, deadline_days=7):
    ids = {key: orgs[key].pk for key in PARTNERS}
    return _ok(
        _send(
            q.api["health"],
            "post",
            "/api/agreements",
            {
                "title": "Entente de services – jeunes familles",
                "kind": "service_agreement",
                "party_ids": list(ids.values()),
                "goals": "Én vei inn; svar fra barnevernet innen sju virkedager.",
                "operational_plan": "Styringskomiteen møtes hver måned.",
                "review_on": "2027-06-30",
                "responsibilities": [
                    {
                        "text": "Kartlegging av nye familier",
                        "cells": [
                            {"organisation_id": ids["health"], "level": "leads"},
                            {"organisation_id": ids["cws"], "level": "informed"},
                        ],
                    },
                    {
                        "text": "Foreldregrupper",
                        "cells": [
                            {"organisation_id": ids["vol"], "level": "leads"},
                            {"organisation_id": ids["health"], "level": "contributes"},
                            {"organisation_id": ids["school"], "level": "informed"},
                        ],
                    },
                ],
                "steps": [
                    {
                        "organisation_id": ids["health"],
                        "what": "Kartlegging på helsestasjonen",
                        "to_organisation_id": ids["cws"],
                        "referral_deadline_working_days": deadline_days,
                    },
                    {"organisation_id": ids["cws"], "what": "Foreldreveiledning i hjemmet"},
                ],
            },
        ),
        201,
    )


def _sign(q, agreement_id, key, version):
    return _send(q.api[key], "post", f"/api/agreements/{agreement_id}/sign", {"version": version})


def test_service_path_deadline_governs_referrals_once_every_partner_signed(
    quebec, orgs, make_person, involve, consent, today
):
    q = quebec
    family = make_person("Léa", "Gagnon", birth=date(2001, 3, 9))
    involve("health", family)
    involve("cws", family)
    consent(family, ["cws", "health"], ["health", "child_welfare"], recorded_by="health")
    worker = {"health": api_client(q.health_worker), "cws": api_client(q.cws_worker)}

    def refer(sender, to):
        return _ok(
            _send(
                worker[sender],
                "post",
                "/api/referrals",
                {
                    "person_id": family.pk,
                    "to_organisation_id": orgs[to].pk,
                    "reason": "Trenger foreldreveiledning",
                    "categories": ["health"] if to == "cws" else ["child_welfare"],
                },
            ),
            201,
        )["referral"]["deadline"]

    default = add_working_days(today, settings.REFERRAL_DEADLINE_WORKING_DAYS).isoformat()
    seven = add_working_days(today, 7).isoformat()
    ten = add_working_days(today, 10).isoformat()
    assert len({default, seven, ten}) == 3

    agreement = _agreement(q, orgs)
    aid = agreement["id"]
    assert agreement["version"] == 1 and agreement["in_force"] is False
    assert agreement["goals"].startswith("Én vei inn")
    assert [p["name"] for p in agreement["parties"]] == sorted(orgs[k].name for k in PARTNERS)
    matrix = {
        r["text"]: {c["organisation_id"]: c["level"] for c in r["cells"]}
        for r in agreement["responsibilities"]
    }
    assert matrix == {
        "Kartlegging av nye familier": {orgs["health"].pk: "leads", orgs["cws"].pk: "informed"},
        "Foreldregrupper": {
            orgs["vol"].pk: "leads",
            orgs["health"].pk: "contributes",
            orgs["school"].pk: "informed",
        },
    }
    assert [
        (s["organisation_id"], s["to_organisation_id"], s["referral_deadline_working_days"])
        for s in agreement["steps"]
    ] == [(orgs["health"].pk, orgs["cws"].pk, 7), (orgs["cws"].pk, None, None)]

    # Four partners sign: not in force, and a referral still gets the default deadline.
    for key in ("health", "cws", "navk", "school"):
        signed = _ok(_sign(q, aid, key, 1))
        assert signed["in_force"] is False
    twice = _sign(q, aid, "health", 1)
    assert twice.status_code == 409 and twice.json()["code"] == "signoff_invalid"
    caseworker = _send(
        worker["health"], "post", f"/api/agreements/{aid}/sign", {"version": 1}
    )  # only a manager signs for the organisation
    assert caseworker.status_code == 403 and caseworker.json()["code"] == "agreement_not_yours"
    assert refer("health", "cws") == default

    # The community organisation signs last: in force, and the service path's deadline now
    # governs referrals from the centre to child welfare — in that direction only.
    in_force = _ok(_sign(q, aid, "vol", 1))
    assert in_force["in_force"] is True
    assert all(p["signed_at"] is not None for p in in_force["parties"])
    assert refer("health", "cws") == seven
    assert refer("cws", "health") == default

    # A new version (deadline ten days) resets the sign-off: not in force until all sign it.
    revised = _ok(
        _send(
            q.api["cws"],
            "post",
            f"/api/agreements/{aid}/versions",
            {
                "goals": "Én vei inn; svar innen ti virkedager.",
                "responsibilities": [],
                "steps": [
                    {
                        "organisation_id": orgs["health"].pk,
                        "what": "Kartlegging",
                        "to_organisation_id": orgs["cws"].pk,
                        "referral_deadline_working_days": 10,
                    }
                ],
            },
        ),
        201,
    )
    assert revised["version"] == 2 and revised["in_force"] is False
    assert all(p["signed_at"] is None for p in revised["parties"])
    stale = _sign(q, aid, "navk", 1)
    assert stale.status_code == 409 and stale.json()["details"] == {"latest": 2}
    for key in ("health", "cws", "navk", "school"):
        assert _ok(_sign(q, aid, key, 2))["in_force"] is False
    # Not in force while one partner has not signed version 2: neither version's deadline
    # applies meanwhile, a referral gets the default again.
    assert refer("health", "cws") == default
    assert _ok(_sign(q, aid, "vol", 2))["in_force"] is True
    assert refer("health", "cws") == ten
    assert SignOff.objects.filter(version__agreement_id=aid).count() == 10
    assert AgreementVersion.objects.filter(agreement_id=aid).count() == 2


def test_funding_streams_contributions_and_fairness(quebec, orgs):
    q = quebec
    aid = _agreement(q, orgs)["id"]
    ids = {key: orgs[key].pk for key in PARTNERS}
    api = q.api["health"]
    streams = f"/api/agreements/{aid}/funding-streams"

    # Three streams at once: a ministry programme, the regional body and a fund-raiser.
    for source, amount, start, end in (
        ("Programme ministériel", "600000", "2026-01-01", "2026-12-31"),
        ("Agence regionale", "300000", "2026-04-01", "2027-03-31"),
        ("Innsamling", "50000", "2026-06-01", "2026-08-31"),
    ):
        made = _ok(
            _send(
                api,
                "post",
                streams,
                {"source": source, "amount": amount, "period_start": start, "period_end": end},
            ),
            201,
        )
        assert made["source"] == source and Decimal(made["amount"]) == Decimal(amount)
    # The same stream may not overlap itself (whatever the case of its name) …
    for source, start, end in (
        ("Programme ministériel", "2026-12-31", "2027-12-31"),
        ("AGENCE REGIONALE", "2026-01-01", "2026-04-01"),
        ("innsamling", "2026-07-01", "2026-07-31"),
    ):
        overlap = _send(
            api,
            "post",
            streams,
            {"source": source, "amount": "1000", "period_start": start, "period_end": end},
        )
        assert overlap.status_code == 400, (source, overlap.content)
        assert overlap.json()["code"] == "funding_period_overlap"
        assert overlap.json()["message"] == (
            "This funding stream already has a period that overlaps these dates."
        )
    assert FundingStream.objects.filter(agreement_id=aid).count() == 3
    # … but may go on the day after its period ends.
    _ok(
        _send(
            api,
            "post",
            streams,
            {
                "source": "Programme ministériel",
                "amount": "650000",
                "period_start": "2027-01-01",
                "period_end": "2027-12-31",
            },
        ),
        201,
    )
    negative = _send(
        api,
        "post",
        streams,
        {"source": "Don", "amount": "-5", "period_start": "2026-01-01", "period_end": "2026-01-31"},
    )
    assert negative.status_code == 400 and negative.json()["code"] == "negative_amount"
    assert FundingStream.objects.filter(agreement_id=aid).count() == 4

    # Contributions: money, premises, and staff re-assigned from members (in hours).
    contributions = f"/api/agreements/{aid}/contributions"
    for key, kind, amount, text in (
        ("health", "money", "300000", "Driftsmidler"),
        ("navk", "money", "200000", "Tilskudd"),
        ("cws", "money", "300000", "Tilskudd"),
        ("school", "premises", "100000", "Lokaler til foreldregruppene"),
        ("navk", "staff_hours", "600", "Sosionom omdisponert, 40 %"),
        ("cws", "staff_hours", "300", "Miljøterapeut omdisponert, 20 %"),
        ("health", "staff_hours", "100", "Helsesykepleier"),
    ):
        made = _ok(
            _send(
                api,
                "post",
                contributions,
                {
                    "organisation_id": ids[key],
                    "kind": kind,
                    "amount": amount,
                    "period_start": "2026-01-01",
                    "period_end": "2026-12-31",
                    "description": text,
                },
            ),
            201,
        )
        assert made["kind"] == kind
    hours = _send(
        api,
        "post",
        contributions,
        {
            "organisation_id": ids["vol"],
            "kind": "staff_hours",
            "amount": "-10",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
    )
    assert hours.status_code == 400 and hours.json()["code"] == "negative_amount"
    assert Contribution.objects.filter(agreement_id=aid).count() == 7
    spent = _ok(
        _send(
            api,
            "post",
            f"/api/agreements/{aid}/expenditures",
            {
                "amount": "100000",
                "description": "Barnehageplass, felles budsjett",
                "paid_by_id": ids["health"],
                "spent_on": "2026-05-12",
                "case_reference": "RJF-2026-014",
            },
        ),
        201,
    )
    assert spent["case_reference"] == "RJF-2026-014"

    # The agreed cost shares must add up to 100; a wrong set leaves the old one in place.
    shares = {"health": "40", "navk": "25", "cws": "25", "school": "10", "vol": "0"}
    body = [{"organisation_id": ids[k], "percent": p} for k, p in shares.items()]
    _ok(_send(api, "put", f"/api/agreements/{aid}/cost-shares", body))
    wrong = [{"organisation_id": ids["health"], "percent": "90"}]
    refused = _send(api, "put", f"/api/agreements/{aid}/cost-shares", wrong)
    assert refused.status_code == 400 and refused.json()["code"] == "shares_not_100"
    assert refused.json()["details"] == {"sum": "90"}
    assert CostShare.objects.filter(agreement_id=aid).count() == 5

    # Fairness: NOK load = money + premises + equipment + expenditures paid; hours apart.
    # health 300k + 100k paid, navk 200k, cws 300k, school 100k, vol nothing = 1 000 000;
    # hours: navk 600, cws 300, health 100 = 1000.
    rows = {
        r["organisation_id"]: r for r in _ok(q.api["school"].get(f"/api/agreements/{aid}/fairness"))
    }
    expected = {  # nok, nok %, hours, hours %, agreed %, difference
        "health": ("400000", "40.0", "100", "10.0", "40", "0.0"),
        "navk": ("200000", "20.0", "600", "60.0", "25", "-5.0"),
        "cws": ("300000", "30.0", "300", "30.0", "25", "5.0"),
        "school": ("100000", "10.0", "0", "0", "10", "0.0"),
        "vol": ("0", "0", "0", "0", "0", "0.0"),
    }
    for key, (nok, nok_pct, hrs, hrs_pct, agreed, diff) in expected.items():
        row = rows[ids[key]]
        got = tuple(
            Decimal(str(row[f]))
            for f in (
                "nok",
                "nok_percent",
                "hours",
                "hours_percent",
                "agreed_percent",
                "difference",
            )
        )
        assert got == tuple(Decimal(x) for x in (nok, nok_pct, hrs, hrs_pct, agreed, diff)), key
    assert len(rows) == 5


def test_network_meetings_show_who_keeps_coming_and_who_stopped(quebec, orgs):
    q = quebec
    created, _members = _network(q, orgs)
    nid = created["id"]
    came = {  # partner → attended meetings 1..5, oldest first
        "health": [True, True, True, True, True],
        "cws": [True, True, True, True, True],
        "navk": [True, False, True, False, True],
        "school": [True, True, False, False, False],
        "vol": [False, False, False, False, False],
    }
    meetings = []
    start = date(2026, 2, 3)
    for n in range(5):
        day = start + timedelta(weeks=4 * n)
        meeting = _ok(
            _send(
                q.api["health"],
                "post",
                f"/api/networks/{nid}/meetings",
                {
                    "title": f"Nettverksmøte {n + 1}",
                    "starts_at": f"{day.isoformat()}T13:00:00+01:00",
                    "ends_at": f"{day.isoformat()}T15:00:00+01:00",
                },
            ),
            201,
        )
        meetings.append(meeting["id"])
        detail = _ok(q.api["health"].get(f"/api/meetings/{meeting['id']}"))
        invited = {p["organisation"]["id"]: p["id"] for p in detail["participants"]}
        assert set(invited) == {orgs[k].pk for k in PARTNERS}
        recorded = _ok(
            _send(
                q.api["health"],
                "post",
                f"/api/meetings/{meeting['id']}/attendance",
                [{"participant_id": invited[orgs[k].pk], "attended": came[k][n]} for k in PARTNERS],
            )
        )
        assert sum(1 for p in recorded if p["attended"]) == sum(came[k][n] for k in PARTNERS)

    attendance = _ok(q.api["vol"].get(f"/api/networks/{nid}/attendance"))
    assert [m["id"] for m in attendance["meetings"]] == meetings
    by_org = {r["organisation"]["id"]: r for r in attendance["rows"]}
    assert {k: by_org[orgs[k].pk]["summary"] for k in PARTNERS} == {
        "health": "keeps_coming",
        "cws": "keeps_coming",
        "navk": "irregular",
        "school": "stopped",
        "vol": "never",
    }
    assert {k: by_org[orgs[k].pk]["attended"] for k in PARTNERS} == came
    # The network page carries the same record.
    assert _ok(q.api["vol"].get(f"/api/networks/{nid}"))["attendance"] == attendance


def test_same_stream_with_non_ascii_name_in_other_case_may_not_overlap(quebec, orgs):
    q = quebec
    aid = _agreement(q, orgs)["id"]
    streams = f"/api/agreements/{aid}/funding-streams"
    period = {"period_start": "2026-01-01", "period_end": "2026-12-31"}
    first = {"source": "Stiftelsen Østlandet", "amount": "100000", **period}
    _ok(_send(q.api["health"], "post", streams, first), 201)
    again = {"source": "stiftelsen østlandet", "amount": "100000", **period}
    overlap = _send(q.api["health"], "post", streams, again)
    assert overlap.status_code == 400 and overlap.json()["code"] == "funding_period_overlap"
    assert FundingStream.objects.filter(agreement_id=aid).count() == 1
