import pytest

from tests.portal.idp import idp, idp_servers  # noqa: F401 - fixtures for these tests


@pytest.fixture
def client(client):  # type: ignore[no-untyped-def]
    """Pages in English: the tests read English msgids, whatever bokmål is compiled."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
