"""The sink against the real broker: exact current facts from an at-least-once stream, surviving SIGKILL,
split across workers by partition."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import pytest

from services.shared.admin import ensure_topics
from services.shared.topics import TopicNames
from tests.support.dataset import Dataset, expected_current, generate, observed
from tests.support.facts import extraction, fact
from tests.support.kafka import produce_events, produce_raw
from tests.support.sink import SinkProcess, state_lines, wait_for

pytestmark = pytest.mark.kafka


def converged(sink: SinkProcess, expected: dict[str, tuple[float, str, str]]) -> dict | None:
    """/facts complete and /metrics ready (the series group assigned: a restarted worker answers /facts
    before the group has handed it its share of /metrics)."""
    body = sink.facts()
    ready = body is not None and observed(body) == expected and "recruitwatch_sink_ready 1.0" in sink.metrics()
    return body if ready else None


def diff(sink: SinkProcess, expected: dict[str, tuple[float, str, str]]) -> str:
    status, raw = sink.get("/facts")
    if status not in (200, 503):
        return f"/facts answered {status}; log: {sink.log_tail(1500)}"
    got = observed(json.loads(raw))
    wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
    extra = sorted(set(got) - set(expected))
    return f"{sink.workdir} status {status}: {len(wrong)} wrong/missing of {len(expected)} e.g. {list(wrong.items())[:3]}; extra {extra[:3]}"


def feed(kafka: str, ns: TopicNames, ds: Dataset, start: int, stop: int) -> None:
    produce_events(kafka, ns.facts, ds.events[start:stop])


def processed(sink: SinkProcess, stage: str) -> float:
    _, body = sink.get("/metrics")
    for line in body.decode().splitlines():
        if line.startswith(f'recruitwatch_records_processed_total{{stage="{stage}"}}'):
            return float(line.split()[-1])
    return 0.0


def kill_mid_batch(sink: SinkProcess, produce: Callable[[], None]) -> float:
    """Wait until the worker is ready, produce a batch, SIGKILL it as soon as it has processed part of it,
    restart it; return how many series updates of the batch it had processed."""
    wait_for(lambda: sink.facts() is not None, 60, lambda: str(sink.workdir))  # recovered and assigned
    done = processed(sink, "sink_series")
    produce()
    wait_for(lambda: processed(sink, "sink_series") > done, 30, lambda: str(sink.workdir))
    progress = processed(sink, "sink_series") - done
    sink.kill()
    sink.start()
    return progress


def test_sigkilled_sink_ends_identical_to_an_uninterrupted_run(kafka: str, namespace: TopicNames,
                                                               service_env: dict[str, str]) -> None:
    ds = generate()
    expected = expected_current(ds.events)
    # uninterrupted run on a second namespace with the same input
    baseline_ns = TopicNames.with_prefix(namespace.prefix.rstrip(".") + "b.")
    asyncio.run(ensure_topics(kafka, baseline_ns.prefix))
    baseline = SinkProcess({**service_env, "RECRUITWATCH_TOPIC_PREFIX": baseline_ns.prefix})
    produce_events(kafka, baseline_ns.facts, ds.events)
    baseline.start()
    sink = SinkProcess(service_env)
    try:
        third = len(ds.events) // 3
        feed(kafka, namespace, ds, 0, third)
        produce_raw(kafka, namespace.facts, [(b"broken", p) for p in ds.poison])
        sink.start()
        kills = [kill_mid_batch(sink, lambda a=start, b=stop: feed(kafka, namespace, ds, a, b))
                 for start, stop in ((third, 2 * third), (2 * third, len(ds.events)))]
        print("series updates processed in the batch when SIGKILLed:", kills)
        time.sleep(2)  # starting up / recovering its tables: SIGKILL again
        sink.kill()
        sink.start()
        killed_body = wait_for(lambda: converged(sink, expected), 90, lambda: diff(sink, expected))
        base_body = wait_for(lambda: converged(baseline, expected), 60, lambda: diff(baseline, expected))
        assert killed_body["facts"] == base_body["facts"]
        assert state_lines(sink.metrics()) == state_lines(baseline.metrics())
        assert len(killed_body["facts"]) == len(expected) > 50

        # SIGKILL once more with nothing new: state comes back from the internal compacted topics alone
        before = (killed_body["facts"], state_lines(sink.metrics()))
        sink.kill()
        sink.start()
        body = wait_for(lambda: converged(sink, expected), 60, lambda: diff(sink, expected))
        assert (body["facts"], state_lines(sink.metrics())) == before
    finally:
        sink.stop()
        baseline.stop()


def skipped(sink: SinkProcess, stage: str, reason: str) -> float:
    """recruitwatch_records_skipped_total of a stage and reason (0 when absent)."""
    return sum(float(line.split()[-1]) for line in sink.metrics().splitlines()
               if line.startswith("recruitwatch_records_skipped_total{")
               and f'stage="{stage}"' in line and f'reason="{reason}"' in line)


def test_a_newer_parse_under_the_same_extractor_version_supersedes_and_an_older_one_late_changes_nothing(
        kafka: str, namespace: TopicNames, service_env: dict[str, str]) -> None:
    old_parser, new_parser = "parse/1+trafilatura-2.0.0", "parse/2+trafilatura-2.0.0"
    admitted, members = fact("a", value=100), fact("a", metric="members_total", value=3000, period_start=None)
    produce_events(kafka, namespace.facts, [extraction("a", [admitted, members], parser_version=old_parser)])
    sink = SinkProcess(service_env).start()
    try:
        first = {admitted.series_key: (100, "a", "1.0.0"), members.series_key: (3000, "a", "1.0.0")}
        wait_for(lambda: converged(sink, first), 60, lambda: diff(sink, first))
        # the same page parsed again by a newer parser (extractor version and fetch time unchanged): it finds
        # only the admissions, now 105; then a late extraction of the older parse, with other figures
        reparsed = extraction("a", [fact("a", value=105)], parser_version=new_parser)
        late = extraction("a", [fact("a", value=1), fact("a", metric="members_total", value=1, period_start=None)],
                          parser_version=old_parser)
        produce_events(kafka, namespace.facts, [reparsed, late])
        after = {admitted.series_key: (105, "a", "1.0.0")}
        wait_for(lambda: skipped(sink, "sink_articles", "stale") >= 1 and converged(sink, after), 60,
                 lambda: diff(sink, after))
    finally:
        sink.stop()


def metric_series(metrics_text: str) -> list[str]:
    """The value samples of recruitment families on a /metrics page (labels included, value left out)."""
    return [line.rsplit(" ", 1)[0] for line in metrics_text.splitlines()
            if line.startswith("recruitment_") and not line.startswith(("recruitment_source_info",
                                                                       "recruitment_article_published"))]


def test_two_workers_answer_for_everything_expose_each_series_once_and_take_over(
        kafka: str, namespace: TopicNames, service_env: dict[str, str]) -> None:
    ds = generate(n_articles=60, seed=11)
    expected = expected_current(ds.events)
    produce_events(kafka, namespace.facts, ds.events)
    a, b = SinkProcess(service_env).start(), SinkProcess(service_env).start()

    def split() -> tuple[list[str], list[str]] | None:
        """/facts complete and identical on both; /metrics of both ready, disjoint and complete together."""
        bodies = [w.facts() for w in (a, b)]
        if any(x is None or observed(x) != expected for x in bodies):
            return None
        pages = [w.metrics() for w in (a, b)]
        if not all('recruitwatch_sink_ready 1.0' in p for p in pages):
            return None
        parts = [metric_series(p) for p in pages]
        both = parts[0] + parts[1]
        return (parts[0], parts[1]) if len(both) == len(set(both)) == len(expected) else None

    try:
        parts = wait_for(split, 120, lambda: f"a: {diff(a, expected)} | b: {diff(b, expected)}")
        assert all(parts), "each worker exposes some series"
        assert a.facts() == b.facts(), "/facts is the same on every worker"
        b.kill()
        # the survivor still answers /facts for everything, and takes over /metrics after the session timeout
        body = a.facts()
        assert body is not None and observed(body) == expected, "the survivor answers /facts for all at once"
        wait_for(lambda: len(metric_series(a.metrics())) == len(expected), 90, a.log_tail)
        lines = state_lines(a.metrics())
        assert sum(1 for x in lines if x.startswith("recruitment_source_info{")) == len(expected)
        assert a.get("/facts?nope=1")[0] == 400

        # the killed worker comes back: partitions move back, and no series is exposed twice or stale
        b.start()
        parts = wait_for(split, 120, lambda: f"a: {diff(a, expected)} | b: {diff(b, expected)}")
        assert all(parts)
    finally:
        a.stop()
        b.stop()
