"""This machine on the network: what settings and the join link need to know of it."""

import functools
import ipaddress
import socket

from django.conf import settings
from django.http import HttpRequest

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
ALL_INTERFACES = {"0.0.0.0", "::", "[::]"}
# A private address to aim a UDP socket at: connecting one sends nothing, and the address
# the system picks for it is the one on the local network.
PROBE_ADDRESS = ("10.255.255.255", 1)


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@functools.cache
def lan_address() -> str | None:
    """This machine's address on the local network, or None when it has none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(PROBE_ADDRESS)
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if is_loopback(address) or address == "0.0.0.0" else address


def request_address(request: HttpRequest) -> str:
    meta = request.META
    return client_address(meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR"), settings.PROXY_HOPS)


def scope_address(scope: dict) -> str:
    """A WebSocket handshake's (an ASGI scope's) address."""
    forwarded = dict(scope.get("headers", [])).get(b"x-forwarded-for")
    peer = (scope.get("client") or [None])[0]
    return client_address(peer, forwarded.decode("latin-1") if forwarded else None, settings.PROXY_HOPS)


def client_address(peer: str | None, forwarded_for: str | None, proxy_hops: int) -> str:
    """The address a request came from: the peer's, or, behind `proxy_hops` front doors of
    ours, the one the outermost of them saw. Each proxy appends the address it was
    reached from to X-Forwarded-For, so only that many entries from the right are ours
    to believe; whatever a client wrote before them is not."""
    if proxy_hops > 0 and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if len(hops) >= proxy_hops:
            return hops[-proxy_hops]
    return peer or "unknown"
