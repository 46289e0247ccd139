"""Template helpers of agreements for other apps' pages: the network page lists the
agreements the network works under with ``{% network_agreements network %}``, so that
networks need not know of agreements."""

from __future__ import annotations

from typing import Any

from django import template

from helhet.agreements.selectors import agreements_of_network
from helhet.networks.models import Network

register = template.Library()


@register.inclusion_tag("agreements/_network_agreements.html")
def network_agreements(network: Network) -> dict[str, Any]:
    return {"agreements": agreements_of_network(network.pk)}
