"""How busy the live pipeline is, read from Kafka: the committed lag of the extractor's and the sink's groups.

`recruitwatch reprocess` runs in its own process, so it sees the live agents only through their consumer
groups: records of articles.raw / articles.text the extractor group has not committed yet (live work waiting)
and records of recruitment.facts the sink's route group has not committed yet (facts waiting to reach the
dashboards, the job's own outputs among them). A group without members (a service that is not running) waits
for nobody and counts 0. The extractor service adds what it sees itself (services/extractor/app.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

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
ACTIVE_STATES = frozenset({"Stable", "PreparingRebalance", "CompletingRebalance"})
CACHE_SECONDS = 1.0
"""How long one reading of the groups' lag is used (each reading is a few broker requests)."""


def committed_lag(ends: dict[TopicPartition, int], committed: dict[TopicPartition, int]) -> int:
    """Records after each partition's committed offset."""
    return sum(max(0, end - committed.get(tp, 0)) for tp, end in ends.items())


def group_states(response: Any) -> dict[str, str]:
    """Group id → state from a DescribeGroups response (entries: error, group, state, …)."""
    return {str(g[1]): str(g[2]) for g in getattr(response, "groups", [])}


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

    async def states(self) -> dict[str, str]:
        """State of each of the two groups (Stable, Empty, Dead …) as the broker describes them."""
        assert self._admin is not None
        states: dict[str, str] = {}
        for response in await self._admin.describe_consumer_groups([self.live[0], self.downstream[0]]):
            states.update(group_states(response))
        return states

    async def _read(self) -> Load:
        states = await self.states()
        live = await self._lag(*self.live) if self.include_live and states.get(self.live[0]) in ACTIVE_STATES else 0
        down = await self._lag(*self.downstream) if states.get(self.downstream[0]) in ACTIVE_STATES else 0
        return Load(live=live, downstream=down)

    async def _lag(self, group: str, topics: Iterable[str]) -> int:
        assert self._admin is not None and self._reader is not None
        committed = await self._admin.list_consumer_group_offsets(group)
        tps = [tp for tp in committed if tp.topic in set(topics)]
        if not tps:
            return 0
        ends = await self._reader.end_offsets(tps)
        return committed_lag(ends, {tp: committed[tp].offset for tp in tps})
