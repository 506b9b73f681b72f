"""Fixtures for crawler integration tests: the local fixture site and a one-poll helper."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from services.crawler.crawl import Crawler, PollResult
from services.crawler.fetch import HttpClient
from services.crawler.metrics import CrawlerMetrics
from services.crawler.settings import CrawlerSettings
from services.crawler.sources import Source
from services.crawler.state import SourceState
from tests.integration.crawler.site import FixtureSite, SiteServer

FAST = {
    "host_min_delay": 0.0, "connect_timeout": 1.0, "read_timeout": 1.0, "total_timeout": 2.0,
    "backoff_base": 0.5, "min_interval": 1.0, "max_interval": 5.0, "robots_ttl": 60.0,
}


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    """A fresh fixture site on 127.0.0.1 (addressed as localhost)."""
    server = SiteServer()
    yield server.start()
    server.stop()


def fast_settings(**overrides: Any) -> CrawlerSettings:
    """Settings with short timeouts and no politeness delay."""
    return CrawlerSettings(**{**FAST, **overrides})


def source(sid: str, kind: str, url: str, **extra: Any) -> Source:
    """A loopback-allowed source with one entry."""
    entry: dict[str, Any] = {"kind": kind, "url": url}
    if "link_pattern" in extra:
        entry["link_pattern"] = extra.pop("link_pattern")
    return Source.model_validate({
        "id": sid, "name": sid, "province": "Hà Nội", "home": url, "kind": "party_committee",
        "entries": [entry], "allow_loopback": True, **extra,
    })


class Poller:
    """Polls sources with one client and metrics, like a replica does."""

    def __init__(self, **overrides: Any) -> None:
        self.settings = fast_settings(**overrides)
        self.metrics = CrawlerMetrics()

    async def poll(self, src: Source, state: SourceState | None = None) -> PollResult:
        """One poll of src."""
        async with HttpClient(self.settings) as client:
            return await Crawler(self.settings, client, self.metrics).poll(src, state or SourceState(src.id))

    def metric(self, name: str, **labels: str) -> float:
        """A sample value from the registry (0 when absent)."""
        value = self.metrics.health.registry.get_sample_value(name, labels)
        return float(value or 0.0)
