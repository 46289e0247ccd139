"""Plan snapshots (the JSON kept in each ``PlanVersion``) and how one viewer may read them.

A snapshot holds the whole plan, every measure included. It is never shown as it is: it is
rendered through a :class:`Visibility`, which applies the access policy's pure decision
(``consent.policies.decide``) to each measure, so a diff or a conflict report shows exactly
the measures the viewer would see on the live plan (``readable_q``, the same rule in SQL).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.consent.policies import category_label, decide
from helhet.people.categories import involvement_category
from helhet.plans.models import FamilyPlan, Goal, Measure, MeasureStatus

if TYPE_CHECKING:
    from helhet.tenancy.actor import Actor

# The plan's own text and date fields, in the order they are shown, with their names.
PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("period_start", N_("Plan period from")),
    ("period_end", N_("Plan period until")),
    ("revise_on", N_("Revise on")),
    ("resources_and_needs", N_("Resources and needs")),
    ("participants", N_("Who takes part")),
    ("contributions", N_("What the family, the services and relatives contribute")),
    ("implementation", N_("How the measures are carried out")),
    ("cooperation", N_("Cooperation needed with other services")),
)
DATE_FIELDS = frozenset({"period_start", "period_end", "revise_on"})


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _user_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def measure_data(m: Measure) -> dict[str, Any]:
    """A measure as stored in a snapshot (needs person, organisation, responsible loaded)."""
    return {
        "id": m.pk,
        "goal_id": m.goal_id,
        "person_id": m.person_id,
        "person": m.person.full_name,
        "organisation_id": m.organisation_id,
        "organisation": m.organisation.name,
        "category": m.category,
        "responsible": _user_name(m.responsible),
        "title": m.title,
        "description": m.description,
        "status": m.status,
        "due_date": _iso(m.due_date),
        "scope": m.scope,
    }


def snapshot_of(
    plan: FamilyPlan, goals: Iterable[Goal], measures: Iterable[Measure]
) -> dict[str, Any]:
    """The whole plan as JSON-ready data. ``plan`` needs coordinator and its organisation."""
    coordinator = None
    if plan.coordinator_id is not None:
        org = plan.coordinator_organisation
        coordinator = {
            "id": plan.coordinator_id,
            "name": _user_name(plan.coordinator),
            "organisation_id": org.pk if org else None,
            "organisation": org.name if org else "",
            "organisation_kind": org.kind if org else "",
        }
    data: dict[str, Any] = {
        "version": plan.version,
        "coordinator": coordinator,
        "goals": [{"id": g.pk, "order": g.order, "text": g.text} for g in goals],
        "measures": [measure_data(m) for m in sorted(measures, key=lambda m: m.pk)],
    }
    for name, _label in PLAN_FIELDS:
        value = getattr(plan, name)
        data[name] = _iso(value) if name in DATE_FIELDS else value
    return data


@dataclass(frozen=True)
class Visibility:
    """What one actor may see of a plan: the access policy applied piece by piece.

    ``known_person_ids`` are the family members the actor's organisation knows today;
    ``consented`` the categories a valid consent lets it see, per person.
    """

    actor: Actor
    known_person_ids: frozenset[int]
    consented: Mapping[int, set[str]] = field(default_factory=dict)

    def measure(self, *, person_id: int, organisation_id: int, category: str) -> bool:
        return decide(
            actor=self.actor,
            involved=person_id in self.known_person_ids,
            category=category,
            owner_organisation_id=organisation_id,
            consented=self.consented.get(person_id, set()),
        ).allowed

    def organisation(self, *, organisation_id: int | None, kind: str) -> bool:
        """May the viewer learn that this organisation works with the family?

        Its own organisation, yes; another only when a consent for the category its
        involvement reveals (child welfare for CWS, …) covers a member the viewer knows.
        Used for the coordinator and the author of a change, which would otherwise show
        that (say) child welfare works with the family.
        """
        if organisation_id is not None and organisation_id == self.actor.organisation_id:
            return True
        category = involvement_category(kind)
        return any(category in self.consented.get(pid, set()) for pid in self.known_person_ids)


def visible_measures(snapshot: Mapping[str, Any], vis: Visibility) -> list[dict[str, Any]]:
    return [
        m
        for m in snapshot.get("measures", [])
        if vis.measure(
            person_id=m["person_id"], organisation_id=m["organisation_id"], category=m["category"]
        )
    ]


def _status_label(status: str) -> str:
    try:
        return str(MeasureStatus(status).label)
    except ValueError:
        return status


def coordinator_text(coordinator: Mapping[str, Any] | None, vis: Visibility) -> str:
    if not coordinator:
        return ""
    if vis.organisation(
        organisation_id=coordinator.get("organisation_id"),
        kind=coordinator.get("organisation_kind", ""),
    ):
        return f"{coordinator['name']} ({coordinator['organisation']})"
    return _("Appointed")


def measure_text(m: Mapping[str, Any], goals: Mapping[int, str]) -> str:
    lines = [
        m["title"],
        f"{_('For')}: {m['person']}",
        f"{_('Owned by')}: {m['organisation']}",
        f"{_('Category')}: {category_label(m['category'])}",
        f"{_('Status')}: {_status_label(m['status'])}",
    ]
    if m.get("responsible"):
        lines.append(f"{_('Responsible')}: {m['responsible']}")
    if m.get("due_date"):
        lines.append(f"{_('Due')}: {m['due_date']}")
    if m.get("goal_id") in goals:
        lines.append(f"{_('Goal')}: {goals[m['goal_id']]}")
    if m.get("scope"):
        lines.append(f"{_('Scope')}: {m['scope']}")
    if m.get("description"):
        lines.append(f"{_('Description')}: {m['description']}")
    return "\n".join(lines)


def readable(snapshot: Mapping[str, Any], vis: Visibility) -> dict[str, tuple[str, str]]:
    """The snapshot as ``{field key: (field name, text)}``, only what the viewer may see.

    Keys are stable across versions (``resources_and_needs``, ``goal:12``, ``measure:7``…),
    so two renderings can be compared key by key.
    """
    out: dict[str, tuple[str, str]] = {}
    out["coordinator"] = (_("Coordinator"), coordinator_text(snapshot.get("coordinator"), vis))
    for name, label in PLAN_FIELDS:
        out[name] = (_(label), snapshot.get(name) or "")
    goals = sorted(snapshot.get("goals", []), key=lambda g: (g["order"], g["id"]))
    goal_texts = {g["id"]: g["text"] for g in goals}
    for g in goals:
        out[f"goal:{g['id']}"] = (_("Goal"), g["text"])
    for m in visible_measures(snapshot, vis):
        out[f"measure:{m['id']}"] = (_("Measure"), measure_text(m, goal_texts))
    return out


def changes_between(
    old: Mapping[str, Any], new: Mapping[str, Any], vis: Visibility
) -> tuple[dict[str, list[str | None]], dict[str, str]]:
    """``({key: [before, after]}, {key: field name})`` for what the viewer may see."""
    a, b = readable(old, vis), readable(new, vis)
    changes: dict[str, list[str | None]] = {}
    labels: dict[str, str] = {}
    for key in [*a, *(k for k in b if k not in a)]:
        before = a[key][1] if key in a else None
        after = b[key][1] if key in b else None
        if before != after:
            changes[key] = [before, after]
            labels[key] = (b[key] if key in b else a[key])[0]
    return changes, labels


def render_lines(snapshot: Mapping[str, Any], vis: Visibility) -> list[str]:
    """A readable, line-based rendering of a snapshot for one viewer (for difflib)."""
    lines: list[str] = []
    for _key, (label, text) in readable(snapshot, vis).items():
        parts = (text or "").splitlines() or [""]
        lines.append(f"{label}: {parts[0]}")
        lines.extend(f"    {p}" for p in parts[1:])
    return lines


def diff_lines(
    old: Mapping[str, Any], new: Mapping[str, Any], vis: Visibility, *, old_name: str, new_name: str
) -> list[str]:
    return list(
        difflib.unified_diff(
            render_lines(old, vis),
            render_lines(new, vis),
            fromfile=old_name,
            tofile=new_name,
            lineterm="",
        )
    )
