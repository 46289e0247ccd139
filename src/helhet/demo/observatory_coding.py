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
from helhet.meetings.services import minutes_update, participant_add
from helhet.networks.models import Network
from helhet.networks.services import network_meeting_book
from helhet.observatory.constructs import Construct
from helhet.qualitative import codebook, coding, services
from helhet.qualitative.minutes import minutes_import
from helhet.qualitative.models import Code, Project, Segment, SourceKind
from helhet.tenancy.models import Organisation, User

OSLO = ZoneInfo("Europe/Oslo")
TITLE = "Samarbeid i Norge og Québec"
SITE_OSK = "Norge: OSK-teamet"
SITE_ACTION = "Norge: Aksjonsteam"
SITE_QUEBEC = "Québec: CSSS-nettverk"

G, T, R, C, L = (
    Construct.GOVERNANCE,
    Construct.TRUST,
    Construct.RESOURCES,
    Construct.CULTURE,
    Construct.LEADERSHIP,
)

# The construct codes' names in the demo, whatever the state of the translations.
CONSTRUCT_NAMES = {
    G: "Styring og maktforhold",
    T: "Gjensidighet og tillit",
    R: "Ressursforvaltning",
    C: "Organisasjonskultur",
    L: "Ledelse",
}

# Sub-codes: key → (construct, name, description).
SUB_CODES = {
    "mandate": (G, "Mandat ovenfra", "Samarbeidet er pålagt av kommunen, staten eller loven."),
    "power": (G, "Ulik makt mellom etatene", "Én part rår over mer penger, saker eller status."),
    "known": (T, "Kjennskap fra før", "Tillit som bygger på kontakt og samarbeid før nettverket."),
    "suspicion": (T, "Mistillit", "Tvil om at de andre gjør sin del eller vil det samme."),
    "no_money": (R, "Ingen ekstra midler", "Samarbeidet drives uten egne penger eller stillinger."),
    "bargain": (R, "Forhandling om hvem som betaler", "Kostnader skyves eller forhandles."),
    "shock": (C, "Kulturmøte", "Ulike faglige blikk, rutiner og lover møtes."),
    "leader_shared": (L, "Delt ledelse", "Beslutninger tas sammen; ingen har formell makt."),
    "leader_driver": (L, "Uformell pådriver", "Én person drar lasset og holder det i gang."),
}

