"""Pure parts of backfill and reprocess: the backfill block, archive dates, job selection, re-extraction."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from services.crawler.backfill import article_date, older
from services.crawler.pagination import pagination_patterns
from services.crawler.sources import SourceError, parse_registry
from services.extractor.stages import extract_article, parse_raw
from services.history.reprocess import Job, reextract
from services.shared.events import RawArticle, encode

SRC = """
sources:
  - id: a-1
    name: A
    province: Huế
    kind: party_committee
    home: https://a.vn
    entries: [{kind: rss, url: "https://a.vn/rss"}]
"""


def test_a_backfill_block_is_validated_with_clear_errors() -> None:
    ok = parse_registry(SRC + '    backfill: {listing: "https://a.vn/tin?page={n}", link_pattern: "/bai/", '
                              "since: 2016-01-01}\n").sources[0].backfill
    assert ok is not None and ok.page_url(7) == "https://a.vn/tin?page=7" and ok.since == date(2016, 1, 1)
    for block, message in (("{since: 2016-01-01}", "needs sitemaps or a listing"),
                           ('{listing: "https://a.vn/tin?page=1", link_pattern: "x"}', "{n}"),
                           ('{listing: "https://a.vn/tin?page={n}"}', "needs link_pattern"),
                           ('{sitemaps: ["ftp://a.vn/s.xml"]}', "not an absolute http(s) URL")):
        with pytest.raises(SourceError, match="field backfill") as err:
            parse_registry(SRC + f"    backfill: {block}\n", "s.yaml")
        assert message in str(err.value)


def test_archive_dates_come_from_the_page_then_the_stamp_then_the_url_in_vietnam_time() -> None:
    meta = '<html><head><meta property="article:published_time" content="2019-03-04T08:00:00+07:00"></head></html>'
    assert article_date(meta, "2020-01-01T00:00:00Z", "https://a.vn/x.html") == date(2019, 3, 4)
    assert article_date("<html><body>x</body></html>", "2019-12-31T17:30:00Z", "https://a.vn/x") == date(2020, 1, 1)
    assert article_date("<p>x</p>", None, "https://a.vn/2018/05/06/x.html") == date(2018, 5, 6)
    assert article_date("", None, "https://a.vn/x.html") is None
    assert older("2019-12-31T16:59:00Z", "2020-01-01") and not older("2019-12-31T17:00:00Z", "2020-01-01")
    assert not older(None, "2020-01-01") and not older("2001-01-01", None)


def test_a_job_selects_by_source_and_fetch_date_and_is_named_by_the_versions() -> None:
    job = Job("facts", date(2025, 3, 1), "a-1")
    assert job.selects({"source_id": "a-1", "fetched_at": "2025-03-01T00:00:00Z"})
    assert not job.selects({"source_id": "a-1", "fetched_at": "2025-02-28T23:59:59Z"})
    assert not job.selects({"source_id": "b-2", "fetched_at": "2026-01-01T00:00:00Z"})
    assert Job().selects({}) and Job("parse").job_id.startswith("reprocess:parse:") and "+parse/" in Job("parse").job_id


def test_reextraction_is_what_the_extractor_stages_publish() -> None:
    html = ("<html><head><title>Kết nạp đảng viên</title></head><body><article><h1>Kết nạp đảng viên mới</h1>"
            + "<p>Năm 2024, Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới, đạt 107,5% kế hoạch năm. "
            "Công tác phát triển đảng viên được các chi bộ quan tâm, chú trọng chất lượng.</p>" * 4
            + "</article></body></html>")
    raw = RawArticle("a1", "a-1", "https://a.vn/x", "https://a.vn/x", "2025-01-01T00:00:00Z", 200, html, "h", "t",
                     entry_published="2025-01-01T00:00:00Z")
    text, _ = parse_raw(raw)
    event = extract_article(text)
    out = reextract("parse", encode(raw))
    assert out.skipped is None and out.text == [text] and out.facts == [*event.facts, event] and event.facts
    assert reextract("facts", encode(text)).facts == [*event.facts, event]
    empty = RawArticle("a2", "a-1", "https://a.vn/y", "https://a.vn/y", "2025-01-01T00:00:00Z", 200, "<html></html>",
                       "h", "t")
    assert reextract("parse", encode(empty)).skipped
    with pytest.raises(Exception):  # noqa: B017 — a broken record raises: the job dead-letters it
        reextract("facts", orjson.dumps({"schema": "nope"}))


def test_pagers_on_a_listing_page_become_backfill_patterns() -> None:
    html = ('<a href="/tin-tuc?page=2">2</a><a href="/tin-tuc?page=3">3</a><a href="/tin-tuc?page=57">Cuối</a>'
            '<a href="/chinh-tri/trang-2.html">2</a><a href="/chinh-tri/trang-3.html#top">3</a>'
            '<a href="/list.aspx?cat=5&amp;p=2">2</a><a href="/list.aspx?cat=5&amp;p=3">3</a>'
            '<a href="/bai-viet/tin-5.html">a</a><a href="/bai-viet/tin-6.html">b</a><a href="/x?page=4">one</a>')
    assert pagination_patterns(html, "https://a.vn/tin-tuc") == [
        ("https://a.vn/tin-tuc?page={n}", 57), ("https://a.vn/chinh-tri/trang-{n}.html", 3),
        ("https://a.vn/list.aspx?cat=5&p={n}", 3)]
    assert pagination_patterns("<p>no links</p>", "https://a.vn/") == []
