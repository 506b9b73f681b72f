"""What both sink loops share: their context, dead-lettering and the retry policy for transient errors."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiokafka import AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from services import __version__
from services.shared.events import SchemaError, dead_letter, encode
from services.shared.health import PipelineHealth
from services.sink.settings import SinkSettings

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRIES = 8
EXIT_TRANSIENT = 75


@dataclass
class SinkContext:
    """Settings, health metrics, the producer and the partition count of the sink's topics."""

    settings: SinkSettings
    health: PipelineHealth
    producer: AIOKafkaProducer
    partitions: int

    async def dead_letter(self, stage: str, exc: Exception, record: ConsumerRecord[Any, Any]) -> None:
        """Send the record's dead letter and wait for the broker's ack (retried like any write)."""
        letter = dead_letter(stage, exc, record.value, service_version=__version__, topic=record.topic,
                             partition=record.partition, offset=record.offset, key=record.key)

        async def send() -> None:
            await asyncio.wait_for(self.producer.send_and_wait(self.settings.topics.dlq, encode(letter),
                                                               key=record.key), self.settings.write_timeout)

        await with_retries(send)
        log.warning("dead letter", extra={"stage": stage, "error": letter.error, "reason": letter.reason[:300],
                                          "topic": record.topic, "partition": record.partition,
                                          "offset": record.offset})
        self.health.fail(stage, type(exc).__name__)


async def with_retries(step: Callable[[], Awaitable[Any]], attempts: int = RETRIES) -> None:
    """Run a step; poison (SchemaError) propagates, other errors are retried with backoff.

    An error that is not the record's fault must neither be dead-lettered nor skipped: after the retries
    the process exits at once, committing nothing further, and its restart (or another worker)
    processes the record again.
    """
    for attempt in range(1, attempts + 1):
        try:
            await step()
            return
        except SchemaError:
            raise
        except Exception:
            log.exception("sink step failed, retrying", extra={"attempt": attempt})
            if attempt == attempts:
                logging.shutdown()
                os._exit(EXIT_TRANSIENT)
            await asyncio.sleep(min(0.2 * 2**attempt, 10.0))


def poison_on_error(step: Callable[[], T]) -> T:
    """Run a deterministic step on a record: any error is the record's fault (SchemaError, dead-lettered),
    so a decoding or logic surprise cannot become a crash loop on the same record."""
    try:
        return step()
    except SchemaError:
        raise
    except Exception as exc:
        raise SchemaError(f"{type(exc).__name__}: {exc}") from exc
