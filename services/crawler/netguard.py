"""Refuse non-public network targets: one address decision per connection, made the way the client reads hosts.

Hosts are normalised with yarl, the URL library aiohttp itself uses (Unicode digits and full stops,
IDNA), then numeric IPv4 forms that getaddrinfo accepts (decimal, octal, hex, short) are read as
addresses. The last check runs when a socket is created, on the address actually connected to, under
the `AddressPolicy` of the source that made the request: loopback only for that source's own hosts.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

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


def _ip(address: str) -> IPAddress | None:
    try:
        return _unwrap(ipaddress.ip_address(address.split("%", 1)[0]))
    except ValueError:
        return None


def _is_loopback(ip: IPAddress) -> bool:
    return any(ip.version == net.version and ip in net for net in LOOPBACK_NETWORKS)


def address_allowed(address: str, allow_loopback: bool = False) -> bool:
    """True when `address` is public (or loopback and loopback is allowed)."""
    ip = _ip(address)
    if ip is None:
        return False
    if allow_loopback and _is_loopback(ip):
        return True
    return not any(ip.version == net.version and ip in net for net in DENIED_NETWORKS)


def check_address(address: str, allow_loopback: bool) -> None:
    """Raise BlockedAddress unless the address is allowed."""
    if not address_allowed(address, allow_loopback):
        raise BlockedAddress(f"address {address} is not public")


def _ipv4_part(label: str) -> int | None:
    """One label of a numeric IPv4 host as inet_aton reads it: 0x hex, leading-zero octal or decimal."""
    try:
        if label[:2].lower() == "0x":
            return int(label[2:] or "0", 16)
        if len(label) > 1 and label.startswith("0"):
            return int(label[1:], 8)
        return int(label, 10) if label.isascii() and label.isdigit() else None
    except ValueError:
        return None


def numeric_ipv4(host: str) -> str | None:
    """The address of a numeric IPv4 host in any form getaddrinfo accepts ('2130706433', '0x7f.1', '0177.0.0.1')."""
    labels = host.split(".")
    if not 1 <= len(labels) <= 4 or not all(labels):
        return None
    parts = [_ipv4_part(label) for label in labels]
    if any(p is None for p in parts):
        return None
    *head, last = [p for p in parts if p is not None]
    if any(p > 255 for p in head) or last >= 256 ** (5 - len(labels)):
        return None
    value = last
    for index, part in enumerate(head):
        value += part << (8 * (3 - index))
    return str(ipaddress.IPv4Address(value))


def normalize_host(host: str) -> str:
    """A host as the client connects to it: yarl's IDNA/Unicode form, lower case, no trailing dot, IPs canonical."""
    raw = (URL.build(scheme="http", host=host.strip("[]")).raw_host or "") if host else ""
    name = raw.lower().rstrip(".")
    ip = _ip(name)
    if ip is not None:
        return str(ip)
    return numeric_ipv4(name) or name


def url_host(url: str) -> str | None:
    """The normalised host of an http(s) URL as aiohttp will read it, or None when it is not one."""
    try:
        parsed = URL(url)
    except (ValueError, TypeError, UnicodeError):
        return None
    if parsed.scheme not in ("http", "https") or not parsed.raw_host:
        return None
    return normalize_host(parsed.raw_host)


def literal_ip(host: str) -> str | None:
    """The host as an IP address string when the client would treat it as one (after normalisation)."""
    try:
        normal = normalize_host(host)
    except (ValueError, UnicodeError):
        return None
    return normal if _ip(normal) is not None else None


@dataclass
class AddressPolicy:
    """What one connection pool may reach: public addresses, plus loopback for its own hosts only."""

    loopback_hosts: frozenset[str] = frozenset()
    allow_all_loopback: bool = False
    loopback_addresses: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.loopback_hosts = frozenset(normalize_host(h) for h in self.loopback_hosts if h)
        self.loopback_addresses |= {h for h in self.loopback_hosts if _ip(h) is not None}

    def host_may_use_loopback(self, host: str) -> bool:
        """Whether `host` (any spelling) is one of the policy's own loopback hosts."""
        return self.allow_all_loopback or normalize_host(host) in self.loopback_hosts

    def check_target(self, host: str) -> None:
        """Before any connect: refuse a host that is a denied IP literal in any spelling."""
        ip = literal_ip(host)
        if ip is not None:
            check_address(ip, self.host_may_use_loopback(ip))

    def admit_resolved(self, host: str, addresses: list[str]) -> list[str]:
        """The resolved addresses this policy allows for `host`; loopback ones are remembered for the connect check."""
        loop_ok = self.host_may_use_loopback(host)
        kept = [a for a in addresses if address_allowed(a, loop_ok)]
        self.loopback_addresses |= {str(ip) for a in kept if (ip := _ip(a)) is not None and _is_loopback(ip)}
        return kept

    def check_peer(self, address: str) -> None:
        """At connect time: the actual peer address must be public or one of this policy's own loopback addresses."""
        ip = _ip(address)
        own = ip is not None and (self.allow_all_loopback or str(ip) in self.loopback_addresses)
        check_address(address, own)


def guarded_socket_factory(policy: AddressPolicy) -> Callable[[Any], socket.socket]:
    """aiohttp socket_factory: refuses to create a socket for an address the policy denies (the one connected to)."""

    def factory(addr_info: Any) -> socket.socket:
        family, type_, proto, _, sockaddr = addr_info
        policy.check_peer(str(sockaddr[0]))
        return socket.socket(family, type_, proto)

    return factory


class GuardedResolver(AbstractResolver):
    """Resolves names, then drops every address the policy denies; raises when none is left."""

    def __init__(self, policy: AddressPolicy, inner: AbstractResolver | None = None) -> None:
        self._inner = inner or DefaultResolver()
        self._policy = policy

    async def resolve(self, host: str, port: int = 0, family: Any = socket.AF_INET) -> list[ResolveResult]:
        """Resolve and filter."""
        results = await self._inner.resolve(host, port, family)
        allowed = set(self._policy.admit_resolved(host, [r["host"] for r in results]))
        kept = [r for r in results if r["host"] in allowed]
        if not kept:
            raise BlockedAddress(f"{host} resolves only to non-public addresses {[r['host'] for r in results]}")
        return kept

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()
