"""Re-extraction after an upgrade inside the running extractor: its throughput, what it leaves on
recruitment.facts, and live latency while it runs (not run in CI).

    python -m bench.reprocess_live [--articles 10000] [--reprocess-rate 50] [--rate 5] [--seconds 30] [--poll 2]

Setup (an upgraded deployment): `--articles` pages parsed in process to articles.text, each with an older
extractor version's extraction on recruitment.facts, and the extractor group's offsets committed at the end.
A sink starts first and routes those older extractions (as an upgraded deployment's sink already has); then an
extractor (`REPROCESS_RATE=--reprocess-rate`) starts, and live raw pages are fed at `--rate`/s for `--seconds`.
Live latency is raw record sent → the sink's record of the routed article (producer timestamps), with each
hop (articles.text, recruitment.facts, routed) and the time to `/facts` read every `--poll` s as a dashboard
would; the same is measured first beside an idle extractor (`REPROCESS_RATE=0`, its own namespace) as the
baseline, and the articles the job re-extracted meanwhile are counted. Finally, once the job is complete, the
latest extraction of every stored article must equal a fresh in-process extraction by the current version
(what a fresh pipeline run would give the sink).
"""

from __future__ import annotations

import argparse
import asyncio
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
from aiokafka import AIOKafkaConsumer, TopicPartition

from bench.pipeline import _env, _poll_facts, _produce, raw_articles
from bench.procs import Service, start
from bench.raw_store import records
from services.extractor.app import APP_ID
from services.extractor.parse import ParseError
from services.extractor.stages import extract_article, parse_raw
from services.extractor.version import EXTRACTOR_VERSION
from services.history.progress import history_topic
from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka, free_port
from services.shared.events import EXTRACTION, ExtractionEvent, TextArticle, encode
from services.shared.kafkaio import make_producer, make_reader, read_range
from services.shared.topics import RECRUITMENT_FACTS, TOPICS, TopicNames
from services.sink.settings import ARTICLES_TOPIC


def stored(n: int) -> list[TextArticle]:
    """`n` portal pages parsed by the current parser (the stored articles.text)."""
    out = []
    for raw in records(n):
        with suppress(ParseError):
            out.append(parse_raw(raw)[0])
    return out


async def _upgraded(bootstrap: str, names: TopicNames, texts: list[TextArticle]) -> None:
    producer = make_producer(bootstrap)
    await producer.start()
    try:
        futures = []
        for t in texts:
            old = ExtractionEvent(t.article_id, t.url, t.title, t.published, t.fetched_at, t.source_id, "0.0.1", False)
            futures.append(await producer.send(names.text, encode(t), key=t.article_id.encode()))
            futures.append(await producer.send(names.facts, encode(old), key=t.article_id.encode()))
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    group = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=names.prefix + APP_ID, enable_auto_commit=False)
    await group.start()
    try:
        spec = next(s for s in TOPICS if names.text.endswith(s.name))
        parts = [TopicPartition(names.text, p) for p in range(spec.partitions)]
        group.assign(parts)
        await group.commit(await group.end_offsets(parts))
    finally:
        await group.stop()


async def _job(bootstrap: str, names: TopicNames) -> dict[str, Any] | None:
    reader = make_reader(bootstrap)
    await reader.start()
    try:
        recs = await read_range(reader, [TopicPartition(history_topic(names.prefix), 0)], None)
    finally:
        await reader.stop()
    key = f"reprocess:facts:{EXTRACTOR_VERSION}:-:*".encode()
    found = [orjson.loads(v) for k, v in recs if k == key and v]
    return found[-1] if found else None


async def _latest(bootstrap: str, names: TopicNames) -> dict[str, dict[str, Any]]:
    reader = make_reader(bootstrap)
    await reader.start()
    try:
        spec = next(s for s in TOPICS if names.facts.endswith(s.name))
        recs = await read_range(reader, [TopicPartition(names.facts, p) for p in range(spec.partitions)], None)
    finally:
        await reader.stop()
    out: dict[str, dict[str, Any]] = {}
    for _, value in recs:
        data = orjson.loads(value)
        if data.get("schema") == EXTRACTION:
            out[data["article_id"]] = data
    return out


def _pcts(values: list[float]) -> dict[str, float | None]:
    """p50 and p99 of `values` (seconds, rounded), None when empty."""
    lat = sorted(values)
    if not lat:
        return {"p50_s": None, "p99_s": None}
    return {"p50_s": round(statistics.median(lat), 3), "p99_s": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 3)}


