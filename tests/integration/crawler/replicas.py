"""Running crawler replicas as real subprocesses and reading what they published."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.shared.broker import free_port
from services.shared.events import RawArticle, decode
from services.shared.kafkaio import make_reader, read_range
from services.shared.topics import kafka_limits

REPO = Path(__file__).resolve().parents[3]
REPLICA_ENV = {
    "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0",
    "RECRUITWATCH_CRAWLER_SETTLE_SECONDS": "3",
    "RECRUITWATCH_KAFKA_SESSION_TIMEOUT_S": "6",
    "RECRUITWATCH_KAFKA_HEARTBEAT_INTERVAL_S": "1",
    "RECRUITWATCH_CRAWLER_MIN_INTERVAL": "3600",
    "RECRUITWATCH_CRAWLER_MAX_INTERVAL": "7200",
    "RECRUITWATCH_CRAWLER_TICK_SECONDS": "0.2",
    "RECRUITWATCH_CRAWLER_CONNECT_TIMEOUT": "2",
    "RECRUITWATCH_CRAWLER_READ_TIMEOUT": "5",
    "RECRUITWATCH_CRAWLER_TOTAL_TIMEOUT": "10",
    "RECRUITWATCH_CRAWLER_MAX_CONCURRENT_SOURCES": "4",
}


def start_replica(env: dict[str, str], sources: Path, name: str, log_dir: Path, metrics_port: int = 0,
                  **extra: str) -> subprocess.Popen[bytes]:
    """`recruitwatch crawler` in its own process, with a User-Agent naming the replica."""
    full = {**env, **REPLICA_ENV, **extra, "RECRUITWATCH_CRAWLER_USER_AGENT": f"replica-{name}/1.0",
            "RECRUITWATCH_CRAWLER_METRICS_PORT": str(metrics_port or free_port())}
    log = (log_dir / f"replica-{name}.log").open("ab")
    return subprocess.Popen([sys.executable, "-m", "services.cli", "crawler", "--sources", str(sources)],
                            cwd=REPO, env=full, stdout=log, stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Signal a replica and reap it."""
    if proc.poll() is None:
        os.kill(proc.pid, sig)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def _read_all(bootstrap: str, topic: str, idle: float) -> list[RawArticle]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False,
                                max_partition_fetch_bytes=kafka_limits()["max_partition_fetch_bytes"])
    await consumer.start()
    out: list[RawArticle] = []
    try:
        last = time.monotonic()
        while time.monotonic() - last < idle:
            batches = await consumer.getmany(timeout_ms=300)
            for msgs in batches.values():
                for m in msgs:
                    assert m.value is not None and m.key is not None
                    rec = decode(m.value, RawArticle)
                    assert m.key.decode() == rec.article_id
                    out.append(rec)
                    last = time.monotonic()
    finally:
        await consumer.stop()
    return out


def read_raw(bootstrap: str, topic: str, idle: float = 1.5) -> list[RawArticle]:
    """Every record on articles.raw (stops after `idle` seconds without new records)."""
    return asyncio.run(_read_all(bootstrap, topic, idle))


async def _count(bootstrap: str, topic: str) -> int:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        parts = consumer.partitions_for_topic(topic) or set()
        if not parts:
            await consumer._client.force_metadata_update()
            parts = consumer.partitions_for_topic(topic) or set()
        ends = await consumer.end_offsets([TopicPartition(topic, p) for p in parts])
        return sum(ends.values())
    finally:
        await consumer.stop()


async def _snapshot(bootstrap: str, topic: str) -> list[RawArticle]:
    reader = make_reader(bootstrap)
    await reader.start()
    try:
        await reader._client.force_metadata_update()
        tps = [TopicPartition(topic, p) for p in sorted(reader.partitions_for_topic(topic) or ())]
        return [decode(v, RawArticle) for _, v in await read_range(reader, tps, None) if v is not None]
    finally:
        await reader.stop()


def snapshot_raw(bootstrap: str, topic: str) -> list[RawArticle]:
    """Every record on the topic up to its current end, at once (read_raw waits for a pause in the stream)."""
    return asyncio.run(_snapshot(bootstrap, topic))


def count_raw(bootstrap: str, topic: str) -> int:
    """Records on the topic so far (its end offsets) without waiting for a pause: articles stream in one by one."""
    return asyncio.run(_count(bootstrap, topic))


def wait_until(check: Callable[[], bool], timeout: float, what: str, procs: list[subprocess.Popen[bytes]] = (),
               log_dir: Path | None = None) -> None:  # type: ignore[assignment]
    """Poll `check` until true; fail with replica logs when it times out or a replica died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    logs = "".join(p.read_text()[-3000:] for p in (log_dir.glob("*.log") if log_dir else []))
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


def scrape(port: int) -> str:
    """The replica's /metrics page."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
        return resp.read().decode()


def log_events(log: Path, message: str) -> list[dict[str, object]]:
    """The JSON log lines of a replica with this message (none when the log does not exist yet)."""
    lines = log.read_text().splitlines() if log.exists() else []
    return [json.loads(line[line.index("{"):]) for line in lines if f'"msg":"{message}"' in line]
