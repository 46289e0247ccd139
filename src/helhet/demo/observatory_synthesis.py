"""Demo: a meta-ethnographic synthesis across the Norwegian and Québec sites.

It builds on the coding project "Samarbeid i Norge og Québec" (``observatory_coding``, which
must run first): its three sites become the columns of the translation matrix, every
construct × site cell gets a second-order interpretation (our own words, grounded in what
seed 000 reports about the OSK team, the Action teams and the Québec networks) linked to
the segments coded under that construct in that site, third-order notes express the
synthesis, and the seven steps are worked through: six done, the last in progress. Completion
times are fixed, so the dataset is the same every time; loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from helhet.demo.collaboration import actor_of
from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Project, Site
from helhet.synthesis import coded
from helhet.synthesis.models import Step, StepStatus, SynthesisProject, TranslationKind
from helhet.synthesis.services.matrix import cell_save, cell_segments_link
from helhet.synthesis.services.notes import note_add
from helhet.synthesis.services.projects import study_add, synthesis_create
from helhet.synthesis.services.steps import step_save
from helhet.tenancy.models import Organisation

OSLO = ZoneInfo("Europe/Oslo")
CODING_PROJECT = "Samarbeid i Norge og Québec"
TITLE = "Metaetnografi: samarbeid i Norge og Québec"
OSK, ACTION, QUEBEC = "Norge: OSK-teamet", "Norge: Aksjonsteam", "Québec: CSSS-nettverk"
SITES = (OSK, ACTION, QUEBEC)

G, T, R, C, L = (
    Construct.GOVERNANCE.value,
    Construct.TRUST.value,
    Construct.RESOURCES.value,
    Construct.CULTURE.value,
    Construct.LEADERSHIP.value,
)

QUESTION = (
    "Skyldes problemene i samarbeidet mellom etater først og fremst regelverket som pålegger "
    "samarbeidet, eller samspillet mellom partene – og hvordan virker mandat, tillit, "
    "ressurser, kultur og ledelse sammen i pålagte og mer frivillige nettverk?"
)
DESCRIPTION = (
    "Syntese av tre steder kodet i Helhet: OSK-teamet og et aksjonsteam i Norge, og et "
    "CSSS-ledet nettverk i Québec. Analysert med de fem konstruktene som felles rutenett."
)

# Second-order interpretations: (site, construct) → text.
INTERPRETATIONS: dict[tuple[str, str], str] = {
    (OSK, G): (
        "Teamet er pålagt ovenfra gjennom avtalen mellom kommunen og NAV, med fast "
        "sammensetning, men uten et felles organ som kan fatte beslutninger: planen lages i "
        "fellesskap, tiltakene leveres av hver etat for seg. NAVs prioriteringer bestemmes av "
        "egen linjeledelse og går ofte foran det teamet blir enig om lokalt; maktforskjellen "
        "er merkbar i møtene."
    ),
    (OSK, T): (
        "Tilliten er ujevn og skifter med sakene og med hvem som sitter rundt bordet. "
        "Kommunale parter møter NAV med en viss skepsis. Likevel holdes teamet sammen av at "
        "partene trenger hverandre: det de lærer om hverandres tiltak gir flere muligheter, "
        "også der tilliten er lav."
    ),
    (OSK, R): (
        "Å starte teamet kostet lite ut over arbeidstid, men driften blir en forhandling om "
        "hvem som skal betale – tydeligst når en ungdom går fra barnevernet til voksne "
        "tjenester ved 18 år. Ulik tilgang på ressurser skaper gnisninger, og enkelte spør om "
        "møtetiden lønner seg."
    ),
    (OSK, C): (
        "Arbeidslinja og barnets beste møtes i samme rom. Ulik fagbakgrunn og lovverk blir "
        "oftere sett som en styrke enn som et hinder, men det tar tid å oppdage at man mener "
        "noe av det samme, og mange kolleger lar være å bruke teamet."
    ),
    (OSK, L): (
        "Ingen har formell ledelse: lederne fra hver etat møtes som likeverdige. Den ledelsen "
        "som finnes er uformell og ligger hos den som kaller inn, oppsummerer og fordeler "
        "oppgavene."
    ),
    (ACTION, G): (
        "Aksjonsteamene er også bestilt, men har tatt med flere parter enn det mandatet krever, "
        "blant dem frivillige og private tjenester. Terskelen er lav: en sak avvises ikke fordi "
        "den hører til en annen etat, den løses i møtet."
    ),
    (ACTION, T): (
        "God kjemi og kjennskap fra tidligere gjør at medlemmene tar kontakt med hverandre "
        "mellom møtene. Den felles målgruppen holder teamet samlet; svakheten er at parter kan "
        "falle fra uten at noen tar det opp."
    ),
    (ACTION, R): (
        "Ressurser er sjelden et tema: beslutningene er små og praktiske, og ingen fører "
        "regnskap i møtene. Behov løses gjerne ved at en av partene stiller med noe, uten at "
        "saken må opp i linjen."
    ),
    (ACTION, C): (
        "Kulturforskjeller betyr lite når målet er konkret og delt – de samme ungdommene – og "
        "møtet handler om hva som kan gjøres neste uke."
    ),
    (ACTION, L): (
        "Uten formell leder er en engasjert pådriver avgjørende for at teamet holdes i gang; "
        "ordstyringen deles mellom de mest aktive medlemmene."
    ),
    (QUEBEC, G): (
        "CSSS fikk mandatet, men det var åpent formulert og ble fylt gjennom forhandling: en "
        "styringsgruppe av ledere fra partnerne, et rådgivende lokalt bord, et praksisteam og "
        "en tjenesteavtale om mål, ansvar og tjenesteveier. Makt omtales lite, men delt "
        "styring er bygget inn i ordningen."
    ),
    (QUEBEC, T): (
        "Tilliten fantes før nettverket og er grunnmuren det bygges på. Partene ventes å sette "
        "de felles målene foran sin egen organisasjon; uten slik gjensidighet ville nettverket "
        "neppe fungert."
    ),
    (QUEBEC, R): (
        "De lovede midlene kom aldri. Driften hviler på flere finansieringskilder samtidig og "
        "på fagfolk som lånes ut fra medlemmene; usikker finansiering er en stadig bekymring."
    ),
    (QUEBEC, C): (
        "Møtet mellom offentlige institusjoner og ideelle organisasjoner var et kultursjokk i "
        "starten, med frykt for å miste egen identitet. En felles intervensjonsmodell, "
        "veiledning og faste møter i styringsgruppen har gradvis jevnet ut forskjellene."
    ),
    (QUEBEC, L): (
        "Delt ledelse, der beslutningene tas i konsensus, går sammen med en klinisk leder som "
        "gir modellen faglig legitimitet og får partnerne med."
    ),
}

# Third-order notes: (construct or "" for the whole, kind, title, text).
NOTES: list[tuple[str, str, str, str]] = [
    (
        "",
        TranslationKind.LINES_OF_ARGUMENT,
        "Mandat og samarbeidsevne",
        "Et mandat kan sette et samarbeid i gang, men det bærer bare der det møter en evne "
        "til samarbeid som finnes fra før eller bygges underveis. I Québec ble et åpent "
        "mandat fylt av etablerte relasjoner og regler partene forhandlet fram selv; i Norge "
        "ville teamene knapt ha eksistert uten mandatet, men det presise mandatet gjorde lite "
        "for tilliten. Hvilke egenskaper som teller mest, avhenger av nettverkets mål og "
        "omfang – ikke av en fast liste med suksessfaktorer.",
    ),
    (
        T,
        TranslationKind.REFUTATIONAL,
        "Tillit er ikke alltid en forutsetning",
        "I Québec er tillit en betingelse for å starte; i OSK-teamet fungerer samarbeidet også "
        "med lav tillit, fordi hver etat når sine egne mål bedre sammen med de andre. Funnene "
        "motsier hverandre: det norske teamet holdes sammen av at partene utfyller hverandre, "
        "ikke av tillit.",
    ),
    (
        C,
        TranslationKind.RECIPROCAL,
        "",
        "Kulturforskjeller koster mest når nye tjenester skal skapes i tette team (Québec) og "
        "minst når samarbeidet er praktisk og rettet mot en felles målgruppe (aksjonsteamene). "
        "OSK-teamet ligger imellom: forskjellene er der, men blir brukt som en ressurs.",
    ),
    (
        R,
        TranslationKind.RECIPROCAL,
        "",
        "Ingen av stedene fikk egne midler. Der mye står på spill – OSK-teamet og Québec – "
        "blir ressurser en kilde til forhandling og usikkerhet; der beslutningene er små og "
        "praktiske, som i aksjonsteamene, blir problemet nesten borte.",
    ),
    (
        L,
        TranslationKind.LINES_OF_ARGUMENT,
        "",
        "Formell ledelse mangler i Norge og er delt i Québec, men alle steder trengs noen som "
        "tar ansvar for framdriften: en uformell pådriver eller en klinisk leder med "
        "legitimitet i feltet.",
    ),
]

# Step notes, and when each step was completed (the last stays in progress).
STEP_NOTES: dict[int, str] = {
    1: (
        "Spørsmålet gjelder om samarbeidsproblemene skyldes regelverket eller samspillet "
        "mellom partene. Materialet er kartlagt: intervjuer og observasjoner fra OSK-teamet, "
        "et aksjonsteam og et CSSS-ledet nettverk, pluss et pseudonymisert møtereferat."
    ),
    2: (
        "Tre steder tas med: to norske team, ett pålagt og ett mer horisontalt, og ett "
        "nettverk i Québec. Materiale som ikke sier noe om hvordan samarbeidet drives, er "
        "holdt utenfor."
    ),
    3: (
        "Alle kilder er lest to ganger. Begreper som går igjen: mandat ovenfra, mulighetsrom, "
        "kjemi, tjenesteavtale, kultursjokk, pådriver."
    ),
    4: (
        "Rutenettet er de fem konstruktene. Kodeboken har én kode per konstrukt og underkoder "
        "som mistillit, ulik makt, forhandling om betaling og uformell pådriver."
    ),
    5: (
        "Alle tre steder er kodet med samme kodebok; hver konstrukt har minst to kodede "
        "segmenter på hvert sted."
    ),
    6: (
        "Matrisen er fylt for alle konstrukter og steder, og hver tolkning er koblet til "
        "segmentene som bærer den."
    ),
    7: (
        "Tredjeordens notater er skrevet, med en overordnet argumentasjonslinje og en "
        "motsigelse om tillit. Rapporten er sendt til gjennomlesning i forskergruppen."
    ),
}
COMPLETED: dict[int, datetime] = {
    n: datetime(2026, 11, 9 + n, 14, 0, tzinfo=OSLO) for n in range(1, 7)
}


class CodingProjectMissing(LookupError):
    """The synthesis builds on the coding project, which another loader makes first."""


def _coding_project(municipality_id: int) -> tuple[Project, dict[str, Site]]:
    project = (
        Project.objects.filter(municipality_id=municipality_id, title=CODING_PROJECT)
        .order_by("id")
        .first()
    )
    if project is None:
        raise CodingProjectMissing(
            f"The coding project {CODING_PROJECT!r} is missing: load_coding_project "
            "(helhet.demo.observatory_coding) must run before load_synthesis."
        )
    sites = {s.name: s for s in Site.objects.filter(project=project, name__in=SITES)}
    missing = [name for name in SITES if name not in sites]
    if missing:
        raise CodingProjectMissing(
            f"The coding project {CODING_PROJECT!r} lacks the sites {', '.join(missing)}: "
            "load_coding_project must create them before load_synthesis runs."
        )
    return project, sites


def load_synthesis(orgs: dict[str, Organisation], say: Callable[[str], object]) -> None:
    researcher = actor_of("researcher")
    municipality_id = researcher.municipality_id
    if SynthesisProject.objects.filter(municipality_id=municipality_id, title=TITLE).exists():
        say("The synthesis project is there already; nothing to do.")
        return
    project, sites = _coding_project(municipality_id)
    say("A synthesis across Norway and Québec (meta-ethnography) …")
    synthesis = synthesis_create(
        actor=researcher,
        title=TITLE,
        question=QUESTION,
        description=DESCRIPTION,
        coding_project_ids=[project.pk],
    )
    sid = synthesis.pk

    def step(number: int, status: str) -> None:
        step_save(
            actor=researcher,
            synthesis_id=sid,
            number=number,
            status=status,
            notes=STEP_NOTES[number],
        )

    step(1, StepStatus.DONE)
    studies = {
        name: study_add(actor=researcher, synthesis_id=sid, site_id=sites[name].pk)
        for name in SITES
    }
    for number in (2, 3, 4, 5):
        step(number, StepStatus.DONE)
    say("  The translation matrix: 5 constructs × 3 sites …")
    linked = 0
    for (site_name, construct), text in INTERPRETATIONS.items():
        study = studies[site_name]
        cell_save(
            actor=researcher,
            synthesis_id=sid,
            study_id=study.pk,
            construct=construct,
            interpretation=text,
        )
        segment_ids = [s.pk for s in coded.segments_coded_under(sites[site_name], construct)]
        if segment_ids:
            cell_segments_link(
                actor=researcher,
                synthesis_id=sid,
                study_id=study.pk,
                construct=construct,
                segment_ids=segment_ids,
            )
            linked += len(segment_ids)
    say(f"  {linked} coded segments linked to the matrix.")
    step(6, StepStatus.DONE)
    for construct, kind, title, text in NOTES:
        note_add(
            actor=researcher,
            synthesis_id=sid,
            construct=construct,
            kind=kind,
            title=title,
            text=text,
        )
    step(7, StepStatus.IN_PROGRESS)
    # Fixed completion times: the demo reads the same whenever it is loaded.
    for number, at in COMPLETED.items():
        Step.objects.filter(synthesis_id=sid, number=number).update(completed_at=at)
