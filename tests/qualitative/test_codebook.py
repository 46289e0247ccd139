"""The code book: the five constructs, hierarchy without cycles, merge and delete."""

from __future__ import annotations

import pytest

from helhet.audit.models import ChangeEvent
from helhet.observatory.constructs import Construct
from helhet.qualitative import codebook, coding, services
from helhet.qualitative.codetree import code_tree, flatten
from helhet.qualitative.errors import CodeDeleteUnconfirmed, CodeHierarchyInvalid, CodingInvalid
from helhet.qualitative.models import Code, Coding, Memo, Segment

from .conftest import construct_code


def test_a_project_starts_with_the_five_constructs(project):
    tops = Code.objects.filter(project=project, parent=None)
    assert sorted(tops.values_list("construct", flat=True)) == sorted(Construct.values)
    assert all(c.description for c in tops)
    assert ChangeEvent.objects.filter(action="qualitative.codebook_seed").count() == 1


def test_sub_codes_take_the_construct_and_sibling_names_are_unique(project, researcher):
    trust = construct_code(project, "trust")
    known = codebook.code_create(
        actor=researcher, project_id=project.pk, name="Kjennskap", parent_id=trust.pk
    )
    deeper = codebook.code_create(
        actor=researcher, project_id=project.pk, name="Fra skolen", parent_id=known.pk
    )
    assert known.construct == deeper.construct == "trust"
    with pytest.raises(CodingInvalid):
        codebook.code_create(
            actor=researcher, project_id=project.pk, name="kjennskap", parent_id=trust.pk
        )
    # The same name elsewhere in the tree is fine.
    codebook.code_create(
        actor=researcher,
        project_id=project.pk,
        name="Kjennskap",
        parent_id=construct_code(project, "culture").pk,
    )
    top = codebook.code_create(actor=researcher, project_id=project.pk, name="Egne temaer")
    assert top.construct == ""
    with pytest.raises(CodingInvalid):
        codebook.code_create(actor=researcher, project_id=project.pk, name="egne TEMAER")


def test_move_refuses_cycles_and_keeps_constructs_in_step(project, researcher):
    trust = construct_code(project, "trust")
    lead = construct_code(project, "leadership")
    a = codebook.code_create(actor=researcher, project_id=project.pk, name="A", parent_id=trust.pk)
    b = codebook.code_create(actor=researcher, project_id=project.pk, name="B", parent_id=a.pk)
    c = codebook.code_create(actor=researcher, project_id=project.pk, name="C", parent_id=b.pk)
    for target in (a, b, c):
        with pytest.raises(CodeHierarchyInvalid):
            codebook.code_move(actor=researcher, code_id=a.pk, parent_id=target.pk)
    moved = codebook.code_move(actor=researcher, code_id=b.pk, parent_id=lead.pk)
    assert moved.parent_id == lead.pk
    c.refresh_from_db()
    assert (moved.construct, c.construct) == ("leadership", "leadership")
    codebook.code_move(actor=researcher, code_id=b.pk, parent_id=None)
    c.refresh_from_db()
    assert c.construct == ""
    with pytest.raises(CodeHierarchyInvalid):
        codebook.code_move(actor=researcher, code_id=trust.pk, parent_id=lead.pk)
    # The tree is still a tree: every code reachable once from the roots.
    assert len(flatten(code_tree(project.pk))) == Code.objects.filter(project=project).count()


def test_construct_codes_are_renamed_but_not_merged_or_deleted(project, researcher):
    trust = construct_code(project, "trust")
    renamed = codebook.code_update(
        actor=researcher, code_id=trust.pk, name="Tillit", description="Vår definisjon"
    )
    assert (renamed.name, renamed.construct) == ("Tillit", "trust")
    with pytest.raises(CodeHierarchyInvalid):
        codebook.code_merge(
            actor=researcher, code_id=trust.pk, into_id=construct_code(project, "culture").pk
        )
    with pytest.raises(CodeHierarchyInvalid):
        codebook.code_delete(actor=researcher, code_id=trust.pk, confirm=True)
    with pytest.raises(CodingInvalid):
        codebook.code_update(actor=researcher, code_id=trust.pk, name="X", color="red")


