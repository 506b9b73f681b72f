"""Progress of history jobs (backfill, reprocess): kept in a compacted Kafka topic, shown on a terminal.

A job's progress record is keyed by its job id on `<prefix>recruitwatch-history`; it is written only after
everything it counts was acknowledged by the broker, so a job killed at any point resumes from its last
record and at worst redoes the work done after it (whose outputs are idempotent).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer, TopicPartition
from tqdm import tqdm

from services.shared.kafkaio import ensure_state_topic, make_reader, read_range

log = logging.getLogger(__name__)
HISTORY_TOPIC = "recruitwatch-history"


def history_topic(prefix: str) -> str:
    """The compacted topic holding the progress of every history job, keyed by job id."""
    return f"{prefix}{HISTORY_TOPIC}"


class ProgressStore:
    """Loads and saves job progress records (plain JSON objects) on the history topic."""

    def __init__(self, bootstrap: str, topic: str, producer: AIOKafkaProducer) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self.producer = producer

    async def ensure(self) -> None:
        """Create the topic if missing (one partition: jobs are few and small)."""
        await ensure_state_topic(self.bootstrap, self.topic, 1)

    async def load(self, job: str) -> dict[str, Any] | None:
        """The latest progress record of `job`, or None."""
        reader = make_reader(self.bootstrap)
        await reader.start()
        try:
            records = await read_range(reader, [TopicPartition(self.topic, 0)], None)
        finally:
            await reader.stop()
        latest: dict[str, Any] | None = None
        for key, value in records:
            if key is not None and key.decode() == job:
                latest = orjson.loads(value) if value else None
        return latest

    async def save(self, job: str, record: dict[str, Any]) -> None:
        """Write the job's progress and wait for the broker's ack."""
        await self.producer.send_and_wait(self.topic, orjson.dumps(record), key=job.encode(), partition=0)


def bar(total: int, desc: str, initial: int = 0) -> tqdm[Any]:
    """A progress bar on a terminal; silent when stderr is not one (logs and the summary line still report)."""
    return tqdm(total=total, initial=initial, desc=desc, unit="art", file=sys.stderr,
                disable=not sys.stderr.isatty(), dynamic_ncols=True)
