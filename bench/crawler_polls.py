"""Crawler cost of watching unchanged feeds: conditional polls per CPU-second, and CPU when idle.

    .venv/bin/python -m bench.crawler_polls [--feeds 1000] [--rounds 5] [--hosts 50] [--busy-seconds 20]
        [--idle-seconds 60] [--no-service]

1. Polls: 1,000 sources, each one RSS entry on a local aiohttp server (a separate process, so its CPU is
   not counted) that answers 304 to If-None-Match. The sources' states already hold the feeds' ETags,
   as after a first poll. Each round polls every source through the crawler's real path (HttpClient,
   robots cache, conditional GET, Crawler.poll under safe_poll, commit and state serialization; only the
   Kafka send of the state record is left out). Politeness delay is 0 and the feeds are spread over many
   loopback hosts, so per-host limits do not dominate. Figure: polls per CPU-second of this process.
2. Service: a real `recruitwatch crawler` on the broker (KAFKA_BOOTSTRAP_SERVERS or an embedded one)
   with the same 1,000 sources. Busy: every source due again each second, polls per CPU-second of the
   service process (scheduler, state records to Kafka and /metrics included). Idle: default intervals;
   once every source has been polled (none is due for minutes), its CPU-seconds over a window, per minute.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import re
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

from bench.procs import Service, start
from services.crawler.crawl import Crawler, commit
from services.crawler.fetch import HttpClient
from services.crawler.metrics import CrawlerMetrics
from services.crawler.once import loopback_hosts, safe_poll
from services.crawler.settings import CrawlerSettings
from services.crawler.sources import Source
from services.crawler.state import SourceState, Validators, dump_state
from services.shared.broker import LocalKafka, free_port

ETAG = '"v1"'
TARGET_POLLS_PER_CPU_S = 300.0
CONCURRENCY = 64


def feed_xml(n: int) -> str:
    """A small RSS feed without items (what a 200 answer carries; no article fetches)."""
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f{n}</title><link>/</link></channel></rss>'


def feed_app() -> web.Application:
    """Feeds at /f/<n>.xml: 304 when the client sends the current ETag, else the feed."""

    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(text=feed_xml(int(request.match_info["n"])), content_type="application/rss+xml",
                            headers={"ETag": ETAG})

    async def robots(request: web.Request) -> web.Response:
        return web.Response(text="User-agent: *\nAllow: /\n")

    app = web.Application()
    app.router.add_get("/f/{n}.xml", feed)
    app.router.add_get("/robots.txt", robots)
    return app


def serve(port: int, hosts: int) -> None:
    """Serve the feed app on 127.0.0.2 … 127.0.0.<hosts+1>, one port (run in a child process)."""

    async def main() -> None:
        runner = web.AppRunner(feed_app(), access_log=None)
        await runner.setup()
        for k in range(2, 2 + hosts):
            await web.TCPSite(runner, f"127.0.0.{k}", port, backlog=1024).start()
        await asyncio.Event().wait()

    asyncio.run(main())


def host(i: int, hosts: int) -> str:
    """The loopback address of feed i."""
    return f"127.0.0.{2 + i % hosts}"


def sources(n: int, port: int, hosts: int) -> list[Source]:
    """n sources, one RSS entry each, spread over `hosts` loopback addresses."""
    return [
        Source.model_validate({
            "id": f"p{i:04d}", "name": f"feed {i}", "province": "Huế", "kind": "party_newspaper",
            "home": f"http://{host(i, hosts)}:{port}/", "allow_loopback": True,
            "entries": [{"kind": "rss", "url": f"http://{host(i, hosts)}:{port}/f/{i}.xml"}],
        })
        for i in range(n)
    ]


def primed(src: Source) -> SourceState:
    """A source's state after a first poll: the entry's ETag is known."""
    return SourceState(src.id, validators={src.entries[0].url: Validators(etag=ETAG)}, interval=300.0)


async def poll_rounds(srcs: list[Source], settings: CrawlerSettings, rounds: int) -> dict[str, Any]:
    """One warm-up round, then `rounds` measured rounds of every source; CPU and wall time of the latter."""
    states = {s.id: primed(s) for s in srcs}
    metrics = CrawlerMetrics()
    sem = asyncio.Semaphore(settings.max_concurrent_sources)
    async with HttpClient(settings, loopback_hosts(tuple(srcs))) as client:
        crawler = Crawler(settings, client, metrics)

        async def one(src: Source) -> None:
            async with sem:
                res = await safe_poll(crawler, src, states[src.id])
                states[src.id] = commit(states[src.id], res, src, settings, time.time())
                dump_state(states[src.id])

        await asyncio.gather(*(one(s) for s in srcs))
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for _ in range(rounds):
            await asyncio.gather(*(one(s) for s in srcs))
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    totals = sample_totals(metrics)
    polls = rounds * len(srcs)
    return {"polls": polls, "cpu_s": cpu, "wall_s": wall, "polls_per_cpu_s": polls / cpu, "polls_per_s": polls / wall,
            "not_modified": int(totals.get("recruitwatch_crawler_not_modified_total", 0)) - len(srcs),
            "errors": int(totals.get("recruitwatch_crawler_errors_total", 0))}


def sample_totals(metrics: CrawlerMetrics) -> dict[str, float]:
    """Each sample name's sum over all label sets (one collection of the registry)."""
    totals: dict[str, float] = {}
    for family in metrics.health.registry.collect():
        for sample in family.samples:
            totals[sample.name] = totals.get(sample.name, 0.0) + sample.value
    return totals


