"""The synthesis pages: list, create, project page with the stepper and the matrix, step
pages, cells, notes, the report; strict CSP, no inline script or style; permissions."""

from __future__ import annotations

from helhet.synthesis.models import CellSegment, MatrixCell, Step, SynthesisNote, SynthesisProject
from helhet.synthesis.services.steps import step_save
from tests.plans.conftest import assert_safe_page, web_client


def _url(s, rest=""):
    return f"/observatory/synthesis/{s.sid}/{rest}"


def test_list_create_and_project_page(syn, coding):
    c = web_client(syn.researcher)
    html = assert_safe_page(c.get("/observatory/synthesis/"))
    assert "Samarbeid i Norge og Québec" in html and "0 of 7" in html
    assert_safe_page(c.get("/observatory/synthesis/new/"))
    bad = c.post("/observatory/synthesis/new/", {"title": "Ny syntese", "question": "   "})
    html = assert_safe_page(bad, 400)
    assert "Ny syntese" in html  # what was typed is kept
    ok = c.post(
        "/observatory/synthesis/new/",
        {
            "title": "Ny syntese",
            "question": "Hvordan?",
            "coding_projects": [coding.project.pk],
        },
    )
    created = SynthesisProject.objects.get(title="Ny syntese")
    assert ok.status_code == 302 and ok.url == f"/observatory/synthesis/{created.pk}/"
    assert list(created.researchers.all()) == [syn.researcher.user]

    page = assert_safe_page(c.get(_url(syn)))
    # The stepper: seven steps, the first is where the work stands, with its guidance.
    assert page.count('data-step="') == 7
    assert 'data-step="1" aria-current="step"' in page
    assert "Next: step 1" in page and "Write the research question" in page
    # The matrix: five construct rows, two site columns, ten cells all empty.
    assert page.count("<tr data-construct=") == 5
    assert page.count('data-cell="empty"') == 10
    assert "Norge: OSK-teamet</th>" in page and "Québec: CSSS-nettverk</th>" in page
    assert "Add a site or an external study" in page and "Add a third-order note" in page


def test_edit_and_studies(syn, coding):
    c = web_client(syn.researcher)
    assert_safe_page(c.get(_url(syn, "edit/")))
    saved = c.post(
        _url(syn, "edit/"),
        {
            "title": "Samarbeid i to land",
            "question": "Hva virker?",
            "coding_projects": [coding.project.pk],
            "researchers": [syn.researcher.user.pk, syn.manager.user.pk],
        },
    )
    assert saved.status_code == 302
    assert SynthesisProject.objects.get(pk=syn.sid).researchers.count() == 2
    refused = c.post(_url(syn, "studies/"), {"site": "", "name": "Tyskland"})
    html = assert_safe_page(refused, 400)
    assert "needs a reference" in html and 'value="Tyskland"' in html
    added = c.post(
        _url(syn, "studies/"), {"site": "", "name": "Tyskland", "reference": "Rapport 2016"}
    )
    assert added.status_code == 302
    html = assert_safe_page(c.get(_url(syn)))
    assert "External study (coded outside Helhet)" in html and html.count('data-cell="empty"') == 15
    study = syn.synthesis.studies.get(name="Tyskland")
    assert c.post(_url(syn, "studies/remove/"), {"study": study.pk}).status_code == 302


def test_step_page_completes_refuses_and_goes_back(syn):
    c = web_client(syn.researcher)
    html = assert_safe_page(c.get(_url(syn, "steps/5/")))
    assert "Step 5 of 7" in html and "at least two sites" in html and 'data-needs="met"' in html
    refused = c.post(_url(syn, "steps/5/"), {"status": "done", "notes": "Koding ferdig."})
    html = assert_safe_page(refused, 400)
    assert "Complete the steps before this one first." in html and "Koding ferdig." in html
    assert Step.objects.get(synthesis_id=syn.sid, number=5).status == "not_started"
    done = c.post(_url(syn, "steps/1/"), {"status": "done", "notes": "Startet."})
    assert done.status_code == 302
    html = assert_safe_page(c.get(_url(syn, "steps/1/")))
    assert "Completed by" in html and "Startet." in html
    back = c.post(_url(syn, "steps/1/"), {"status": "in_progress", "notes": "Startet."})
    assert back.status_code == 302
    step = Step.objects.get(synthesis_id=syn.sid, number=1)
    assert step.status == "in_progress" and step.completed_by is None
    # Step 6 without a filled row: the step's own need is the message (after 1-5 are done).
    for n in range(1, 6):
        step_save(actor=syn.researcher, synthesis_id=syn.sid, number=n, status="done")
    html = assert_safe_page(c.post(_url(syn, "steps/6/"), {"status": "done"}), 400)
    assert "at least one filled matrix row" in html
    assert c.get(_url(syn, "steps/8/")).status_code == 404


