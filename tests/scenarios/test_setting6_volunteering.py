"""Setting 6: long-term care units and voluntary organisations. A nursing home, a home-care
district, an integrated unit and an "other" unit record the volunteer activities held with
them — day centres and food delivery (statutory), cultural activities in nursing homes and in
home care, physical and social activities (not statutory) and more — with who coordinated
each: the municipality (the care unit), the voluntary organisation, both jointly, other,
unsure or varies. A written agreement between a unit and a voluntary organisation names who
does what, the contact persons and the duty of confidentiality, and may require a police
certificate of every volunteer serving there. The unit sees its coordination mix quarter by
quarter ("unsure" and "varies" left out, as in the survey), and the observatory gets the
survey file: one answer per unit and survey activity ("varies" where a unit's activities of
that kind had different coordinators), the answers "unsure" and "varies" left out and
counted.

The staff work through the JSON API, including changing an activity and updating a
volunteer's declarations; the survey export is a selector, as it has no endpoint."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from helhet.tenancy.models import OrganisationKind, Role, Sector
from helhet.tenancy.services import organisation_create
from helhet.volunteering.models import Activity, ActivityVolunteer, Occurrence, Volunteer
from helhet.volunteering.selectors import (
    coordination_survey,
    coordination_survey_csv,
    coordination_survey_rows,
)
from tests.plans.conftest import api_client


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


@pytest.fixture
def orgs(orgs, municipality):
    """The shared organisations plus a nursing home, a home-care service, the municipality's
    health-and-care centre (kind "other": it runs the integrated and the other unit) and a
    second voluntary organisation."""
    extra = {
        "nh": ("Testvik sykehjem", OrganisationKind.NURSING_HOME, Sector.PUBLIC),
        "hc": ("Hjemmetjenesten Testvik", OrganisationKind.HOME_CARE, Sector.PUBLIC),
        "care": ("Helse- og omsorgssenteret Testvik", OrganisationKind.OTHER, Sector.PUBLIC),
        "vol2": ("Røde Kors Testvik", OrganisationKind.VOLUNTARY, Sector.NON_PROFIT),
    }
    for key, (name, kind, sector) in extra.items():
        orgs[key] = organisation_create(
            actor=None, municipality=municipality, name=name, kind=kind, sector=sector
        )
    return orgs


@pytest.fixture
def ltc(make_actor):
    """Unit leaders, the two voluntary organisations' coordinators and a researcher, each with
    an API client."""
    actors = {
        "nh": make_actor("nh", Role.MANAGER),
        "hc": make_actor("hc", Role.COORDINATOR),
        "care": make_actor("care", Role.MANAGER),
        "vol": make_actor("vol", Role.COORDINATOR),
        "vol2": make_actor("vol2", Role.COORDINATOR),
        "health": make_actor("health", Role.MANAGER),
        "researcher": make_actor("nh", Role.RESEARCHER),
    }
    return SimpleNamespace(actors=actors, api={k: api_client(a) for k, a in actors.items()})


def _units(ltc):
    """The four kinds of care unit, made over the API by their own organisations."""
    spec = {
        "nh": ("nh", "Solsiden sykehjem", "nursing_home"),
        "hc": ("hc", "Hjemmetjenesten sone nord", "home_care"),
        "integrated": ("care", "Fjordtun helse- og omsorgssenter", "integrated"),
        "other": ("care", "Bofellesskapet Lia", "other"),
    }
    return {
        key: _ok(
            _post(ltc.api[who], "/api/volunteering/care-units", {"name": n, "unit_type": t}), 201
        )
        for key, (who, n, t) in spec.items()
    }


# Every category, on the unit where it belongs: (unit, actor, title, category, coordinator,
# voluntary organisation, statutory override).
ACTIVITIES = {
    "a1": ("nh", "nh", "Dagsenter", "day_centre", "municipality", None, None),
    "a2": ("nh", "vol", "Allsang", "cultural_nursing_home", "joint", "vol", None),
    "a3": ("nh", "nh", "Trim i stua", "physical", "municipality", None, None),
    "a4": ("nh", "vol2", "Sommertur", "social", "voluntary", "vol2", None),
    "a5": ("nh", "nh", "Besøkstjeneste etter vedtak", "visiting_service", "unsure", "vol", True),
    "a6": ("nh", "nh", "Kafé", "other", "varies", "vol", None),
    "b1": ("hc", "hc", "Middagslevering", "food_delivery", "voluntary", "vol2", None),
    "b2": ("hc", "vol", "Konsert hjemme", "cultural_home_care", "voluntary", "vol", None),
    "b3": ("hc", "hc", "Julebord", "social", "unsure", "vol", None),
    "c1": ("integrated", "care", "Dagsenter", "day_centre", "joint", "vol", None),
    "c2": ("integrated", "care", "Seniordans", "physical", "other", None, None),
    "d1": ("other", "care", "Bingo", "social", "varies", None, None),
    "d2": ("other", "care", "Matombringing fra kafeen", "food_delivery", "voluntary", "vol", False),
}


def _activities(ltc, orgs, units):
    made = {}
    for key, (unit, who, title, category, coordinator, vol, override) in ACTIVITIES.items():
        body = {
            "care_unit_id": units[unit]["id"],
            "category": category,
            "title": title,
            "coordinator": coordinator,
            "voluntary_organisation_id": orgs[vol].pk if vol else None,
            "statutory_override": override,
        }
        made[key] = _ok(_post(ltc.api[who], "/api/volunteering/activities", body), 201)
    return made


def test_units_activities_and_who_coordinates_them(ltc, orgs):
    units = _units(ltc)
    listed = _ok(ltc.api["vol"].get("/api/volunteering/care-units"))
    assert sorted((u["name"], u["unit_type"], u["organisation_id"]) for u in listed) == sorted(
        [
            ("Solsiden sykehjem", "nursing_home", orgs["nh"].pk),
            ("Hjemmetjenesten sone nord", "home_care", orgs["hc"].pk),
            ("Fjordtun helse- og omsorgssenter", "integrated", orgs["care"].pk),
            ("Bofellesskapet Lia", "other", orgs["care"].pk),
        ]
    )
    # Only care organisations set up units (a voluntary organisation or a researcher cannot),
    # and an unknown unit type is refused.
    for who in ("vol", "researcher"):
        denied = _post(
            ltc.api[who], "/api/volunteering/care-units", {"name": "X", "unit_type": "other"}
        )
        assert denied.status_code == 403 and denied.json()["code"] == "volunteering_not_yours"
    odd = _post(ltc.api["nh"], "/api/volunteering/care-units", {"name": "X", "unit_type": "ward"})
    assert odd.status_code == 400 and odd.json()["code"] == "volunteering_invalid"
    # Where nursing homes and home care sit under "helse og velferd", that organisation runs
    # its units itself.
    health_unit = _ok(
        _post(
            ltc.api["health"],
            "/api/volunteering/care-units",
            {"name": "Hjemmetjenesten sone sør", "unit_type": "home_care"},
        ),
        201,
    )
    assert health_unit["organisation_id"] == orgs["health"].pk
    assert len(_ok(ltc.api["nh"].get("/api/volunteering/care-units"))) == 5

    made = _activities(ltc, orgs, units)
    # Statutory follows from the category (day centres and food delivery), unless overridden.
    assert {k: (a["statutory"], a["statutory_override"]) for k, a in made.items()} == {
        "a1": (True, None),
        "a2": (False, None),
        "a3": (False, None),
        "a4": (False, None),
        "a5": (True, True),
        "a6": (False, None),
        "b1": (True, None),
        "b2": (False, None),
        "b3": (False, None),
        "c1": (True, None),
        "c2": (False, None),
        "d1": (False, None),
        "d2": (False, False),
    }
    assert {a["coordinator"] for a in made.values()} == {
        "municipality",
        "voluntary",
        "joint",
        "other",
        "unsure",
        "varies",
    }
    assert {a["category"] for a in made.values()} == {
        "day_centre",
        "food_delivery",
        "cultural_nursing_home",
        "cultural_home_care",
        "physical",
        "social",
        "visiting_service",
        "other",
    }
    # A voluntary organisation may start an activity naming itself, not another one.
    other_org = _post(
        ltc.api["vol"],
        "/api/volunteering/activities",
        {
            "care_unit_id": units["nh"]["id"],
            "category": "social",
            "title": "Tur",
            "coordinator": "voluntary",
            "voluntary_organisation_id": orgs["vol2"].pk,
        },
    )
    assert other_org.status_code == 403 and other_org.json()["code"] == "volunteering_not_yours"
    assert Activity.objects.count() == len(ACTIVITIES)

    # Changing an activity: the override goes back to the category's rule (null), and the
    # unit says who coordinates the visiting service now.
    changed = _ok(
        ltc.api["nh"].patch(
            f"/api/volunteering/activities/{made['a5']['id']}",
            {"statutory_override": None, "coordinator": "municipality"},
            content_type="application/json",
        )
    )
    assert (changed["statutory"], changed["statutory_override"], changed["coordinator"]) == (
        False,
        None,
        "municipality",
    )
    _ok(
        ltc.api["care"].patch(
            f"/api/volunteering/activities/{made['d2']['id']}",
            {"statutory_override": True},
            content_type="application/json",
        )
    )
    # The health and welfare services run no activity here: not theirs to change.
    foreign_change = ltc.api["health"].patch(
        f"/api/volunteering/activities/{made['a2']['id']}",
        {"coordinator": "municipality"},
        content_type="application/json",
    )
    assert foreign_change.status_code == 403
    assert Activity.objects.get(pk=made["a2"]["id"]).coordinator == "joint"

    # Occurrences: who coordinated defaults to the activity's, and may differ one time.
    occurrences = f"/api/volunteering/activities/{made['a2']['id']}/occurrences"
    first = _ok(
        _post(
            ltc.api["vol"],
            occurrences,
            {"date": "2026-03-05", "participants": 18, "volunteers": 4, "hours": "1.5"},
        ),
        201,
    )
    assert first["coordinator"] == "joint" and first["hours"] in ("1.5", 1.5)
    _ok(
        _post(
            ltc.api["nh"],
            occurrences,
            {
                "date": "2026-03-12",
                "participants": 15,
                "volunteers": 0,
                "hours": "1.5",
                "coordinator": "municipality",
            },
        ),
        201,
    )
    # Staff of a voluntary organisation that is not in the activity may not record it.
    foreign = _post(
        ltc.api["vol2"],
        occurrences,
        {"date": "2026-03-19", "participants": 1, "volunteers": 1, "hours": "1"},
    )
    assert foreign.status_code == 403
    detail = _ok(ltc.api["hc"].get(f"/api/volunteering/care-units/{units['nh']['id']}"))
    assert detail["unit"]["unit_type"] == "nursing_home"
    by_title = {a["title"]: a for a in detail["activities"]}
    assert len(by_title) == 6
    assert [(o["date"], o["coordinator"]) for o in by_title["Allsang"]["occurrences"]] == [
        ("2026-03-12", "municipality"),
        ("2026-03-05", "joint"),
    ]
    visiting = by_title["Besøkstjeneste etter vedtak"]
    assert (visiting["statutory"], visiting["statutory_override"], visiting["coordinator"]) == (
        False,
        None,
        "municipality",
    )
    other = _ok(ltc.api["care"].get(f"/api/volunteering/care-units/{units['other']['id']}"))
    food = next(a for a in other["activities"] if a["category"] == "food_delivery")
    assert (food["statutory"], food["statutory_override"]) == (True, True)


def test_written_agreement_volunteer_register_and_police_certificate(ltc, orgs, today):
    units = _units(ltc)
    made = _activities(ltc, orgs, units)
    agreement = _ok(
        _post(
            ltc.api["nh"],
            "/api/volunteering/agreements",
            {
                "care_unit_id": units["nh"]["id"],
                "voluntary_organisation_id": orgs["vol"].pk,
                "tasks": "Frivilligsentralen står for allsang og besøk; sykehjemmet for lokaler.",
                "contact_persons": "Avdelingsleder Solsiden; koordinator i Frivilligsentralen",
                "confidentiality": "De frivillige har taushetsplikt og signerer en erklæring.",
                "requires_police_certificate": True,
                "signed_on": (today - timedelta(days=60)).isoformat(),
                "valid_until": (today + timedelta(days=300)).isoformat(),
            },
        ),
        201,
    )
    assert agreement["requires_police_certificate"] is True
    assert agreement["contact_persons"].startswith("Avdelingsleder Solsiden")
    assert agreement["confidentiality"].startswith("De frivillige har taushetsplikt")
    # An agreement that has run out no longer asks for anything.
    _ok(
        _post(
            ltc.api["care"],
            "/api/volunteering/agreements",
            {
                "care_unit_id": units["integrated"]["id"],
                "voluntary_organisation_id": orgs["vol"].pk,
                "tasks": "Dagsenteret",
                "requires_police_certificate": True,
                "signed_on": (today - timedelta(days=400)).isoformat(),
                "valid_until": (today - timedelta(days=1)).isoformat(),
            },
        ),
        201,
    )
    backwards = _post(
        ltc.api["nh"],
        "/api/volunteering/agreements",
        {
            "care_unit_id": units["nh"]["id"],
            "voluntary_organisation_id": orgs["vol"].pk,
            "tasks": "X",
            "signed_on": today.isoformat(),
            "valid_until": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert backwards.status_code == 400 and backwards.json()["code"] == "volunteering_invalid"
    # Agreements name contact persons: only their two parties see them.
    assert len(_ok(ltc.api["vol"].get("/api/volunteering/agreements"))) == 2
    assert [a["id"] for a in _ok(ltc.api["nh"].get("/api/volunteering/agreements"))] == [
        agreement["id"]
    ]
    assert _ok(ltc.api["vol2"].get("/api/volunteering/agreements")) == []
    assert _ok(ltc.api["hc"].get("/api/volunteering/agreements")) == []

    # The voluntary organisation keeps its register, with each volunteer's declarations.
    register = {}
    for name, declared, certificate in (
        ("Anne Berg", today - timedelta(days=30), today - timedelta(days=20)),
        ("Bjørn Dahl", today - timedelta(days=30), None),
        ("Cecilie Eik", None, None),
    ):
        register[name] = _ok(
            _post(
                ltc.api["vol"],
                "/api/volunteering/volunteers",
                {
                    "name": name,
                    "contact": f"{name.split()[0].lower()}@example.org",
                    "confidentiality_declaration_signed_on": declared and declared.isoformat(),
                    "police_certificate_checked_on": certificate and certificate.isoformat(),
                },
            ),
            201,
        )
    hers = _ok(_post(ltc.api["vol2"], "/api/volunteering/volunteers", {"name": "Dina Foss"}), 201)
    for who in ("nh", "researcher"):
        denied = _post(ltc.api[who], "/api/volunteering/volunteers", {"name": "X"})
        assert denied.status_code == 403 and denied.json()["code"] == "volunteering_not_yours"
    assert Volunteer.objects.count() == 4

    def assign(who, activity, volunteer):
        return _post(
            ltc.api[who],
            f"/api/volunteering/activities/{made[activity]['id']}/volunteers",
            {"volunteer_id": register[volunteer]["id"] if volunteer in register else volunteer},
        )

    # The agreement with the nursing home asks for a police certificate: refused without.
    refused = assign("vol", "a2", "Bjørn Dahl")
    assert refused.status_code == 400
    assert refused.json()["code"] == "police_certificate_missing"
    assert refused.json()["details"] == {"volunteer_id": register["Bjørn Dahl"]["id"]}
    assert ActivityVolunteer.objects.count() == 0
    _ok(assign("vol", "a2", "Anne Berg"))
    # Home care has no agreement with the volunteer centre: no certificate needed there …
    _ok(assign("vol", "b2", "Cecilie Eik"))
    # … nor at the integrated unit, whose agreement has run out.
    _ok(assign("care", "c1", "Bjørn Dahl"))
    # Once his certificate is checked, Bjørn may serve at the nursing home too; the nursing
    # home cannot record it for him (his declarations are his organisation's to keep).
    declarations = f"/api/volunteering/volunteers/{register['Bjørn Dahl']['id']}/declarations"
    checked = {"police_certificate_checked_on": today.isoformat()}
    assert (
        ltc.api["nh"].patch(declarations, checked, content_type="application/json").status_code
        == 404
    )
    bjorn = _ok(ltc.api["vol"].patch(declarations, checked, content_type="application/json"))
    assert bjorn["police_certificate_checked_on"] == today.isoformat()
    assert (
        bjorn["confidentiality_declaration_signed_on"]
        == register["Bjørn Dahl"]["confidentiality_declaration_signed_on"]
    )
    on_activity = _ok(assign("nh", "a2", "Bjørn Dahl"))
    assert on_activity["id"] == made["a2"]["id"]
    # Another organisation's volunteer cannot be put on the activity.
    stranger = assign("vol", "a2", hers["id"])
    assert stranger.status_code == 404 and stranger.json()["code"] == "volunteer_not_found"
    # An activity may ask for a certificate on its own, without an agreement.
    strict = _ok(
        _post(
            ltc.api["hc"],
            "/api/volunteering/activities",
            {
                "care_unit_id": units["hc"]["id"],
                "category": "social",
                "title": "Hjemmebesøk med hund",
                "coordinator": "voluntary",
                "voluntary_organisation_id": orgs["vol2"].pk,
                "requires_police_certificate": True,
            },
        ),
        201,
    )
    alone = _post(
        ltc.api["vol2"],
        f"/api/volunteering/activities/{strict['id']}/volunteers",
        {"volunteer_id": hers["id"]},
    )
    assert alone.status_code == 400 and alone.json()["code"] == "police_certificate_missing"
    assert ActivityVolunteer.objects.count() == 4

    # The register, as far as each may see it: the voluntary organisation all its own; a
    # unit only those serving it; others none; researchers nothing.
    url = f"/api/volunteering/organisations/{orgs['vol'].pk}/volunteers"
    own = _ok(ltc.api["vol"].get(url))
    assert [
        (
            v["name"],
            v["confidentiality_declaration_signed_on"] is not None,
            v["police_certificate_checked_on"] is not None,
        )
        for v in own
    ] == [("Anne Berg", True, True), ("Bjørn Dahl", True, True), ("Cecilie Eik", False, False)]
    assert [v["name"] for v in _ok(ltc.api["nh"].get(url))] == ["Anne Berg", "Bjørn Dahl"]
    assert [v["name"] for v in _ok(ltc.api["hc"].get(url))] == ["Cecilie Eik"]
    assert _ok(ltc.api["vol2"].get(url)) == []
    assert ltc.api["researcher"].get(url).status_code == 403


# Occurrences in 2026: activity → (date, coordinator this time or None for the activity's).
OCCURRENCES = {
    "a1": [(date(2026, 1, 12), None), (date(2026, 2, 9), None), (date(2026, 4, 6), "joint")],
    "a2": [(date(2026, 1, 15), None), (date(2026, 5, 7), None), (date(2026, 6, 4), None)],
    "a3": [(date(2026, 2, 2), None), (date(2026, 5, 20), None)],
    "a4": [(date(2026, 3, 3), None), (date(2026, 4, 20), "varies")],
    "a5": [(date(2026, 2, 20), None)],
    "a6": [(date(2026, 3, 10), None)],
    "b1": [(date(2026, 6, 1), None)],
    "c1": [(date(2026, 6, 3), None)],
    "c2": [(date(2026, 1, 20), None)],
    "d1": [(date(2026, 6, 5), None)],
}


def _mix(counts, left_out):
    total = sum(counts.values())
    return {
        "counts": counts,
        "shares": {k: pytest.approx(v / total) for k, v in counts.items()},
        "total": total,
        "left_out": left_out,
    }


def test_coordination_mix_by_quarter_and_the_survey_export(ltc, orgs, municipality):
    units = _units(ltc)
    made = _activities(ltc, orgs, units)
    unit_of = {key: spec[0] for key, spec in ACTIVITIES.items()}
    who_for = {"nh": "nh", "hc": "hc", "integrated": "care", "other": "care"}
    for key, rows in OCCURRENCES.items():
        for day, coordinator in rows:
            body = {"date": day.isoformat(), "participants": 10, "volunteers": 2, "hours": "2"}
            if coordinator:
                body["coordinator"] = coordinator
            url = f"/api/volunteering/activities/{made[key]['id']}/occurrences"
            _ok(_post(ltc.api[who_for[unit_of[key]]], url, body), 201)

    # The nursing home's mix: each activity once per quarter, under its last coordinator
    # there; unsure (visiting service) and varies (café; the summer trip in Q2) left out.
    mix = _ok(ltc.api["nh"].get(f"/api/volunteering/care-units/{units['nh']['id']}"))[
        "coordination_mix"
    ]
    assert [{k: q[k] for k in ("counts", "shares", "total", "left_out")} for q in mix] == [
        _mix({"municipality": 2, "voluntary": 1, "joint": 1, "other": 0}, left_out=2),
        _mix({"municipality": 1, "voluntary": 0, "joint": 2, "other": 0}, left_out=1),
    ]
    assert [q["quarter"] for q in mix] == ["2026-Q1", "2026-Q2"]
    # The municipality's mix, across the four units.
    everywhere = _ok(ltc.api["researcher"].get("/api/volunteering/coordination-mix"))
    assert [q["quarter"] for q in everywhere] == ["2026-Q1", "2026-Q2"]
    assert [{k: q[k] for k in ("counts", "shares", "total", "left_out")} for q in everywhere] == [
        _mix({"municipality": 2, "voluntary": 1, "joint": 1, "other": 1}, left_out=2),
        _mix({"municipality": 1, "voluntary": 1, "joint": 3, "other": 0}, left_out=2),
    ]

    # After the quarter's figures: the nursing home starts a second social activity, under
    # its own coordination, and the day centre and the integrated unit's day centre are
    # coordinated differently one time each in the last four weeks.
    coffee = _ok(
        _post(
            ltc.api["nh"],
            "/api/volunteering/activities",
            {
                "care_unit_id": units["nh"]["id"],
                "category": "social",
                "title": "Kaffetreff",
                "coordinator": "municipality",
            },
        ),
        201,
    )
    for who, key, day, coordinator in (
        ("nh", coffee["id"], date(2026, 5, 28), None),
        ("nh", made["a1"]["id"], date(2026, 5, 25), "joint"),
        ("care", made["c1"]["id"], date(2026, 6, 4), "municipality"),
    ):
        body = {"date": day.isoformat(), "participants": 6, "volunteers": 1, "hours": "1"}
        if coordinator:
            body["coordinator"] = coordinator
        url = f"/api/volunteering/activities/{key}/occurrences"
        _ok(_post(ltc.api[who], url, body), 201)

    # The survey file: one answer per unit and survey activity (visiting service and other
    # are not in the survey), under the activities' coordinators. The nursing home's two
    # social activities are coordinated differently, so its answer is "varies"; that, the
    # unsure Christmas party at home care and the varying bingo are left out, and counted.
    nh, hc, integrated, other = (units[k]["id"] for k in ("nh", "hc", "integrated", "other"))
    answers = coordination_survey(municipality.pk)
    assert [(r.unit_id, r.unit_type, r.activity, r.coordinator) for r in answers.rows] == [
        (nh, "nursing_home", "cultural_nursing_home", "joint"),
        (nh, "nursing_home", "day_centre", "municipality"),
        (nh, "nursing_home", "physical", "municipality"),
        (hc, "home_care", "cultural_home_care", "voluntary"),
        (hc, "home_care", "food_delivery", "voluntary"),
        (integrated, "integrated", "day_centre", "joint"),
        (integrated, "integrated", "physical", "other"),
        (other, "other", "food_delivery", "voluntary"),
    ]
    assert answers.left_out == {"unsure": 1, "varies": 2} and answers.left_out_total == 3
    assert coordination_survey_rows(municipality.pk) == answers.rows
    # As the survey asked: who actually coordinated in the last four weeks (to 7 June 2026),
    # from the occurrences. The day centre was joint this time; of the social activities only
    # the coffee meeting took place; the integrated unit's day centre had two coordinators
    # (varies) and so had nobody else's bingo (varies, as recorded).
    since = date(2026, 6, 7) - timedelta(weeks=4)
    recent = coordination_survey(municipality.pk, since=since)
    assert [(r.unit_id, r.activity, r.coordinator) for r in recent.rows] == [
        (nh, "cultural_nursing_home", "joint"),
        (nh, "day_centre", "joint"),
        (nh, "physical", "municipality"),
        (nh, "social", "municipality"),
        (hc, "food_delivery", "voluntary"),
    ]
    assert recent.left_out == {"unsure": 0, "varies": 2}
    assert coordination_survey_csv(municipality.pk) == (
        "unit_id,unit_type,activity,coordinator\n"
        f"{nh},nursing_home,cultural_nursing_home,joint\n"
        f"{nh},nursing_home,day_centre,municipality\n"
        f"{nh},nursing_home,physical,municipality\n"
        f"{hc},home_care,cultural_home_care,voluntary\n"
        f"{hc},home_care,food_delivery,voluntary\n"
        f"{integrated},integrated,day_centre,joint\n"
        f"{integrated},integrated,physical,other\n"
        f"{other},other,food_delivery,voluntary\n"
    )
    assert coordination_survey_csv(municipality.pk, since=since) == (
        "unit_id,unit_type,activity,coordinator\n"
        f"{nh},nursing_home,cultural_nursing_home,joint\n"
        f"{nh},nursing_home,day_centre,joint\n"
        f"{nh},nursing_home,physical,municipality\n"
        f"{nh},nursing_home,social,municipality\n"
        f"{hc},home_care,food_delivery,voluntary\n"
    )
    assert coordination_survey_rows(municipality.pk + 1000) == []
    assert coordination_survey_csv(municipality.pk + 1000) == (
        "unit_id,unit_type,activity,coordinator\n"
    )


def test_bad_input_over_the_api_saves_nothing(ltc, orgs):
    units = _units(ltc)
    made = _activities(ltc, orgs, units)
    url = f"/api/volunteering/activities/{made['a2']['id']}/occurrences"
    good = {"date": "2026-03-05", "participants": 12, "volunteers": 3, "hours": "2.0"}
    _ok(_post(ltc.api["vol"], url, good), 201)
    occurrences = Occurrence.objects.count()

    negative = _post(ltc.api["vol"], url, {**good, "date": "2026-03-12", "hours": "-2"})
    assert negative.status_code == 400
    assert negative.json() == {
        "message": "Cannot be negative: hours.",
        "code": "occurrence_negative",
        "details": {"fields": ["hours"]},
    }
    both = _post(
        ltc.api["vol"], url, {**good, "date": "2026-03-12", "hours": "-2", "volunteers": -1}
    )
    assert both.status_code == 400
    assert both.json()["message"] == "Cannot be negative: volunteers, hours."
    assert both.json()["details"] == {"fields": ["volunteers", "hours"]}
    odd_coordinator = _post(ltc.api["vol"], url, {**good, "coordinator": "the mayor"})
    assert odd_coordinator.status_code == 400
    assert odd_coordinator.json()["code"] == "coordinator_unknown"
    assert Occurrence.objects.count() == occurrences == 1

    activities = Activity.objects.count()
    unknown = _post(
        ltc.api["nh"],
        "/api/volunteering/activities",
        {
            "care_unit_id": units["nh"]["id"],
            "category": "bingo_night",
            "title": "Bingo",
            "coordinator": "voluntary",
        },
    )
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "activity_category_unknown"
    assert unknown.json()["message"] == "Unknown activity category: bingo_night."
    assert unknown.json()["details"]["category"] == "bingo_night"
    assert "day_centre" in unknown.json()["details"]["allowed"]
    assert Activity.objects.count() == activities == len(ACTIVITIES)
    detail = _ok(ltc.api["nh"].get(f"/api/volunteering/care-units/{units['nh']['id']}"))
    assert "Bingo" not in {a["title"] for a in detail["activities"]}

    # A change with one bad field changes nothing at all, not even the good fields.
    odd_change = ltc.api["nh"].patch(
        f"/api/volunteering/activities/{made['a1']['id']}",
        {"title": "Dagsenter (nytt navn)", "coordinator": "the mayor"},
        content_type="application/json",
    )
    assert odd_change.status_code == 400
    assert odd_change.json()["code"] == "coordinator_unknown"
    assert Activity.objects.filter(title="Dagsenter (nytt navn)").count() == 0
    renamed = ltc.api["nh"].patch(
        f"/api/volunteering/care-units/{units['nh']['id']}",
        {"name": "Bofellesskapet Lia", "unit_type": "ward"},
        content_type="application/json",
    )
    assert renamed.status_code == 400 and renamed.json()["code"] == "volunteering_invalid"
    unit = _ok(ltc.api["nh"].get(f"/api/volunteering/care-units/{units['nh']['id']}"))["unit"]
    assert (unit["name"], unit["unit_type"]) == ("Solsiden sykehjem", "nursing_home")
