"""Wiring of the sink: two plain aiokafka loops (route.py, series.py) and an HTTP server for /metrics
and /facts. Logic lives in state.py, exposition.py and facts_api.py.

Faust tables were the first design; a SIGKILL during table recovery made Faust commit past records it
had never handed to the agent (found by the repeated-SIGKILL test), so the sink keeps its state in two
compacted topics it writes and reads itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from functools import partial

import orjson
from aiohttp import web
from aiokafka import AIOKafkaConsumer

from services.shared.health import PipelineHealth
from services.shared.kafkaio import (
    group_lag,
    make_group_consumer,
    make_producer,
    make_reader,
    topic_visible,
    wait_topic_visible,
)
from services.shared.lag import LagMonitor
from services.shared.web import MetricsServer
from services.sink import facts_api, facts_csv
from services.sink.exposition import FactsCollector, OwnershipCollector
from services.sink.route import RouteLoop
from services.sink.series import Ownership, SeriesLoop
from services.sink.settings import SinkSettings
from services.sink.state import SeriesEntries
from services.sink.steps import SinkContext
from services.sink.topics import ensure_internal_topics

log = logging.getLogger(__name__)


class Sink:
    """The sink worker: both loops, their state, health metrics and HTTP pages."""

    def __init__(self, settings: SinkSettings, partitions: int) -> None:
        self.settings = settings
        self.health = PipelineHealth("sink")
        self.ctx = SinkContext(settings, self.health, make_producer(settings.kafka_bootstrap_servers), partitions)
        self.route = RouteLoop(self.ctx, self.ctx.producer, self._consumer("route"))
        self.owned = Ownership(self._consumer("series"))
        self.series = SeriesLoop(self.ctx, make_reader(settings.kafka_bootstrap_servers), self.owned)
        self.health.registry.register(FactsCollector(self.owned_series, settings.max_series, self.ready,
                                                     settings.min_confidence))
        self.health.registry.register(OwnershipCollector(self.owned))

    def _consumer(self, stage: str) -> AIOKafkaConsumer:
        s = self.settings
        return make_group_consumer(s.kafka_bootstrap_servers, s.group(stage), session_timeout_s=s.kafka_session_timeout_s,
                                   heartbeat_interval_s=s.kafka_heartbeat_interval_s,
                                   metadata_max_age_s=s.kafka_metadata_max_age_s,
                                   rebalance_timeout_s=s.kafka_rebalance_timeout_s)

    def ready(self) -> bool:
        """/metrics is complete: the route loop and the series group hold an assignment, the state is caught up."""
        return self.route.assigned.is_set() and self.owned.assigned.is_set() and self.series.caught_up()

    def facts_ready(self) -> bool:
        """/facts is complete: the whole series topic is folded up to its end at start (ownership aside)."""
        return self.series.caught_up()

    def owned_series(self) -> Iterator[SeriesEntries]:
        """The entries of every series this worker exposes on /metrics (its partitions of the series group)."""
        for _, entries in self.series.items(self.owned.partitions):
            yield entries

    def _subscriptions(self) -> list[tuple[AIOKafkaConsumer, str]]:
        return [(self.route.consumer, self.settings.topics.facts), (self.owned.consumer, self.settings.series_topic)]

    async def _watch_metadata(self) -> None:
        """Every second, refresh the metadata of a consumer that misses its subscribed topic."""
        while True:
            for consumer, topic in self._subscriptions():
                if not await topic_visible(consumer, topic):
                    log.warning("subscribed topic missing from metadata; refreshed", extra={"topic": topic})
            await asyncio.sleep(1.0)

    async def _watch_lag(self) -> None:
        """Update the consumer-lag gauge every lag interval."""
        monitor = LagMonitor(partial(group_lag, self.route.consumer, self.series.consumer), self.health)
        while True:
            await monitor.update()
            await asyncio.sleep(self.settings.lag_interval)

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until `stop` is set; leave both groups cleanly."""
        server = MetricsServer(self.health.registry, self.settings.metrics_host, self.settings.port,
                               pages={"/facts": self._facts, "/facts.csv": self._facts_csv,
                                      "/healthz": self._health})
        await server.start()
        await self.ctx.producer.start()
        await self.route.reader.start()
        consumers = (self.route.consumer, self.owned.consumer, self.series.consumer)
        for consumer in consumers:
            await consumer.start()
        for consumer, topic in self._subscriptions():
            await wait_topic_visible(consumer, topic, self.settings.kafka_rebalance_timeout_s)
        await self.series.start()
        self.route.consumer.subscribe([self.settings.topics.facts], listener=self.route)
        self.owned.consumer.subscribe([self.settings.series_topic], listener=self.owned)
        loops = (self.route.run(), self.series.run(), self.owned.run(), self._watch_metadata(), self._watch_lag())
        tasks = [asyncio.create_task(t) for t in loops]
        try:
            done, _ = await asyncio.wait([*tasks, asyncio.create_task(stop.wait())], return_when="FIRST_COMPLETED")
            for task in done & set(tasks):
                task.result()  # a loop that ended on an error ends the worker with it
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            for consumer in consumers:
                with contextlib.suppress(Exception):
                    await consumer.stop()
            await self.route.reader.stop()
            await self.ctx.producer.stop()
            await server.stop()

    async def _health(self, request: web.Request) -> web.Response:
        return web.json_response({"ready": self.ready()}, status=200 if self.ready() else 503)

    async def _facts(self, request: web.Request) -> web.Response:
        """GET /facts: current facts with provenance, filtered by province, place, metric, segment, period."""
        params = dict(request.query)
        unknown = facts_api.unknown_filters(params)
        if unknown:
            return web.json_response({"error": f"unknown filters {unknown}", "filters": facts_api.PARAMETERS},
                                     status=400)
        ready = self.facts_ready()
        try:
            facts = facts_api.query(self.series.items(), params, self.settings.min_confidence)
        except facts_api.BadQuery as exc:
            return web.json_response({"error": str(exc)}, status=400)
        body = {"ready": ready, "count": len(facts), "facts": facts}
        return web.Response(body=orjson.dumps(body), content_type="application/json", status=200 if ready else 503)

    async def _facts_csv(self, request: web.Request) -> web.Response:
        """GET /facts.csv: the same facts and filters as /facts, as CSV (503 while not ready, like /facts)."""
        params = dict(request.query)
        if unknown := facts_api.unknown_filters(params):
            return web.Response(text=f"unknown filters {unknown}; known: {', '.join(facts_api.PARAMETERS)}\n",
                                status=400)
        try:
            facts = facts_api.query(self.series.items(), params, self.settings.min_confidence)
        except facts_api.BadQuery as exc:
            return web.Response(text=f"{exc}\n", status=400)
        return web.Response(text=facts_csv.render(facts), content_type="text/csv", charset="utf-8",
                            status=200 if self.facts_ready() else 503)


async def run_sink(settings: SinkSettings, stop: asyncio.Event) -> None:
    """Create the internal topics, then run a sink worker until `stop` is set."""
    partitions = await ensure_internal_topics(settings)
    await Sink(settings, partitions).run(stop)
