"""The plan over HTTP: read, make, change with optimistic locking, goals, measures, history."""

from __future__ import annotations

from django.utils import timezone

from helhet.audit.models import AccessEvent
from helhet.plans.models import FamilyPlan, Measure
from helhet.tenancy.models import Role
from tests.plans.conftest import api_client, pdf_text


def test_make_read_and_change_a_plan(household):
    h = household
    c = api_client(h.nav)
    url = f"/api/families/{h.family.pk}/plan"
    missing = c.get(url)
    assert missing.status_code == 404 and missing.json()["code"] == "plan_not_found"
    made = c.post(url)
    assert made.status_code == 201 and made.json()["version"] == 1
    assert c.post(url).json()["id"] == made.json()["id"]  # made once
    changed = c.put(
        url,
        {"expected_version": 1, "participants": "Mor, NAV", "period_start": "2026-01-01"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 2
    body = c.get(url).json()
    assert body["participants"] == "Mor, NAV" and body["period_start"] == "2026-01-01"
    assert body["version"] == 2
    assert body["missing_elements"] == [1, 3, 4, 5, 6, 7, 8, 9]
    assert [e["number"] for e in body["elements"]] == list(range(1, 10))
    assert {m["person"]["given_name"] for m in body["members"]} == {"Mona", "Mio"}
    assert AccessEvent.objects.filter(channel="api", person=h.mother).exists()


def test_conflict_is_409_with_the_changes(household):
    h = household
    c1, c2 = api_client(h.nav), api_client(h.navk)
    url = f"/api/families/{h.family.pk}/plan"
    c1.post(url)
    assert (
        c1.put(
            url, {"expected_version": 1, "cooperation": "Skolen"}, content_type="application/json"
        ).status_code
        == 200
    )
    late = c2.put(
        url, {"expected_version": 1, "cooperation": "Barnehagen"}, content_type="application/json"
    )
    assert late.status_code == 409
    body = late.json()
    assert body["code"] == "plan_conflict"
    assert "Someone else saved the plan" in body["message"]
    assert body["details"]["changes"] == {"cooperation": ["", "Skolen"]}
    assert body["details"]["expected_version"] == 1 and body["details"]["current_version"] == 2
    assert FamilyPlan.objects.get().cooperation == "Skolen"


def test_404_and_403_bodies(household, make_actor):
    h = household
    stranger = api_client(make_actor("school"))
    url = f"/api/families/{h.family.pk}/plan"
    a, b = stranger.get(url), stranger.get("/api/families/999999/plan")
    assert a.status_code == b.status_code == 404
    assert (
        a.json()
        == b.json()
        == {
            "message": "Family not found.",
            "code": "family_not_found",
            "details": {},
        }
    )
    researcher = api_client(make_actor("nav", Role.RESEARCHER))
    denied = researcher.get(url)
    assert denied.status_code == 403
    assert denied.json()["code"] == "role_has_no_personal_data_access"


def test_goals_measures_and_owner_only_patch(household, consent):
    h = household
    health, nav = api_client(h.health), api_client(h.nav)
    base = f"/api/families/{h.family.pk}/plan"
    health.post(base)
    goal = health.post(
        f"{base}/goals", {"text": "Mona sover bedre"}, content_type="application/json"
    )
    assert goal.status_code == 201 and goal.json()["order"] == 1
    patched = health.patch(
        f"/api/plan-goals/{goal.json()['id']}", {"order": 3}, content_type="application/json"
    )
    assert patched.json()["order"] == 3
    created = health.post(
        f"{base}/measures",
        {
            "person_id": h.mother.pk,
            "category": "health",
            "title": "Søvnkurs",
            "goal_id": goal.json()["id"],
            "due_date": str(timezone.localdate()),
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    measure_id = created.json()["id"]
    assert created.json()["organisation"]["name"] == "Helse og velferd Testvik"
    # NAV does not see it: 404, the same as a measure that does not exist.
    hidden = nav.patch(
        f"/api/measures/{measure_id}", {"status": "done"}, content_type="application/json"
    )
    assert hidden.status_code == 404 and hidden.json()["code"] == "measure_not_found"
    assert nav.get(base).json()["measures"] == []
    consent(h.mother, ["nav"], ["health"])
    assert [m["title"] for m in nav.get(base).json()["measures"]] == ["Søvnkurs"]
    refused = nav.patch(
        f"/api/measures/{measure_id}", {"status": "done"}, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "measure_not_owned"
    ok = health.patch(
        f"/api/measures/{measure_id}",
        {"status": "in_progress", "scope": "4 kvelder"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "in_progress"
    assert Measure.objects.get().scope == "4 kvelder"
    bad = health.post(
        f"{base}/measures",
        {"person_id": h.mother.pk, "category": "nonsense", "title": "X"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "measure_invalid"


def test_versions_diff_and_pdf(household, add_measure):
    h = household
    add_measure(h.health, h.family, h.mother, "health", "Fysioterapi")
    add_measure(h.nav, h.family, h.mother, "work_activity", "Arbeidstrening")
    c = api_client(h.nav)
    base = f"/api/families/{h.family.pk}/plan"
    versions = c.get(f"{base}/versions").json()
    assert [v["number"] for v in versions] == [3, 1]
    diff = c.get(f"{base}/diff", {"from": 1, "to": 3})
    assert diff.status_code == 200
    text = "\n".join(diff.json()["lines"])
    assert "Arbeidstrening" in text and "Fysioterapi" not in text
    assert c.get(f"{base}/diff", {"from": 1, "to": 99}).json()["code"] == "plan_version_not_found"
    assert c.get(f"{base}/diff", {"from": 0, "to": 1}).status_code == 422
    pdf = c.get(f"{base}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Arbeidstrening" in text and "Fysioterapi" not in text
    assert AccessEvent.objects.filter(channel="export", person=h.mother).count() == 1
