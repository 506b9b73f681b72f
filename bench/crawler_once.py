"""Crawler throughput: one `crawl_once` pass over N fixture sources on 10 loopback hosts (no Kafka).

    .venv/bin/python -m bench.crawler_once [--sources 40] [--articles 25] [--delay 0.0]

Prints pages/s, wire MB/s, CPU seconds per page and peak RSS; politeness is set to 0 s between
requests and 2 connections per host, so the numbers show the client/parser cost, not the network.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import resource
import time

from services.crawler.once import crawl_once
from services.crawler.settings import CrawlerSettings
from services.crawler.sources import Registry, Source
from tests.integration.crawler.site import SiteServer


def _sources(port: int, n: int) -> Registry:
    items = [
        Source.model_validate({
            "id": f"b{i:03d}", "name": "bench", "province": "Huế", "kind": "party_newspaper",
            "home": f"http://127.0.0.{2 + i % 10}:{port}/", "allow_loopback": True,
            "entries": [{"kind": "rss", "url": f"http://127.0.0.{2 + i % 10}:{port}/s/b{i:03d}/rss.xml"}],
        })
        for i in range(n)
    ]
    return Registry("bench", tuple(items))


def main() -> None:
    """Run the benchmark and print one summary line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=int, default=40)
    ap.add_argument("--articles", type=int, default=25)
    ap.add_argument("--delay", type=float, default=0.0, help="server-side delay per article page (s)")
    args = ap.parse_args()
    server = SiteServer(extra_hosts=10)
    site = server.start()
    site.article_delay = args.delay
    for i in range(args.sources):
        site.counts[f"b{i:03d}"] = args.articles
    settings = CrawlerSettings(host_min_delay=0.0, max_concurrent_sources=16, max_articles_per_poll=args.articles)
    out = io.BytesIO()
    cpu0, t0 = time.process_time(), time.perf_counter()
    results = asyncio.run(crawl_once(_sources(site.port, args.sources), settings, out))
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    server.stop()
    pages = sum(r.fetched for r in results)
    records = sum(len(r.articles) for r in results)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"sources={args.sources} pages={pages} records={records} wall={wall:.2f}s "
          f"pages/s={pages / wall:.0f} cpu_ms/page={1000 * cpu / max(1, pages):.2f} "
          f"output_MB={len(out.getvalue()) / 1e6:.1f} peak_rss_MB={rss_mb:.0f} (CPU incl. the fixture server)")


if __name__ == "__main__":
    main()
