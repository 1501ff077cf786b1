"""Behind a trusted reverse proxy, the receipt limit counts each client, not the proxy."""

from django.test import RequestFactory

from commonweal.conduct.http import client_address


def test_the_client_address_comes_from_a_trusted_proxy_only(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7"
    )
    settings.TRUSTED_PROXIES = frozenset()
    assert client_address(request) == "127.0.0.1"  # an untrusted sender's header is ignored
    settings.TRUSTED_PROXIES = frozenset({"127.0.0.1"})
    # The last hop is the one the proxy saw; the first was the client's to write.
    assert client_address(request) == "203.0.113.7"
