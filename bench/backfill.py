"""Backfill at the issue's full scale: a generated 10-year archive of 2,000 articles (100 listing pages, 120
monthly sitemaps, some pages gone or moved, some disallowed by robots.txt) walked to a cutoff through both
the sitemap index and the listing pages, SIGKILLed twice; reports pages/s, articles/s and exactness.

    python -m bench.backfill [--articles 2000] [--since 2016-01-01] [--host-delay 0.005]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from aiokafka import AIOKafkaConsumer

from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka
from services.shared.events import RawArticle, decode
from services.shared.topics import TopicNames, kafka_limits
from tests.integration.crawler.archive import ArchiveServer, ArchiveSite, archive

REPO = Path(__file__).resolve().parents[1]


async def _urls(bootstrap: str, topic: str) -> list[str]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False,
                                max_partition_fetch_bytes=kafka_limits()["max_partition_fetch_bytes"])
    await consumer.start()
    out: list[str] = []
    try:
        idle = time.monotonic()
        while time.monotonic() - idle < 1.0:
            for msgs in (await consumer.getmany(timeout_ms=200)).values():
                out += [decode(m.value, RawArticle).canonical_url for m in msgs if m.value]
                idle = time.monotonic()
    finally:
        await consumer.stop()
    return out


def run(n: int = 2000, since: date = date(2016, 1, 1), host_delay: float = 0.005,
        kill_after: float = 12.0) -> dict[str, Any]:
    """Backfill the generated archive, SIGKILLed `kill_after` seconds into each of two runs; check exactly once."""
    server = ArchiveServer(ArchiveSite(archive(n)))
    site = server.start()
    tmp = Path(tempfile.mkdtemp(prefix="bench-backfill-"))
    reg = tmp / "sources.yaml"
    reg.write_text(yaml.safe_dump({"sources": [{
        "id": "archive", "name": "Archive", "province": "Huế", "kind": "party_committee", "home": site.base,
        "allow_loopback": True,
        "entries": [{"kind": "listing", "url": f"{site.base}/tin-tuc?page=1", "link_pattern": "/bai-viet/"}],
        "backfill": {"sitemaps": [f"{site.base}/sitemap_index.xml"], "listing": f"{site.base}/tin-tuc?page={{n}}",
                     "link_pattern": r"/(bai-viet|private)/", "since": since.isoformat(), "max_pages": 10_000},
    }]}, allow_unicode=True))
    expected = site.published_after(since)
    try:
        with LocalKafka() as broker:
            prefix = f"b{uuid.uuid4().hex[:6]}."
            asyncio.run(ensure_topics(broker.bootstrap, prefix))
            raw = TopicNames.with_prefix(prefix).raw
            env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap, "RECRUITWATCH_TOPIC_PREFIX": prefix,
                   "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": str(host_delay)}
            cmd = [sys.executable, "-m", "services.cli", "backfill", "--source", "archive", "--sources", str(reg)]
            start, killed = time.monotonic(), 0
            for _ in range(2):
                proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(kill_after)
                killed += proc.poll() is None
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
            done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=True)
            seconds = time.monotonic() - start
            summary = json.loads(done.stdout.strip().splitlines()[-1])
            urls = Counter(asyncio.run(_urls(broker.bootstrap, raw)))
    finally:
        server.stop()
    res: dict[str, Any] = {
        "articles_in_archive": n, "killed_mid_walk": killed, "expected": len(expected), "published": sum(urls.values()),
        "duplicates": sum(k - 1 for k in urls.values() if k > 1), "lost": len(expected - set(urls)),
        "unexpected": len(set(urls) - expected), "seconds_with_two_sigkills": round(seconds, 1),
        "requests": sum(site.calls.values()), "listing_pages_requested": site.calls["/tin-tuc"],
        "private_requested": sum(k for p, k in site.calls.items() if p.startswith("/private/")), "summary": summary,
    }
    res["articles_per_s"] = round(res["published"] / seconds, 1)
    exact = res["duplicates"] == 0 and res["lost"] == 0 and res["unexpected"] == 0 and res["private_requested"] == 0
    res["rows"] = [(
        f"backfill, {n}-article 10-year archive to {since} (sitemap index + listing pages), SIGKILLed "
        f"{killed} times mid-walk",
        f"{res['published']}/{res['expected']} published, {res['duplicates']} duplicates, {res['lost']} lost; "
        f"{res['articles_per_s']} articles/s at a {host_delay * 3:.3f} s host delay",
        "exactly once", "meets" if exact else "**short**")]
    return res


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--since", type=date.fromisoformat, default=date(2016, 1, 1))
    ap.add_argument("--host-delay", type=float, default=0.005)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.articles, args.since, args.host_delay), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
