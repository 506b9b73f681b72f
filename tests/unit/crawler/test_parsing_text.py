"""Feeds (bozo policy), sitemaps, listings, Vietnamese dates, charsets and legacy encodings."""

from __future__ import annotations

import gzip
import unicodedata

import pytest

from services.crawler.pages import canonical_link, challenge_reason
from services.crawler.parsing import (
    DateBudget,
    ParseError,
    newest,
    parse_feed,
    parse_listing,
    parse_sitemap,
    parse_vn_date,
    trim_feed,
)
from services.crawler.textenc import LegacyEncoding, decode_text, sniff_charset

FEED = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        b'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title><ttl>30</ttl>'
        b"<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>"
        b"<item><title>A</title><link>/a-post1.html</link><pubDate>22/07/2019 16:29</pubDate></item>"
        b"<item><title>B</title><link>https://x.vn/b</link></item></channel></rss>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22/07/2019 16:29", "2019-07-22T09:29:00Z"), ("Thứ Hai, 22/07/2019, 08:10 [GMT+7]", "2019-07-22T01:10:00Z"),
     ("Thứ hai, 22/07/2019 16:29", "2019-07-22T09:29:00Z"), ("7/22/2019 4:29:00 PM", "2019-07-22T09:29:00Z"),
     ("Mon, 22 Jul 2019 16:29:00 +0700", "2019-07-22T09:29:00Z"), ("", None), ("không phải ngày", None)],
)
def test_vietnamese_dates(text: str, expected: str | None) -> None:
    assert parse_vn_date(text) == expected


def test_feed_items_hints_and_relative_links() -> None:
    found = parse_feed(FEED, "https://x.vn/rss/home.rss")
    assert [i.url for i in found.items] == ["https://x.vn/a-post1.html", "https://x.vn/b"]
    assert found.items[0].published == "2019-07-22T09:29:00Z"
    assert found.hint_seconds == 6 * 3600  # max(ttl 30 min, daily/4)


def test_feed_charset_override_is_tolerated() -> None:
    body = FEED.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"')
    assert len(parse_feed(body, "https://x.vn/").items) == 2


@pytest.mark.parametrize(
    ("body", "kind"),
    [(FEED[:-30], "malformed_feed"), ("<html><body>Trang chủ</body></html>".encode(), "not_a_feed"),
     (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;&b;</title>'
      b"</item></channel></rss>", "malformed_feed")],
)
def test_hostile_or_broken_feeds_are_rejected(body: bytes, kind: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_feed(body, "https://x.vn/")
    assert err.value.kind == kind


def test_sitemaps_index_news_and_gzip() -> None:
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.vn/s1.xml'
             b"</loc></sitemap></sitemapindex>")
    assert parse_sitemap(index, "https://x.vn/", 10**6).sitemaps == ["https://x.vn/s1.xml"]
    news = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/'
            b'sitemap-news/0.9"><url><loc>https://x.vn/a</loc><n:news><n:title>Tin</n:title><n:publication_date>'
            b"2025-07-22</n:publication_date></n:news></url></urlset>")
    item = parse_sitemap(gzip.compress(news), "https://x.vn/", 10**6).items[0]
    assert (item.url, item.title) == ("https://x.vn/a", "Tin") and item.published is not None
    with pytest.raises(ParseError):
        parse_sitemap(b"<html/>", "https://x.vn/", 10**6)
    xxe = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc></url></urlset>'
    assert parse_sitemap(xxe, "https://x.vn", 10**6).items == []  # external entities are never resolved


def test_listing_keeps_matching_links_once_in_order() -> None:
    html = ('<a href="/tin/b-2.html">B</a><a href="/lien-he">x</a><a href="/tin/a-1.html"> A </a>'
            '<a href="/tin/b-2.html">B again</a>')
    found = parse_listing(html, "https://x.vn/tin/", r"/tin/.+-\d+\.html$")
    assert [(i.url, i.title) for i in found.items] == [("https://x.vn/tin/b-2.html", "B"), ("https://x.vn/tin/a-1.html", "A")]