def test_cell_page_writes_links_refuses_and_unlinks(syn):
    s, co = syn, syn.c
    c = web_client(s.researcher)
    cell = _url(s, f"matrix/{s.norway.pk}/trust/")
    html = assert_safe_page(c.get(cell))
    # Offered: the Norwegian segment coded under a sub-code of trust, with its source.
    assert f'value="{co.no_trust.pk}"' in html and "Intervju OSK 1" in html
    assert f'value="{co.qc_trust.pk}"' not in html and f'value="{co.no_governance.pk}"' not in html
    saved = c.post(cell, {"interpretation": "Tillit og mistanke side om side."})
    assert saved.status_code == 302
    # A segment from Quebec, sent by hand, is refused with a clear message.
    refused = c.post(cell + "link/", {"segments": [co.qc_trust.pk]})
    html = assert_safe_page(refused, 400)
    assert "from another site" in html
    other_construct = c.post(cell + "link/", {"segments": [co.no_governance.pk]})
    assert "not coded under this construct" in assert_safe_page(other_construct, 400)
    assert not CellSegment.objects.exists()
    linked = c.post(cell + "link/", {"segments": [co.no_trust.pk]})
    assert linked.status_code == 302
    html = assert_safe_page(c.get(cell))
    assert f'data-segment="{co.no_trust.pk}"' in html
    assert "men NAV ser vi med en viss mistanke" in html and "Intervju OSK 1" in html
    page = assert_safe_page(c.get(_url(s)))
    assert page.count('data-cell="filled"') == 1 and "1 segment " in page
    unlinked = c.post(cell + "unlink/", {"segment": co.no_trust.pk})
    assert unlinked.status_code == 302 and not CellSegment.objects.exists()
    assert MatrixCell.objects.get().interpretation.startswith("Tillit")
    assert c.get(_url(s, f"matrix/{s.norway.pk}/weather/")).status_code == 404
    assert c.get(_url(s, "matrix/999999/trust/")).status_code == 404


def test_notes(syn):
    c = web_client(syn.researcher)
    missing = c.post(_url(syn, "notes/"), {"construct": "", "kind": "reciprocal", "text": ""})
    assert_safe_page(missing, 400)
    added = c.post(
        _url(syn, "notes/"),
        {"construct": "trust", "kind": "refutational", "title": "Tillit", "text": "Motsier."},
    )
    assert added.status_code == 302
    note = SynthesisNote.objects.get()
    html = assert_safe_page(c.get(_url(syn)))
    assert "Refutational translation" in html and "Motsier." in html
    assert_safe_page(c.get(_url(syn, f"notes/{note.pk}/")))
    c.post(
        _url(syn, f"notes/{note.pk}/"),
        {"construct": "", "kind": "lines_of_argument", "title": "", "text": "Samlet."},
    )
    note.refresh_from_db()
    assert note.construct == "" and note.kind == "lines_of_argument"
    assert c.post(_url(syn, f"notes/{note.pk}/delete/")).status_code == 302
    assert not SynthesisNote.objects.exists()


def test_permissions(syn, stranger):
    # A caseworker does not use the observatory: 403 on every page.
    caseworker = web_client(syn.caseworker)
    for path in ("", "steps/1/", f"matrix/{syn.norway.pk}/trust/", "report/", "report.pdf"):
        assert_safe_page(caseworker.get(_url(syn, path)), 403)
    assert_safe_page(caseworker.get("/observatory/synthesis/"), 403)
    assert_safe_page(caseworker.get("/observatory/synthesis/new/"), 403)
    # Another municipality: 404, reads and writes alike.
    other = web_client(stranger)
    for path in ("", "steps/1/", f"matrix/{syn.norway.pk}/trust/", "report/", "report.pdf"):
        assert_safe_page(other.get(_url(syn, path)), 404)
    assert_safe_page(other.post(_url(syn, "notes/"), {"kind": "reciprocal", "text": "x"}), 404)
    # A manager of the municipality reads, without the forms, and may not write.
    manager = web_client(syn.manager)
    html = assert_safe_page(manager.get(_url(syn)))
    assert "Add a third-order note" not in html and "Edit the project" not in html
    html = assert_safe_page(manager.get(_url(syn, "steps/1/")))
    assert "Save the step" not in html
    denied = manager.post(_url(syn, "steps/1/"), {"status": "done"})
    assert_safe_page(denied, 403)
    assert Step.objects.get(synthesis_id=syn.sid, number=1).status == "not_started"
