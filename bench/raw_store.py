"""Raw store sizing: bytes on the broker's disk per 10,000 articles kept in `articles.raw.store`.

Records are `articles.raw/v1` pages (generated Vietnamese articles in portal chrome, ~48 KB of HTML each) written
one at a time with acknowledgement, as the crawler writes them (one record per batch: the worst case for
compression). The size is the sum of the topic's `.log` segment files in the local broker's data directory.

    python -m bench.raw_store [--articles 10000] [--chrome portal|thin]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.pages import article_from_text, render_page
from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka
from services.shared.events import RawArticle, encode, stable_id
from services.shared.kafkaio import make_producer
from services.shared.topics import TopicNames
from tests.chaos.site import generate


def records(n: int, chrome: str = "portal") -> list[RawArticle]:
    """`n` distinct article pages as RawArticle records."""
    out = []
    for g in generate(n, seed=5):
        page = render_page(article_from_text(g.path, g.text, g.published.date()), chrome=chrome)
        url = f"https://example.gov.vn{g.path}"
        out.append(RawArticle(
            article_id=stable_id(url), source_id="bench", url=url, canonical_url=url,
            fetched_at="2026-01-01T00:00:00Z", http_status=200, html=page, content_hash=stable_id(page),
            crawler_version="bench", entry_title=g.title, entry_published=g.published.isoformat(),
        ))
    return out


async def _write(bootstrap: str, topic: str, recs: list[RawArticle]) -> float:
    producer = make_producer(bootstrap)
    await producer.start()
    try:
        start = time.perf_counter()
        for rec in recs:
            await producer.send_and_wait(topic, encode(rec), key=rec.article_id.encode())
        return time.perf_counter() - start
    finally:
        await producer.stop()


def log_bytes(data_dir: Path, topic: str) -> int:
    """Bytes of the topic's log segments on disk (indexes excluded: preallocated, rebuilt from the log)."""
    return sum(f.stat().st_size for d in data_dir.glob(f"{topic}-*") for f in d.glob("*.log"))


def run(n: int = 10_000, chrome: str = "portal") -> dict[str, Any]:
    """Write `n` pages to a fresh raw store and measure what they take on disk."""
    recs = records(n, chrome)
    html_bytes = sum(len(r.html.encode()) for r in recs)
    json_bytes = sum(len(encode(r)) for r in recs)
    with LocalKafka() as broker:
        prefix = f"b{uuid.uuid4().hex[:6]}."
        asyncio.run(ensure_topics(broker.bootstrap, prefix))
        topic = TopicNames.with_prefix(prefix).raw_store
        seconds = asyncio.run(_write(broker.bootstrap, topic, recs))
        assert broker.data_dir is not None
        disk = log_bytes(broker.data_dir, topic)
    per_10k = disk * 10_000 / n
    res = {
        "articles": n, "chrome": chrome, "html_mb": round(html_bytes / 1e6, 1), "records_mb": round(json_bytes / 1e6, 1),
        "disk_mb": round(disk / 1e6, 1), "disk_mb_per_10k": round(per_10k / 1e6, 1),
        "ratio": round(json_bytes / disk, 2), "kb_per_article": round(disk / n / 1e3, 1),
        "writes_per_s": round(n / seconds, 1),
    }
    res["rows"] = [(
        f"raw store size, {n} pages ({chrome} chrome, {res['html_mb']} MB HTML), written one by one like the crawler",
        f"{res['disk_mb_per_10k']} MB per 10,000 articles ({res['kb_per_article']} KB each, {res['ratio']}× smaller "
        f"than the records)", "reported", "n/a")]
    return res


def cli(measure: Callable[[int, str], dict[str, Any]], description: str | None, argv: list[str] | None) -> int:
    """Run a stored-articles bench (`--articles N --chrome portal|thin`) and print its measurement as JSON."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--chrome", choices=("portal", "thin"), default="portal")
    args = ap.parse_args(argv)
    print(json.dumps(measure(args.articles, args.chrome), indent=2, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    return cli(run, __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
