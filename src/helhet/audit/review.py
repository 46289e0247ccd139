"""Log review (Normen's "kontroll av logg"): rules that flag unusual reads for the privacy officer.

Each rule is a small function over the access events written since the last scan. A scan keeps
a watermark (the highest event id it has seen, in ``ReviewScan``) so it never reads an event
twice, and every flag carries a key unique per rule, so re-running, or two scans racing, never
flags the same thing twice — idempotent like the reminders. Denied reads count like granted
ones: many refused attempts are a signal in themselves.

The thresholds come from settings (``HELHET_REVIEW_*``) and are documented in
docs/log-review.md.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.module_loading import import_string

from helhet.audit.models import AccessEvent, Outcome, ReviewFlag, ReviewRule, ReviewScan
from helhet.core.working_days import is_working_day
from helhet.tenancy.models import Organisation, Role

# An event is scanned only once it is this old, so a read whose transaction commits a little
# after a later one (ids are handed out before commit) is not passed over by the watermark.
SETTLE = timedelta(seconds=60)
# Events per transaction; a backlog is worked through in batches of this size.
BATCH = 5000
# The privacy officer reads people for the review itself; that is their task.
NO_TASK_EXEMPT_ROLES = frozenset({Role.PRIVACY_OFFICER})


# For one access event: has the reader an open task with the person read?
TaskCheck = Callable[[AccessEvent], bool]


@dataclass(frozen=True)
class Thresholds:
    unusual: dict[str, frozenset[str]]
    many_persons: int
    many_persons_window: timedelta
    day_starts: time
    day_ends: time
    rules: frozenset[str]


def _time(value: str, name: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be HH:MM, not {value!r}") from exc


def parse_unusual(value: str) -> dict[str, frozenset[str]]:
    """``"voluntary:child_welfare,health;school:health"`` → kind → categories."""
    table: dict[str, frozenset[str]] = {}
    for part in value.split(";"):
        if not part.strip():
            continue
        kind, sep, cats = part.partition(":")
        if not sep:
            raise ImproperlyConfigured(
                f"HELHET_REVIEW_UNUSUAL_CATEGORIES: {part!r} is not kind:category,category"
            )
        table[kind.strip()] = frozenset(c.strip() for c in cats.split(",") if c.strip())
    return table


def thresholds() -> Thresholds:
    rules = frozenset(r.strip() for r in settings.REVIEW_RULES.split(",") if r.strip())
    unknown = rules - set(ReviewRule.values)
    if unknown:
        raise ImproperlyConfigured(f"HELHET_REVIEW_RULES: unknown rules {sorted(unknown)}")
    return Thresholds(
        unusual=parse_unusual(settings.REVIEW_UNUSUAL_CATEGORIES),
        many_persons=max(2, settings.REVIEW_MANY_PERSONS),
        many_persons_window=timedelta(minutes=max(1, settings.REVIEW_MANY_PERSONS_MINUTES)),
        day_starts=_time(settings.REVIEW_DAY_STARTS, "HELHET_REVIEW_DAY_STARTS"),
        day_ends=_time(settings.REVIEW_DAY_ENDS, "HELHET_REVIEW_DAY_ENDS"),
        rules=rules,
    )


@dataclass
class Batch:
    """The new events of one scan, with what the rules need to know about them."""

    events: list[AccessEvent]
    organisation_kinds: dict[int, str]
    limits: Thresholds


@dataclass
class ReviewRun:
    scanned: int = 0
    flagged: Counter[str] = field(default_factory=Counter)

    def total(self) -> int:
        return sum(self.flagged.values())


def person_ref(event: AccessEvent) -> str:
    """Who was read: the person, or what was asked for when the read was refused unseen."""
    return str(event.person_id) if event.person_id else f"ref:{event.target_ref}"


def local_day(event: AccessEvent) -> date:
    """The day of a read in Europe/Oslo."""
    return timezone.localtime(event.at).date()


def _flag(event: AccessEvent, rule: str, key: str, **details: object) -> ReviewFlag:
    return ReviewFlag(
        municipality_id=event.municipality_id,
        access_event=event,
        rule=rule,
        key=key[:200],
        details=details,
    )


def flag_unusual_category(batch: Batch) -> list[ReviewFlag]:
    """An organisation of a kind that rarely needs a category reads it (a voluntary
    organisation asking for child-welfare information). One flag per reader, person and day."""
    flags = []
    for e in batch.events:
        kind = batch.organisation_kinds.get(e.organisation_id or 0)
        unusual = sorted(set(e.categories) & batch.limits.unusual.get(kind or "", frozenset()))
        if not unusual:
            continue
        key = f"{e.user_id}:{person_ref(e)}:{local_day(e).isoformat()}:{','.join(unusual)}"
        flags.append(
            _flag(
                e,
                ReviewRule.UNUSUAL_CATEGORY,
                key,
                organisation_kind=kind,
                categories=unusual,
                outcome=e.outcome,
            )
        )
    return flags


def off_hours(moment: datetime, limits: Thresholds) -> bool:
    local = timezone.localtime(moment)
    if not is_working_day(local.date()):
        return True
    return not (limits.day_starts <= local.time() < limits.day_ends)


def flag_off_hours(batch: Batch) -> list[ReviewFlag]:
    """Reads at night, on weekends and on public holidays (Europe/Oslo). One flag per reader,
    person and day."""
    flags = []
    for e in batch.events:
        if not off_hours(e.at, batch.limits):
            continue
        local = timezone.localtime(e.at)
        flags.append(
            _flag(
                e,
                ReviewRule.OFF_HOURS,
                f"{e.user_id}:{person_ref(e)}:{local.date().isoformat()}",
                local_time=local.strftime("%Y-%m-%d %H:%M"),
                working_day=is_working_day(local.date()),
                outcome=e.outcome,
            )
        )
    return flags


def flag_many_persons(batch: Batch) -> list[ReviewFlag]:
    """One user reading many distinct persons within a short window, refused reads included.

    The window slides over the user's events, older ones before the watermark too; the event
    at which the count reaches the threshold is flagged, and the next flag for that user comes
    no sooner than one window later, so one sweep through a list is one item in the queue.
    """
    limits = batch.limits
    window = limits.many_persons_window
    new_ids = {e.pk for e in batch.events}
    users = {e.user_id for e in batch.events}
    if not users:
        return []
    first = min(e.at for e in batch.events) - window
    last_id = max(new_ids)
    history = (
        AccessEvent.objects.filter(user_id__in=users, at__gte=first, id__lte=last_id)
        .only("id", "at", "user_id", "person_id", "target_ref", "outcome", "municipality_id")
        .order_by("user_id", "at", "id")
    )
    last_flagged: dict[int, datetime] = dict(
        ReviewFlag.objects.filter(
            rule=ReviewRule.MANY_PERSONS,
            access_event__user_id__in=users,
            access_event__at__gte=first - window,
        )
        .values("access_event__user_id")
        .annotate(latest=Max("access_event__at"))
        .values_list("access_event__user_id", "latest")
    )
    flags = []
    current_user: int | None = None
    in_window: deque[AccessEvent] = deque()
    counts: Counter[str] = Counter()
    for e in history:
        if e.user_id != current_user:
            current_user, in_window, counts = e.user_id, deque(), Counter()
        in_window.append(e)
        counts[person_ref(e)] += 1
        while in_window and in_window[0].at <= e.at - window:
            old = in_window.popleft()
            counts[person_ref(old)] -= 1
            if counts[person_ref(old)] == 0:
                del counts[person_ref(old)]
        if len(counts) < limits.many_persons or e.pk not in new_ids:
            continue
        previous = last_flagged.get(e.user_id or 0)
        if previous is not None and e.at - previous < window:
            continue
        denied = sum(1 for x in in_window if x.outcome == Outcome.DENIED)
        flags.append(
            _flag(
                e,
                ReviewRule.MANY_PERSONS,
                f"{e.user_id}:{e.pk}",
                persons=len(counts),
                minutes=int(window.total_seconds() // 60),
                denied=denied,
            )
        )
        last_flagged[e.user_id or 0] = e.at
    return flags


def _open_tasks(events: list[AccessEvent]) -> TaskCheck:
    """What the reader's organisation has to do with each person read, in a fixed number of
    queries: an involvement the reader is responsible for (or nobody is), a referral to or
    from the organisation still open, a meeting the organisation takes part in, an open
    measure it owns, or the family plan the reader coordinates.

    Each kind of task is the app's that gives it (consent, referrals, plans, meetings), so
    the checks are the functions named in ``settings.HELHET_REVIEW_OPEN_TASKS``: each is
    given the events and answers, for one event, whether that kind of task is open."""
    checks = [import_string(path)(events) for path in settings.HELHET_REVIEW_OPEN_TASKS]

    def has_task(e: AccessEvent) -> bool:
        return any(check(e) for check in checks)

    return has_task


def flag_no_open_task(batch: Batch) -> list[ReviewFlag]:
    """A granted read of a person with whom the reader has no open task (need to know,
    *tjenstlig behov*). Refused reads are left out: the policy has already stopped them. One
    flag per reader, person and day."""
    events = [
        e
        for e in batch.events
        if e.outcome == Outcome.GRANTED
        and e.person_id
        and e.organisation_id
        and e.role not in NO_TASK_EXEMPT_ROLES
    ]
    if not events:
        return []
    has_task = _open_tasks(events)
    return [
        _flag(
            e,
            ReviewRule.NO_OPEN_TASK,
            f"{e.user_id}:{e.person_id}:{local_day(e).isoformat()}",
            categories=list(e.categories),
        )
        for e in events
        if not has_task(e)
    ]


RULES: dict[str, Callable[[Batch], list[ReviewFlag]]] = {
    ReviewRule.UNUSUAL_CATEGORY: flag_unusual_category,
    ReviewRule.MANY_PERSONS: flag_many_persons,
    ReviewRule.OFF_HOURS: flag_off_hours,
    ReviewRule.NO_OPEN_TASK: flag_no_open_task,
}


def watermark() -> int:
    return ReviewScan.objects.aggregate(m=Max("up_to_event_id"))["m"] or 0


def _dedupe(flags: Iterable[ReviewFlag]) -> list[ReviewFlag]:
    seen: dict[tuple[str, str], ReviewFlag] = {}
    for f in flags:
        seen.setdefault((f.rule, f.key), f)
    return list(seen.values())


def _scan_batch(run: ReviewRun, limits: Thresholds, before: datetime) -> bool:
    """Scan one batch in one transaction; False when nothing was left."""
    with transaction.atomic():
        since = watermark()
        # Stop at the first event that has not settled: an earlier id with a later time (two
        # transactions that took their ids in the other order) must not be passed over.
        frontier = AccessEvent.objects.filter(id__gt=since, at__gte=before).aggregate(m=Min("id"))[
            "m"
        ]
        pending = AccessEvent.objects.filter(id__gt=since)
        if frontier is not None:
            pending = pending.filter(id__lt=frontier)
        candidates = list(pending.order_by("id")[:BATCH])
        if not candidates:
            return False
        # Staff reads only: what a person does on Min side with their own data is not reviewed.
        events = [e for e in candidates if e.user_id is not None and e.role != "person"]
        kinds = dict(
            Organisation.objects.filter(
                pk__in={e.organisation_id for e in events if e.organisation_id}
            ).values_list("pk", "kind")
        )
        batch = Batch(events=events, organisation_kinds=kinds, limits=limits)
        flags: list[ReviewFlag] = []
        if events:
            for rule, check in RULES.items():
                if rule in limits.rules:
                    flags.extend(check(batch))
        flags = _dedupe(flags)
        existing = set()
        if flags:
            existing = set(
                ReviewFlag.objects.filter(key__in={f.key for f in flags}).values_list("rule", "key")
            )
            flags = [f for f in flags if (f.rule, f.key) not in existing]
            # A racing scan may still have written the same keys; the constraint settles it.
            ReviewFlag.objects.bulk_create(flags, ignore_conflicts=True)
        for f in flags:
            run.flagged[f.rule] += 1
        run.scanned += len(candidates)
        ReviewScan.objects.create(
            up_to_event_id=candidates[-1].pk,
            events_scanned=len(candidates),
            flags_created=len(flags),
        )
        return len(candidates) == BATCH


def review_scan(
    *, now: datetime | None = None, progress: Callable[[ReviewRun], object] | None = None
) -> ReviewRun:
    """Run the rules over every access event since the last scan. Safe to run as often as
    you like: an event is scanned once and a flag is never made twice. ``progress`` is called
    after each batch (of ``BATCH`` events, one transaction each) with the run so far."""
    limits = thresholds()
    before = (now or timezone.now()) - SETTLE
    run = ReviewRun()
    while True:
        scanned = run.scanned
        more = _scan_batch(run, limits, before)
        if progress is not None and run.scanned > scanned:
            progress(run)
        if not more:
            return run
