"""Words for the statistics' codes, for pages and exports (the codes themselves stay as the
machine-readable names in JSON and in the first column of the exports)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhet.volunteering.models import ActivityCategory

# As they read inside a sentence ("share coordinated by …").
COORDINATOR_WORDS = {
    "municipality": gettext_lazy("the municipality"),
    "voluntary": gettext_lazy("the voluntary organisation"),
    "joint": gettext_lazy("both jointly"),
    "other": gettext_lazy("others"),
}
# As they read on their own (chart legend, table headers).
COORDINATOR_NAMES = {
    "municipality": gettext_lazy("Municipality"),
    "voluntary": gettext_lazy("Voluntary organisation"),
    "joint": gettext_lazy("Jointly"),
    "other": gettext_lazy("Other"),
}


def activity_label(code: str) -> str:
    return str(ActivityCategory(code).label)


def coordinator_label(code: str) -> str:
    return str(COORDINATOR_WORDS[code])


def statistic_label(name: str) -> str:
    kind, _sep, rest = name.partition(":")
    if kind == "share":
        activity, _sep, coordinator = rest.partition(":")
        return _("%(activity)s: share coordinated by %(coordinator)s") % {
            "activity": activity_label(activity),
            "coordinator": coordinator_label(coordinator),
        }
    if kind == "diff":
        return _("%(activity)s: municipality share minus voluntary share") % {
            "activity": activity_label(rest)
        }
    if kind == "stat_vs_non":
        return _("Statutory minus non-statutory, mean share: %(coordinator)s") % {
            "coordinator": coordinator_label(rest)
        }
    if kind == "stat_vs_non_wo_social":
        return _(
            "Statutory minus non-statutory without social activities, mean share: %(coordinator)s"
        ) % {"coordinator": coordinator_label(rest)}
    return name
