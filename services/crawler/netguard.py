"""Refuse non-public network targets: an explicit deny-list checked on every address connected to."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DENIED_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
        "::/128", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23",
        "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
)
LOOPBACK_NETWORKS = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


class BlockedAddress(OSError):
    """A request would connect to a non-public address."""


def _unwrap(ip: IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def address_allowed(address: str, allow_loopback: bool = False) -> bool:
    """True when `address` is public (or loopback and loopback is allowed)."""
    try:
        ip = _unwrap(ipaddress.ip_address(address.split("%", 1)[0]))
    except ValueError:
        return False
    if allow_loopback and any(ip in net for net in LOOPBACK_NETWORKS):
        return True
    return not any(ip.version == net.version and ip in net for net in DENIED_NETWORKS)


def check_address(address: str, allow_loopback: bool) -> None:
    """Raise BlockedAddress unless the address is allowed."""
    if not address_allowed(address, allow_loopback):
        raise BlockedAddress(f"address {address} is not public")


def literal_ip(host: str) -> str | None:
    """The host as an IP address string when it is an IP literal."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def guarded_socket_factory(loopback_ok: Callable[[], bool]) -> Callable[[Any], socket.socket]:
    """aiohttp socket_factory: refuses to create a socket for a denied address (the one connected to)."""

    def factory(addr_info: Any) -> socket.socket:
        family, type_, proto, _, sockaddr = addr_info
        check_address(str(sockaddr[0]), loopback_ok())
        return socket.socket(family, type_, proto)

    return factory


class GuardedResolver(AbstractResolver):
    """Resolves names, then drops every non-public address; raises when none is left."""

    def __init__(self, allow_loopback_hosts: set[str], allow_loopback: bool = False) -> None:
        self._inner = DefaultResolver()
        self._loopback_hosts = allow_loopback_hosts  # shared with the client, grows as sources register
        self._allow_loopback = allow_loopback

    async def resolve(self, host: str, port: int = 0, family: Any = socket.AF_INET) -> list[ResolveResult]:
        """Resolve and filter."""
        results = await self._inner.resolve(host, port, family)
        loop_ok = self._allow_loopback or host.lower() in self._loopback_hosts
        kept = [r for r in results if address_allowed(r["host"], loop_ok)]
        if not kept:
            raise BlockedAddress(f"{host} resolves only to non-public addresses {[r['host'] for r in results]}")
        return kept

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()
