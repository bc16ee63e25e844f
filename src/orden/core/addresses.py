"""The client's address behind reverse proxies, for the login lock-out (django-axes) and the API's rate limits."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple:
    # "*" as in gunicorn's forwarded_allow_ips (the default source of the list): every peer.
    entries = [entry for item in trusted for entry in (("0.0.0.0/0", "::/0") if item == "*" else (item,))]
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def is_trusted_proxy(address: str | None) -> bool:
    """Whether ``address`` is one of ``ORDEN_TRUSTED_PROXIES`` (addresses or networks)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.ORDEN_TRUSTED_PROXIES)))


def client_address(request) -> str | None:
    """``REMOTE_ADDR``, or, when that is a trusted proxy (``ORDEN_TRUSTED_PROXIES``) behind which there are
    ``ORDEN_PROXY_COUNT`` proxies, the address the outermost of them saw: the entry that many places from the
    right of ``X-Forwarded-For`` (each proxy appends the address it saw; the entries further left are the
    client's own claims). From any other peer the header is the client's claim, never believed."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.ORDEN_PROXY_COUNT
    if not proxies or not is_trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-min(proxies, len(forwarded))] if forwarded else remote


class ClientAddressRateThrottle(UserRateThrottle):
    """DRF's per-user rate limit, counting requests without a user by ``client_address`` (DRF's own
    ``NUM_PROXIES`` would believe X-Forwarded-For from any peer)."""

    def get_ident(self, request):
        return client_address(request)