# Per site: sources as (kind, title, passages, memo); a passage is (text, codes) — codes are
# construct values or sub-code keys; a passage without codes is uncoded context.
Passage = tuple[str, tuple[str, ...]]
SOURCES: dict[str, list[tuple[str, str, list[Passage], str]]] = {
    SITE_OSK: [
        (
            SourceKind.INTERVIEW,
            "Intervju 1: barnevernsleder i OSK-teamet",
            [
                ("Intervjuer: Hvordan ble teamet til?", ()),
                (
                    "Det var kommunen og NAV som bestemte at vi skulle ha et slikt team. Vi ble "
                    "ikke spurt, vi fikk et mandat og en samarbeidsavtale å forholde oss til.",
                    ("mandate",),
                ),
                (
                    "NAV kommer med mye penger og mange saker i ryggen. Når de sier at noe ikke "
                    "er prioritert hos dem, så blir det liksom ikke noe mer av det.",
                    ("power", R),
                ),
                (
                    "Men jeg har lært mye om hva de andre kan tilby. Jeg visste ikke at "
                    "helsesiden hadde så mange tiltak for familier. Mulighetsrommet blir større "
                    "når vi sitter sammen.",
                    (T, C),
                ),
                (
                    "Det vanskeligste er når ungdommen fyller 18. Da skal saken over til voksne "
                    "tjenester, og det blir hard forhandling om hvem som tar regningen.",
                    ("bargain",),
                ),
                (
                    "Ingen leder teamet egentlig. Vi er ledere fra hver vår etat, på lik fot, og "
                    "ingen kan bestemme over de andre.",
                    ("leader_shared", G),
                ),
            ],
            "Informanten skiller mellom mandatet (pålagt) og nytten (lært av de andre). "
            "Se etter samme skille i de andre intervjuene.",
        ),
        (
            SourceKind.INTERVIEW,
            "Intervju 2: saksbehandler i NAV, medlem av OSK-teamet",
            [
                (
                    "Teamet er en fin mulighet når man sitter alene med en tung sak. Da kan man "
                    "drøfte den med erfarne folk fra helt andre fagfelt.",
                    (T,),
                ),
                (
                    "Problemet er å få kollegene til å bruke det. Mange tenker at det er enda et "
                    "møte, og at det tar tid fra egne saker.",
                    (R, C),
                ),
                (
                    "Hos oss er det ledelsen i NAV som bestemmer hvilke saker som skal "
                    "prioriteres. Det kommer ofte foran det vi blir enige om lokalt.",
                    ("power",),
                ),
                (
                    "Jeg merker at kommunen er litt skeptisk til oss. De tror vi bare passer på "
                    "våre egne budsjetter.",
                    ("suspicion",),
                ),
                (
                    "Det er lederen i barnevernet som kaller inn og setter opp sakslista. Uten "
                    "henne hadde vi nok ikke møttes så ofte.",
                    ("leader_driver",),
                ),
                (
                    "Vi snakker forskjellig språk. Vi sier arbeidslinja, de sier barnets beste, "
                    "og det tar tid før man forstår at man mener noe av det samme.",
                    ("shock",),
                ),
            ],
            "Arbeidslinja mot barnets beste: et tydelig eksempel på kulturmøte.",
        ),
        (
            SourceKind.OBSERVATION,
            "Observasjon: drøftingsmøte i OSK-teamet",
            [
                (
                    "Fire ledere til stede, fra NAV stat, NAV kommune, barnevernet og helse og "
                    "velferd. Møtet følger samarbeidsavtalens faste punkter.",
                    (G,),
                ),
                (
                    "En sak om en familie drøftes anonymt. Helse og velferd spør om NAV kan ta "
                    "kostnaden for et tiltak; NAV svarer at det må avklares med regionen først.",
                    ("bargain", "power"),
                ),
                (
                    "Stemningen er vennlig, men forsiktig. Flere viser til at de kjenner "
                    "hverandre fra tidligere saker.",
                    ("known",),
                ),
                (
                    "Representanten for helse sier etter møtet at hun ofte vurderer om det er "
                    "verdt å komme, når sakene ikke angår henne.",
                    (R,),
                ),
                (
                    "Barnevernslederen oppsummerer og fordeler oppgaver. De andre godtar det uten "
                    "diskusjon.",
                    (L,),
                ),
                (
                    "Hver etat leverer sine egne tiltak; det finnes ingen felles beslutning om "
                    "hvem som følger opp helheten.",
                    (C, L),
                ),
            ],
            "",
        ),
    ],
    SITE_ACTION: [
        (
            SourceKind.INTERVIEW,
            "Intervju 3: rådgiver ved videregående skole, Aksjonsteam Sentrum",
            [
                (
                    "Ingen har egentlig bestilt oss. Bydelen og skolene fant ut at vi måtte gjøre "
                    "noe med elevene som faller ut, og så begynte vi å møtes.",
                    ("mandate", G),
                ),
                (
                    "Vi teller ikke tall på disse møtene. Vi snakker om ungdommene og hva som kan "
                    "gjøres neste uke.",
                    (C,),
                ),
                (
                    "Det koster nesten ingenting. Det er arbeidstid, og den tar vi av det vi har.",
                    ("no_money",),
                ),
                (
                    "Kjemien er god. Vi kjenner hverandre, og vi ringer hverandre mellom møtene.",
                    ("known",),
                ),
                (
                    "NAV-veilederen for unge er den som drar det. Hun sender innkalling, følger "
                    "opp og gir seg ikke.",
                    ("leader_driver",),
                ),
            ],
            "Lav terskel og ingen bestilling; ledelsen er uformell, men tydelig.",
        ),
        (
            SourceKind.OBSERVATION,
            "Observasjon: møte i Aksjonsteam Sentrum",
            [
                (
                    "Åtte til stede: skole, NAV, barnevern, helse, oppfølgingstjenesten og "
                    "frivilligsentralen. Den private tjenesten har ikke møtt de siste gangene.",
                    (T,),
                ),
                (
                    "Alle kan melde inn en ungdom. Ingen sak avvises fordi den hører til en annen "
                    "etat; man finner ut av det i møtet.",
                    (G, C),
                ),
                (
                    "Det er ingen møteleder. Rådgiveren og NAV-veilederen tar ordet skiftevis og "
                    "sørger for at alle blir hørt.",
                    ("leader_shared",),
                ),
                (
                    "Skolen spør om noen kan betale for en sommerjobb; frivilligsentralen tilbyr "
                    "en aktivitet gratis, og saken løses uten å gå til ledelsen.",
                    (R,),
                ),
                (
                    "Felles målgruppe holder gruppa samlet: alle snakker om de samme ungdommene.",
                    (L, "known"),
                ),
            ],
            "Sammenlign med OSK-teamet: ressurser er sjelden et tema her.",
        ),
    ],
    SITE_QUEBEC: [
        (
            SourceKind.INTERVIEW,
            "Entrevue 4 : organisatrice communautaire du CSSS",
            [
                (
                    "Le CSSS avait le mandat de mettre le réseau en place. Mais si on impose nos "
                    "vues aux partenaires, on les perd.",
                    ("mandate", "power"),
                ),
                (
                    "On ne bâtit pas la confiance avec un nouveau projet. On bâtit un projet dans "
                    "une relation qui existe déjà.",
                    ("known",),
                ),
                (
                    "L'argent promis n'est jamais venu. Nous avons combiné trois sources de "
                    "financement, et les intervenants sont prêtés par les organismes membres.",
                    ("no_money", R),
                ),
                (
                    "Au début, c'était un choc. Les organismes communautaires avaient peur de "
                    "perdre leur identité à côté des grands établissements publics.",
                    ("shock",),
                ),
                (
                    "Le comité directeur décide ensemble; personne ne tranche seul. C'est ce "
                    "leadership partagé qui a tenu le projet.",
                    ("leader_shared", G),
                ),
                (
                    "Il faut que chacun accepte de mettre les objectifs communs avant ceux de son "
                    "organisme.",
                    (T,),
                ),
            ],
            "La confiance précède le projet: à comparer avec le mandat norvégien.",
        ),
        (
            SourceKind.OBSERVATION,
            "Observation notes: steering committee of the family network",
            [
                (
                    "Managers of five partner organisations around the table; the service "
                    "agreement is on the agenda, still not signed by every partner.",
                    (G,),
                ),
                (
                    "The round table's advice is read out, but the committee notes that it has "
                    "no say over the budget.",
                    (R,),
                ),
                (
                    "A clinician-manager presents the intervention model; the others defer to her "
                    "experience from the field.",
                    ("leader_driver", C),
                ),
                (
                    "Partners joke about old disputes over referrals; the tone is warm and open.",
                    (T,),
                ),
                (
                    "Each decision is taken by consensus before the meeting moves on.",
                    (L,),
                ),
                (
                    "The community organisation asks how its own way of working will be kept when "
                    "staff are seconded to the joint team.",
                    (C,),
                ),
            ],
            "",
        ),
    ],
}

