"""Demo: a researcher's coding project comparing collaboration in Norway and Québec.

Three sites (the OSK team, an Action team, a Québec-style CSSS network), each with synthetic
interview and observation material written for the demo in the spirit of what seed 000
reports about each setting (mandate, trust, resources, culture, leadership) — in our own
words, about no real person. Every construct is coded at least twice in every site, with a
few sub-codes and memos; and one network meeting's minutes are taken in through the
consent-and-pseudonymisation path, as a researcher would.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from helhet.audit.models import Channel
from helhet.demo.collaboration import actor_of
from helhet.demo.observatory_coding_material import (
    CONSTRUCT_NAMES,
    MINUTES,
    MINUTES_CODES,
    SITE_ACTION,
    SITE_OSK,
    SITE_QUEBEC,
    SOURCES,
    SUB_CODES,
    T,
)
from helhet.meetings.services import minutes_update, participant_add
from helhet.networks.models import Network
from helhet.networks.services import network_meeting_book
from helhet.observatory.constructs import Construct
from helhet.qualitative import codebook, coding, services
from helhet.qualitative.minutes import minutes_import
from helhet.qualitative.models import Code, Project, Segment
from helhet.tenancy.models import Organisation, User

OSLO = ZoneInfo("Europe/Oslo")
TITLE = "Samarbeid i Norge og Québec"


def _at(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=OSLO)


def load_coding_project(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    researcher = actor_of("researcher")
    if Project.objects.filter(municipality_id=researcher.municipality_id, title=TITLE).exists():
        say("The coding project is there already; nothing to do.")
        return
    say("A coding project comparing Norway and Québec …")
    # Stored names are in the demo's language, whatever language runs the loader.
    with translation.override("nb"):
        project = services.project_create(
            actor=researcher,
            title=TITLE,
            description=(
                "Hvordan former mandat, tillit, ressurser, kultur og ledelse samarbeidet i "
                "pålagte og frivillige nettverk? Intervjuer og observasjoner fra tre steder, "
                "kodet med det felles analyseskjemaet."
            ),
        )
        _load(project, orgs, say)


def _load(project: Project, orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    researcher = actor_of("researcher")
    codes: dict[str, int] = {}
    for code in Code.objects.filter(project=project, parent=None):
        codes[code.construct] = code.pk
        codebook.code_update(
            actor=researcher,
            code_id=code.pk,
            name=CONSTRUCT_NAMES[Construct(code.construct)],
            description=code.description,
        )
    for key, (construct, name, description) in SUB_CODES.items():
        codes[key] = codebook.code_create(
            actor=researcher,
            project_id=project.pk,
            name=name,
            parent_id=codes[construct],
            description=description,
        ).pk
    networks = {
        SITE_OSK: "OSK-teamet Demovik",
        SITE_ACTION: "Aksjonsteam Sentrum",
        SITE_QUEBEC: "Nettverk for unge familier",
    }
    sites = {}
    for name, country in ((SITE_OSK, "Norge"), (SITE_ACTION, "Norge"), (SITE_QUEBEC, "Canada")):
        network = Network.objects.filter(
            municipality_id=researcher.municipality_id, name=networks[name]
        ).first()
        sites[name] = services.site_create(
            actor=researcher,
            project_id=project.pk,
            name=name,
            country=country,
            network_id=network.pk if network else None,
        )
    first_segment: Segment | None = None
    for site_name, sources in SOURCES.items():
        say(f"  {site_name}: {len(sources)} sources …")
        for kind, title, passages, memo in sources:
            text = "\n\n".join(p for p, _codes in passages)
            source = services.source_create(
                actor=researcher,
                project_id=project.pk,
                kind=kind,
                title=title,
                text=text,
                site_id=sites[site_name].pk,
            )
            for passage, keys in passages:
                if not keys:
                    continue
                segment = coding.segment_create(
                    actor=researcher,
                    source_id=source.pk,
                    code_ids=[codes[k] for k in keys],
                    quote=passage,
                )
                first_segment = first_segment or segment
            if memo:
                services.memo_create(
                    actor=researcher, project_id=project.pk, source_id=source.pk, text=memo
                )
    _minutes(project, sites[SITE_QUEBEC].pk, codes, orgs, say)
    services.memo_create(
        actor=researcher,
        project_id=project.pk,
        title="Første lesning",
        text=(
            "Pålagte nettverk (OSK) snakker mest om makt og penger; de frivillige "
            "(Aksjonsteam) om kjemi og en som drar lasset. Québec ligger imellom: mandat, men "
            "delt ledelse og tillit fra før."
        ),
    )
    services.memo_create(
        actor=researcher,
        project_id=project.pk,
        code_id=codes[T],
        text="Tillit og mistillit finnes side om side i samme team; kode begge der de opptrer.",
    )
    services.memo_create(
        actor=researcher,
        project_id=project.pk,
        code_id=codes["leader_driver"],
        text="Den uformelle pådriveren er ofte den som kaller inn til møtene.",
    )
    if first_segment is not None:
        services.memo_create(
            actor=researcher,
            project_id=project.pk,
            segment_id=first_segment.pk,
            text="Typisk formulering om et mandat uten medvirkning.",
        )


def _minutes(
    project: Project,
    site_id: int,
    codes: dict[str, int],
    orgs: dict[str, Organisation],
    say: Callable[[str], object],
) -> None:
    """A meeting of the network's steering committee that the researcher followed: booked,
    minuted, then taken into the project pseudonymised."""
    say("  A network meeting's minutes, pseudonymised …")
    manager = actor_of("nav.manager")
    researcher = actor_of("researcher")
    network = Network.objects.get(
        municipality_id=researcher.municipality_id, name="Nettverk for unge familier"
    )
    meeting = network_meeting_book(
        actor=manager,
        network_id=network.pk,
        title="Nettverk for unge familier: styringsgruppemøte",
        starts_at=_at(2026, 11, 5, 13),
        ends_at=_at(2026, 11, 5, 15),
        location="Helsestasjonen",
    )
    participant_add(
        actor=manager,
        meeting_id=meeting.pk,
        organisation_id=orgs["rnd"].pk,
        user_id=User.objects.get(username="researcher").pk,
        role="Følgeforsker",
    )
    minutes_update(actor=manager, meeting_id=meeting.pk, minutes=MINUTES)
    source = minutes_import(
        actor=researcher,
        project_id=project.pk,
        meeting_id=meeting.pk,
        site_id=site_id,
        title="Referat: styringsgruppemøte i nettverket",
        language="nb",
        channel=Channel.WEB,
        through="demo",
    )
    for quote, keys in MINUTES_CODES:
        coding.segment_create(
            actor=researcher,
            source_id=source.pk,
            code_ids=[codes[k] for k in keys],
            quote=quote,
        )
