"""Crawler settings: every limit is a named setting read from RECRUITWATCH_CRAWLER_* variables."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services import __version__
from services.shared.config import ServiceSettings

CRAWLER_VERSION = f"recruitwatch-crawler/{__version__}"
DEFAULT_USER_AGENT = (
    f"recruitwatch/{__version__} (research crawler for public Party-building news; honours robots.txt; "
    "operators: put a contact address here via RECRUITWATCH_CRAWLER_USER_AGENT)"
)


class CrawlerSettings(ServiceSettings):
    """Settings of the crawler service (env prefix RECRUITWATCH_CRAWLER_)."""

    model_config = SettingsConfigDict(env_prefix="RECRUITWATCH_CRAWLER_", extra="ignore")

    sources: str = Field("seeds/sources.yaml", description="Sources registry YAML file.")
    metrics_port: int = Field(9402, description="Port of the crawler's /metrics and /healthz server.")
    user_agent: str = Field(DEFAULT_USER_AGENT, description="User-Agent sent with every request.")
    allow_loopback: bool = Field(False, description="Allow loopback targets (tests and the demo only).")
    connect_timeout: float = Field(10.0, description="Seconds to establish a TCP/TLS connection.")
    read_timeout: float = Field(20.0, description="Seconds without receiving any body bytes.")
    total_timeout: float = Field(60.0, description="Seconds for a whole request, redirects included (waits for the "
                                 "host's politeness gap excluded).")
    max_body_bytes: int = Field(5 * 1024 * 1024, description="Largest response body read (wire bytes).")
    max_decoded_bytes: int = Field(10 * 1024 * 1024, description="Largest body after decompression.")
    max_html_chars: int = Field(1_000_000, description="HTML characters kept in a record (rest truncated).")
    max_redirects: int = Field(5, description="Redirect hops followed per request.")
    host_min_delay: float = Field(2.0, description="Minimum seconds between two requests to one host.")
    host_max_connections: int = Field(2, description="Concurrent connections per host (1-2).")
    max_retry_after: float = Field(3600.0, description="Upper bound honoured for a Retry-After header.")
    max_crawl_delay: float = Field(20.0, description="Upper bound honoured for a robots.txt Crawl-delay (it raises "
                                   "the host's gap between requests).")
    backoff_base: float = Field(60.0, description="First backoff after a failed poll, seconds.")
    backoff_max: float = Field(6 * 3600.0, description="Longest backoff after repeated failures, seconds.")
    min_interval: float = Field(300.0, description="Default lower bound of a source's poll interval.")
    max_interval: float = Field(6 * 3600.0, description="Default upper bound of a source's poll interval.")
    robots_ttl: float = Field(24 * 3600.0, description="Seconds a robots.txt stays cached.")
    max_articles_per_poll: int = Field(50, description="New article pages fetched per source per poll.")
    max_links_per_entry: int = Field(300, description="Links considered per entry URL per poll (newest first).")
    seen_limit: int = Field(5000, description="Article ids remembered per source (oldest forgotten).")
    max_concurrent_sources: int = Field(8, description="Sources crawled at the same time per replica.")
    tick_seconds: float = Field(1.0, description="How often a replica looks for due sources.")
    state_partitions: int = Field(8, description="Partitions of the crawl-state topic (replica parallelism).")
    backfill_delay_factor: float = Field(3.0, ge=1.0, description="Backfills take at most one of every this "
                                         "many request slots of a host (this many HOST_MIN_DELAYs between their "
                                         "requests), leaving live polling the rest of its budget.")
    backfill_in_service: bool = Field(True, description="The crawler service walks the archive of each source it "
                                      "owns that has a `backfill:` block, in the background: live polling of the "
                                      "host goes first (docs/crawler.md).")
    backfill_checkpoint_seconds: float = Field(2.0, ge=0, description="`recruitwatch backfill` writes its progress "
                                               "between archive pages at most this often (a resumed run redoes "
                                               "at most this much).")
    raw_store_retention_days: float = Field(0.0, ge=0, description="Days a page stays in the raw store "
                                            "(articles.raw.store, for re-parsing); 0 keeps the latest page of "
                                            "every article for ever.")
    settle_seconds: float = Field(5.0, description="Wait after a (re)assignment before polling, so replicas "
                                  "starting together split the sources first.")

    @property
    def state_topic(self) -> str:
        """Compacted topic holding each source's crawl state, keyed by source_id."""
        return f"{self.topic_prefix}recruitwatch-crawler-state"

    @property
    def group_id(self) -> str:
        """Consumer group the replicas share to split sources."""
        return f"{self.topic_prefix}recruitwatch-crawler"
