"""The async HTTP client: guarded addresses, bounded bodies, manual redirects, politeness, robots."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import aiohttp
from aiohttp.abc import AbstractResolver

from services.crawler.body import BodyError, decoder_for
from services.crawler.netguard import (
    AddressPolicy,
    BlockedAddress,
    GuardedResolver,
    guarded_socket_factory,
    url_host,
)
from services.crawler.politeness import HostDeferred, Politeness, parse_retry_after
from services.crawler.settings import CrawlerSettings
from services.crawler.urls import host_key, log_url

REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
RobotsCheck = Callable[[str], Awaitable[bool]]


class FetchError(Exception):
    """A request that produced no usable response; `kind` is the metric label."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass
class Response:
    """A fully read response."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    wire_bytes: int
    elapsed: float
    redirects: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def permanent_redirect(self) -> str | None:
        """The target when the first hop was a permanent redirect."""
        if self.redirects and self.redirects[0][0] in PERMANENT:
            return self.final_url
        return None

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class Clock:
    """Seconds of request time left for one fetch (its redirects included)."""

    left: float


@dataclass(frozen=True)
class RequestOptions:
    """Per-request choices coming from the source."""

    verify_tls: bool = True
    allow_loopback: bool = False
    loopback_hosts: frozenset[str] = frozenset()
    headers: tuple[tuple[str, str], ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    background: bool = False  # a background backfill request: live polling of the host goes first


class HttpClient:
    """aiohttp sessions with connection reuse, shared by every source of a process.

    Public sources share one session whose policy allows public addresses only. A source allowed to
    reach loopback gets a session (connection pool, resolver, socket check) of its own, whose policy
    allows loopback for that source's hosts only: one source's allowance never opens loopback to another.
    """

    def __init__(self, settings: CrawlerSettings, loopback_hosts: frozenset[str] = frozenset(),
                 resolver: AbstractResolver | None = None) -> None:
        self.s = settings
        self.politeness = Politeness(settings.host_min_delay, settings.host_max_connections,
                                     settings.backfill_delay_factor)
        self.loopback_hosts: set[str] = set(loopback_hosts)  # informational: decisions use each request's own hosts
        self._inner_resolver = resolver
        self._sessions: dict[frozenset[str], tuple[aiohttp.ClientSession, AddressPolicy]] = {}
        self._open = False

    async def __aenter__(self) -> HttpClient:
        self._open = True
        return self

    def _session_for(self, opts: RequestOptions) -> tuple[aiohttp.ClientSession, AddressPolicy]:
        """The session (and its address policy) of the request's loopback hosts."""
        assert self._open, "use HttpClient as an async context manager"
        key = frozenset() if self.s.allow_loopback else opts.loopback_hosts
        if key not in self._sessions:
            policy = AddressPolicy(key, allow_all_loopback=self.s.allow_loopback)
            self._sessions[key] = (self._new_session(policy), policy)
        return self._sessions[key]

    def _new_session(self, policy: AddressPolicy) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            resolver=GuardedResolver(policy, self._inner_resolver), socket_factory=guarded_socket_factory(policy),
            limit=100, limit_per_host=max(1, min(2, self.s.host_max_connections)), ttl_dns_cache=300,
        )
        timeout = aiohttp.ClientTimeout(
            total=self.s.total_timeout, sock_connect=self.s.connect_timeout, sock_read=self.s.read_timeout
        )
        return aiohttp.ClientSession(
            connector=connector, timeout=timeout, auto_decompress=False,
            headers={"User-Agent": self.s.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            cookie_jar=aiohttp.CookieJar(unsafe=True),
        )

    async def __aexit__(self, *exc: object) -> None:
        self._open = False
        sessions, self._sessions = list(self._sessions.values()), {}
        for session, _ in sessions:
            await session.close()

    async def fetch(self, url: str, opts: RequestOptions, robots: RobotsCheck | None = None) -> Response:
        """GET url following at most max_redirects hops, each hop checked; raise FetchError.

        `total_timeout` bounds the time spent on requests (redirects included), not the politeness waits
        before them: a host's gap (Crawl-delay) is scheduling, never a `timeout`."""
        return await self._follow(url, opts, robots, time.monotonic(), Clock(self.s.total_timeout))

    async def _follow(self, url: str, opts: RequestOptions, robots: RobotsCheck | None, started: float,
                      clock: Clock) -> Response:
        hops: list[tuple[int, str, str]] = []
        visits = {url: 1}
        current = url
        for _ in range(self.s.max_redirects + 1):
            self._check_target(current, opts)
            if robots is not None and not await robots(current):
                raise FetchError("robots_disallowed", f"robots.txt disallows {log_url(current)}")
            status, headers, body, wire = await self._once(current, opts, clock)
            if status not in REDIRECTS or "location" not in headers:
                return Response(url, current, status, headers, body, wire, time.monotonic() - started, hops)
            target = urljoin(current, headers["location"])
            hops.append((status, current, target))
            # a redirect to an already visited URL is a loop, unless it primes a session cookie (once)
            if target in visits and (visits[target] > 1 or "set-cookie" not in headers):
                raise FetchError("redirect_loop", f"redirect loop at {log_url(target)}", status)
            visits[target] = visits.get(target, 0) + 1
            current = target
        raise FetchError("too_many_redirects", f"more than {self.s.max_redirects} redirects from {log_url(url)}")

    def _check_target(self, url: str, opts: RequestOptions) -> None:
        """Before any connect: an http(s) URL whose host, read as aiohttp reads it, the source's policy allows."""
        host = url_host(url)
        if host is None:
            raise FetchError("bad_url", f"not an http(s) URL: {log_url(url)}")
        try:
            self._session_for(opts)[1].check_target(host)
        except BlockedAddress as exc:
            raise FetchError("blocked_address", f"{log_url(url)}: {exc}") from exc

    def _headers(self, opts: RequestOptions) -> dict[str, str]:
        headers = dict(opts.headers)
        if opts.etag:
            headers["If-None-Match"] = opts.etag
        if opts.last_modified:
            headers["If-Modified-Since"] = opts.last_modified
        return headers

    async def _once(self, url: str, opts: RequestOptions, clock: Clock | None = None
                    ) -> tuple[int, dict[str, str], bytes, int]:
        gate = self.politeness.gate(host_key(url))
        clock = clock or Clock(self.s.total_timeout)
        try:
            async with gate.slot(opts.background):
                started = time.monotonic()
                try:
                    return await asyncio.wait_for(self._request(url, opts), max(0.0, clock.left))
                finally:
                    clock.left -= time.monotonic() - started
        except HostDeferred as exc:
            raise FetchError("deferred_retry_after", f"{host_key(url)} is in back-off for {exc.seconds:.0f} s") from exc
        except FetchError:
            raise
        except TimeoutError as exc:
            raise FetchError("timeout", f"no complete response within {self.s.total_timeout}s") from exc
        except Exception as exc:
            raise _fetch_error(url, exc) from exc

    async def _request(self, url: str, opts: RequestOptions) -> tuple[int, dict[str, str], bytes, int]:
        session, _ = self._session_for(opts)
        async with session.get(url, headers=self._headers(opts), allow_redirects=False, ssl=bool(opts.verify_tls)) as resp:
            headers = {k.lower(): v for k, v in resp.headers.items()}
            self._honour_retry_after(resp.status, headers, url)
            if resp.status in REDIRECTS or resp.status == 304:
                return resp.status, headers, b"", 0
            body, wire = await self._read_body(resp, headers)
            return resp.status, headers, body, wire

    def _honour_retry_after(self, status: int, headers: dict[str, str], url: str) -> None:
        if status in (429, 503):
            wait = parse_retry_after(headers.get("retry-after"), time.time(), self.s.max_retry_after)
            self.politeness.gate(host_key(url)).block_for(wait if wait is not None else self.s.backoff_base)

    async def _read_body(self, resp: aiohttp.ClientResponse, headers: dict[str, str]) -> tuple[bytes, int]:
        limit = self.s.max_body_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("too_large", f"Content-Length {declared} exceeds {limit} bytes", resp.status)
        try:
            decoder = decoder_for(headers.get("content-encoding"), self.s.max_decoded_bytes)
            out, wire = bytearray(), 0
            async for chunk in resp.content.iter_chunked(64 * 1024):
                wire += len(chunk)
                if wire > limit:
                    raise FetchError("too_large", f"body exceeds {limit} bytes", resp.status)
                out += decoder.feed(chunk)
            out += decoder.finish()
        except BodyError as exc:
            raise FetchError(exc.kind, str(exc), resp.status) from exc
        return bytes(out), wire


def _fetch_error(url: str, exc: BaseException) -> FetchError:
    """The FetchError (metric kind) for what the client raised while requesting `url`."""
    where = log_url(url)
    if isinstance(exc, BlockedAddress) or isinstance(getattr(exc, "os_error", None), BlockedAddress):
        return FetchError("blocked_address", f"{where}: {exc}")
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError | ssl.SSLError):
        return FetchError("tls", f"{where}: TLS error: {exc}")
    if isinstance(exc, aiohttp.ServerTimeoutError | TimeoutError):
        return FetchError("timeout", f"{where}: timed out: {exc}")
    if isinstance(exc, aiohttp.ClientConnectorError):
        if "is not public" in str(exc):
            return FetchError("blocked_address", f"{where}: {exc}")
        return FetchError("connect", f"{where}: cannot connect: {exc}")
    if isinstance(exc, aiohttp.ClientError | ValueError):
        return FetchError("http", f"{where}: {type(exc).__name__}: {exc}")
    raise exc
