"""End to end through Kafka: articles/s with 1 and 2 extractor workers, publish-to-fact latency at a
steady 10 articles/s (raw record published → fact visible on the sink's /facts), peak RSS per service.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import threading
import time
import urllib.request
import uuid
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

from bench.procs import Service, start
from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka, free_port
from services.shared.events import EXTRACTION, RawArticle, encode, stable_id
from services.shared.topics import TopicNames, kafka_limits
from tests.chaos.site import generate, render_page


def raw_articles(n: int, seed: int = 11) -> list[RawArticle]:
    """`n` generated article pages as RawArticle records, in publication order."""
    articles = sorted(generate(n, seed=seed), key=lambda a: a.published)
    out = []
    for a in articles:
        url = f"http://bench.local{a.path}"
        html = render_page(a)
        out.append(RawArticle(
            article_id=stable_id(url), source_id="bench", url=url, canonical_url=url,
            fetched_at="2026-01-01T00:00:00Z", http_status=200, html=html, content_hash=stable_id(html),
            crawler_version="bench", entry_title=a.title, entry_published=a.published.isoformat(),
        ))
    return out


def in_process(records: list[RawArticle], rounds: int = 3) -> float:
    """articles/s of the extractor stage (parse → facts) in this process on the same records (best round)."""
    from services.extractor.parse import ParseError
    from services.extractor.stages import extract_article, parse_raw

    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for rec in records:
            with suppress(ParseError):
                extract_article(parse_raw(rec)[0])
        best = max(best, len(records) / (time.perf_counter() - start))
    return round(best, 1)


def _env(bootstrap: str, prefix: str, **ports: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"KAFKA_BOOTSTRAP_SERVERS": bootstrap, "RECRUITWATCH_TOPIC_PREFIX": prefix,
                "RECRUITWATCH_LOG_LEVEL": "WARNING"})
    env.update({k: str(v) for k, v in ports.items()})
    return env


async def _produce(bootstrap: str, topic: str, records: list[RawArticle], rate: float | None) -> list[float]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                compression_type="gzip", max_request_size=kafka_limits()["max_request_size"])
    await producer.start()
    sent: list[float] = []
    try:
        t0 = time.monotonic()
        for i, rec in enumerate(records):
            if rate:
                await asyncio.sleep(max(0.0, t0 + i / rate - time.monotonic()))
            sent.append(time.monotonic())
            await producer.send(topic, encode(rec), key=rec.article_id.encode())
        await producer.flush()
    finally:
        await producer.stop()
    return sent


async def _count_extractions(bootstrap: str, topic: str, ids: set[str], timeout: float) -> dict[str, float]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False, group_id=None)
    await consumer.start()
    seen: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(seen) < len(ids) and time.monotonic() < deadline:
            for records in (await consumer.getmany(timeout_ms=200)).values():
                for r in records:
                    rec = orjson.loads(r.value or b"{}")
                    if rec.get("schema") == EXTRACTION and rec["article_id"] in ids:
                        seen.setdefault(rec["article_id"], time.monotonic())
    finally:
        await consumer.stop()
    return seen


TIMED = ("recruitwatch_extractor_stage_seconds", "recruitwatch_extractor_publish_seconds")


def _timed_sums(services: list[Service]) -> dict[str, float]:
    """Seconds summed over the workers' stage and publish histograms, keyed `stage` and `publish` by stage."""
    out: dict[str, float] = {}
    for svc in services:
        with urllib.request.urlopen(f"http://127.0.0.1:{svc.port}/metrics", timeout=5) as resp:
            text = resp.read().decode()
        for family in text_string_to_metric_families(text):
            if family.name not in TIMED:
                continue
            kind = "stage" if family.name == TIMED[0] else "publish"
            for sample in family.samples:
                if sample.name.endswith("_sum"):
                    key = f"{kind}_{sample.labels['stage']}"
                    out[key] = out.get(key, 0.0) + sample.value
    return out


def _ms_per_article(before: dict[str, float], after: dict[str, float], articles: int) -> dict[str, float]:
    return {k: round(1000 * (after[k] - before.get(k, 0.0)) / max(1, articles), 1) for k in sorted(after)}


