"""Setting 2: an Action team in each district against school drop-out. Ad hoc and low
threshold: NAV, child welfare, health and welfare, the upper secondary school and public and
private follow-up services, a wider circle than any mandate names, led informally. Cases are
often discussed without names; the team keeps no numbers, but who keeps coming shows."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from helhet.tenancy.models import OrganisationKind, Role, Sector
from helhet.tenancy.services import organisation_create
from tests.plans.conftest import api_client

DISTRICTS = ("Sentrum", "Nord", "Sør", "Vest")


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def _when(days: int) -> dict[str, str]:
    start = timezone.now() - timedelta(days=days)
    return {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat()}


def test_an_action_team_per_district_with_a_wider_circle_and_attendance(
    make_actor, orgs, municipality
):
    follow_up = organisation_create(
        actor=None,
        municipality=municipality,
        name="Oppfølgingstjenesten",
        kind=OrganisationKind.OTHER,
        sector=Sector.PUBLIC,
    )
    private = organisation_create(
        actor=None,
        municipality=municipality,
        name="Ungdomslosen AS",
        kind=OrganisationKind.PRIVATE_PROVIDER,
        sector=Sector.PRIVATE,
    )
    nav = api_client(make_actor("nav", Role.MANAGER))
    teams = {}
    for district in DISTRICTS:
        created = _post(
            nav,
            "/api/networks",
            {
                "name": f"Aksjonsteam {district}",
                "kind": "voluntary",
                "type": "team",
                "districts": district,
                "target_population": "Ungdom som står i fare for å slutte i videregående",
                "leadership_model": "informal",
                "informal_leaders": "Rådgiver ved skolen og NAV-veileder",
            },
        )
        assert created.status_code == 201, created.content
        teams[district] = created.json()["id"]
    listed = {n["name"]: n for n in nav.get("/api/networks").json()}
    assert {f"Aksjonsteam {d}" for d in DISTRICTS} <= set(listed)
    assert {listed[f"Aksjonsteam {d}"]["leadership_model"] for d in DISTRICTS} == {"informal"}

    # Sentrum's circle: wider than a mandate would name, the private service included.
    sentrum = teams["Sentrum"]
    circle = [
        (orgs["school"].pk, "lead"),
        (orgs["cws"].pk, "member"),
        (orgs["health"].pk, "member"),
        (follow_up.pk, "member"),
        (private.pk, "member"),
        (orgs["vol"].pk, "advisory"),
    ]
    for organisation_id, role in circle:
        added = _post(
            nav,
            f"/api/networks/{sentrum}/members",
            {"organisation_id": organisation_id, "role": role},
        )
        assert added.status_code == 201, added.content
    # The same service twice is refused, and the circle stays as it was.
    twice = _post(nav, f"/api/networks/{sentrum}/members", {"organisation_id": private.pk})
    assert twice.status_code == 400 and twice.json()["code"] == "network_member_duplicate"
    assert len(nav.get(f"/api/networks/{sentrum}").json()["members"]) == 7  # NAV + six
    assert _post(nav, f"/api/networks/{sentrum}/status", {"status": "operating"}).status_code == 200
    # No lifecycle shortcut back to forming.
    back = _post(nav, f"/api/networks/{sentrum}/status", {"status": "forming"})
    assert back.status_code == 400

    # Four meetings; the private service comes twice and then stops; health comes and goes.
    pattern = {
        private.pk: [True, False, False, False],
        orgs["health"].pk: [True, False, True, False],
    }
    for n in range(4):
        meeting = _post(
            nav,
            f"/api/networks/{sentrum}/meetings",
            {"title": f"Aksjonsteam Sentrum {n + 1}", **_when(100 - 20 * n)},
        )
        assert meeting.status_code == 201, meeting.content
        mid = meeting.json()["id"]
        participants = nav.get(f"/api/meetings/{mid}").json()["participants"]
        marks = [
            {
                "participant_id": p["id"],
                "attended": pattern.get(p["organisation"]["id"], [True] * 4)[n],
            }
            for p in participants
        ]
        assert _post(nav, f"/api/meetings/{mid}/attendance", marks).status_code == 200
    attendance = nav.get(f"/api/networks/{sentrum}/attendance").json()
    assert len(attendance["meetings"]) == 4
    summary = {r["organisation"]["name"]: r["summary"] for r in attendance["rows"]}
    assert summary["Ungdomslosen AS"] == "stopped"
    assert summary[orgs["health"].name] == "irregular"
    assert summary[orgs["school"].name] == "keeps_coming"
    assert summary[follow_up.name] == "keeps_coming"


def test_a_low_threshold_case_without_a_name(make_actor, orgs):
    """A school counsellor brings a youth's situation without a name: no consent is needed,
    and no one outside the team sees the meeting."""
    nav_manager = make_actor("nav", Role.MANAGER)
    nav = api_client(nav_manager)
    team = _post(
        nav,
        "/api/networks",
        {"name": "Aksjonsteam Nord", "kind": "voluntary", "type": "team", "districts": "Nord"},
    ).json()["id"]
    _post(nav, f"/api/networks/{team}/members", {"organisation_id": orgs["school"].pk})
    _post(nav, f"/api/networks/{team}/members", {"organisation_id": orgs["cws"].pk})
    counsellor = api_client(make_actor("school"))
    booked = _post(
        counsellor,
        f"/api/networks/{team}/case-conferences",
        {**_when(-2), "agenda": "Elev i Vg2 med høyt fravær, vurderer å slutte"},
    )
    assert booked.status_code == 201, booked.content
    mid = booked.json()["id"]
    detail = api_client(make_actor("cws")).get(f"/api/meetings/{mid}").json()
    assert detail["person"] is None
    assert {p["organisation"]["id"] for p in detail["participants"]} == {
        orgs["school"].pk,
        orgs["cws"].pk,
        orgs["nav"].pk,
    }
    assert api_client(make_actor("health")).get(f"/api/meetings/{mid}").status_code == 404
