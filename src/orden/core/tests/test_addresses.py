"""Behind a reverse proxy every request comes from the proxy's address: with ORDEN_PROXY_COUNT the login
lock-out (django-axes) and the API's rate limits count by the address the proxy saw, so one client's failures
lock out that client, not every user of the same name behind the proxy; X-Forwarded-For is believed only
from ORDEN_TRUSTED_PROXIES."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIRequestFactory

from orden.core.addresses import client_address

PASSWORD = "Riktig-hest-batteri-42"


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user(username="kari", email="kari@example.org", password=PASSWORD)


def login(client, password, address):
    # What nginx sends (deploy/nginx.conf): REMOTE_ADDR is nginx, X-Forwarded-For the client it saw.
    return client.post(
        reverse("login"),
        {"username": "kari", "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def lock_out(client, settings, address):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong-password", address)
    assert login(client, PASSWORD, address).status_code == 429


@pytest.mark.django_db
def test_behind_the_proxy_a_lock_out_is_for_the_address_that_failed(client, member, settings):
    settings.ORDEN_PROXY_COUNT = 1
    lock_out(client, settings, "203.0.113.7")
    assert login(client, PASSWORD, "198.51.100.20").status_code == 302


@pytest.mark.django_db
def test_without_the_setting_everyone_behind_the_proxy_is_locked_out(client, member, settings):
    settings.ORDEN_PROXY_COUNT = 0
    lock_out(client, settings, "203.0.113.7")
    assert login(client, PASSWORD, "198.51.100.20").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.2"),  # no proxy configured: the header is the client's claim
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a client-sent value left of what the proxy appended
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (1, "", "10.0.0.2"),
    ],
)
def test_the_client_address(settings, proxies, forwarded, expected):
    settings.ORDEN_PROXY_COUNT = proxies
    settings.ORDEN_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.parametrize("remote", ["10.0.1.2", "2001:db8::5", "not an address", ""])
def test_a_peer_that_is_no_trusted_proxy_is_not_believed(settings, remote):
    """A client reaching the application server directly (or through another path) sends what it likes."""
    settings.ORDEN_PROXY_COUNT = 1
    settings.ORDEN_TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_address(request) == remote


def test_a_trusted_ipv6_proxy(settings):
    settings.ORDEN_PROXY_COUNT = 1
    settings.ORDEN_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    request = RequestFactory().get("/", REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR="2001:db8::7")
    assert client_address(request) == "2001:db8::7"


@pytest.mark.django_db
def test_a_lock_out_from_an_untrusted_peer_counts_its_own_address(client, member, settings):
    """A client that reaches the server directly cannot spread its failures over invented addresses."""
    settings.ORDEN_PROXY_COUNT = 1
    settings.ORDEN_TRUSTED_PROXIES = ["10.0.0.1"]  # nginx elsewhere; the test client's 127.0.0.1 is not it
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong-password", f"203.0.113.{number}")
    assert login(client, PASSWORD, "198.51.100.20").status_code == 429


@pytest.mark.parametrize(("remote", "expected"), [("127.0.0.1", "203.0.113.7"), ("198.51.100.9", "198.51.100.9")])
def test_the_api_rate_limit_counts_by_the_same_address(settings, remote, expected):
    """The API's throttle (the configured one, not DRF's NUM_PROXIES) identifies requests without a user by
    client_address."""
    settings.ORDEN_PROXY_COUNT = 1
    settings.ORDEN_TRUSTED_PROXIES = ["127.0.0.1"]
    (throttle_class,) = api_settings.DEFAULT_THROTTLE_CLASSES
    request = Request(APIRequestFactory().get("/api/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"))
    assert throttle_class().get_ident(request) == expected
