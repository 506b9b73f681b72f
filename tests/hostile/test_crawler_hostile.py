"""Hostile feeds, pages and HTTP behaviour against the crawler's real poll path (local aiohttp site).

Each case asserts the exact outcome (error kind or skip reason, with its metric) and that the good
article listed next to the hostile one is still published by the same poll.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator

import pytest

from services.crawler.crawl import PollResult
from services.crawler.fetch import FetchError, HttpClient, RequestOptions
from services.crawler.robots import RobotsCache
from services.extractor.parse import parse_page
from tests.hostile.site import HostileServer, HostileSite, rss
from tests.integration.crawler.conftest import Poller, source


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    """One hostile site for the whole module."""
    server = HostileServer()
    yield server.start()
    server.stop()


def poll_entry(site: HostileSite, sid: str, kind: str, path: str, **settings: float) -> tuple[Poller, PollResult]:
    """Poll one source whose single entry is `path` on the hostile site."""
    p = Poller(**settings)
    return p, asyncio.run(p.poll(source(sid, kind, f"{site.base}{path}")))


def poll_links(site: HostileSite, sid: str, links: list[str], **settings: float) -> tuple[Poller, PollResult]:
    """Poll a feed listing `links` (served at /feed/<sid>.xml)."""
    site.feeds[sid] = rss(site.base, links)
    return poll_entry(site, sid, "rss", f"/feed/{sid}.xml", **settings)


def published(res: PollResult) -> list[str]:
    """Paths of the articles a poll would publish."""
    return [c.record.url.split(":", 2)[2].split("/", 1)[1] for c in res.articles]


def error_metric(p: Poller, sid: str, kind: str) -> float:
    """recruitwatch_crawler_errors_total for a source and kind."""
    return p.metric("recruitwatch_crawler_errors_total", source=sid, kind=kind)


def skip_metric(p: Poller, sid: str, reason: str) -> float:
    """recruitwatch_crawler_skipped_total for a source and reason."""
    return p.metric("recruitwatch_crawler_skipped_total", source=sid, reason=reason)


def assert_entry_error(p: Poller, res: PollResult, sid: str, kind: str) -> None:
    """The entry failed with exactly one error of `kind`, counted, and nothing was fetched."""
    assert res.errors == {kind: 1}, res.summary()
    assert res.entries_failed == 1 and res.fetched == 0 and res.articles == []
    assert error_metric(p, sid, kind) == 1


def assert_article_error(p: Poller, res: PollResult, sid: str, kind: str) -> None:
    """One article failed with `kind` (counted); the good article of the same feed was published."""
    assert res.errors == {kind: 1} and res.skipped == {}, res.summary()
    assert published(res) == ["ok/1.html"] and res.entries_ok == 1
    assert error_metric(p, sid, kind) == 1


def assert_article_skip(p: Poller, res: PollResult, sid: str, reason: str) -> None:
    """One article was skipped with `reason` (counted); the good article was published."""
    assert res.skipped == {reason: 1} and res.errors == {}, res.summary()
    assert published(res) == ["ok/1.html"]
    assert skip_metric(p, sid, reason) == 1


# --- feeds and sitemaps -------------------------------------------------------------------------


def test_billion_laughs_feed_is_malformed_and_cheap(site: HostileSite) -> None:
    started = time.monotonic()
    p, res = poll_entry(site, "laughs", "rss", "/laughs.xml")
    assert_entry_error(p, res, "laughs", "malformed_feed")
    assert time.monotonic() - started < 2 and site.calls["/ok/1.html"] == 0


def test_truncated_feed_is_malformed(site: HostileSite) -> None:
    p, res = poll_entry(site, "trunc", "rss", "/truncated.xml")
    assert_entry_error(p, res, "trunc", "malformed_feed")


def test_html_served_as_rss_is_malformed(site: HostileSite) -> None:
    p, res = poll_entry(site, "htmlrss", "rss", "/html-as-rss.xml")
    assert_entry_error(p, res, "htmlrss", "malformed_feed")


def test_feed_of_10000_items_is_capped_and_budgeted(site: HostileSite) -> None:
    started = time.monotonic()
    p, res = poll_entry(site, "big", "rss", "/big.xml", max_articles_per_poll=3)
    assert res.found == 10_000 and res.fetched == 3 and len(res.articles) == 3
    assert res.skipped == {"over_link_limit": 9_700, "deferred_budget": 297}
    assert skip_metric(p, "big", "deferred_budget") == 297
    assert time.monotonic() - started < 20


def test_javascript_and_data_links_are_dropped_relative_links_resolved(site: HostileSite) -> None:
    links = ["javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=", "mailto:a@b.vn",
             "/ok/1.html", "../ok/2.html", f"//localhost:{site.port}/ok/3.html"]
    _, res = poll_links(site, "links", links)
    assert res.found == 3 and res.errors == {} and res.skipped == {}
    assert sorted(published(res)) == ["ok/1.html", "ok/2.html", "ok/3.html"]


def test_sitemap_links_to_other_hosts_and_private_ips_are_blocked(site: HostileSite) -> None:
    before = site.calls["/ok/1.html"]
    p, res = poll_entry(site, "foreign", "sitemap", "/foreign-sitemap.xml")
    assert res.found == 5 and res.errors == {"blocked_address": 4}, res.summary()
    assert published(res) == ["ok/4.html"] and error_metric(p, "foreign", "blocked_address") == 4
    assert site.calls["/ok/1.html"] == before  # 127.0.0.2 is another host: never contacted


def test_gzip_bomb_sitemap_file_is_an_entry_error_not_a_crash(site: HostileSite) -> None:
    p, res = poll_entry(site, "bombgz", "sitemap", "/bomb-sitemap.xml.gz")
    assert_entry_error(p, res, "bombgz", "decompression_bomb")


# --- article pages and HTTP behaviour ----------------------------------------------------------


def test_gzip_bomb_article_is_stopped(site: HostileSite) -> None:
    p, res = poll_links(site, "bomb", ["/bomb.html", "/ok/1.html"])
    assert_article_error(p, res, "bomb", "decompression_bomb")


def test_endless_chunked_body_is_cut_at_the_size_limit(site: HostileSite) -> None:
    started = time.monotonic()
    p, res = poll_links(site, "endless", ["/endless.html", "/ok/1.html"])
    assert_article_error(p, res, "endless", "too_large")
    assert time.monotonic() - started < 3


def test_endless_slow_drip_body_hits_the_total_timeout(site: HostileSite) -> None:
    started = time.monotonic()
    p, res = poll_links(site, "drip", ["/drip.html", "/ok/1.html"], total_timeout=1.0)
    assert_article_error(p, res, "drip", "timeout")
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("path", ["/latin1-lie.html", "/utf16-lie.html", "/utf32-lie.html"])
def test_charset_lie_on_utf8_bytes_loses_to_valid_utf8(site: HostileSite, path: str) -> None:
    """latin-1, utf-16 and utf-32 declared on UTF-8 bytes: the page is published as UTF-8, title and figure right."""
    sid = path.strip("/").split(".")[0]
    _, res = poll_links(site, sid, [path, "/ok/1.html"])
    record = res.articles[0].record
    assert record.charset == "utf-8" and "Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới" in record.html
    page = parse_page(record.html, url=record.url)
    assert page.title == "Kết nạp đảng viên mới" and "kết nạp 215 đảng viên mới" in page.text


def test_real_utf16_declared_as_such_is_decoded_as_utf16(site: HostileSite) -> None:
    _, res = poll_links(site, "utf16real", ["/utf16-real.html", "/ok/1.html"])
    record = res.articles[0].record
    assert record.charset == "utf-16-le" and "Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới" in record.html


def test_charset_lie_windows_1252_header_on_utf8_bytes_decodes_as_utf8(site: HostileSite) -> None:
    _, res = poll_links(site, "cp1252", ["/cp1252-lie.html", "/ok/1.html"])
    record = res.articles[0].record
    assert record.charset == "utf-8" and "Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới" in record.html


def test_charset_lie_utf8_header_on_windows_1258_bytes_falls_back(site: HostileSite) -> None:
    _, res = poll_links(site, "w1258", ["/utf8-lie.html", "/ok/1.html"])
    record = res.articles[0].record
    assert record.charset == "cp1258" and "Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới" in record.html


def test_tcvn3_bytes_without_a_font_hint_are_skipped_as_legacy(site: HostileSite) -> None:
    p, res = poll_links(site, "tcvn3", ["/tcvn3.html", "/ok/1.html"])
    assert_article_skip(p, res, "tcvn3", "legacy_encoding")


def test_bot_challenge_article_with_status_200(site: HostileSite) -> None:
    p, res = poll_links(site, "chal200", ["/challenge.html", "/ok/1.html"])
    assert_article_error(p, res, "chal200", "bot_challenge")


def test_bot_challenge_article_with_status_503_defers_the_rest_of_the_host(site: HostileSite) -> None:
    started = time.monotonic()
    p, res = poll_links(site, "chal503", ["/challenge503.html", "/ok/1.html"], backoff_base=30.0)
    assert res.errors == {"bot_challenge": 1} and res.skipped == {"deferred_retry_after": 1}, res.summary()
    assert res.articles == [] and skip_metric(p, "chal503", "deferred_retry_after") == 1
    assert time.monotonic() - started < 5  # the back-off is not waited for


def test_301_to_a_private_ip_is_blocked(site: HostileSite) -> None:
    p, res = poll_links(site, "moved", ["/moved-private.html", "/ok/1.html"])
    assert_article_error(p, res, "moved", "blocked_address")
    assert res.moved == [] and p.metric("recruitwatch_crawler_permanent_redirects_total", source="moved") == 0


@pytest.mark.parametrize("status", ["404", "410"])
def test_missing_article_is_a_4xx_error(site: HostileSite, status: str) -> None:
    p, res = poll_links(site, f"gone{status}", [f"/gone/{status}.html", "/ok/1.html"])
    assert_article_error(p, res, f"gone{status}", "http_4xx")


def test_pdf_link_served_as_octet_stream_is_skipped(site: HostileSite) -> None:
    p, res = poll_links(site, "octet", ["/report.pdf", "/ok/1.html"])
    assert_article_skip(p, res, "octet", "non_html:application/octet-stream")


@pytest.mark.parametrize("path", ["/image.html", "/pdf-as-html.html"])
def test_binary_served_as_text_html_is_skipped(site: HostileSite, path: str) -> None:
    sid = "bin" + path.strip("/").split(".")[0].replace("-", "")
    p, res = poll_links(site, sid, [path, "/ok/1.html"])
    assert_article_skip(p, res, sid, "binary_body")


# --- Retry-After and Crawl-delay as scheduling -------------------------------------------------


def test_retry_after_defers_the_rest_of_the_poll_without_waiting(site: HostileSite) -> None:
    started = time.monotonic()
    p, res = poll_links(site, "busy", ["/busy.html", "/ok/41.html", "/ok/42.html"])
    assert res.errors == {"http_429": 1} and res.skipped == {"deferred_retry_after": 2}, res.summary()
    assert res.articles == [] and site.calls["/ok/41.html"] == site.calls["/ok/42.html"] == 0
    assert skip_metric(p, "busy", "deferred_retry_after") == 2 and error_metric(p, "busy", "timeout") == 0
    assert time.monotonic() - started < 3  # Retry-After: 3600 is scheduling, not a wait inside the poll


def _gaps(site: HostileSite, host: str, paths: list[str]) -> list[float]:
    """Seconds between successive requests to `host` for `paths`, in request order."""
    times = [t for t, h, path in site.hits if h == f"{host}:{site.port}" and path in paths]
    return [b - a for a, b in itertools.pairwise(times)]


def test_crawl_delay_raises_the_hosts_gap_between_requests(site: HostileSite) -> None:
    base = f"http://127.0.0.4:{site.port}"
    site.feeds["delay"] = rss(base, ["/ok/51.html", "/ok/52.html", "/ok/53.html"])
    p = Poller()  # host_min_delay 0: only robots.txt's Crawl-delay: 1 spaces the requests
    res = asyncio.run(p.poll(source("delay", "rss", f"{base}/feed/delay.xml")))
    assert len(res.articles) == 3
    gaps = _gaps(site, "127.0.0.4", ["/ok/51.html", "/ok/52.html", "/ok/53.html"])
    assert len(gaps) == 2 and min(gaps) >= 0.95, gaps


def test_crawl_delay_is_capped_at_max_crawl_delay_and_its_wait_is_no_timeout(site: HostileSite) -> None:
    base = f"http://127.0.0.5:{site.port}"  # robots.txt asks for Crawl-delay: 100000
    site.feeds["huge-delay"] = rss(base, ["/ok/61.html", "/ok/62.html"])
    p = Poller(max_crawl_delay=1.5, total_timeout=1.0)  # the gap is longer than a request may take
    started = time.monotonic()
    res = asyncio.run(p.poll(source("hugedelay", "rss", f"{base}/feed/huge-delay.xml")))
    assert len(res.articles) == 2 and res.errors == {}, res.summary()
    assert time.monotonic() - started < 6
    (gap,) = _gaps(site, "127.0.0.5", ["/ok/61.html", "/ok/62.html"])
    assert 1.45 <= gap < 3


def test_robots_of_a_host_in_back_off_is_fetched_after_it_not_cached_as_unreachable(site: HostileSite) -> None:
    async def run() -> tuple[str, bool]:
        p = Poller()
        async with HttpClient(p.settings) as client:
            robots = RobotsCache(client, p.settings.user_agent, 60.0)
            opts = RequestOptions(loopback_hosts=frozenset({"127.0.0.3"}))
            url = f"http://127.0.0.3:{site.port}/ok/71.html"
            client.politeness.gate(f"127.0.0.3:{site.port}").block_for(0.5)
            with pytest.raises(FetchError) as deferred:
                await robots.allowed(url, opts)
            await asyncio.sleep(0.6)
            return deferred.value.kind, await robots.allowed(url, opts)

    assert asyncio.run(run()) == ("deferred_retry_after", True)