def measure_polls(feeds: int, rounds: int, hosts: int) -> dict[str, Any]:
    """The poll benchmark against a feed server in a child process."""
    port = free_port()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(port, hosts), daemon=True)
    server.start()
    try:
        wait_port(host(0, hosts), port)
        settings = CrawlerSettings(host_min_delay=0.0, max_concurrent_sources=CONCURRENCY, allow_loopback=True,
                                   connect_timeout=5.0, read_timeout=5.0, total_timeout=10.0)
        return asyncio.run(poll_rounds(sources(feeds, port, hosts), settings, rounds))
    finally:
        server.terminate()
        server.join(5)


def wait_port(address: str, port: int, timeout: float = 20.0) -> None:
    """Wait until the feed server answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"http://{address}:{port}/robots.txt", timeout=1).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def polls_done(svc: Service) -> float:
    """Sum of recruitwatch_crawler_polls_total on the service's /metrics."""
    body = urllib.request.urlopen(f"http://127.0.0.1:{svc.port}/metrics", timeout=5).read().decode()
    return sum(float(m.group(1)) for m in re.finditer(r"^recruitwatch_crawler_polls_total\{[^}]*\} (\S+)$", body, re.M))


def registry_yaml(path: Path, feeds: int, port: int, hosts: int) -> None:
    """Write the sources registry the service reads."""
    items = [s.model_dump(exclude_none=True, exclude_defaults=True) | {"allow_loopback": True, "kind": s.kind}
             for s in sources(feeds, port, hosts)]
    path.write_text(yaml.safe_dump({"sources": items}, allow_unicode=True))


def measure_service(feeds: int, hosts: int, window: float, bootstrap: str, interval: float | None) -> dict[str, Any]:
    """A running `recruitwatch crawler` after every source was polled once: CPU-seconds and polls in a window.

    interval None keeps the default poll intervals (nothing is due for minutes: idle); a number forces every
    source to be due again after that many seconds (the full service loop, Kafka state records included).
    """
    port = free_port()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(port, hosts), daemon=True)
    server.start()
    workdir = Path(tempfile.mkdtemp(prefix="recruitwatch-bench-crawler-"))
    registry_yaml(workdir / "sources.yaml", feeds, port, hosts)
    metrics_port = free_port()
    env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "RECRUITWATCH_TOPIC_PREFIX": f"bench{port}.",
           "RECRUITWATCH_CRAWLER_SOURCES": str(workdir / "sources.yaml"),
           "RECRUITWATCH_CRAWLER_METRICS_PORT": str(metrics_port), "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0",
           "RECRUITWATCH_CRAWLER_SETTLE_SECONDS": "1", "RECRUITWATCH_CRAWLER_MAX_CONCURRENT_SOURCES": str(CONCURRENCY),
           "RECRUITWATCH_LOG_LEVEL": "WARNING"}
    if interval is not None:
        env.update({"RECRUITWATCH_CRAWLER_MIN_INTERVAL": str(interval), "RECRUITWATCH_CRAWLER_MAX_INTERVAL": str(interval)})
    svc = start("crawler", ["crawler"], env, metrics_port, workdir / "crawler.log")
    try:
        wait_port(host(0, hosts), port)
        svc.wait_http(timeout=120)
        first_poll = wait_all_polled(svc, feeds, timeout=300)
        time.sleep(2.0)  # let the last state records flush
        cpu0, polls0 = svc.cpu_seconds(), polls_done(svc)
        time.sleep(window)
        cpu, polls = svc.cpu_seconds() - cpu0, polls_done(svc) - polls0
        return {"window_s": window, "cpu_s": cpu, "cpu_s_per_min": cpu * 60.0 / window, "polls": polls,
                "polls_per_cpu_s": polls / cpu if cpu else None, "first_poll_s": round(first_poll, 1),
                "peak_rss_mb": round(svc.peak_rss_mb()), "log": str(workdir)}
    finally:
        svc.stop()
        server.terminate()
        server.join(5)


