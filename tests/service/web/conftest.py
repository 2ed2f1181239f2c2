"""The web page's in-process tests share the API tests' indexed data folder and clients."""

from tests.service.api.conftest import client, empty_client, indexed_data, writable_client  # noqa: F401 - fixtures
