"""The synthesis API: project, studies, steps, matrix cells and their segments, notes, the
report downloads; errors as {message, code, details}; permissions."""

from __future__ import annotations

from helhet.synthesis.models import CellSegment
from helhet.synthesis.services.matrix import cell_segments_link
from tests.plans.conftest import api_client
from tests.synthesis.conftest import pdf_text, segment

BASE = "/api/synthesis/projects"


def test_a_synthesis_through_the_api(coding, make_actor):
    r = make_actor("navk", "researcher")
    c = api_client(r)
    made = c.post(
        BASE,
        {
            "title": "Norge og Québec",
            "question": "Hva virker?",
            "coding_project_ids": [coding.project.pk],
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    sid = made.json()["id"]
    url = f"{BASE}/{sid}"
    no = c.post(f"{url}/studies", {"site_id": coding.norway.pk}, content_type="application/json")
    qc = c.post(f"{url}/studies", {"site_id": coding.quebec.pk}, content_type="application/json")
    assert no.status_code == qc.status_code == 201
    assert no.json()["name"] == "Norge: OSK-teamet" and no.json()["external"] is False
    no_id, qc_id = no.json()["id"], qc.json()["id"]
    external = c.post(f"{url}/studies", {"name": "Tyskland"}, content_type="application/json")
    assert external.status_code == 400
    assert external.json()["code"] == "synthesis_invalid"
    assert external.json()["details"] == {"field": "reference"}

    # Steps: done in order only; going back is allowed.
    early = c.put(f"{url}/steps/3", {"status": "done"}, content_type="application/json")
    assert early.status_code == 400 and early.json()["code"] == "synthesis_step_not_ready"
    assert early.json()["details"] == {"step": 3}
    one = c.put(
        f"{url}/steps/1", {"status": "done", "notes": "Ok."}, content_type="application/json"
    )
    assert one.status_code == 200 and one.json()["status"] == "done"
    assert one.json()["completed_by"]["id"] == r.user.pk and one.json()["notes"] == "Ok."
    assert (
        c.put(f"{url}/steps/8", {"status": "done"}, content_type="application/json").status_code
        == 422
    )

    # A cell: candidates, interpretation, links, refusal of another site's segment.
    cell = f"{url}/matrix/{no_id}/trust"
    got = c.get(cell).json()
    assert got["construct"] == "trust" and got["interpretation"] == ""
    assert [s["id"] for s in got["candidates"]] == [coding.no_trust.pk]
    assert got["candidates"][0]["source"]["title"] == "Intervju OSK 1"
    assert got["candidates"][0]["codes"] == ["Mot staten"]
    put = c.put(cell, {"interpretation": "Tillit er ujevn."}, content_type="application/json")
    assert put.status_code == 200 and put.json()["interpretation"] == "Tillit er ujevn."
    wrong = c.post(
        f"{cell}/segments", {"segment_ids": [coding.qc_trust.pk]}, content_type="application/json"
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == "synthesis_segment_refused"
    assert "another site" in wrong.json()["message"]
    assert wrong.json()["details"] == {"segment_id": coding.qc_trust.pk}
    linked = c.post(
        f"{cell}/segments", {"segment_ids": [coding.no_trust.pk]}, content_type="application/json"
    )
    assert linked.status_code == 200 and [s["id"] for s in linked.json()["linked"]] == [
        coding.no_trust.pk
    ]
    assert c.get(f"{url}/matrix/{no_id}/weather").status_code == 422
    matrix = c.get(f"{url}/matrix").json()
    assert [s["id"] for s in matrix["studies"]] == [no_id, qc_id]
    assert [row["construct"] for row in matrix["rows"]] == [
        "governance",
        "trust",
        "resources",
        "culture",
        "leadership",
    ]
    trust = matrix["rows"][1]["cells"]
    assert trust[0] == {
        "study_id": no_id,
        "construct": "trust",
        "interpretation": "Tillit er ujevn.",
        "segment_count": 1,
    }
    assert trust[1]["interpretation"] == "" and matrix["rows"][1]["filled"] is False
    gone = c.delete(f"{cell}/segments/{coding.no_trust.pk}")
    assert gone.status_code == 204 and not CellSegment.objects.exists()
    assert c.delete(f"{cell}/segments/{coding.no_trust.pk}").status_code == 404

    # Notes.
    bad = c.post(f"{url}/notes", {"kind": "summary", "text": "x"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["details"] == {"field": "kind"}
    note = c.post(
        f"{url}/notes",
        {
            "construct": "trust",
            "kind": "reciprocal",
            "text": "Begge steder bygges tillit over tid.",
        },
        content_type="application/json",
    )
    assert note.status_code == 201 and note.json()["construct"] == "trust"
    nid = note.json()["id"]
    changed = c.put(
        f"{url}/notes/{nid}",
        {"kind": "lines_of_argument", "text": "Samlet argument."},
        content_type="application/json",
    )
    assert changed.json()["construct"] == "" and changed.json()["kind"] == "lines_of_argument"

    detail = c.get(url).json()
    assert detail["can_edit"] is True and len(detail["steps"]) == 7
    assert detail["steps"][0]["name"] == "Getting started"
    assert detail["steps"][1]["needs_met"] is True and detail["steps"][1]["ready"] is True
    assert [n["id"] for n in detail["notes"]] == [nid]

    pdf = c.get(f"{url}/report.pdf")
    assert pdf.status_code == 200 and "Samlet argument." in pdf_text(pdf.content)
    html = c.get(f"{url}/report.html")
    assert html.status_code == 200 and "Tillit er ujevn." in html.content.decode()
    assert c.delete(f"{url}/notes/{nid}").status_code == 204
    listed = c.get(BASE).json()
    assert listed == [
        {
            "id": sid,
            "title": "Norge og Québec",
            "question": "Hva virker?",
            "study_count": 2,
            "steps_done": 1,
        }
    ]


def test_api_permissions(syn, stranger):
    url = f"{BASE}/{syn.sid}"
    denied = api_client(syn.caseworker).get(url)
    assert denied.status_code == 403 and denied.json()["code"] == "not_observatory_user"
    assert api_client(syn.caseworker).get(BASE).status_code == 403
    missing = api_client(stranger).get(url)
    assert missing.status_code == 404 and missing.json()["code"] == "synthesis_not_found"
    assert api_client(stranger).get(f"{url}/report.pdf").status_code == 404
    reader = api_client(syn.manager)
    assert reader.get(url).json()["can_edit"] is False
    refused = reader.put(f"{url}/steps/1", {"status": "done"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "not_synthesis_researcher"


def test_cell_and_detail_queries_do_not_grow_with_the_material(syn, django_assert_max_num_queries):
    s, co = syn, syn.c
    c = api_client(s.researcher)
    cell = f"{BASE}/{s.sid}/matrix/{s.norway.pk}/trust"
    cell_segments_link(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.norway.pk,
        construct="trust",
        segment_ids=[co.no_trust.pk],
    )
    c.get(cell)
    with django_assert_max_num_queries(40) as before:
        c.get(cell)
        c.get(f"{BASE}/{s.sid}")
    # More coded segments under trust in Norway, linked and offered.
    extra = [
        segment(co.no_source, phrase, co.distrust, co.codes["governance"])
        for phrase in ("Vi stoler", "barnevernet", "Ingen har", "formell ledelse")
    ]
    cell_segments_link(
        actor=s.researcher,
        synthesis_id=s.sid,
        study_id=s.norway.pk,
        construct="trust",
        segment_ids=[x.pk for x in extra[:2]],
    )
    with django_assert_max_num_queries(len(before.captured_queries)):
        body = c.get(cell).json()
        c.get(f"{BASE}/{s.sid}")
    assert len(body["linked"]) == 3 and len(body["candidates"]) == 2
    assert ["Governance and power relations", "Mistillit"] in [x["codes"] for x in body["linked"]]
