"""Address checks that agree with the HTTP client, loopback per source, article identity and once-per-poll links.

A trap server listens on 127.0.0.1, 127.0.0.2, 127.0.0.3 and ::1 (one port) and logs every connection it
accepts: a refused address must never see one. A local resolver stub answers `evil.test` with a loopback
address. The hostile site serves the sources on localhost (127.0.0.1) and on 127.0.0.2-5 (other hosts).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from services.crawler.crawl import Crawler, PollResult
from services.crawler.fetch import FetchError, HttpClient
from services.crawler.metrics import CrawlerMetrics
from services.crawler.sources import Source
from services.crawler.state import SourceState
from services.crawler.urls import article_id, canonicalize
from tests.hostile.site import HostileServer, HostileSite, rss, urlset
from tests.hostile.trap import StubResolver, Trap, TrapServer
from tests.integration.crawler.conftest import fast_settings, source


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    """One hostile site for the whole module."""
    server = HostileServer()
    yield server.start()
    server.stop()


@pytest.fixture
def trap() -> Iterator[Trap]:
    """A fresh trap per test, so its connection log belongs to that test."""
    server = TrapServer()
    yield server.start()
    server.stop()


def spellings(port: int) -> list[str]:
    """URLs that all reach a loopback address other than the source's own host (localhost)."""
    hosts = ["１２７.０.０.２", "127。0。0。2", "2130706434", "0177.0.0.2", "0x7f.0.0.2", "0x7f000002", "127.2",
             "[::ffff:127.0.0.2]", "127.0.0.2.", "127.0.0.3", "127.0.0.1", "[::1]", "evil.test"]
    return [f"http://{host}:{port}/trap{i}.html" for i, host in enumerate(hosts)]  # distinct: one identity each


def two_entry_source(sid: str, entries: list[dict[str, str]], **extra: Any) -> Source:
    """A loopback-allowed source with several entries."""
    return Source.model_validate({"id": sid, "name": sid, "province": "Hà Nội", "home": entries[0]["url"],
                                  "kind": "party_committee", "entries": entries, "allow_loopback": True, **extra})


class Crawl:
    """Sources polled one after another by one client (like one replica), with the DNS stub."""

    def __init__(self) -> None:
        self.settings = fast_settings()
        self.metrics = CrawlerMetrics()
        self.resolver = StubResolver({"evil.test": "127.0.0.2", "evil.test.": "127.0.0.2"})

    async def polls(self, *sources: Source) -> list[PollResult]:
        """Poll each source once, in order, through one shared client."""
        async with HttpClient(self.settings, resolver=self.resolver) as client:
            crawler = Crawler(self.settings, client, self.metrics)
            return [await crawler.poll(src, SourceState(src.id)) for src in sources]

    def run(self, *sources: Source) -> list[PollResult]:
        """Synchronous polls."""
        return asyncio.run(self.polls(*sources))

    def metric(self, name: str, **labels: str) -> float:
        """A sample value from the registry (0 when absent)."""
        return float(self.metrics.health.registry.get_sample_value(name, labels) or 0.0)


def paths(res: PollResult) -> list[str]:
    """Paths of the articles a poll would publish."""
    return sorted("/" + c.record.url.split("/", 3)[3] for c in res.articles)


# --- the trap itself ---------------------------------------------------------------------------


def test_the_trap_logs_a_connection_when_a_source_may_reach_it(site: HostileSite, trap: Trap) -> None:
    own = source("trapowner", "rss", f"http://127.0.0.2:{trap.port}/feed.xml")
    (res,) = Crawl().run(own)
    assert ("127.0.0.2", "127.0.0.1") in trap.connections and res.errors != {"blocked_address": 1}


# --- one address decision per connection -------------------------------------------------------


def test_every_spelling_of_another_loopback_host_in_a_feed_is_blocked_before_connecting(
        site: HostileSite, trap: Trap) -> None:
    links = [*spellings(trap.port), "/ok/1.html"]
    site.feeds["spell"] = rss(site.base, links)
    crawl = Crawl()
    (res,) = crawl.run(source("spell", "rss", f"{site.base}/feed/spell.xml"))
    assert res.found == len(links) and res.errors == {"blocked_address": len(links) - 1}, res.summary()
    assert paths(res) == ["/ok/1.html"] and trap.connections == []
    assert crawl.metric("recruitwatch_crawler_errors_total", source="spell", kind="blocked_address") == len(links) - 1


def test_every_spelling_as_a_redirect_target_is_blocked_before_connecting(site: HostileSite, trap: Trap) -> None:
    targets = spellings(trap.port)
    site.redirects.update({f"r{i}": url for i, url in enumerate(targets)})
    site.feeds["redir"] = rss(site.base, [*(f"/go/r{i}" for i in range(len(targets))), "/ok/1.html"])
    (res,) = Crawl().run(source("redir", "rss", f"{site.base}/feed/redir.xml"))
    assert res.errors == {"blocked_address": len(targets)}, res.summary()
    assert paths(res) == ["/ok/1.html"] and trap.connections == []


