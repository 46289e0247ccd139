"""Template helpers of the log review: the flag's details and the categories in words."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.translation import gettext as _

from helhet.audit.models import Outcome, ReviewFlag, ReviewRule
from helhet.core.categories import IDENTITY, InformationCategory
from helhet.tenancy.models import OrganisationKind, Role

register = template.Library()


def _category_label(value: str) -> str:
    if value == IDENTITY:
        return _("Identity")
    if value == "access_log":
        return _("Access log")
    if value in InformationCategory.values:
        return str(InformationCategory(value).label)
    return value


@register.filter
def category_labels(values: Iterable[str] | None) -> str:
    """``{{ event.categories|category_labels }}``: "Identity, Child welfare"."""
    return ", ".join(_category_label(v) for v in values or [])


@register.filter
def count_of(counts: dict[str, int], rule: str) -> int:
    """``{{ counts|count_of:rule }}``: the open flags of one rule."""
    return counts.get(rule, 0)


@register.filter
def role_label(value: str) -> str:
    return str(Role(value).label) if value in Role.values else value


@register.filter
def review_details(flag: ReviewFlag) -> str:
    """What the rule found, in a sentence; never names the person read."""
    d = flag.details or {}
    refused = d.get("outcome") == Outcome.DENIED
    if flag.rule == ReviewRule.UNUSUAL_CATEGORY:
        kind = d.get("organisation_kind") or ""
        kind_label = str(OrganisationKind(kind).label) if kind in OrganisationKind.values else kind
        text = _("%(kind)s asked for %(categories)s.") % {
            "kind": kind_label,
            "categories": category_labels(d.get("categories", [])),
        }
    elif flag.rule == ReviewRule.MANY_PERSONS:
        text = _(
            "%(persons)s persons within %(minutes)s minutes, %(denied)s of the reads refused."
        ) % {
            "persons": d.get("persons", "?"),
            "minutes": d.get("minutes", "?"),
            "denied": d.get("denied", 0),
        }
        refused = False
    elif flag.rule == ReviewRule.OFF_HOURS:
        text = (
            _("At %(time)s, on a working day.")
            if d.get("working_day")
            else _("At %(time)s, on a weekend or public holiday.")
        ) % {"time": d.get("local_time", "?")}
    elif flag.rule == ReviewRule.NO_OPEN_TASK:
        text = _(
            "No open case, referral, measure, meeting or plan with the person; read %(categories)s."
        ) % {"categories": category_labels(d.get("categories", []))}
    else:
        text = ""
    if refused:
        text = f"{text} {_('The read was refused.')}"
    return text
