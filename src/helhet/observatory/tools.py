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