async def _stamps(bootstrap: str, topic: str, ids: set[str], extraction_only: bool) -> dict[str, float]:
    """Record timestamps (unix s, set by the producer) of the first record of each article in `ids` on `topic`."""
    reader = make_reader(bootstrap)
    await reader.start()
    out: dict[str, float] = {}
    try:
        # the sink's internal articles topic has the partitions of recruitment.facts (services/sink/topics.py)
        spec = next((s for s in TOPICS if topic.endswith(s.name)), None) or next(
            s for s in TOPICS if s.name == RECRUITMENT_FACTS)
        tps = [TopicPartition(topic, p) for p in range(spec.partitions)]
        ends = await reader.end_offsets(tps)
        reader.assign(tps)
        await reader.seek_to_beginning(*tps)
        todo = {tp for tp in tps if ends[tp] > 0}
        while todo:
            for tp, msgs in (await reader.getmany(*todo, timeout_ms=500)).items():
                for m in msgs:
                    key = (m.key or b"").decode()
                    value = m.value or b""
                    if key in ids and key not in out and (not extraction_only or EXTRACTION.encode() in value):
                        out[key] = m.timestamp / 1000
                if msgs and msgs[-1].offset + 1 >= ends[tp]:
                    todo.discard(tp)
    finally:
        await reader.stop()
    return out


class _Every(threading.Event):
    """A stop event whose pauses last `interval` s: _poll_facts then reads /facts as a dashboard would (every
    few seconds; bench.pipeline polls every 0.05 s, which with thousands of facts keeps the sink busy)."""

    def __init__(self, interval: float) -> None:
        super().__init__()
        self.interval = interval

    def wait(self, timeout: float | None = None) -> bool:
        return super().wait(self.interval)


def _latency(sink: Service, bootstrap: str, names: TopicNames, rate: float, seconds: float,
             poll: float) -> dict[str, Any]:
    """Live raw pages at `rate`/s: latency to the sink, and where it is spent (producer timestamps of each hop)."""
    steady = raw_articles(int(rate * seconds), seed=int(time.time()) % 1000)
    seen: dict[str, float] = {}
    stop = _Every(poll)
    poller = threading.Thread(target=_poll_facts, args=(sink, seen, stop), daemon=True)
    poller.start()
    wall = time.time() - time.monotonic()
    sent = asyncio.run(_produce(bootstrap, names.raw, steady, rate))
    time.sleep(10)
    stop.set()
    poller.join()
    ids = {r.article_id for r in steady}
    text = asyncio.run(_stamps(bootstrap, names.text, ids, False))
    facts = asyncio.run(_stamps(bootstrap, names.facts, ids, True))
    routed = asyncio.run(_stamps(bootstrap, names.prefix + ARTICLES_TOPIC, ids, False))
    at = {r.article_id: t + wall for r, t in zip(steady, sent, strict=True)}
    hops = {"parse (raw sent → articles.text)": [text[a] - at[a] for a in text],
            "facts (articles.text → recruitment.facts)": [facts[a] - text[a] for a in facts if a in text],
            "sink route (recruitment.facts → routed)": [routed[a] - facts[a] for a in routed if a in facts]}
    on_facts = [seen[a] + wall - at[a] for a in seen if a in at]
    return {"articles": len(steady), "routed": len(routed), **_pcts([routed[a] - at[a] for a in routed]),
            "hops": {k: {"n": len(v), **_pcts(v)} for k, v in hops.items()},
            f"on /facts (polled every {poll:g} s)": {"n": len(on_facts), **_pcts(on_facts)}}