def wait_all_polled(svc: Service, feeds: int, timeout: float) -> float:
    """Seconds until every source has been polled once."""
    started = time.monotonic()
    while polls_done(svc) < feeds:
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"only {polls_done(svc)} of {feeds} sources polled in {timeout}s")
        time.sleep(0.5)
    return time.monotonic() - started


def rows(polls: dict[str, Any], busy: dict[str, Any] | None, idle: dict[str, Any] | None
         ) -> list[tuple[str, str, str, str]]:
    """Table rows: what, figure, target, status."""
    target = f"≥ {TARGET_POLLS_PER_CPU_S:.0f}/s per core"
    ok = polls["polls_per_cpu_s"] >= TARGET_POLLS_PER_CPU_S and polls["errors"] == 0
    out = [(
        "crawler conditional polls, 1,000 unchanged feeds (304), poll path",
        f"{polls['polls_per_cpu_s']:.0f} polls/CPU-s ({polls['polls_per_s']:.0f} polls/s wall, "
        f"{polls['not_modified']}/{polls['polls']} answered 304, {polls['errors']} errors)",
        target, "meets" if ok else "**short**",
    )]
    if busy is not None:
        rate = busy["polls_per_cpu_s"] or 0.0
        out.append(("crawler conditional polls, running service (state records to Kafka)",
                    f"{rate:.0f} polls/CPU-s ({busy['polls']:.0f} polls in {busy['window_s']:.0f} s, "
                    f"{busy['cpu_s']:.1f} CPU-s)", target, "meets" if rate >= TARGET_POLLS_PER_CPU_S else "**short**"))
    if idle is not None:
        out.append(("crawler CPU when idle (1,000 sources, none due)",
                    f"{idle['cpu_s_per_min']:.2f} CPU-s per minute ({idle['polls']:.0f} polls in the "
                    f"{idle['window_s']:.0f} s window; peak RSS {idle['peak_rss_mb']} MB)", "reported", "n/a"))
    return out


def table(lines: list[tuple[str, str, str, str]]) -> str:
    """A Markdown table of the rows."""
    head = "| what | measured | target | status |\n|---|---|---|---|\n"
    return head + "".join(f"| {a} | {b} | {c} | {d} |\n" for a, b, c, d in lines)


def run(feeds: int = 1000, rounds: int = 5, hosts: int = 50, busy_seconds: float = 20.0,
        idle_seconds: float = 60.0, service: bool = True) -> dict[str, Any]:
    """Every crawler figure; the dict carries `rows` (what, figure, target, status) for bench/run.py."""
    polls = measure_polls(feeds, rounds, hosts)
    busy = idle = None
    if service:
        with ExitStack() as stack:
            bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or stack.enter_context(LocalKafka()).bootstrap
            busy = measure_service(feeds, hosts, busy_seconds, bootstrap, interval=1.0)
            idle = measure_service(feeds, hosts, idle_seconds, bootstrap, interval=None)
    return {"polls": polls, "service_busy": busy, "service_idle": idle, "rows": rows(polls, busy, idle)}


def main() -> None:
    """Run and print the Markdown table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--busy-seconds", type=float, default=20.0)
    ap.add_argument("--idle-seconds", type=float, default=60.0)
    ap.add_argument("--no-service", action="store_true", help="only the in-process poll path (no broker needed)")
    args = ap.parse_args()
    res = run(args.feeds, args.rounds, args.hosts, args.busy_seconds, args.idle_seconds, not args.no_service)
    print(table(res["rows"]))


if __name__ == "__main__":
    main()