def test_charset_from_bom_header_and_meta() -> None:
    assert sniff_charset(b"\xef\xbb\xbfabc", "text/html; charset=iso-8859-1") == ("utf-8", b"abc")
    assert sniff_charset(b"abc", "text/html; charset=windows-1258")[0] == "cp1258"
    assert sniff_charset(b'<meta charset="windows-1258">', "text/html")[0] == "cp1258"
    assert sniff_charset(b"<html>", None)[0] == "utf-8"


def test_windows_1258_decomposed_text_is_normalized_to_nfc() -> None:
    raw = "Vi\u00ea\u0323t Nam đa\u0309ng viên".encode("cp1258")
    text, charset = decode_text(raw, "text/html; charset=windows-1258")
    assert charset == "cp1258" and text == "Việt Nam đảng viên" and unicodedata.is_normalized("NFC", text)


def test_undeclared_legacy_bytes_fall_back_without_crashing() -> None:
    text, charset = decode_text("Đảng".encode("utf-16-le")[:3] + b"\xff", None)
    assert charset == "cp1258" and text


@pytest.mark.parametrize(
    ("page", "family"),
    [('<body style="font-family:.VnTime">x</body>', "TCVN3"), ("<p>§¶ng bé tØnh, ViÖt Nam, ®­îc</p>", "TCVN3"),
     ("<font face=x style='font-family: VNI-Times'>", "VNI"), ("<p>Ñaûng boä tænh, Vieät Nam, ñöôïc</p>", "VNI")],
)
def test_legacy_font_encodings_are_reported(page: str, family: str) -> None:
    with pytest.raises(LegacyEncoding) as err:
        decode_text(page.encode("latin-1", "replace"), "text/html; charset=iso-8859-1")
    assert err.value.family == family


def test_challenge_pages_and_canonical_links() -> None:
    js = "<script>document.cookie='D1N=1'; window.location.reload();</script>"
    assert challenge_reason(200, js) and challenge_reason(202, "<html></html>")
    assert challenge_reason(200, "<title>Just a moment...</title>")
    assert challenge_reason(200, "<html><p>Kết nạp đảng viên</p></html>") is None
    html = '<head><link href="/a-post1.html?utm_source=x" rel="canonical"></head><body></body>'
    assert canonical_link(html, "https://x.vn/b?x=1") == "https://x.vn/a-post1.html?utm_source=x"
    assert canonical_link("<head></head>", "https://x.vn/") is None


def test_newest_keeps_the_cheaply_dated_newest_then_document_order() -> None:
    keys = [None, "2024-01-02T00:00:00Z", None, "2025-01-01T00:00:00Z", "2023-01-01T00:00:00Z", None]
    assert newest(keys, 3) == {1, 3, 4} and newest(keys, 4) == {0, 1, 3, 4} and newest(keys, None) == set(range(6))


def test_the_date_budget_stops_calling_dateparser_but_keeps_cheap_dates() -> None:
    budget = DateBudget(0.0)
    assert budget.parse("2024-03-05T10:00:00+07:00") == "2024-03-05T03:00:00Z"
    assert budget.parse("5 tháng 3 năm 2024") is None and budget.skipped == 1
    assert DateBudget(5.0).parse("5 tháng 3 năm 2024") == "2024-03-04T17:00:00Z"


def test_a_large_feed_lxml_cannot_read_is_left_to_feedparsers_verdict() -> None:
    items = "".join(f"<item><link>http://a.vn/{i}</link></item>" for i in range(500))
    broken = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}<item>&nbsp;</channel></rss>'.encode()
    assert trim_feed(broken, 10) == (broken, 0)
    with pytest.raises(ParseError) as err:
        parse_feed(broken, "http://a.vn/", 10)
    assert err.value.kind == "malformed_feed"
