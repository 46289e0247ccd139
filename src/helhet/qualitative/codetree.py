"""The code book of a coding project as a tree: codes under their parents, siblings by name,
with the number of segments coded with each (and under it). Reads by project id: the caller
has found the project through ``selectors``, which checks who may see it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from helhet.qualitative.models import Code, Segment


@dataclass
class CodeNode:
    code: Code
    depth: int
    children: list[CodeNode] = field(default_factory=list)
    # Segments coded with this code itself, and with it or any code under it.
    own_count: int = 0
    total_count: int = 0


def code_tree(project_id: int) -> list[CodeNode]:
    """The project's code book as a forest, siblings by name, with segment counts. Two queries."""
    codes = list(
        Code.objects.filter(project_id=project_id).annotate(
            segment_count=Count("codings", distinct=True)
        )
    )
    nodes = {
        c.pk: CodeNode(code=c, depth=0, own_count=getattr(c, "segment_count", 0)) for c in codes
    }
    roots: list[CodeNode] = []
    for code in codes:
        node = nodes[code.pk]
        if code.parent_id is not None and code.parent_id in nodes:
            nodes[code.parent_id].children.append(node)
        else:
            roots.append(node)
    # Segments under a code: distinct, so a segment coded with a code and its sub-code counts once.
    segment_codes: dict[int, set[int]] = defaultdict(set)
    for segment_id, code_id in Segment.codes.through.objects.filter(
        code__project_id=project_id
    ).values_list("segment_id", "code_id"):
        segment_codes[code_id].add(segment_id)

    def walk(node: CodeNode, depth: int) -> set[int]:
        node.depth = depth
        node.children.sort(key=lambda n: (n.code.name.casefold(), n.code.pk))
        below = set(segment_codes.get(node.code.pk, set()))
        for child in node.children:
            below |= walk(child, depth + 1)
        node.total_count = len(below)
        return below

    roots.sort(key=lambda n: (n.code.construct == "", n.code.name.casefold(), n.code.pk))
    for root in roots:
        walk(root, 0)
    return roots


def flatten(nodes: list[CodeNode]) -> list[CodeNode]:
    """Depth-first, in display order."""
    out: list[CodeNode] = []

    def walk(node: CodeNode) -> None:
        out.append(node)
        for child in node.children:
            walk(child)

    for node in nodes:
        walk(node)
    return out


def descendant_ids(project_id: int, code_id: int) -> list[int]:
    """The code and every code under it (one query, however deep)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Code.objects.filter(project_id=project_id).values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    found: list[int] = []
    stack = [code_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def code_choices(project_id: int) -> list[tuple[int, str]]:
    """Codes as (id, indented name) in code-book order, for select lists."""
    return [
        (node.code.pk, "\u2003" * node.depth + node.code.name)
        for node in flatten(code_tree(project_id))
    ]
