"""Which address a browser connects from, when a reverse proxy stands in front of the server.

Behind a proxy every connection comes from the proxy's address, so the login throttle's count per
client address (plantrack.auth) would hold every user together. The proxy names the client in
`X-Forwarded-For`, but anyone can send that header: it is believed only from a proxy listed in
PLANTRACK_TRUSTED_PROXIES (addresses or CIDR networks, comma-separated; empty, the default,
believes no one). Each proxy appends the address it received the request from, so the client is
the right-most address that is not a trusted proxy: what a client writes into the header itself
stands to the left of that and is never reached.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable, Mapping

TRUSTED_PROXIES_ENV = "PLANTRACK_TRUSTED_PROXIES"
# Streamlit gives no address for a connection from this machine (127.0.0.1 or ::1, it does not say).
LOOPBACK = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(environ: Mapping[str, str] | None = None) -> tuple[Network, ...]:
    """The networks PLANTRACK_TRUSTED_PROXIES names; a value that is not an address raises ValueError."""
    environ = os.environ if environ is None else environ
    networks = []
    for item in environ.get(TRUSTED_PROXIES_ENV, "").split(","):
        if not item.strip():
            continue
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"{TRUSTED_PROXIES_ENV}: {item.strip()!r} is not an address or network (e.g. 10.0.0.5, 10.0.0.0/24, ::1)"
            ) from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as a proxy writes it: bare, `1.2.3.4:5678` or `[2001:db8::1]:5678`; None if it is not one."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == n.version and address in n for n in networks)


def client_address(peer: str | None, forwarded_for: Iterable[str], networks: tuple[Network, ...]) -> str | None:
    """The client's address: the connection's own (`peer`, None for this machine) unless it is a
    trusted proxy, then the right-most address of `X-Forwarded-For` (every header of that name, in
    order) that is not a trusted proxy.

    If every address in the header is a trusted proxy, the left-most is the client. An entry that is
    not an address stops the walk: the proxy that wrote it is taken for the client, not the text."""
    if not networks:
        return peer
    nearest = _address(peer) if peer is not None else None
    if nearest is None and peer is not None:
        return peer
    if nearest is None:
        if not any(_trusted(a, networks) for a in LOOPBACK):
            return peer
    elif not _trusted(nearest, networks):
        return peer
    hops = [hop for header in forwarded_for for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return peer if nearest is None else str(nearest)
        if not _trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest) if nearest is not None else peer


def check_server(environ: Mapping[str, str] | None = None) -> str | None:
    """At the server's start: a bad PLANTRACK_TRUSTED_PROXIES raises ValueError (the start stops with
    its sentence); returns a warning for the log when uvicorn, which serves Streamlit, will itself
    believe X-Forwarded-For from 127.0.0.1 and ::1. It reads FORWARDED_ALLOW_IPS before it imports
    the app, so only the server's environment can switch that off (`make run` and the README's
    unit set it empty)."""
    environ = os.environ if environ is None else environ
    trusted_proxies(environ)
    if environ.get("FORWARDED_ALLOW_IPS") is None:
        return (
            "FORWARDED_ALLOW_IPS is not set: uvicorn believes X-Forwarded-For from 127.0.0.1 and ::1 "
            f"whatever {TRUSTED_PROXIES_ENV} says; start the server with FORWARDED_ALLOW_IPS= (empty)"
        )
    return None
