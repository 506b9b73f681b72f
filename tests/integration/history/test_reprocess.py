"""`recruitwatch reprocess` on the real broker: after an extractor version change the sink ends identical to a
fresh run of the new version over the same raw pages; SIGKILLed, it resumes; run again, it changes nothing."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import orjson
import pytest
from aiokafka import TopicPartition

from services.extractor.parse import ParseError
from services.extractor.stages import extract_article, parse_raw
from services.history.progress import history_topic
from services.shared.admin import ensure_topics
from services.shared.events import ExtractionEvent, RawArticle, stable_id
from services.shared.kafkaio import make_reader, read_range
from services.shared.topics import TopicNames
from tests.chaos.site import generate, render_page
from tests.support.dataset import expected_current, observed
from tests.support.kafka import produce_events
from tests.support.sink import SinkProcess, state_lines, wait_for

pytestmark = pytest.mark.kafka
REPO = Path(__file__).resolve().parents[3]
N = 60


def _raws() -> list[RawArticle]:
    out = []
    for i, g in enumerate(generate(N, seed=3)):
        url = f"http://history.test{g.path}"
        page = render_page(g)
        out.append(RawArticle(article_id=stable_id(url), source_id="hist", url=url, canonical_url=url,
                              fetched_at=f"2026-01-{1 + i % 28:02d}T00:00:00Z", http_status=200, html=page,
                              content_hash=stable_id(page), crawler_version="test", entry_title=g.title,
                              entry_published=g.published.isoformat()))
    return out


def _old(event: ExtractionEvent) -> ExtractionEvent:
    """What an older extractor made of the same article: other values, and a series it no longer finds."""
    facts = [dataclasses.replace(f, extractor_version="1.0.0", value=f.value + 7, event_id=f.event_id + "-old")
             for f in event.facts]
    if event.facts:
        first = event.facts[0]
        facts.append(dataclasses.replace(first, extractor_version="1.0.0", series_key=first.series_key + "|gone",
                                         event_id=first.event_id + "-gone"))
    return dataclasses.replace(event, extractor_version="1.0.0", facts=tuple(facts))


def _reprocess(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "services.cli", "reprocess", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _summary(proc: subprocess.Popen[str]) -> dict[str, object]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _done(kafka: str, prefix: str) -> int:
    async def read() -> int:
        reader = make_reader(kafka)
        await reader.start()
        try:
            records = await read_range(reader, [TopicPartition(history_topic(prefix), 0)], None)
        finally:
            await reader.stop()
        return max([orjson.loads(v).get("done", 0) for _, v in records if v] or [0])
    try:
        return asyncio.run(read())
    except Exception:  # the topic is created by the job itself
        return 0


def _facts(sink: SinkProcess) -> dict[str, tuple[float, str, str]]:
    body = sink.facts()
    return observed(body) if body is not None else {}


def _stable(sink: SinkProcess) -> dict[str, tuple[float, str, str]] | None:
    """The sink's current facts once two reads a second apart agree (it has caught up)."""
    first = _facts(sink)
    time.sleep(1.0)
    return first if first and first == _facts(sink) else None


def _same(a: SinkProcess, b: SinkProcess) -> bool:
    """Both sinks serve the same current facts and the same state series on /metrics."""
    facts = _stable(b)
    return facts is not None and _facts(a) == facts and state_lines(a.metrics()) == state_lines(b.metrics())


def test_reprocess_after_a_version_change_equals_a_fresh_run_resumes_and_is_idempotent(
    kafka: str, namespace: TopicNames, service_env: dict[str, str]
) -> None:
    raws, texts, fresh, old = _raws(), [], [], []
    for raw in raws:
        try:
            text, _ = parse_raw(raw)
        except ParseError:
            continue
        event = extract_article(text)
        texts.append(text)
        fresh += [*event.facts, event]
        old += [*_old(event).facts, _old(event)]
    assert len(expected_current(fresh)) >= 10 and expected_current(fresh) != expected_current(old)
    # the deployed world: pages kept in the raw store, their facts made by extractor 1.0.0
    produce_events(kafka, namespace.raw_store, raws)
    produce_events(kafka, namespace.text, texts)
    produce_events(kafka, namespace.facts, old)
    # the reference: a fresh run of the current version over the same pages, in its own namespace
    ref = TopicNames.with_prefix(f"t{uuid.uuid4().hex[:8]}.")
    asyncio.run(ensure_topics(kafka, ref.prefix))
    produce_events(kafka, ref.facts, fresh)
    sinks = [SinkProcess(service_env).start(), SinkProcess({**service_env, "RECRUITWATCH_TOPIC_PREFIX": ref.prefix}).start()]
    try:
        reference = wait_for(lambda: _stable(sinks[1]), 90, lambda: sinks[1].log_tail())
        assert len(reference) >= 5, reference
        before = wait_for(lambda: _stable(sinks[0]), 90, lambda: sinks[0].log_tail())
        assert before != reference and any(k.endswith("|gone") for k in before)  # what 1.0.0 made of it

        first = _reprocess(service_env, "--stage", "parse", "--rate", "4")
        wait_for(lambda: _done(kafka, namespace.prefix) >= 5 or first.poll() is not None, 60, lambda: "no progress")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        resumed = _summary(_reprocess(service_env, "--stage", "parse", "--rate", "50"))
        assert resumed["complete"] and 0 < int(resumed["this_run"]) < N, resumed  # type: ignore[call-overload]

        wait_for(lambda: _same(sinks[0], sinks[1]), 90, lambda: f"{sinks[0].log_tail()}\n{_facts(sinks[0])}")

        again = _summary(_reprocess(service_env, "--stage", "parse"))
        assert again["complete"] and again["this_run"] == 0  # the job already ran for this version
        facts_run = _summary(_reprocess(service_env, "--stage", "facts", "--rate", "100"))
        assert facts_run["this_run"] == len(texts) and facts_run["outcomes"] == {"reprocessed": len(texts)}
        time.sleep(3.0)  # give the sink time to (wrongly) change anything
        assert _same(sinks[0], sinks[1])
        assert _facts(sinks[0]) == reference
    finally:
        for s in sinks:
            s.stop()
