"""The demo loader: a synthesis over the coding project "Samarbeid i Norge og Québec", with the
seven steps worked through, a filled matrix linked to the coded segments, third-order
notes; deterministic and idempotent; a clear error without the coding project."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from helhet.demo.collaboration import actor_of
from helhet.demo.observatory_synthesis import (
    CODING_PROJECT,
    INTERPRETATIONS,
    SITES,
    TITLE,
    CodingProjectMissing,
    load_synthesis,
)
from helhet.demo.services import ORGANISATIONS, demo_load
from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Code, Coding, Project, Segment, Site, Source
from helhet.synthesis import coded, selectors
from helhet.synthesis.models import CellSegment, SynthesisProject
from helhet.synthesis.pdf import report_pdf
from helhet.tenancy.models import Organisation
from tests.synthesis.conftest import pdf_text


def _orgs() -> dict[str, Organisation]:
    return {key: Organisation.objects.get(name=name) for key, name, _k, _s in ORGANISATIONS}


def _coding_project_by_hand() -> None:
    """What the coding loader makes, built with the models: three sites, a code per
    construct with a sub-code, and per site two coded segments under every construct."""
    researcher = actor_of("researcher")
    if Project.objects.filter(title=CODING_PROJECT).exists():
        return  # the coding loader is wired into demo_load already
    project = Project.objects.create(
        municipality_id=researcher.municipality_id, title=CODING_PROJECT
    )
    tops = {
        c.value: Code.objects.create(project=project, name=str(c.label), construct=c.value)
        for c in Construct
    }
    subs = {
        key: Code.objects.create(project=project, parent=code, name=f"{code.name}: underkode")
        for key, code in tops.items()
    }
    for name in SITES:
        site = Site.objects.create(project=project, name=name)
        passages = [f"{name} om {c} ({i})." for c in Construct.values for i in (1, 2)]
        text = " ".join(passages)
        source = Source.objects.create(
            project=project, site=site, kind="interview", title=f"Intervju {name}", text=text
        )
        for passage in passages:
            start = text.index(passage)
            construct = passage.split(" om ")[1].split(" ")[0]
            segment = Segment.objects.create(
                source=source, start=start, end=start + len(passage), text=passage
            )
            code = subs[construct] if passage.endswith("(2).") else tops[construct]
            Coding.objects.create(segment=segment, code=code)


@pytest.fixture
def demo(db):
    # demo_load runs the real coding loader and this loader; the synthesis is removed so the
    # test sees the loader build it.
    demo_load()
    SynthesisProject.objects.filter(title=TITLE).delete()


def test_the_loader_needs_the_coding_project(db):
    demo_load()
    SynthesisProject.objects.all().delete()
    Project.objects.filter(title=CODING_PROJECT).delete()
    with pytest.raises(CodingProjectMissing, match="load_coding_project"):
        load_synthesis(_orgs(), print)
    assert not SynthesisProject.objects.exists()


def test_the_loader_builds_the_synthesis(demo):
    messages: list[str] = []
    load_synthesis(_orgs(), messages.append)
    researcher = actor_of("researcher")
    synthesis = SynthesisProject.objects.get(title=TITLE)
    view = selectors.synthesis_detail(actor=researcher, synthesis_id=synthesis.pk)
    assert view.can_edit and [s.name for s in view.studies] == list(SITES)
    assert [s.status for s in (r.step for r in view.steps)] == ["done"] * 6 + ["in_progress"]
    assert all(r.step.notes for r in view.steps)
    assert view.steps[0].step.completed_at == datetime(
        2026, 11, 10, 14, tzinfo=ZoneInfo("Europe/Oslo")
    )
    assert view.steps[6].met  # the third-order notes exist, so it could be completed
    # Every construct × site cell is interpreted and linked to exactly the segments coded
    # under the construct (or its sub-codes) in that site.
    assert all(row.filled for row in view.matrix.rows)
    sites = {s.name: s for s in Site.objects.filter(project__title=CODING_PROJECT)}
    for row in view.matrix.rows:
        for cell in row.cells:
            assert cell.interpretation == INTERPRETATIONS[(cell.study.name, row.construct)]
            expected = {
                s.pk for s in coded.segments_coded_under(sites[cell.study.name], row.construct)
            }
            got = set(
                CellSegment.objects.filter(cell=cell.cell).values_list("segment_id", flat=True)
            )
            assert got == expected and len(got) >= 2
    assert {n.construct for n in view.notes} == {"", "trust", "culture", "resources", "leadership"}
    assert {n.kind for n in view.notes} == {"lines_of_argument", "reciprocal", "refutational"}
    assert any("linked to the matrix" in m for m in messages)
    # The report renders from the demo; loading again changes nothing.
    report = selectors.synthesis_report(actor=researcher, synthesis_id=synthesis.pk)
    assert report.quotation_count == CellSegment.objects.count()
    assert "Mandat og samarbeidsevne" in pdf_text(report_pdf(report))
    before = CellSegment.objects.count()
    load_synthesis(_orgs(), messages.append)
    assert SynthesisProject.objects.count() == 1 and CellSegment.objects.count() == before
    # The demo's researcher reaches it in the UI.
    from tests.plans.conftest import assert_safe_page, web_client

    html = assert_safe_page(web_client(researcher).get(f"/observatory/synthesis/{synthesis.pk}/"))
    assert html.count('data-cell="filled"') == 15


def test_the_loader_on_the_real_coding_project(db):
    """With the coding engineer's loader, when it is there: the two loaders fit together."""
    demo_load()  # runs load_coding_project, then load_synthesis
    load_synthesis(_orgs(), lambda _m: None)  # again: nothing changes
    synthesis = SynthesisProject.objects.get(title=TITLE)
    view = selectors.synthesis_detail(actor=actor_of("researcher"), synthesis_id=synthesis.pk)
    assert all(row.filled for row in view.matrix.rows)
    assert all(c.segment_count >= 1 for row in view.matrix.rows for c in row.cells)