def throughput(bootstrap: str, records: list[RawArticle], workers: int, logs: Path) -> dict[str, Any]:
    """articles/s of `workers` extractor processes on a burst of `records` (after a warm-up)."""
    names = TopicNames.with_prefix(f"b{uuid.uuid4().hex[:6]}.")
    asyncio.run(ensure_topics(bootstrap, names.prefix))
    with ExitStack() as stack:
        services = []
        for w in range(workers):
            port = free_port()
            svc = start(f"extractor-{w}", ["extractor"], _env(bootstrap, names.prefix, RECRUITWATCH_EXTRACTOR_WEB_PORT=port),
                        port, logs / f"extractor-{names.prefix}{w}.log")
            stack.callback(svc.stop)
            services.append(svc)
        for svc in services:
            svc.wait_http()
        warm, burst = records[:16], records[16:]
        asyncio.run(_produce(bootstrap, names.raw, warm, None))
        asyncio.run(_count_extractions(bootstrap, names.facts, {r.article_id for r in warm}, 120))
        cpu0, timed0 = sum(s.cpu_seconds() for s in services), _timed_sums(services)
        t0 = time.monotonic()
        asyncio.run(_produce(bootstrap, names.raw, burst, None))
        done = asyncio.run(_count_extractions(bootstrap, names.facts, {r.article_id for r in burst}, 600))
        elapsed = (max(done.values()) if done else time.monotonic()) - t0
        cpu = sum(s.cpu_seconds() for s in services) - cpu0
        return {
            "workers": workers, "articles": len(done), "expected": len(burst),
            "articles_per_s": round(len(done) / elapsed, 1) if elapsed > 0 else None,
            "cpu_s": round(cpu, 1),
            "ms_per_article": {"wall": round(1000 * elapsed / max(1, len(done)), 1),
                               "cpu": round(1000 * cpu / max(1, len(done)), 1),
                               **_ms_per_article(timed0, _timed_sums(services), len(done))},
            "peak_rss_mb": round(max(s.peak_rss_mb() for s in services)),
        }


def _poll_facts(sink: Service, seen: dict[str, float], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{sink.port}/facts", timeout=5) as resp:
                now = time.monotonic()
                payload = orjson.loads(resp.read())
                for fact in payload["facts"] if isinstance(payload, dict) else payload:
                    for prov in [fact.get("source") or {}, *fact.get("also_reported_by", [])]:
                        if prov.get("article_id"):
                            seen.setdefault(prov["article_id"], now)
        except OSError:
            pass
        stop.wait(0.05)


def latency(bootstrap: str, records: list[RawArticle], rate: float, logs: Path) -> dict[str, Any]:
    """Publish-to-fact latency (raw record sent → its fact served by /facts) at a steady `rate`."""
    names = TopicNames.with_prefix(f"l{uuid.uuid4().hex[:6]}.")
    asyncio.run(ensure_topics(bootstrap, names.prefix))
    with ExitStack() as stack:
        ex_port, sink_port = free_port(), free_port()
        extractor = start("extractor", ["extractor"], _env(bootstrap, names.prefix, RECRUITWATCH_EXTRACTOR_WEB_PORT=ex_port),
                          ex_port, logs / "latency-extractor.log")
        stack.callback(extractor.stop)
        sink = start("sink", ["sink"], _env(bootstrap, names.prefix, RECRUITWATCH_SINK_PORT=sink_port),
                     sink_port, logs / "latency-sink.log")
        stack.callback(sink.stop)
        extractor.wait_http()
        sink.wait_http()
        asyncio.run(_produce(bootstrap, names.raw, records[:8], None))
        asyncio.run(_count_extractions(bootstrap, names.facts, {r.article_id for r in records[:8]}, 120))
        seen: dict[str, float] = {}
        stop = threading.Event()
        poller = threading.Thread(target=_poll_facts, args=(sink, seen, stop), daemon=True)
        poller.start()
        steady = records[8:]
        sent = asyncio.run(_produce(bootstrap, names.raw, steady, rate))
        time.sleep(10)
        stop.set()
        poller.join()
        lat = sorted(seen[r.article_id] - t for r, t in zip(steady, sent, strict=True) if r.article_id in seen)
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else None
        return {
            "rate": rate, "articles": len(steady), "observed": len(lat),
            "p50_s": round(statistics.median(lat), 3) if lat else None, "p99_s": round(p99, 3) if p99 else None,
            "extractor_peak_rss_mb": round(extractor.peak_rss_mb()), "sink_peak_rss_mb": round(sink.peak_rss_mb()),
        }


def run(n: int = 300, rate: float = 10.0, seconds: float = 30.0) -> dict[str, Any]:
    """All pipeline figures on one broker (KAFKA_BOOTSTRAP_SERVERS or an embedded one)."""
    logs = Path(tempfile.mkdtemp(prefix="recruitwatch-bench-"))
    records = raw_articles(n)
    local = in_process(records[16:])
    with ExitStack() as stack:
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or stack.enter_context(LocalKafka()).bootstrap
        one = throughput(bootstrap, records, 1, logs)
        two = throughput(bootstrap, records, 2, logs)
        steady = raw_articles(int(rate * seconds) + 8, seed=23)
        lat = latency(bootstrap, steady, rate, logs)
    return {"in_process_articles_per_s": local, "one_worker": one, "two_workers": two, "latency": lat,
            "logs": str(logs)}


if __name__ == "__main__":
    print(orjson.dumps(run(), option=orjson.OPT_INDENT_2).decode())