def _sink_caught_up(sink: Service, timeout: float = 600.0) -> float:
    """Wait until the sink has routed everything on recruitment.facts (an upgraded deployment's sink has)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        body = urllib.request.urlopen(f"http://127.0.0.1:{sink.port}/metrics", timeout=10).read().decode()
        lags = [float(line.split()[-1]) for line in body.splitlines() if line.startswith("recruitwatch_consumer_lag{")]
        if lags and not any(lags):
            return time.monotonic() - t0
        time.sleep(1)
    raise TimeoutError("the sink did not catch up")


def _measure(bootstrap: str, texts: list[TextArticle], reprocess_rate: float, rate: float, seconds: float,
             logs: Path, wait: bool = True, poll: float = 2.0) -> dict[str, Any]:
    names = TopicNames.with_prefix(f"u{uuid.uuid4().hex[:6]}.")
    asyncio.run(ensure_topics(bootstrap, names.prefix))
    asyncio.run(_upgraded(bootstrap, names, texts))
    with ExitStack() as stack:
        ex_port, sink_port = free_port(), free_port()
        sink = start("sink", ["sink"], _env(bootstrap, names.prefix, RECRUITWATCH_SINK_PORT=sink_port), sink_port,
                     logs / f"sink-{reprocess_rate}.log")
        stack.callback(sink.stop)
        sink.wait_http()
        caught_up = _sink_caught_up(sink)  # the older version's extractions, routed before the upgrade
        env = _env(bootstrap, names.prefix, RECRUITWATCH_EXTRACTOR_WEB_PORT=ex_port,
                   RECRUITWATCH_EXTRACTOR_REPROCESS_RATE=int(reprocess_rate) if reprocess_rate else 0)
        extractor = start("extractor", ["extractor"], env, ex_port, logs / f"extractor-{reprocess_rate}.log")
        stack.callback(extractor.stop)
        extractor.wait_http()
        time.sleep(8)  # the leader's first check (5 s): the job is running when live traffic starts
        before, t0 = asyncio.run(_job(bootstrap, names)) if reprocess_rate else None, time.monotonic()
        lat = _latency(sink, bootstrap, names, rate, seconds, poll)
        after, t1 = asyncio.run(_job(bootstrap, names)) if reprocess_rate else None, time.monotonic()
        job = after
        while wait and reprocess_rate and not (job and job.get("complete")):
            time.sleep(5)
            job = asyncio.run(_job(bootstrap, names))
    res: dict[str, Any] = {"reprocess_rate": reprocess_rate, "sink_caught_up_s": round(caught_up, 1), "latency": lat}
    if reprocess_rate:
        done = [(j or {}).get("done") or 0 for j in (before, after)]
        res["reprocessed_beside_live"] = {"articles": done[1] - done[0],
                                          "articles_per_s": round((done[1] - done[0]) / (t1 - t0), 1)}
    if job and job.get("complete"):
        seconds_taken = job["finished"] - job["started"]
        res["job"] = {"articles": job.get("total"), "counts": job.get("counts"), "seconds": round(seconds_taken, 1),
                      "articles_per_s": round((job.get("done") or 0) / seconds_taken, 1)}
        latest = asyncio.run(_latest(bootstrap, names))
        fresh = {t.article_id: orjson.loads(encode(extract_article(t))) for t in texts}
        res["identical_to_fresh"] = sum(1 for a, e in fresh.items() if latest.get(a) == e)
        res["differs_from_fresh"] = len(fresh) - res["identical_to_fresh"]
    return res


def run(n: int = 10_000, reprocess_rate: float = 50.0, rate: float = 5.0, seconds: float = 30.0,
        latency_only: bool = False, poll: float = 2.0) -> dict[str, Any]:
    """Baseline latency, then latency, throughput and result of the automatic re-extraction of `n` articles."""
    logs = Path(tempfile.mkdtemp(prefix="recruitwatch-bench-upgrade-"))
    texts = stored(n)
    with LocalKafka() as broker:
        idle = _measure(broker.bootstrap, texts[:10], 0, rate, seconds, logs, poll=poll)
        busy = _measure(broker.bootstrap, texts, reprocess_rate, rate, seconds, logs, wait=not latency_only, poll=poll)
    res: dict[str, Any] = {"stored": len(texts), "baseline": idle, "while_reprocessing": busy, "logs": str(logs)}
    job, lat, base = busy.get("job") or {}, busy["latency"], idle["latency"]
    res["rows"] = [
        (f"automatic re-extraction after an upgrade, {len(texts)} stored articles (REPROCESS_RATE {reprocess_rate:g})",
         f"{job.get('articles_per_s')} articles/s; {busy.get('identical_to_fresh')} of {len(texts)} identical to a "
         "fresh extraction", "all identical", "not measured" if not job else "ok" if busy.get("differs_from_fresh") == 0 else "FAIL"),
        (f"live latency (raw → routed by the sink) at {rate:g}/s while re-extracting",
         f"p50 {lat['p50_s']} s, p99 {lat['p99_s']} s, {lat['routed']} of {lat['articles']} (idle extractor: p50 "
         f"{base['p50_s']} s, p99 {base['p99_s']} s); re-extracting "
         f"{(busy.get('reprocessed_beside_live') or {}).get('articles_per_s')} articles/s meanwhile",
         "reported", "n/a"),
    ]
    return res


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--reprocess-rate", type=float, default=50.0)
    ap.add_argument("--rate", type=float, default=5.0)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--latency-only", action="store_true", help="stop after the live latency (job still running)")
    ap.add_argument("--poll", type=float, default=2.0, help="seconds between two reads of the sink's /facts")
    args = ap.parse_args(argv)
    print(orjson.dumps(run(args.articles, args.reprocess_rate, args.rate, args.seconds, args.latency_only, args.poll),
                       option=orjson.OPT_INDENT_2).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
