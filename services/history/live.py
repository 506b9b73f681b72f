"""How busy the live pipeline is, read from Kafka: the committed lag of the extractor's and the sink's groups.

`recruitwatch reprocess` runs in its own process, so it sees the live agents only through their consumer
groups: records of articles.raw / articles.text the extractor group has not committed yet (live work waiting)
and records of recruitment.facts the sink's route group has not committed yet (facts waiting to reach the
dashboards, the job's own outputs among them). A group whose commits have not moved for STALE_SECONDS while it
has records waiting (a service that is not running, or stuck) is waiting for nobody and counts 0. (The
group's state would say so directly, but aiokafka 0.14 decodes DescribeGroups v3 answers with the v2 schema
and fails on any group with members.) The extractor service adds what it sees itself
(services/extractor/app.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from services.history.pace import Load
from services.shared.config import ServiceSettings
from services.shared.kafkaio import make_reader
from services.sink.settings import APP_ID as SINK_APP_ID

log = logging.getLogger(__name__)
EXTRACTOR_GROUP = "recruitwatch-extractor"
"""The extractor's Faust app id, its consumer group (services/extractor/app.py imports Faust; this does not)."""
SINK_ROUTE_GROUP = f"{SINK_APP_ID}-route"
"""The sink's route loop group (SinkSettings.group("route") without the prefix)."""
STALE_SECONDS = 10.0
"""A group with records waiting whose commits did not move for this long is not consuming."""
CACHE_SECONDS = 1.0
"""How long one reading of the groups' lag is used (each reading is a few broker requests)."""


def committed_lag(ends: dict[TopicPartition, int], committed: dict[TopicPartition, int]) -> int:
    """Records after each partition's committed offset."""
    return sum(max(0, end - committed.get(tp, 0)) for tp, end in ends.items())


@dataclass
class Consuming:
    """Whether a group is consuming, from successive readings of its commits (pure)."""

    committed: int | None = None
    moved_at: float = 0.0

    def lag(self, committed: int, lag: int, now: float) -> int:
        """`lag`, or 0 when the group has had records waiting and no commit for STALE_SECONDS."""
        if committed != self.committed or lag == 0:  # the clock runs only while records wait
            self.committed, self.moved_at = committed, now
        return lag if now - self.moved_at < STALE_SECONDS else 0


class GroupLag:
    """Committed lag of the live groups (extractor on raw/text, sink route on facts) as a Load, cached ~1 s."""

    def __init__(self, settings: ServiceSettings, include_live: bool = True) -> None:
        topics, prefix = settings.topics, settings.topic_prefix
        self.bootstrap = settings.kafka_bootstrap_servers
        self.include_live = include_live
        """False: the sink's lag only (the extractor service sees its own agents directly)."""
        self.live = (prefix + EXTRACTOR_GROUP, (topics.raw, topics.text))
        self.downstream = (prefix + SINK_ROUTE_GROUP, (topics.facts,))
        self._admin: AIOKafkaAdminClient | None = None
        self._reader: AIOKafkaConsumer | None = None
        self._cached: tuple[float, Load] | None = None
        self._consuming = {self.live[0]: Consuming(), self.downstream[0]: Consuming()}

    async def start(self) -> None:
        """Connect the admin client and the offsets reader."""
        self._admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=5000)
        self._reader = make_reader(self.bootstrap)
        await self._admin.start()
        await self._reader.start()

    async def stop(self) -> None:
        """Close both clients."""
        if self._reader is not None:
            await self._reader.stop()
        if self._admin is not None:
            await self._admin.close()

    async def __call__(self) -> Load:
        """The live load now (a reading at most CACHE_SECONDS old); an unreadable group counts 0."""
        now = time.monotonic()
        if self._cached is not None and now - self._cached[0] < CACHE_SECONDS:
            return self._cached[1]
        try:
            load = await self._read()
        except Exception as exc:  # a broker hiccup must not stop the job; the next reading decides
            log.warning("live lag unavailable", extra={"error": repr(exc)})
            load = self._cached[1] if self._cached else Load()
        self._cached = (now, load)
        return load

    async def _read(self) -> Load:
        live = await self._lag(*self.live) if self.include_live else 0
        return Load(live=live, downstream=await self._lag(*self.downstream))

    async def _lag(self, group: str, topics: Iterable[str]) -> int:
        assert self._admin is not None and self._reader is not None
        committed = await self._admin.list_consumer_group_offsets(group)
        tps = [tp for tp in committed if tp.topic in set(topics)]
        if not tps:
            return 0
        ends = await self._reader.end_offsets(tps)
        offsets = {tp: committed[tp].offset for tp in tps}
        return self._consuming[group].lag(sum(offsets.values()), committed_lag(ends, offsets), time.monotonic())
