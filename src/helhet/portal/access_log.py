"""The person's access log on Min side: every read of their data, by anyone, in words a
person understands (who, which organisation, what kind of information, through which page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.models import AccessEvent, Channel, Outcome
from helhet.audit.selectors import ACCESS_LOG_CATEGORY
from helhet.consent.selectors import CONSENT_CATEGORY
from helhet.core.categories import IDENTITY, InformationCategory
from helhet.plans.selectors import PLAN_CATEGORY
from helhet.portal.audit import PERSON_ROLE, person_access_record
from helhet.portal.policies import Subject
from helhet.portal.selectors import DATA_COPY_CATEGORY, MEETING_CATEGORY
from helhet.tenancy.models import User

# Pages and reports, in words a person understands (by the view that made the read).
THROUGH_LABELS: dict[str, str] = {
    "web:dashboard": N_("the start page (their caseload)"),
    "web:person_list": N_("the list of persons"),
    "web:person_detail": N_("your page in Helhet"),
    "web:person_register": N_("registering a person"),
    "web:person_consents": N_("your consents"),
    "web:person_access_log": N_("the log of who has seen your data"),
    "web:person_access_report": N_("a report of who has seen your data"),
    "web:family_list": N_("the list of families"),
    "web:family_detail": N_("your family's page"),
    "web:family_plan": N_("the family plan"),
    "web:family_plan_print": N_("a printout of the family plan"),
    "web:family_plan_pdf": N_("the family plan as PDF"),
    "web:family_plan_versions": N_("the history of the family plan"),
    "web:family_plan_diff": N_("changes to the family plan"),
    "web:meeting_list": N_("the list of meetings"),
    "web:meeting_detail": N_("a meeting"),
    "web:referral_list": N_("the list of referrals"),
    "web:referral_detail": N_("a referral"),
    "web:transition_list": N_("the list of transitions"),
    "web:consent_letter": N_("a consent receipt letter"),
    "web:consent_document": N_("a signed consent form"),
    "portal:start": N_("Min side"),
    "portal:consents": N_("Min side: consents"),
    "portal:plan": N_("Min side: the plan"),
    "portal:plan_pdf": N_("Min side: the plan as PDF"),
    "portal:meetings": N_("Min side: meetings"),
    "portal:access_log": N_("Min side: the access log"),
    "portal:access_log_csv": N_("Min side: the access log as CSV"),
    "portal:data_json": N_("Min side: a copy of the data (JSON)"),
    "portal:data_pdf": N_("Min side: a copy of the data (PDF)"),
}


def through_label(event: AccessEvent) -> str:
    from django.utils.translation import gettext as _

    if event.channel == Channel.API:
        return _("the API (a system used by the organisation)")
    view = event.through.split(" ", 1)[-1]
    label = THROUGH_LABELS.get(view)
    if label:
        return _(label)
    if event.channel == Channel.EXPORT:
        return _("a report")
    return _("a page in Helhet")


# What the log's pseudo-categories mean.
PSEUDO_LABELS = {
    IDENTITY: N_("name and national identity number"),
    PLAN_CATEGORY: N_("the family plan"),
    CONSENT_CATEGORY: N_("consents"),
    "consent_form": N_("a signed consent form"),
    MEETING_CATEGORY: N_("meetings"),
    ACCESS_LOG_CATEGORY: N_("the access log"),
    DATA_COPY_CATEGORY: N_("a copy of the data"),
}


def category_words(categories: list[str]) -> list[str]:
    from django.utils.translation import gettext as _

    words = []
    for c in categories:
        if c in InformationCategory.values:
            words.append(str(InformationCategory(c).label).lower())
        else:
            words.append(_(PSEUDO_LABELS.get(c, c)))
    return words


@dataclass
class LogLine:
    event: AccessEvent
    who: str
    organisation: str
    what: list[str]
    where: str
    by_person: bool

    @property
    def denied(self) -> bool:
        return self.event.outcome == Outcome.DENIED

    def sentence(self) -> str:
        from django.utils.formats import date_format
        from django.utils.translation import gettext as _

        when = date_format(timezone.localtime(self.event.at), "DATETIME_FORMAT")
        what = ", ".join(self.what)
        if self.by_person:
            if self.event.reason == "guardian":
                return _("A guardian opened %(what)s on %(where)s, %(when)s.") % {
                    "what": what,
                    "where": self.where,
                    "when": when,
                }
            return _("You opened %(what)s on %(where)s, %(when)s.") % {
                "what": what,
                "where": self.where,
                "when": when,
            }
        if self.denied:
            return _(
                "%(who)s at %(org)s tried to see %(what)s through %(where)s, %(when)s, "
                "and was refused."
            ) % {
                "who": self.who,
                "org": self.organisation,
                "what": what,
                "where": self.where,
                "when": when,
            }
        return _("%(who)s at %(org)s saw %(what)s through %(where)s, %(when)s.") % {
            "who": self.who,
            "org": self.organisation,
            "what": what,
            "where": self.where,
            "when": when,
        }


@dataclass
class LogFilter:
    organisation_id: int | None = None  # 0: Min side itself
    category: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class AccessLog:
    lines: list[LogLine]
    organisations: list[tuple[int, str]]
    categories: list[tuple[str, str]]


def access_log_for(
    *,
    subject: Subject,
    through: str,
    filters: LogFilter | None = None,
    log: bool = True,
    channel: str = Channel.WEB,
) -> AccessLog:
    """Every read of the subject's data, by anyone, newest first (as far as the viewer sees
    the categories read). Four queries, whatever the number of reads."""
    from django.utils.translation import gettext as _

    filters = filters or LogFilter()
    qs = AccessEvent.objects.filter(person=subject.person)
    if filters.organisation_id == 0:
        qs = qs.filter(role=PERSON_ROLE)
    elif filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    events = [
        e
        for e in qs.order_by("-at", "-id")
        if subject.shows(e.categories)
        and (not filters.category or filters.category in e.categories)
    ]
    users = {u.pk: u for u in User.objects.filter(pk__in={e.user_id for e in events if e.user_id})}
    lines = []
    for e in events:
        by_person = e.role == PERSON_ROLE
        user = users.get(e.user_id or 0)
        who = (user.get_full_name() or user.get_username()) if user else e.username
        lines.append(
            LogLine(
                event=e,
                who=_("Min side") if by_person else who,
                organisation=_("Min side") if by_person else e.organisation_name,
                what=category_words(list(e.categories)),
                where=through_label(e),
                by_person=by_person,
            )
        )
    organisations = sorted(
        {
            (e["organisation_id"], e["organisation_name"])
            for e in AccessEvent.objects.filter(
                person=subject.person, organisation_id__isnull=False
            )
            .values("organisation_id", "organisation_name")
            .distinct()
        },
        key=lambda o: o[1],
    )
    categories = [
        (c.value, str(c.label)) for c in InformationCategory if c.value in subject.categories
    ]
    if log:
        person_access_record(
            subject=subject,
            categories=[IDENTITY, ACCESS_LOG_CATEGORY],
            through=through,
            channel=channel,
        )
    return AccessLog(lines=lines, organisations=organisations, categories=categories)