def test_a_dns_name_resolving_to_loopback_is_refused_by_the_resolver(site: HostileSite, trap: Trap) -> None:
    crawl = Crawl()
    site.feeds["dns"] = rss(site.base, [f"http://evil.test:{trap.port}/a.html", "/ok/1.html"])
    (res,) = crawl.run(source("dns", "rss", f"{site.base}/feed/dns.xml"))
    assert res.errors == {"blocked_address": 1} and paths(res) == ["/ok/1.html"]
    assert "evil.test" in crawl.resolver.asked and trap.connections == []


def test_the_connect_time_check_alone_refuses_a_literal_loopback_peer(site: HostileSite, trap: Trap) -> None:
    """With the URL check bypassed, the socket check on the actual peer still refuses (no connection)."""
    crawler_source = source("peer", "rss", f"{site.base}/feed/peer.xml")

    async def direct() -> FetchError:
        async with HttpClient(fast_settings()) as client:
            opts = Crawler(fast_settings(), client, CrawlerMetrics()).options(crawler_source)
            with pytest.raises(FetchError) as caught:
                await client._once(f"http://127.0.0.2:{trap.port}/x", opts)  # skips _check_target on purpose
            return caught.value

    assert asyncio.run(direct()).kind == "blocked_address" and trap.connections == []


def test_one_sources_loopback_allowance_does_not_open_loopback_for_another(site: HostileSite, trap: Trap) -> None:
    """Source a owns localhost; b owns 127.0.0.3; c allows no loopback. Each is polled after a by one client."""
    site.feeds["own-a"] = rss(site.base, ["/ok/11.html"])
    b_base = f"http://127.0.0.3:{site.port}"
    site.redirects["b-to-local"] = f"http://localhost:{trap.port}/x"
    site.feeds["own-b"] = rss(b_base, [f"http://localhost:{trap.port}/t.html", f"{site.base}/ok/12.html",
                                       "/go/b-to-local", "/ok/13.html"])
    a = source("owna", "rss", f"{site.base}/feed/own-a.xml")
    b = source("ownb", "rss", f"{b_base}/feed/own-b.xml")
    c = source("ownc", "rss", f"{site.base}/feed/own-a.xml", allow_loopback=False)
    ra, rb, rc = Crawl().run(a, b, c)
    assert paths(ra) == ["/ok/11.html"]
    assert rb.errors == {"blocked_address": 3} and paths(rb) == ["/ok/13.html"], rb.summary()
    assert rc.errors == {"blocked_address": 1} and rc.entries_failed == 1, rc.summary()
    assert site.calls["/ok/12.html"] == 0 and trap.connections == []


# --- article identity and once-per-poll links --------------------------------------------------


def test_a_foreign_canonical_does_not_take_over_another_sources_article(site: HostileSite) -> None:
    other = f"http://127.0.0.2:{site.port}"
    site.feeds["victim"] = rss(site.base, ["/ok/1.html"])
    site.feeds["poisoner"] = rss(other, ["/poison.html"])
    crawl = Crawl()
    victim, poisoner = crawl.run(source("victim", "rss", f"{site.base}/feed/victim.xml"),
                                 source("poisoner", "rss", f"{other}/feed/poisoner.xml"))
    own = canonicalize(f"{other}/poison.html")
    (record,) = [c.record for c in poisoner.articles]
    assert record.canonical_url == own and record.article_id == article_id(own)
    assert record.article_id != victim.articles[0].record.article_id
    assert crawl.metric("recruitwatch_crawler_canonical_refused_total", source="poisoner") == 1


def test_a_canonical_on_the_pages_own_site_is_still_trusted(site: HostileSite) -> None:
    site.feeds["samesite"] = rss(site.base, ["/canon-same.html"])
    crawl = Crawl()
    (res,) = crawl.run(source("samesite", "rss", f"{site.base}/feed/samesite.xml"))
    assert res.articles[0].record.article_id == article_id(canonicalize(f"{site.base}/ok/2.html"))
    assert crawl.metric("recruitwatch_crawler_canonical_refused_total", source="samesite") == 0


def test_an_article_listed_by_two_entries_is_fetched_and_published_once(site: HostileSite) -> None:
    site.feeds["dup"] = rss(site.base, ["/ok/31.html", "/ok/32.html"])
    site.sitemaps["dup"] = urlset([f"{site.base}/ok/31.html?utm_source=sitemap", f"{site.base}/ok/32.html",
                                   f"{site.base}/ok/33.html"])
    src = two_entry_source("dup", [{"kind": "rss", "url": f"{site.base}/feed/dup.xml"},
                                   {"kind": "sitemap", "url": f"{site.base}/sitemap/dup.xml"}])
    (res,) = Crawl().run(src)
    assert paths(res) == ["/ok/31.html", "/ok/32.html", "/ok/33.html"] and res.found == 5
    assert len({c.record.article_id for c in res.articles}) == 3
    assert (site.calls["/ok/31.html"], site.calls["/ok/32.html"], site.calls["/ok/33.html"]) == (1, 1, 1)
