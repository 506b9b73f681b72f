"""robots.txt per RFC 9309 via protego, cached per origin."""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import urlsplit

from protego import Protego

from services.crawler.fetch import FetchError, HttpClient, RequestOptions
from services.crawler.urls import host_key

log = logging.getLogger(__name__)
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 section 2.5: parse at least 500 KiB
FAILURE_TTL = 300.0  # an unreachable robots.txt is retried sooner than a fetched one


def robots_policy(status: int | None, body: bytes) -> Protego | None:
    """The parsed rules; None means allow all (4xx or missing), a deny-all parser for 5xx/unreachable."""
    if status is None or status >= 500:
        return Protego.parse("User-agent: *\nDisallow: /\n")
    if status >= 400:
        return None
    return Protego.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace"))


class RobotsCache:
    """Fetches robots.txt once per origin per ttl; RFC 9309: 4xx allows all, 5xx/unreachable disallows all."""

    def __init__(self, client: HttpClient, user_agent: str, ttl: float, max_crawl_delay: float = 0.0) -> None:
        self.client = client
        self.max_crawl_delay = max_crawl_delay
        self.agent = user_agent.split("/")[0]
        self.ttl = ttl
        self._cache: dict[str, tuple[float, Protego | None, FetchError | None]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str, opts: RequestOptions) -> bool:
        """Whether robots.txt of url's origin lets us fetch url; re-raises why it could not be fetched."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        async with self._locks.setdefault(origin, asyncio.Lock()):  # one fetch per origin, even when concurrent
            cached = self._cache.get(origin)
            if cached is None or cached[0] < time.monotonic():
                cached = await self._load(origin, opts)
                self._cache[origin] = cached
        _, policy, error = cached
        if error is not None:
            raise FetchError(error.kind, f"robots.txt unreachable, so disallowed (RFC 9309): {error}")
        return True if policy is None else bool(policy.can_fetch(url, self.agent))

    async def _load(self, origin: str, opts: RequestOptions) -> tuple[float, Protego | None, FetchError | None]:
        plain = RequestOptions(opts.verify_tls, opts.allow_loopback, opts.loopback_hosts, opts.headers)
        retry_at = time.monotonic() + min(self.ttl, FAILURE_TTL)
        try:
            resp = await self.client.fetch(origin + "/robots.txt", plain)
        except FetchError as exc:
            if exc.kind == "deferred_retry_after":  # the host asked us to wait: ask again after, cache nothing
                return time.monotonic(), None, exc
            log.warning("robots.txt unreachable, treating as disallow", extra={"url": origin, "error": exc.kind})
            return retry_at, None, exc
        if resp.status >= 500:
            return retry_at, robots_policy(resp.status, b""), None
        policy = robots_policy(resp.status, resp.body)
        self._apply_crawl_delay(origin, policy)
        return time.monotonic() + self.ttl, policy, None

    def _apply_crawl_delay(self, origin: str, policy: Protego | None) -> None:
        """A Crawl-delay (up to max_crawl_delay) raises the host's gap between two requests."""
        delay = policy.crawl_delay(self.agent) if policy is not None else None
        if delay and self.max_crawl_delay > 0:
            gap = min(float(delay), self.max_crawl_delay)
            self.client.politeness.gate(host_key(origin)).raise_delay(gap)
            log.info("robots.txt Crawl-delay honoured", extra={"url": origin, "crawl_delay": delay, "gap": gap})
