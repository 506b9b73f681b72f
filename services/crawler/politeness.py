"""Per-host politeness shared by all sources: connection cap, minimum delay, Retry-After; backoff.

Background requests (the crawler service's archive backfills) share each host's gate with live polling but
go last: one starts only while no live request waits for the host, and at most one every `share` gaps, so
live polling keeps at least (share - 1)/share of the host's request budget.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.utils import parsedate_to_datetime


class HostDeferred(Exception):
    """The host asked us to wait (Retry-After): the request is deferred to a later poll, not waited for."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"host in back-off for {seconds:.0f} s")
        self.seconds = seconds


BACKGROUND_POLL = 0.05
"""Seconds between a waiting background request's looks at the gate."""


class HostGate:
    """At most `max_connections` requests at once and `min_delay` seconds between starts, per host; background
    requests only when no live one waits, at most one every `share` × `min_delay`."""

    def __init__(self, min_delay: float, max_connections: int, share: float = 3.0) -> None:
        self.min_delay = min_delay
        self.share = max(1.0, share)
        self._sem = asyncio.Semaphore(max(1, min(2, max_connections)))
        self._lock = asyncio.Lock()
        self._next_start = 0.0
        self._next_background = 0.0
        self.live_waiting = 0
        self.blocked_until = 0.0

    def block_for(self, seconds: float) -> None:
        """Send nothing to this host for `seconds` (Retry-After)."""
        self.blocked_until = max(self.blocked_until, time.monotonic() + seconds)

    def raise_delay(self, seconds: float) -> None:
        """Raise the gap between two requests (robots.txt Crawl-delay); never below the configured minimum."""
        self.min_delay = max(self.min_delay, seconds)

    def _check_open(self) -> None:
        left = self.blocked_until - time.monotonic()
        if left > 0:
            raise HostDeferred(left)

    async def _background_turn(self) -> None:
        """Wait until no live request waits, the host's gap has passed and the background's own gap too; a
        host in Retry-After back-off is waited out (background work has no poll to defer to)."""
        while True:
            left = max(self._next_start, self._next_background, self.blocked_until) - time.monotonic()
            if left <= 0 and self.live_waiting == 0 and not self._lock.locked():
                return
            await asyncio.sleep(max(left, BACKGROUND_POLL))

    @asynccontextmanager
    async def slot(self, background: bool = False) -> AsyncIterator[None]:
        """Wait for a connection slot and the host's delay, then hold the slot; HostDeferred while in back-off.

        A background request first waits for its turn (`_background_turn`, a back-off included); a live one
        counts as waiting until it starts, so no background request starts before it."""
        counted = not background
        if background:
            await self._background_turn()
        else:
            self._check_open()
            self.live_waiting += 1
        try:
            async with self._sem:
                async with self._lock:
                    self._check_open()
                    wait = self._next_start - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    now = time.monotonic()
                    self._next_start = now + self.min_delay
                    if background:
                        self._next_background = now + self.min_delay * self.share
                    else:
                        self.live_waiting -= 1
                        counted = False
                yield
        finally:
            if counted:  # cancelled or deferred before it started
                self.live_waiting -= 1


class Politeness:
    """The HostGate of every host, created on first use."""

    def __init__(self, min_delay: float, max_connections: int, background_share: float = 3.0) -> None:
        self.min_delay = min_delay
        self.max_connections = max_connections
        self.background_share = background_share
        self._gates: dict[str, HostGate] = {}

    def gate(self, host: str) -> HostGate:
        """The gate for `host`."""
        if host not in self._gates:
            self._gates[host] = HostGate(self.min_delay, self.max_connections, self.background_share)
        return self._gates[host]

    def blocked_for(self, host: str) -> float:
        """Seconds until `host` accepts requests again (0 when open)."""
        gate = self._gates.get(host)
        return max(0.0, gate.blocked_until - time.monotonic()) if gate else 0.0


def parse_retry_after(value: str | None, now: float, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return min(max(0.0, when - now), cap)


def backoff_delay(failures: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform(base/2, min(cap, base*2**(failures-1)))."""
    ceiling = min(cap, base * 2 ** max(0, failures - 1))
    return (rng or random).uniform(min(base / 2, ceiling), ceiling)
