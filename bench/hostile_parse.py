"""CPU cost of parsing a hostile feed or sitemap that stays inside every size limit (issue 12, item 3).

Every item carries its own Vietnamese textual date, which only dateparser reads (~2-40 ms each), so before
the link cap ran ahead of the date parser a 10 MiB document cost minutes. Run: `python -m bench.hostile_parse`.
"""

from __future__ import annotations

import time
from typing import Any

from services.crawler.parsing import Found, parse_feed, parse_sitemap

LINK_CAP = 300
SIZES_MIB = (1, 2.5, 5, 10)


def vn_date(n: int) -> str:
    """A distinct textual date per item (defeats any cache), readable only by dateparser."""
    return f"{n % 28 + 1} tháng {n % 12 + 1} năm {1990 + n % 35}, {n % 24}:{n % 60:02d}"


def _grow(size: int, item: Any) -> tuple[str, int]:
    parts, total, n = [], 0, 0
    while total < size:
        text = item(n)
        parts.append(text)
        total += len(text.encode())
        n += 1
    return "".join(parts), n


def hostile_feed(size: int, newest_every: int = 0) -> tuple[bytes, int]:
    """An RSS feed of about `size` bytes and its item count; every `newest_every`-th item has a recent ISO date."""

    def item(n: int) -> str:
        date = f"2026-01-01T00:{n % 60:02d}:00+07:00" if newest_every and n % newest_every == 0 else vn_date(n)
        return f"<item><title>Tin {n}</title><link>http://a.vn/p/{n}.html</link><pubDate>{date}</pubDate></item>"

    items, n = _grow(size, item)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            f"<link>http://a.vn/</link>{items}</channel></rss>").encode(), n


def hostile_sitemap(size: int, newest_every: int = 0) -> tuple[bytes, int]:
    """A sitemap of about `size` bytes and its URL count; every `newest_every`-th URL has a recent ISO date."""

    def item(n: int) -> str:
        date = f"2026-01-01T00:{n % 60:02d}:00+07:00" if newest_every and n % newest_every == 0 else vn_date(n)
        return f"<url><loc>http://a.vn/p/{n}.html</loc><lastmod>{date}</lastmod></url>"

    urls, n = _grow(size, item)
    return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}'
            "</urlset>").encode(), n


def cpu(fn: Any, *args: Any) -> tuple[Found, float]:
    """The result and the CPU seconds of one call."""
    started = time.process_time()
    found = fn(*args)
    return found, time.process_time() - started


def run() -> dict[str, Any]:
    """CPU seconds per document size for parse_feed and parse_sitemap with the link cap; `rows` for bench/run.py."""
    results: list[dict[str, Any]] = []
    for mib in SIZES_MIB:
        size = int(mib * 1024 * 1024)
        feed, items = hostile_feed(size)
        found, feed_s = cpu(parse_feed, feed, "http://a.vn/", LINK_CAP)
        smap, urls = hostile_sitemap(size)
        sfound, smap_s = cpu(parse_sitemap, smap, "http://a.vn/", 64 * 1024 * 1024, LINK_CAP)
        results.append({"mib": mib, "feed_items": items, "feed_cpu_s": round(feed_s, 2), "feed_kept": len(found.items),
                        "sitemap_urls": urls, "sitemap_cpu_s": round(smap_s, 2), "sitemap_kept": len(sfound.items)})
    worst = results[-1]
    worst_s = max(worst["feed_cpu_s"], worst["sitemap_cpu_s"])
    rows = [(f"hostile {worst['mib']} MiB feed / sitemap, a textual date per item ({worst['feed_items']:,} items / "
             f"{worst['sitemap_urls']:,} URLs), link cap {LINK_CAP}",
             f"{worst['feed_cpu_s']} s / {worst['sitemap_cpu_s']} s CPU (issue 12 measured 293 s / 263 s before the cap); by size: "
             + ", ".join(f"{r['mib']} MiB {r['feed_cpu_s']}/{r['sitemap_cpu_s']} s" for r in results),
             "a few seconds", "meets" if worst_s <= 5 else "**short**")]
    return {"results": results, "rows": rows}


if __name__ == "__main__":
    out = run()
    for row in out["rows"]:
        print(" | ".join(row))
    for r in out["results"]:
        print(r)
