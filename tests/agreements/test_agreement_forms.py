"""The web forms of agreements: create and revise (the detail page's forms are in
``test_agreement_detail_forms``).

Each form is checked for its success path, its refusal, and that bad input comes back as a
400 page with the service's message, the typed values kept and nothing saved."""

from __future__ import annotations

import re
from datetime import date

import pytest

from helhet.agreements.models import (
    Agreement,
    AgreementVersion,
)
from helhet.tenancy.models import Role
from tests.agreements.conftest import assert_strict_page, page


def blank_rows(prefix: str, total: int = 5, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def new_agreement_post(orgs, **overrides):
    data = {
        "title": "Samarbeidsavtale oppvekst",
        "kind": "service_agreement",
        "parties": [str(orgs["nav"].pk), str(orgs["cws"].pk)],
        "goals": "Ett samlet tilbud til familien.",
        "operational_plan": "Månedlig samarbeidsmøte.",
        "review_on": "2026-06-30",
        **blank_rows("resp"),
        "resp-0-text": "Kartlegging av familiens behov",
        f"resp-0-cell_{orgs['nav'].pk}": "leads",
        f"resp-0-cell_{orgs['cws'].pk}": "contributes",
        "resp-2-text": "Tiltak i hjemmet",
        f"resp-2-cell_{orgs['cws'].pk}": "leads",
        **blank_rows("step"),
        "step-0-organisation": str(orgs["nav"].pk),
        "step-0-what": "Kartlegging",
        "step-0-to_organisation": str(orgs["cws"].pk),
        "step-0-referral_deadline_working_days": "5",
        "step-1-organisation": str(orgs["cws"].pk),
        "step-1-what": "Tiltak i hjemmet",
    }
    data.update(overrides)
    return data


# -- new agreement ---------------------------------------------------------------------------


def test_new_agreement_page_creates_the_agreement_with_its_matrix_and_path(
    web, managers, make_actor, orgs
):
    c = web(managers["nav"])
    assert "/agreements/new/" in c.get("/agreements/").content.decode()
    form = c.get("/agreements/new/")
    assert form.status_code == 200
    assert_strict_page(form)
    html = form.content.decode()
    # Every organisation of the municipality is a column; the user's own comes pre-ticked.
    assert f'name="resp-4-cell_{orgs["vol"].pk}"' in html
    assert re.search(rf'value="{orgs["nav"].pk}"[^>]*checked', html)

    response = c.post("/agreements/new/", new_agreement_post(orgs))
    agreement = Agreement.objects.get(title="Samarbeidsavtale oppvekst")
    assert response.status_code == 302
    assert response["Location"] == f"/agreements/{agreement.pk}/"
    assert agreement.review_on == date(2026, 6, 30) and agreement.current_version == 1
    assert set(agreement.parties.values_list("pk", flat=True)) == {orgs["nav"].pk, orgs["cws"].pk}
    version = agreement.versions.get()
    rows = list(version.responsibilities.order_by("order"))
    # The empty row between the two filled ones is left out.
    assert [r.text for r in rows] == ["Kartlegging av familiens behov", "Tiltak i hjemmet"]
    assert {c.organisation_id: c.level for c in rows[0].cells.all()} == {
        orgs["nav"].pk: "leads",
        orgs["cws"].pk: "contributes",
    }
    steps = list(version.steps.order_by("order"))
    assert [(s.what, s.to_organisation_id, s.referral_deadline_working_days) for s in steps] == [
        ("Kartlegging", orgs["cws"].pk, 5),
        ("Tiltak i hjemmet", None, None),
    ]
    detail = page(c.get(response["Location"]))
    assert "The agreement was drafted" in detail and "Kartlegging av familiens behov" in detail

    caseworker = web(make_actor("nav", Role.CASEWORKER))
    assert "/agreements/new/" not in caseworker.get("/agreements/").content.decode()


def test_step_positions_set_the_order_of_the_service_path(web, managers, orgs):
    data = new_agreement_post(orgs, **{"step-0-ORDER": "2", "step-1-ORDER": "1"})
    assert web(managers["nav"]).post("/agreements/new/", data).status_code == 302
    version = AgreementVersion.objects.get(agreement__title="Samarbeidsavtale oppvekst")
    assert list(version.steps.order_by("order").values_list("what", flat=True)) == [
        "Tiltak i hjemmet",
        "Kartlegging",
    ]


def test_new_agreement_is_refused_to_staff_who_cannot_edit(web, make_actor, orgs):
    c = web(make_actor("nav", Role.CASEWORKER))
    assert c.get("/agreements/new/").status_code == 403
    assert c.post("/agreements/new/", new_agreement_post(orgs)).status_code == 403
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ("party_twice", 400, "An agreement needs at least two parties."),
        ("no_parties", 400, "This field is required."),
        ("own_not_a_party", 403, "Only managers and administrators of a party"),
        ("role_to_non_party", 400, "Responsibilities can only be given to parties."),
        ("deadline_without_handover", 400, "A referral deadline needs a hand-over"),
        ("step_without_organisation", 400, "Choose the organisation that takes this step."),
        ("no_goals", 400, "This field is required."),
    ],
)
def test_new_agreement_bad_input_keeps_what_was_typed(web, managers, orgs, change, status, message):
    nav, cws, health = (str(orgs[k].pk) for k in ("nav", "cws", "health"))
    data = new_agreement_post(orgs)
    if change == "party_twice":
        data["parties"] = [nav, nav]
    elif change == "no_parties":
        del data["parties"]
    elif change == "own_not_a_party":
        data["parties"] = [cws, health]
    elif change == "role_to_non_party":
        data["resp-1-text"] = "Skoleoppfølging"
        data[f"resp-1-cell_{health}"] = "informed"
    elif change == "deadline_without_handover":
        data["step-1-referral_deadline_working_days"] = "3"
    elif change == "step_without_organisation":
        data["step-2-what"] = "Evaluering"
    elif change == "no_goals":
        data["goals"] = " "
    response = web(managers["nav"]).post("/agreements/new/", data)
    assert response.status_code == status
    html = page(response)
    assert message in html
    assert 'value="Samarbeidsavtale oppvekst"' in html
    assert 'value="Kartlegging av familiens behov"' in html
    assert re.search(r'<option value="leads" selected>', html)
    assert not Agreement.objects.exists()
    assert_strict_page(response)


