"""Bounded parse cost: a 10 MiB feed or sitemap inside every size limit, a textual date on every item.

Before the link cap ran ahead of the date parser this cost ~5 minutes of CPU per document (issue 12).
The bound below is a correctness bound; the figure itself is in bench/hostile_parse.py.
"""

from __future__ import annotations

import time

import pytest

from bench.hostile_parse import hostile_feed, hostile_sitemap
from services.crawler.parsing import parse_feed, parse_sitemap

MIB = 1024 * 1024
CAP = 300


@pytest.mark.parametrize("kind", ["feed", "sitemap"])
def test_a_10_mib_document_keeps_the_newest_links_within_seconds(kind: str) -> None:
    body, total = (hostile_feed if kind == "feed" else hostile_sitemap)(10 * MIB, newest_every=1000)
    started = time.process_time()
    found = (parse_feed(body, "http://a.vn/", CAP) if kind == "feed"
             else parse_sitemap(body, "http://a.vn/", 64 * MIB, CAP))
    spent = time.process_time() - started
    recent = {f"http://a.vn/p/{n}.html" for n in range(0, total, 1000)}
    urls = [i.url for i in found.items]
    assert len(found.items) == CAP and found.dropped == total - CAP
    undated = [f"http://a.vn/p/{n}.html" for n in range(total) if n % 1000][: CAP - len(recent)]
    assert set(urls) == recent | set(undated)  # the cheaply dated newest links first, then document order
    assert all(i.published and i.published.startswith("2025-12-31T17:") for i in found.items if i.url in recent)
    assert spent < 15, f"{spent:.1f} s CPU"


def test_a_small_feed_is_parsed_whole_with_textual_dates() -> None:
    body, total = hostile_feed(4000)
    found = parse_feed(body, "http://a.vn/", CAP)
    assert len(found.items) == total and found.dropped == 0
    assert found.items[0].published == "1989-12-31T17:00:00Z"  # "1 tháng 1 năm 1990, 0:00" (Vietnam) by dateparser
