"""Test harness: the real extractor worker as a subprocess, a producer, and topic readers (aiokafka)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from bench.pages import Article, page_url, render_page
from services.shared.demo_site import load_articles
from services.shared.events import Event, ExtractionEvent, RawArticle, decode, stable_id
from services.shared.topics import TOPICS

REPO = Path(__file__).resolve().parents[3]
EXE = REPO / ".venv" / "bin" / "recruitwatch"
HIEP_HOA = "000_6511829d81916481"
"""The seed article reporting Hiệp Hòa's 625 admitted."""


def free_port() -> int:
    """A TCP port free right now on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Worker:
    """One `recruitwatch extractor` process bound to a test namespace."""

    env: dict[str, str]
    port: int
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> Worker:
        """Start the worker and wait until /metrics answers."""
        return self.spawn().wait_ready(timeout)

    def spawn(self) -> Worker:
        """Start the worker process without waiting for it."""
        env = {**self.env, "RECRUITWATCH_EXTRACTOR_WEB_PORT": str(self.port),
               "RECRUITWATCH_EXTRACTOR_DATA_DIR": str(self.log.parent / f"data-{self.port}"),
               "RECRUITWATCH_EXTRACTOR_LAG_INTERVAL": "1"}
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen([str(EXE), "extractor"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                         cwd=str(self.log.parent))
        return self

    def wait_ready(self, timeout: float = 60.0) -> Worker:
        """Wait until the running worker's /metrics answers."""
        assert self.proc is not None, "spawn() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"extractor exited with {self.proc.returncode}:\n{self.tail()}"
            try:
                self.metrics()
                return self
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"extractor did not serve /metrics within {timeout}s:\n{self.tail()}")

    def metrics(self) -> str:
        """The body of GET /metrics."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5) as resp:
            return str(resp.read().decode())

    def kill(self) -> None:
        """SIGKILL the worker (no shutdown, no final commit)."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """SIGTERM the worker and wait; SIGKILL if it does not exit."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.kill()

    def tail(self, n: int = 4000) -> str:
        """The end of the worker's log."""
        return self.log.read_text("utf-8", "replace")[-n:] if self.log.exists() else ""


def metric_value(body: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus text page (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in body.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        key, value = line.rsplit(" ", 1)
        sample, _, rest = key.partition("{")
        got = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
        if sample == name and got == want:
            return float(value)
    return 0.0


def extractions(records: list[tuple[bytes, bytes]]) -> list[ExtractionEvent]:
    """The ExtractionEvents among recruitment.facts records, in order."""
    events: list[Event] = [decode(v) for _, v in records]
    return [e for e in events if isinstance(e, ExtractionEvent)]


def extractions_by_article(records: list[tuple[bytes, bytes]]) -> dict[str, ExtractionEvent]:
    """The last ExtractionEvent of each article among recruitment.facts records."""
    return {e.article_id: e for e in extractions(records)}


def seed_articles() -> list[Article]:
    """The repository's seed articles (seeds/articles, titles and dates from seeds/demo/site.yaml)."""
    return [
        Article(a.doc, a.title, tuple(p.strip() for p in a.text.splitlines() if p.strip()),
                a.published.date() if a.published else None)
        for a in load_articles()
    ]


def raw_article(article: Article, *, html: str | None = None, suffix: str = "") -> RawArticle:
    """A RawArticle for a rendered seed page, as the crawler would publish it."""
    url = page_url(article).replace(".html", f"{suffix}.html")
    body = render_page(article) if html is None else html
    return RawArticle(
        article_id=stable_id("test", url), source_id="test-source", url=url, canonical_url=url,
        fetched_at="2026-11-22T02:00:00Z", http_status=200, html=body, content_hash=stable_id(body),
        crawler_version="test", entry_title=article.title, source_province=None,
    )


async def _produce(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes | None]],
                   partition: int | None) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                max_request_size=4 * 1024 * 1024)
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(topic, value=value, key=key, partition=partition)
    finally:
        await producer.stop()


def produce(bootstrap: str, topic: str, records: Iterable[tuple[bytes | None, bytes | None]],
            partition: int | None = None) -> None:
    """Send (key, value) records in order (to one partition if given), each acknowledged by the broker."""
    asyncio.run(_produce(bootstrap, topic, list(records), partition))


async def _read(bootstrap: str, topic: str, done: Callable[[list[tuple[bytes, bytes]]], bool], timeout: float
                ) -> list[tuple[bytes, bytes]]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest",
                                fetch_max_bytes=16 * 1024 * 1024,
                                max_partition_fetch_bytes=8 * 1024 * 1024)
    await consumer.start()
    out: list[tuple[bytes, bytes]] = []
    try:
        spec = next(t for t in TOPICS if topic.endswith(t.name))
        parts = [TopicPartition(topic, p) for p in range(spec.partitions)]
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        deadline = time.monotonic() + timeout
        while not done(out) and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            out.extend((m.key, m.value) for msgs in batch.values() for m in msgs)
    finally:
        await consumer.stop()
    return out


def read_until(bootstrap: str, topic: str, done: Callable[[list[tuple[bytes, bytes]]], bool], timeout: float = 60.0
               ) -> list[tuple[bytes, bytes]]:
    """Every record of `topic` from the beginning, read until `done(records)` or the timeout."""
    return asyncio.run(_read(bootstrap, topic, done, timeout))
