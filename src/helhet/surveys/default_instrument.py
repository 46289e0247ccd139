"""The default collaboration health instrument shipped with Helhet.

Statements on the five constructs of the analytical grid (DOMAIN.md), written for Helhet from
what the constructs cover: who decides and how (governance and power relations), whether the
parties rely on each other and gain from taking part (mutuality and trust), time, staff and
money and how fairly they are shared (resource management), understanding across agencies'
mandates and professions (organisational culture), and someone driving the work, with room
given by each organisation (leadership). Negatively worded statements are reverse-coded, so
agreeing with them lowers the score; they keep respondents reading rather than ticking one
column.

A researcher copies it into their municipality (``services.instrument_create_default``) and
edits the copy.
"""

from __future__ import annotations

from typing import NamedTuple

from helhet.observatory.constructs import Construct

NAME = "Samarbeidshelse – fem dimensjoner"
DESCRIPTION = (
    "Standardutgaven i Helhet: 23 påstander om styring og makt, gjensidighet og tillit, "
    "ressurser, organisasjonskultur og ledelse. Svar på en skala fra 1 (helt uenig) til 5 "
    "(helt enig). / Helhet's default edition: 23 statements on governance and power, mutuality "
    "and trust, resources, organisational culture and leadership, answered from 1 (strongly "
    "disagree) to 5 (strongly agree)."
)


class DefaultItem(NamedTuple):
    construct: Construct
    text_nb: str
    text_en: str
    reverse: bool = False


ITEMS: tuple[DefaultItem, ...] = (
    DefaultItem(
        Construct.GOVERNANCE,
        "Det er tydelig hvem i samarbeidet som har ansvar for hva.",
        "It is clear who in the collaboration is responsible for what.",
    ),
    DefaultItem(
        Construct.GOVERNANCE,
        "Vi har en skriftlig avtale som beskriver mål, roller og arbeidsdeling.",
        "We have a written agreement that sets out goals, roles and the division of work.",
    ),
    DefaultItem(
        Construct.GOVERNANCE,
        "Beslutninger i samarbeidet tas i fellesskap, ikke av én part alene.",
        "Decisions in the collaboration are made together, not by one party alone.",
    ),
    DefaultItem(
        Construct.GOVERNANCE,
        "I praksis er det den største etaten som bestemmer hva samarbeidet prioriterer.",
        "In practice, the largest agency decides what the collaboration gives priority to.",
        reverse=True,
    ),
    DefaultItem(
        Construct.GOVERNANCE,
        "Når vi er uenige, vet vi hvordan uenigheten skal løses.",
        "When we disagree, we know how the disagreement is to be settled.",
    ),
    DefaultItem(
        Construct.TRUST,
        "Jeg stoler på at de andre partene gjør det de har lovet.",
        "I rely on the other parties to do what they have promised.",
    ),
    DefaultItem(
        Construct.TRUST,
        "Vi kan ta opp problemer åpent uten at det skader samarbeidet.",
        "We can raise problems openly without harming the collaboration.",
    ),
    DefaultItem(
        Construct.TRUST,
        "Noen av partene møter jeg med mistro.",
        "There are parties I meet with suspicion.",
        reverse=True,
    ),
    DefaultItem(
        Construct.TRUST,
        "Alle parter får noe igjen for å delta i samarbeidet.",
        "Every party gets something back for taking part in the collaboration.",
    ),
    DefaultItem(
        Construct.TRUST,
        "Henvendelser til de andre partene blir ofte liggende ubesvart.",
        "Messages to the other parties are often left unanswered.",
        reverse=True,
    ),
    DefaultItem(
        Construct.RESOURCES,
        "Samarbeidet har nok tid og folk til å gjøre det vi har avtalt.",
        "The collaboration has enough time and people to do what we have agreed.",
    ),
    DefaultItem(
        Construct.RESOURCES,
        "Utgiftene i felles saker fordeles på en måte jeg opplever som rettferdig.",
        "Costs in joint cases are shared in a way I find fair.",
    ),
    DefaultItem(
        Construct.RESOURCES,
        "Mye av møtetiden går med til å forhandle om hvem som skal betale.",
        "Much of our meeting time goes on bargaining over who is to pay.",
        reverse=True,
    ),
    DefaultItem(
        Construct.RESOURCES,
        "Vi vet hvilke midler samarbeidet har, og hvor de kommer fra.",
        "We know what funds the collaboration has and where they come from.",
    ),
    DefaultItem(
        Construct.RESOURCES,
        "Min virksomhet bærer en større del av byrden enn de andre.",
        "My organisation carries a larger share of the load than the others.",
        reverse=True,
    ),
    DefaultItem(
        Construct.CULTURE,
        "Jeg forstår hvordan de andre etatene jobber og hvilke regler de må følge.",
        "I understand how the other agencies work and which rules bind them.",
    ),
    DefaultItem(
        Construct.CULTURE,
        "Vi har en felles forståelse av hva som er best for familiene vi følger opp.",
        "We share an understanding of what is best for the families we follow up.",
    ),
    DefaultItem(
        Construct.CULTURE,
        "Ulike faglige ståsteder gjør det vanskelig å bli enige om tiltak.",
        "Different professional standpoints make it hard to agree on measures.",
        reverse=True,
    ),
    DefaultItem(
        Construct.CULTURE,
        "Vi tenker ut over vår egen etat når vi planlegger tiltak.",
        "We look beyond our own agency when we plan measures.",
    ),
    DefaultItem(
        Construct.LEADERSHIP,
        "Noen tar ansvar for å drive samarbeidet framover.",
        "Someone takes it upon themselves to move the collaboration forward.",
    ),
    DefaultItem(
        Construct.LEADERSHIP,
        "Ledelsen i min virksomhet gir meg tid og rom til å delta i samarbeidet.",
        "The management of my organisation gives me time and room to take part.",
    ),
    DefaultItem(
        Construct.LEADERSHIP,
        "Ledelsen av samarbeidet er delt mellom partene.",
        "Leading the collaboration is shared between the parties.",
    ),
    DefaultItem(
        Construct.LEADERSHIP,
        "Det er uklart hvem som kaller inn til møter og følger opp avtaler.",
        "It is unclear who calls meetings and follows up what was agreed.",
        reverse=True,
    ),
)
