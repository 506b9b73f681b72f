"""The async HTTP client: guarded addresses, bounded bodies, manual redirects, politeness, robots."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import aiohttp

from services.crawler.body import BodyError, decoder_for
from services.crawler.netguard import (
    BlockedAddress,
    GuardedResolver,
    check_address,
    guarded_socket_factory,
    literal_ip,
)
from services.crawler.politeness import Politeness, parse_retry_after
from services.crawler.settings import CrawlerSettings
from services.crawler.urls import host_key

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


@dataclass(frozen=True)
class RequestOptions:
    """Per-request choices coming from the source."""

    verify_tls: bool = True
    allow_loopback: bool = False
    loopback_hosts: frozenset[str] = frozenset()
    headers: tuple[tuple[str, str], ...] = ()
    etag: str | None = None
    last_modified: str | None = None


class HttpClient:
    """One aiohttp session with connection reuse, shared by every source of a process."""

    def __init__(self, settings: CrawlerSettings, loopback_hosts: frozenset[str] = frozenset()) -> None:
        self.s = settings
        self.politeness = Politeness(settings.host_min_delay, settings.host_max_connections)
        self.loopback_hosts: set[str] = set(loopback_hosts)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> HttpClient:
        resolver = GuardedResolver(self.loopback_hosts, self.s.allow_loopback)
        connector = aiohttp.TCPConnector(
            resolver=resolver, socket_factory=guarded_socket_factory(self._any_loopback), limit=100, limit_per_host=max(1, min(2, self.s.host_max_connections)), ttl_dns_cache=300
        )
        timeout = aiohttp.ClientTimeout(
            total=self.s.total_timeout, sock_connect=self.s.connect_timeout, sock_read=self.s.read_timeout
        )
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=timeout, auto_decompress=False,
            headers={"User-Agent": self.s.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            cookie_jar=aiohttp.CookieJar(unsafe=True),
        )
        return self

    def _any_loopback(self) -> bool:
        return self.s.allow_loopback or bool(self.loopback_hosts)

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def fetch(self, url: str, opts: RequestOptions, robots: RobotsCheck | None = None) -> Response:
        """GET url following at most max_redirects hops, each hop checked; raise FetchError."""
        started = time.monotonic()
        try:
            return await asyncio.wait_for(self._follow(url, opts, robots, started), self.s.total_timeout)
        except TimeoutError as exc:
            raise FetchError("timeout", f"no complete response within {self.s.total_timeout}s") from exc

    async def _follow(self, url: str, opts: RequestOptions, robots: RobotsCheck | None, started: float) -> Response:
        hops: list[tuple[int, str, str]] = []
        visits = {url: 1}
        current = url
        for _ in range(self.s.max_redirects + 1):
            self._check_target(current, opts)
            if robots is not None and not await robots(current):
                raise FetchError("robots_disallowed", f"robots.txt disallows {current}")
            status, headers, body, wire = await self._once(current, opts)
            if status not in REDIRECTS or "location" not in headers:
                return Response(url, current, status, headers, body, wire, time.monotonic() - started, hops)
            target = urljoin(current, headers["location"])
            hops.append((status, current, target))
            # a redirect to an already visited URL is a loop, unless it primes a session cookie (once)
            if target in visits and (visits[target] > 1 or "set-cookie" not in headers):
                raise FetchError("redirect_loop", f"redirect loop at {target}", status)
            visits[target] = visits.get(target, 0) + 1
            current = target
        raise FetchError("too_many_redirects", f"more than {self.s.max_redirects} redirects from {url}")

    def _check_target(self, url: str, opts: RequestOptions) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("bad_url", f"not an http(s) URL: {url}")
        ip = literal_ip(parts.hostname)
        if ip is not None:
            try:
                check_address(ip, self._loopback_ok(parts.hostname, opts))
            except BlockedAddress as exc:
                raise FetchError("blocked_address", f"{url}: {exc}") from exc

    def _loopback_ok(self, host: str, opts: RequestOptions) -> bool:
        """Loopback is allowed globally (setting) or for the source's own hosts only."""
        return self.s.allow_loopback or opts.allow_loopback or host.lower() in opts.loopback_hosts

    def _headers(self, opts: RequestOptions) -> dict[str, str]:
        headers = dict(opts.headers)
        if opts.etag:
            headers["If-None-Match"] = opts.etag
        if opts.last_modified:
            headers["If-Modified-Since"] = opts.last_modified
        return headers

    async def _once(self, url: str, opts: RequestOptions) -> tuple[int, dict[str, str], bytes, int]:
        assert self._session is not None, "use HttpClient as an async context manager"
        gate = self.politeness.gate(host_key(url))
        async with gate.slot():
            try:
                return await self._request(url, opts, gate)
            except BlockedAddress as exc:
                raise FetchError("blocked_address", f"{url}: {exc}") from exc
            except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError, ssl.SSLError) as exc:
                raise FetchError("tls", f"{url}: TLS error: {exc}") from exc
            except (aiohttp.ServerTimeoutError, TimeoutError) as exc:
                raise FetchError("timeout", f"{url}: timed out: {exc}") from exc
            except aiohttp.ClientConnectorError as exc:
                if isinstance(getattr(exc, "os_error", None), BlockedAddress) or "is not public" in str(exc):
                    raise FetchError("blocked_address", f"{url}: {exc}") from exc
                raise FetchError("connect", f"{url}: cannot connect: {exc}") from exc
            except aiohttp.ClientError as exc:
                raise FetchError("http", f"{url}: {type(exc).__name__}: {exc}") from exc

    async def _request(self, url: str, opts: RequestOptions, gate: object) -> tuple[int, dict[str, str], bytes, int]:
        assert self._session is not None
        ssl_ctx = bool(opts.verify_tls)
        async with self._session.get(
            url, headers=self._headers(opts), allow_redirects=False, ssl=ssl_ctx
        ) as resp:
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
