"""Subcommands of the crawler service: `crawler`, `crawl`, `sources`."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.crawler.sources import Registry


def _registry(path: str) -> Registry | None:
    from services.crawler.sources import SourceError, load_registry

    try:
        return load_registry(path)
    except SourceError as exc:
        sys.stderr.write(f"{exc}\n")
        return None


def _crawler(args: argparse.Namespace) -> int:
    from services.crawler.service import CrawlerService
    from services.crawler.settings import CrawlerSettings
    from services.crawler.sources import load_registry_lenient
    from services.shared.kafkaio import wait_for_broker_at_start
    from services.shared.logs import setup_logging

    settings = CrawlerSettings()
    setup_logging("crawler", settings.log_level, settings.log_format)
    wait_for_broker_at_start(settings.kafka_startup_timeout_s)
    registry, problems = load_registry_lenient(args.sources or settings.sources)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await CrawlerService(settings, registry, problems).run(stop)

    asyncio.run(main())
    return 0


def _crawl(args: argparse.Namespace) -> int:
    from services.crawler.once import run_once
    from services.crawler.settings import CrawlerSettings
    from services.shared.logs import setup_logging

    settings = CrawlerSettings()
    setup_logging("crawler", args.log_level or "WARNING", settings.log_format)
    registry = _registry(args.sources or settings.sources)
    if registry is None:
        return 2
    return run_once(registry, settings, Path(args.output))


def _backfill(args: argparse.Namespace) -> int:
    import orjson

    from services.crawler.backfill import run_backfill
    from services.crawler.settings import CrawlerSettings
    from services.shared.kafkaio import wait_for_broker_at_start
    from services.shared.logs import setup_logging

    settings = CrawlerSettings()
    setup_logging("crawler", args.log_level or "WARNING")
    registry = _registry(args.sources or settings.sources)
    if registry is None:
        return 2
    source = registry.by_id().get(args.source)
    if source is None or source.backfill is None:
        sys.stderr.write(f"source {args.source!r} is not in {registry.path} or has no backfill block\n")
        return 2
    wait_for_broker_at_start(settings.kafka_startup_timeout_s)
    max_pages = args.max_pages or source.backfill.max_pages
    summary = asyncio.run(run_backfill(settings, source, args.since, max_pages, args.metrics_port))
    sys.stdout.write(orjson.dumps(summary).decode() + "\n")
    return 0


def _sources_check(args: argparse.Namespace) -> int:
    registry = _registry(args.file)
    if registry is None:
        return 1
    provinces = {s.province for s in registry.sources}
    print(f"{args.file}: {len(registry.sources)} sources across {len(provinces)} provinces: OK")
    return 0


def _sources_discover(args: argparse.Namespace) -> int:
    from services.crawler.discover import discover_sync
    from services.crawler.pagination import discover_pagination
    from services.crawler.settings import CrawlerSettings

    settings = CrawlerSettings()
    if args.allow_loopback:
        settings = settings.model_copy(update={"allow_loopback": True})
    proposals = discover_sync(args.url, settings, verify_tls=not args.insecure)
    pagers = asyncio.run(discover_pagination(args.url, settings, verify_tls=not args.insecure))
    if proposals:
        print("    entries:")
    for p in proposals:
        print(f"      - {{kind: {p.kind}, url: \"{p.url}\"}}  # {p.items} items, via {p.via}")
    for i, (pattern, last) in enumerate(pagers):  # the archive walk of `recruitwatch backfill`
        print(("    backfill: " if i == 0 else "    # or: ") + f"{{listing: \"{pattern}\", link_pattern: \"…\"}}"
              f"  # pager up to page {last} on this page")
    if not proposals:
        print(f"# no feed or sitemap found for {args.url}; use a listing entry with a link_pattern")
        return 1
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `crawler`, `crawl` and `sources`."""
    svc = sub.add_parser("crawler", help="run the crawler service (replicas split the sources through Kafka)")
    svc.add_argument("--sources", default=None, help="sources YAML (default: RECRUITWATCH_CRAWLER_SOURCES)")
    svc.set_defaults(func=_crawler)
    crawl = sub.add_parser("crawl", help="crawl each source once without Kafka (debugging)")
    crawl.add_argument("--sources", default=None, help="sources YAML (default: seeds/sources.yaml)")
    crawl.add_argument("--once", action="store_true", required=True, help="poll each source once")
    crawl.add_argument("--output", required=True, help="JSON lines file for the records")
    crawl.add_argument("--log-level", default=None, help="JSON log level on stderr (default WARNING)")
    crawl.set_defaults(func=_crawl)
    back = sub.add_parser("backfill", help="walk a source's archive (its backfill block) and publish its articles")
    back.add_argument("--source", required=True, help="source id (with a backfill: block)")
    back.add_argument("--sources", default=None, help="sources YAML (default: RECRUITWATCH_CRAWLER_SOURCES)")
    back.add_argument("--since", type=date.fromisoformat, default=None, help="cutoff YYYY-MM-DD (default: the block's)")
    back.add_argument("--max-pages", type=int, default=None, help="archive pages this run (default: the block's)")
    back.add_argument("--metrics-port", type=int, default=0, help="serve recruitwatch_backfill_* metrics here")
    back.add_argument("--log-level", default=None, help="JSON log level on stderr (default WARNING)")
    back.set_defaults(func=_backfill)
    src = sub.add_parser("sources", help="validate the registry or discover a site's feeds")
    srcsub = src.add_subparsers(dest="sources_command", required=True)
    check = srcsub.add_parser("check", help="validate a sources file offline")
    check.add_argument("file")
    check.set_defaults(func=_sources_check)
    disc = srcsub.add_parser("discover", help="propose feeds and sitemaps for a site")
    disc.add_argument("url")
    disc.add_argument("--insecure", action="store_true", help="do not verify TLS (reported sites only)")
    disc.add_argument("--allow-loopback", action="store_true", help="allow 127.0.0.1 (tests, demo)")
    disc.set_defaults(func=_sources_discover)