# -- new version -----------------------------------------------------------------------------


def revise_post(orgs, **overrides):
    """The revise form as it comes prefilled from the conftest agreement (one row, two steps)."""
    nav, cws = orgs["nav"].pk, orgs["cws"].pk
    data = {
        "goals": "Familier skal ikke sendes fram og tilbake.",
        "operational_plan": "Felles møte hver uke.",
        "review_on": "",
        **blank_rows("resp", total=6, initial=1),
        "resp-0-text": "Oppfølging av foreldre i arbeid",
        f"resp-0-cell_{nav}": "leads",
        f"resp-0-cell_{cws}": "informed",
        **blank_rows("step", total=7, initial=2),
        "step-0-ORDER": "1",
        "step-0-organisation": str(nav),
        "step-0-what": "Kartlegging",
        "step-0-to_organisation": str(cws),
        "step-0-referral_deadline_working_days": "5",
        "step-1-ORDER": "2",
        "step-1-organisation": str(cws),
        "step-1-what": "Tiltak i hjemmet",
    }
    data.update(overrides)
    return data


def test_revise_page_is_prefilled_and_saves_a_new_version(web, agreement, managers, orgs):
    c = web(managers["cws"])
    url = f"/agreements/{agreement.pk}/revise/"
    assert url in c.get(f"/agreements/{agreement.pk}/").content.decode()
    form = c.get(url)
    assert form.status_code == 200
    assert_strict_page(form)
    html = page(form)
    assert "Familier skal ikke sendes fram og tilbake." in html
    assert 'value="Oppfølging av foreldre i arbeid"' in html
    assert 'value="Kartlegging"' in html and 'name="step-0-referral_deadline_working_days"' in html
    # Only the parties are columns of the matrix when revising.
    assert f"cell_{orgs['health'].pk}" not in html
    assert re.search(
        rf'name="resp-0-cell_{orgs["nav"].pk}"[^>]*>.*?value="leads" selected', html, re.S
    )

    nav, cws = orgs["nav"].pk, orgs["cws"].pk
    data = revise_post(
        orgs,
        **{
            "goals": "Ingen familie skal vente.",
            "review_on": "2027-01-15",
            "resp-0-DELETE": "on",
            "resp-1-text": "Felles kartlegging",
            f"resp-1-cell_{cws}": "leads",
            "step-0-referral_deadline_working_days": "3",
            "step-2-organisation": str(cws),
            "step-2-what": "Evaluering",
            "step-2-to_organisation": str(nav),
        },
    )
    response = c.post(url, data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.current_version == 2 and agreement.review_on == date(2027, 1, 15)
    v2 = agreement.versions.get(number=2)
    assert v2.goals == "Ingen familie skal vente."
    assert list(v2.responsibilities.values_list("text", flat=True)) == ["Felles kartlegging"]
    assert [(s.what, s.referral_deadline_working_days) for s in v2.steps.order_by("order")] == [
        ("Kartlegging", 3),
        ("Tiltak i hjemmet", None),
        ("Evaluering", None),
    ]
    # The first version stays as it was signed off (or not).
    v1 = agreement.versions.get(number=1)
    assert list(v1.responsibilities.values_list("text", flat=True)) == [
        "Oppfølging av foreldre i arbeid"
    ]
    assert "Version 2 was saved" in page(c.get(f"/agreements/{agreement.pk}/"))


@pytest.mark.parametrize(("key", "role"), [("nav", Role.CASEWORKER), ("navk", Role.MANAGER)])
def test_revise_is_refused_to_non_editors(web, agreement, make_actor, orgs, key, role):
    c = web(make_actor(key, role))
    url = f"/agreements/{agreement.pk}/revise/"
    assert url not in c.get(f"/agreements/{agreement.pk}/").content.decode()
    assert c.get(url).status_code == 403
    assert c.post(url, revise_post(orgs, goals="Ny")).status_code == 403
    agreement.refresh_from_db()
    assert agreement.current_version == 1


def test_revise_of_an_unknown_agreement_is_404(web, managers):
    assert web(managers["nav"]).get("/agreements/424242/revise/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"step-0-referral_deadline_working_days": "99"}, "between 1 and 60 working days"),
        ({"step-1-to_organisation": "__cws__"}, "cannot hand over to the same organisation"),
        ({"resp-0-text": ""}, "Every responsibility needs a description."),
        ({"goals": ""}, "This field is required."),
    ],
)
def test_revise_bad_input_keeps_what_was_typed(web, agreement, managers, orgs, overrides, message):
    overrides = {k: str(orgs["cws"].pk) if v == "__cws__" else v for k, v in overrides.items()}
    data = revise_post(orgs, operational_plan="Nytt: møte hver fjortende dag.")
    data.update(overrides)
    response = web(managers["nav"]).post(f"/agreements/{agreement.pk}/revise/", data)
    assert response.status_code == 400
    html = page(response)
    assert message in html and "Nytt: møte hver fjortende dag." in html
    agreement.refresh_from_db()
    assert agreement.current_version == 1 and agreement.versions.count() == 1
