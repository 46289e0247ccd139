from tests.portal.idp import idp, idp_servers  # noqa: F401 - fixtures for these tests