@pytest.fixture
def coded(project, researcher):
    source = services.source_create(
        actor=researcher,
        project_id=project.pk,
        kind="interview",
        title="I",
        text="en to tre fire fem seks sju",
    )
    trust = construct_code(project, "trust")
    culture = construct_code(project, "culture")
    old = codebook.code_create(
        actor=researcher, project_id=project.pk, name="Gammel", parent_id=culture.pk
    )
    old_child = codebook.code_create(
        actor=researcher, project_id=project.pk, name="Felles", parent_id=old.pk
    )
    new = codebook.code_create(
        actor=researcher, project_id=project.pk, name="Ny", parent_id=trust.pk
    )
    new_child = codebook.code_create(
        actor=researcher, project_id=project.pk, name="felles", parent_id=new.pk
    )
    both = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[old.pk, new.pk], quote="en"
    )
    only_old = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[old.pk], quote="to"
    )
    in_child = coding.segment_create(
        actor=researcher, source_id=source.pk, code_ids=[old_child.pk], quote="tre"
    )
    services.memo_create(actor=researcher, project_id=project.pk, code_id=old.pk, text="Notat")
    return {
        "source": source,
        "old": old,
        "old_child": old_child,
        "new": new,
        "new_child": new_child,
        "both": both,
        "only_old": only_old,
        "in_child": in_child,
    }


def test_merge_moves_codings_memos_and_sub_codes(project, researcher, coded):
    kept = codebook.code_merge(actor=researcher, code_id=coded["old"].pk, into_id=coded["new"].pk)
    assert kept.pk == coded["new"].pk
    assert not Code.objects.filter(pk=coded["old"].pk).exists()
    # The segment coded with both keeps one coding; the other moved.
    assert set(Coding.objects.filter(code=kept).values_list("segment_id", flat=True)) == {
        coded["both"].pk,
        coded["only_old"].pk,
    }
    assert Coding.objects.filter(segment=coded["both"]).count() == 1
    # "Felles" met its twin "felles" under the target, so the two merged.
    assert not Code.objects.filter(pk=coded["old_child"].pk).exists()
    assert Coding.objects.get(segment=coded["in_child"]).code_id == coded["new_child"].pk
    assert Memo.objects.get().code_id == kept.pk
    with pytest.raises(CodeHierarchyInvalid):
        codebook.code_merge(actor=researcher, code_id=kept.pk, into_id=coded["new_child"].pk)


def test_merge_moves_sub_codes_under_the_target_and_into_its_construct(project, researcher, coded):
    coded["new_child"].delete()
    codebook.code_merge(actor=researcher, code_id=coded["old"].pk, into_id=coded["new"].pk)
    child = Code.objects.get(pk=coded["old_child"].pk)
    assert (child.parent_id, child.construct) == (coded["new"].pk, "trust")


def test_delete_needs_confirmation_and_takes_codings_and_bare_segments(project, researcher, coded):
    with pytest.raises(CodeDeleteUnconfirmed) as caught:
        codebook.code_delete(actor=researcher, code_id=coded["old"].pk)
    assert caught.value.details == {"codings": 3, "sub_codes": 1}
    assert Code.objects.filter(pk=coded["old"].pk).exists()
    counts = codebook.code_delete(actor=researcher, code_id=coded["old"].pk, confirm=True)
    assert counts == {"codings": 3, "sub_codes": 1, "segments_deleted": 2}
    assert not Code.objects.filter(pk__in=[coded["old"].pk, coded["old_child"].pk]).exists()
    # The segment that also had "Ny" stays; the two coded only with the deleted codes go.
    assert list(Segment.objects.values_list("pk", flat=True)) == [coded["both"].pk]
    assert Memo.objects.count() == 0
    empty = codebook.code_create(actor=researcher, project_id=project.pk, name="Tom")
    assert codebook.code_delete(actor=researcher, code_id=empty.pk)["codings"] == 0