MINUTES = (
    "Til stede: Magnus Moe (NAV Demovik (kommune)), Helga Hauge (Helse og velferd Demovik), "
    "Mette Mikkelsen (Barneverntjenesten i Demovik), Vilde Vik (Frivilligsentralen Demovik) og "
    "følgeforsker Rune Forsker.\n\n"
    "1. Tjenesteavtalen. Helga Hauge orienterte: avtalen er ennå ikke signert av alle. "
    "Barneverntjenesten i Demovik venter på svar fra sin ledelse.\n\n"
    "2. Økonomi. Tilskuddet fra Statsforvalteren dekker bare dette året. Magnus Moe foreslo at "
    "partene deler kostnaden for fagteamet etter antall familier.\n\n"
    "3. Samarbeid. Vilde Vik sa at frivilligsentralen føler seg godt tatt imot, men at "
    "språket i møtene er preget av de offentlige etatene.\n\n"
    "Neste møte: styringsgruppen samles igjen i januar. Spørsmål kan rettes til "
    "helga.hauge@demovik.example eller 912 34 567."
)
MINUTES_CODES: list[Passage] = [
    ("avtalen er ennå ikke signert av alle", (G,)),
    ("partene deler kostnaden for fagteamet etter antall familier", ("bargain",)),
    ("frivilligsentralen føler seg godt tatt imot", (T,)),
    ("språket i møtene er preget av de offentlige etatene", ("shock",)),
]


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
