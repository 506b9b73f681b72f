"""After an end-to-end run on the fixture site, a real Prometheus scrapes crawler, extractor and sink: every
PromQL expression of every Grafana panel returns data and every alert rule is in the state the run implies."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path

import pytest
import yaml
from aiokafka import AIOKafkaProducer

from services.shared.orchestrate import _demo_site, demo_sources_yaml
from services.shared.topics import TopicNames
from tests.e2e.harness import http_get, run_up, wait_for
from tests.e2e.test_up_demo import HIEP_HOA_625
from tests.support.promql import (
    DASHBOARDS,
    RULES,
    Expression,
    PrometheusServer,
    alerts,
    dashboard_expressions,
    query,
    rule_expressions,
)

pytestmark = [pytest.mark.kafka, pytest.mark.slow, pytest.mark.usefixtures("prometheus_installed")]

POISON = 12
# alert → expected state after this run: a source whose feed is gone, 12 poison records, healthy otherwise
EXPECTED_ALERTS: dict[str, set[str] | None] = {
    "RecruitwatchCrawlErrorRate": {"pending", "firing"},
    "RecruitwatchDeadLettersGrowing": {"pending", "firing"},
    "RecruitwatchSourceStale": None,
    "RecruitwatchConsumerLag": None,
    "RecruitwatchTargetDown": None,
    "RecruitwatchNoNewFacts": None,
    "RecruitwatchNoFactsAtAll": None,
}


def _sources(base: str) -> str:
    """The demo source plus one whose feed answers 404 (so crawl-error panels and alerts have data)."""
    doc = yaml.safe_load(demo_sources_yaml(base, poll_s=5))
    broken = dict(doc["sources"][0], id="gone-feed", name="Feed that moved away",
                  entries=[{"kind": "rss", "url": base + "/rss/da-chuyen.xml"}])
    doc["sources"].append(broken)
    return yaml.safe_dump(doc, allow_unicode=True)


async def _poison(bootstrap: str, topic: str) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for i in range(POISON):
            await producer.send_and_wait(topic, b'{"schema": "articles.raw/v1", "article_id": ', key=f"p{i}".encode())
    finally:
        await producer.stop()


def test_every_dashboard_and_alert_expression_answers_after_a_pipeline_run(
    tmp_path: Path, kafka: str, namespace: TopicNames
) -> None:
    env = {"KAFKA_BOOTSTRAP_SERVERS": kafka, "RECRUITWATCH_TOPIC_PREFIX": namespace.prefix,
           "RECRUITWATCH_CRAWLER_HOST_MIN_DELAY": "0.2",
           # the broken source is retried every few seconds, so its error counter rises while scraped
           "RECRUITWATCH_CRAWLER_BACKOFF_BASE": "2", "RECRUITWATCH_CRAWLER_BACKOFF_MAX": "4"}
    with _demo_site(0) as base:
        sources = tmp_path / "sources.yaml"
        sources.write_text(_sources(base), encoding="utf-8")
        with run_up(tmp_path, env, args=("--sources", str(sources))) as stack:
            wait_for(lambda: HIEP_HOA_625.search(http_get(stack.url("/metrics"))), 120, what="facts on the sink")
            targets = {"recruitwatch-sink": [f"127.0.0.1:{stack.sink_port}"],
                       "recruitwatch-extractor": [f"127.0.0.1:{stack.extractor_port}"],
                       "recruitwatch-crawler": [f"127.0.0.1:{stack.crawler_port}"]}
            with PrometheusServer(targets) as prom:
                wait_for(lambda: query(prom.url, "min(count_over_time(up[1m])) >= 3"), 60, what="first scrapes")
                asyncio.run(_poison(kafka, namespace.raw))  # counters must rise while Prometheus watches
                wait_for(lambda: query(prom.url, "min(count_over_time(up[1m])) >= 5")
                         and query(prom.url, f"sum(recruitwatch_dead_letters_total) >= {POISON}")
                         and query(prom.url, "sum(recruitwatch_crawler_errors_total) > 0"),
                         90, what="scrapes with dead letters and crawl errors")
                exprs = [e for p in sorted(DASHBOARDS.glob("*.json")) for e in dashboard_expressions(p)]
                assert len(exprs) >= 25
                _wait_until_every_panel_answers(prom.url, exprs)
                _assert_alert_states(prom.url)


def _wait_until_every_panel_answers(url: str, exprs: list[Expression]) -> None:
    """Rates and increases need two scrapes of a series that appeared late (the poison dead letters)."""
    def empty() -> list[str]:
        return [f"{e.source}: {e.name}: {e.expr}" for e in exprs if not query(url, e.expr)]

    try:
        wait_for(lambda: not empty(), 45, interval=2.0, what="data in every panel")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\npanels without data:\n" + "\n".join(empty())) from None


def _rule_report(url: str) -> str:
    """Each rule's health, last error and the value of its expression without the threshold."""
    body = json.loads(urllib.request.urlopen(f"{url}/api/v1/rules", timeout=10).read())
    lines = []
    for group in body["data"]["groups"]:
        for rule in group["rules"]:
            bare = rule["query"].rsplit(">", 1)[0] if ">" in rule["query"] else rule["query"]
            lines.append(f"{rule['name']}: {rule['health']} {rule.get('lastError', '')} {query(url, bare)[:3]}")
    return "\n".join(lines)


def _assert_alert_states(url: str) -> None:
    rules = {e.name: e for e in rule_expressions(RULES)}
    assert set(rules) == set(EXPECTED_ALERTS), "every alert rule has an expected state in this test"
    wanted = {name for name, states in EXPECTED_ALERTS.items() if states}
    try:
        wait_for(lambda: wanted <= set(alerts(url)), 60, what=f"alerts {sorted(wanted)}")
    except AssertionError as exc:
        raise AssertionError(f"{exc}\nactive: {alerts(url)}\n{_rule_report(url)}") from None
    active = alerts(url)
    for name, states in EXPECTED_ALERTS.items():
        if states:
            assert active[name] & states, (name, active)
        else:
            assert name not in active, (name, active)
        for family in rules[name].needs():  # quiet or not, every metric the rule reads exists
            assert query(url, f"count({family})"), (name, family)
