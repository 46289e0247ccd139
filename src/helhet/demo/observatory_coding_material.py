"""The material of the demo coding project (``observatory_coding``): its three sites, the
construct codes' and sub-codes' names, and each site's interview and observation texts with
the passages coded in them, plus the minutes of one network meeting.

Written for the demo in the spirit of what seed 000 reports about each setting (mandate,
trust, resources, culture, leadership), in our own words, about no real person.
"""

from __future__ import annotations

from helhet.observatory.constructs import Construct
from helhet.qualitative.models import SourceKind

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
