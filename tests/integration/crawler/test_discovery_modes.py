"""RSS, Atom, sitemap index (gzip + news) and listing pages against the real local fixture site."""

from __future__ import annotations

import asyncio

from services.crawler.crawl import commit
from services.crawler.state import SourceState
from services.crawler.urls import article_id
from tests.integration.crawler.conftest import Poller, source
from tests.integration.crawler.site import FixtureSite


def test_rss_feed_yields_canonical_articles_with_parsed_vietnamese_dates(site: FixtureSite) -> None:
    p = Poller()
    res = asyncio.run(p.poll(source("rss", "rss", f"{site.base}/s/rss/rss.xml")))
    assert res.found == 3 and len(res.articles) == 3, res.summary()
    rec = res.articles[0].record
    assert rec.canonical_url == f"{site.base}/a/rss/0.html"
    assert rec.article_id == article_id(rec.canonical_url)
    assert "utm_source" in rec.url and rec.entry_published == "2025-07-01T01:10:00Z"
    assert "kết nạp" in rec.html and rec.charset == "utf-8" and rec.http_status == 200
    assert rec.source_province == "Hà Nội" and rec.entry_title == "Bài 0 của rss"
    assert p.metric("recruitwatch_crawler_requests_total", source="rss", status_class="2xx") >= 4


def test_atom_feed(site: FixtureSite) -> None:
    res = asyncio.run(Poller().poll(source("atom", "rss", f"{site.base}/s/atom/atom.xml")))
    assert sorted(c.record.canonical_url for c in res.articles) == [f"{site.base}/a/atom/{n}.html" for n in range(3)]
    assert res.articles[0].record.entry_published is not None


def test_sitemap_index_with_gzip_and_news_sitemaps(site: FixtureSite) -> None:
    res = asyncio.run(Poller().poll(source("smap", "sitemap", f"{site.base}/s/smap/sitemap_index.xml")))
    urls = {c.record.canonical_url for c in res.articles}
    assert urls == {f"{site.base}/a/smap/{n}.html" for n in range(3)}, res.summary()
    news = next(c for c in res.articles if c.record.canonical_url.endswith("/2.html"))
    assert news.record.entry_title == "Tin 2" and news.record.entry_published == "2025-07-22T09:29:00Z"


def test_listing_page_with_link_pattern_drops_session_params(site: FixtureSite) -> None:
    src = source("lst", "listing", f"{site.base}/s/lst/list.html", link_pattern=r"/a/lst/\d+\.html")
    res = asyncio.run(Poller().poll(src))
    assert res.found == 3 and len(res.articles) == 3
    assert all("sessionid" not in c.record.canonical_url for c in res.articles)


def test_same_article_under_tracking_urls_is_published_once(site: FixtureSite) -> None:
    p = Poller()
    res = asyncio.run(p.poll(source("dup", "rss", f"{site.base}/dup/feed.xml")))
    assert len(res.articles) == 1, res.summary()
    assert res.articles[0].record.canonical_url == f"{site.base}/a/dup/0.html"
    assert site.calls["/a/dup/0.html"] == 1


def test_second_poll_publishes_nothing_until_content_changes(site: FixtureSite) -> None:
    p = Poller()
    src = source("chg", "listing", f"{site.base}/s/chg/list.html", link_pattern=r"/a/chg/\d+\.html")
    state = SourceState("chg")
    first = asyncio.run(p.poll(src, state))
    state = commit(state, first, src, p.settings, 0.0)
    again = asyncio.run(p.poll(src, state))
    assert len(first.articles) == 3 and again.articles == [] and again.new_links == 0
    assert p.metric("recruitwatch_crawler_not_modified_total", source="chg") == 1  # same body hash
    site.versions["chg"] = 1
    state.validators = {}  # the listing changed too, say
    state.seen = {k: [v[0], "changed-stamp", v[2]] for k, v in state.seen.items()}
    changed = asyncio.run(p.poll(src, state))
    assert len(changed.articles) == 3 and all("v1" in c.record.html for c in changed.articles)
