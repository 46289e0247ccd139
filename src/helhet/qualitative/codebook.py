"""The code book: hierarchical codes, seeded with the five constructs of the grid.

Rules:
* Codes nest without cycles; sibling names are unique (ignoring letter case).
* A code's ``construct`` is that of its top-level ancestor, kept in step when codes move or
  merge, so "everything coded under Leadership" is one filter on ``construct``.
* The five construct codes (top level, ``construct`` set) are the grid every site is coded
  with: they can be renamed and described, but not moved, merged into another code or
  deleted. Other codes can be merged into them.
* Merging A into B moves A's codings to B (a segment coded with both keeps one), A's memos to
  B and A's sub-codes under B (a sub-code whose name B already has is merged into B's), then
  deletes A.
* Deleting a code deletes its sub-codes and all their codings; if there are any, only after
  an explicit confirmation. A segment left with no code and no memo goes with them.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.text import clean_text
from helhet.observatory.constructs import Construct
from helhet.qualitative import codetree, selectors
from helhet.qualitative.errors import CodeDeleteUnconfirmed, CodeHierarchyInvalid, CodingInvalid
from helhet.qualitative.models import Code, Coding, Memo, Project, Segment
from helhet.tenancy.actor import Actor

DEFAULT_COLOUR = "#1E6FB8"
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

# What each construct covers, as the code's description (the researcher may rewrite it).
CONSTRUCT_DESCRIPTIONS = {
    Construct.GOVERNANCE: _(
        "Mandates, agreements and rules of the game: who decides, on what basis, and how power "
        "is shared between the agencies."
    ),
    Construct.TRUST: _(
        "Mutuality and trust: knowing each other, keeping contact, relying on the others to do "
        "their part."
    ),
    Construct.RESOURCES: _(
        "Money, time and staff: who pays, how resources are shared or bargained over."
    ),
    Construct.CULTURE: _(
        "Organisational culture: mandates, laws, professional outlooks and ways of working that "
        "differ between the agencies."
    ),
    Construct.LEADERSHIP: _(
        "Leadership: who takes the lead, drives the collaboration and keeps it together."
    ),
}
CONSTRUCT_COLOURS = {
    Construct.GOVERNANCE: "#1E6FB8",
    Construct.TRUST: "#2E7D32",
    Construct.RESOURCES: "#B26A00",
    Construct.CULTURE: "#6A1B9A",
    Construct.LEADERSHIP: "#C62828",
}


def is_construct_code(code: Code) -> bool:
    return code.parent_id is None and bool(code.construct)


def seed_constructs(*, actor: Actor, project: Project) -> list[Code]:
    """The five constructs as top-level codes, named in the language in use."""
    codes = [
        Code.objects.create(
            project=project,
            name=str(construct.label),
            description=str(CONSTRUCT_DESCRIPTIONS[construct]),
            construct=construct.value,
            color=CONSTRUCT_COLOURS[construct],
        )
        for construct in Construct
    ]
    change_record(
        actor=actor,
        action="qualitative.codebook_seed",
        instance=project,
        changes={"codes": [c.pk for c in codes]},
    )
    return codes


def _code_for_edit(actor: Actor, code_id: int) -> tuple[Project, Code]:
    code = selectors.code_get(actor=actor, code_id=code_id)
    project = selectors.project_for_edit(actor, code.project_id)
    return project, Code.objects.select_for_update().get(pk=code.pk)


def _name(name: str) -> str:
    name = clean_text(name)
    if not name:
        raise CodingInvalid(N_("A code needs a name."), details={"field": "name"})
    if len(name) > 200:
        raise CodingInvalid(N_("The name is too long."), details={"field": "name"})
    return name


def _colour(colour: str | None, default: str) -> str:
    colour = clean_text(colour) or default
    if not COLOUR.match(colour):
        raise CodingInvalid(
            N_("A colour is written #RRGGBB, for example #1E6FB8."), details={"field": "color"}
        )
    return colour.upper()


def _sibling_named(project_id: int, parent_id: int | None, name: str) -> Code | None:
    return (
        Code.objects.filter(project_id=project_id, parent_id=parent_id, name__iexact=name)
        .order_by("id")
        .first()
    )


def _name_free(project_id: int, parent_id: int | None, name: str, code_id: int | None) -> None:
    clash = _sibling_named(project_id, parent_id, name)
    if clash is not None and clash.pk != code_id:
        raise CodingInvalid(
            N_("There is already a code with that name at that place in the code book."),
            details={"field": "name"},
        )


def _parent(project: Project, parent_id: int | None) -> Code | None:
    if parent_id is None:
        return None
    parent = Code.objects.filter(pk=parent_id, project=project).first()
    if parent is None:
        raise CodingInvalid(
            N_("The parent code is not in this project."), details={"field": "parent_id"}
        )
    return parent


def _set_construct(project_id: int, code_id: int, construct: str) -> None:
    """Every code in the subtree takes the construct of its new top-level ancestor."""
    Code.objects.filter(pk__in=codetree.descendant_ids(project_id, code_id)).update(
        construct=construct
    )


@transaction.atomic
def code_create(
    *,
    actor: Actor,
    project_id: int,
    name: str,
    parent_id: int | None = None,
    description: str = "",
    color: str = "",
) -> Code:
    project = selectors.project_for_edit(actor, project_id)
    parent = _parent(project, parent_id)
    name = _name(name)
    _name_free(project.pk, parent_id, name, None)
    code = Code(
        project=project,
        parent=parent,
        name=name,
        description=clean_text(description),
        construct=parent.construct if parent else "",
        color=_colour(color, parent.color if parent else DEFAULT_COLOUR),
    )
    code.full_clean(validate_constraints=False)
    code.save()
    change_record(
        actor=actor,
        action="qualitative.code_create",
        instance=code,
        changes={"name": name, "parent": parent_id},
    )
    return code


@transaction.atomic
def code_update(
    *, actor: Actor, code_id: int, name: str, description: str = "", color: str = ""
) -> Code:
    """Rename a code, change its description or colour."""
    _project, code = _code_for_edit(actor, code_id)
    name = _name(name)
    _name_free(code.project_id, code.parent_id, name, code.pk)
    values = {
        "name": name,
        "description": clean_text(description),
        "color": _colour(color, code.color),
    }
    changes = {k: [getattr(code, k), v] for k, v in values.items() if getattr(code, k) != v}
    for key, value in values.items():
        setattr(code, key, value)
    code.full_clean(validate_constraints=False)
    code.save()
    change_record(actor=actor, action="qualitative.code_update", instance=code, changes=changes)
    return code


def _refuse_construct(code: Code, message: str) -> None:
    if is_construct_code(code):
        raise CodeHierarchyInvalid(message, details={"field": "code_id"})


@transaction.atomic
def code_move(*, actor: Actor, code_id: int, parent_id: int | None) -> Code:
    """Move a code (with its sub-codes) under another code, or to the top level."""
    project, code = _code_for_edit(actor, code_id)
    _refuse_construct(code, N_("The five construct codes stay at the top of the code book."))
    parent = _parent(project, parent_id)
    if parent is not None and parent.pk in codetree.descendant_ids(project.pk, code.pk):
        raise CodeHierarchyInvalid(
            N_("A code cannot be moved under itself or under one of its own sub-codes."),
            details={"field": "parent_id"},
        )
    _name_free(project.pk, parent_id, code.name, code.pk)
    before = code.parent_id
    code.parent = parent
    code.save(update_fields=["parent"])
    _set_construct(project.pk, code.pk, parent.construct if parent else "")
    change_record(
        actor=actor,
        action="qualitative.code_move",
        instance=code,
        changes={"parent": [before, parent_id]},
    )
    code.refresh_from_db()
    return code


def _merge(project: Project, source: Code, target: Code) -> int:
    """Merge ``source`` into ``target``; returns how many codings moved."""
    moved = 0
    for child in list(Code.objects.filter(parent=source).order_by("id")):
        twin = _sibling_named(project.pk, target.pk, child.name)
        if twin is not None:
            moved += _merge(project, child, twin)
        else:
            child.parent = target
            child.save(update_fields=["parent"])
            _set_construct(project.pk, child.pk, target.construct)
    already = Coding.objects.filter(code=target).values("segment_id")
    Coding.objects.filter(code=source, segment_id__in=already).delete()
    moved += Coding.objects.filter(code=source).update(code=target)
    Memo.objects.filter(code=source).update(code=target)
    source.delete()
    return moved


@transaction.atomic
def code_merge(*, actor: Actor, code_id: int, into_id: int) -> Code:
    """Merge a code into another one (see the module's rules); returns the code kept."""
    project, code = _code_for_edit(actor, code_id)
    _refuse_construct(code, N_("A construct code cannot be merged into another code."))
    target = Code.objects.select_for_update().filter(pk=into_id, project=project).first()
    if target is None:
        raise CodingInvalid(
            N_("The code to merge into is not in this project."), details={"field": "into_id"}
        )
    if target.pk in codetree.descendant_ids(project.pk, code.pk):
        raise CodeHierarchyInvalid(
            N_("A code cannot be merged into itself or into one of its own sub-codes."),
            details={"field": "into_id"},
        )
    name = code.name
    moved = _merge(project, code, target)
    change_record(
        actor=actor,
        action="qualitative.code_merge",
        instance=target,
        changes={"merged": code_id, "name": name, "codings_moved": moved},
    )
    target.refresh_from_db()
    return target


def drop_bare_segments(segment_ids: list[int]) -> int:
    """Delete the segments among these that have neither a code nor a memo left."""
    bare = (
        Segment.objects.filter(pk__in=segment_ids)
        .exclude(Q(codings__isnull=False) | Q(memos__isnull=False))
        .values_list("pk", flat=True)
    )
    ids = list(bare)
    if ids:
        Segment.objects.filter(pk__in=ids).delete()
    return len(ids)


@transaction.atomic
def code_delete(*, actor: Actor, code_id: int, confirm: bool = False) -> dict[str, int]:
    """Delete a code with its sub-codes and codings. Needs ``confirm`` if there are any."""
    project, code = _code_for_edit(actor, code_id)
    _refuse_construct(code, N_("The five construct codes cannot be deleted."))
    subtree = codetree.descendant_ids(project.pk, code.pk)
    segment_ids = list(
        Coding.objects.filter(code_id__in=subtree).values_list("segment_id", flat=True)
    )
    counts = {"codings": len(segment_ids), "sub_codes": len(subtree) - 1}
    if (counts["codings"] or counts["sub_codes"]) and not confirm:
        raise CodeDeleteUnconfirmed(details=counts)
    change_record(
        actor=actor,
        action="qualitative.code_delete",
        instance=code,
        changes={"name": code.name, **counts},
    )
    code.delete()
    counts["segments_deleted"] = drop_bare_segments(sorted(set(segment_ids)))
    return counts
