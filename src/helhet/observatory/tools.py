"""The observatory's tools, as listed on its landing page.

Each observatory app adds one entry here: the name of its starting page, a title and a line
on what it is for. An entry whose page does not exist (yet) is not shown, so the list can
name a tool before its app is wired in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tool:
    url_name: str
    title: str | Promise
    description: str | Promise


TOOLS: tuple[Tool, ...] = (
    Tool(
        "web:observatory_coordination",
        _("Who coordinates volunteer activities"),
        _(
            "Shares of activities coordinated by the municipality, the voluntary organisation, "
            "both or others, statutory against non-statutory, with BCa bootstrap intervals. "
            "From a survey file or from the volunteering module."
        ),
    ),
    Tool(
        "web:survey_home",
        _("Collaboration health surveys"),
        _(
            "Questionnaires on the five constructs answered by network members through a "
            "personal link; scores with intervals, bands, comparisons over time and between "
            "networks."
        ),
    ),
    Tool(
        "web:relations_index",
        _("Relationship networks"),
        _(
            "Members rate each other on trust and value: density, centralization, "
            "reciprocity, a network map, and the stated network against the one referrals "
            "and meetings show."
        ),
    ),
    Tool(
        "web:registry_list",
        _("Network registry"),
        _("Each network's information form: search and compare networks."),
    ),
    Tool(
        "web:qualitative_project_list",
        _("Qualitative coding"),
        _(
            "Interviews, observation notes, documents and pseudonymised minutes coded with the "
            "five constructs; retrieval, co-occurrence and export to REFI-QDA."
        ),
    ),
    Tool(
        "web:synthesis_list",
        _("Cross-site synthesis"),
        _(
            "Meta-ethnography in seven steps: a translation matrix of constructs by site, "
            "third-order notes and a report."
        ),
    ),
)


@dataclass(frozen=True)
class ListedTool:
    tool: Tool
    url: str


def available_tools(tools: tuple[Tool, ...] = TOOLS) -> list[ListedTool]:
    listed = []
    for tool in tools:
        try:
            listed.append(ListedTool(tool, reverse(tool.url_name)))
        except NoReverseMatch:
            continue
    return listed
