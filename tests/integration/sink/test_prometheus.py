"""A real Prometheus scrapes a running sink: every dashboard panel and alert rule expression that reads sink
metrics returns data, and the alerts the data implies are active (crawler/extractor ones: the e2e test)."""

from __future__ import annotations

import subprocess

import pytest

from services.shared.topics import TopicNames
from tests.support.accounting import check_units
from tests.support.facts import article
from tests.support.kafka import produce_events, produce_raw
from tests.support.promql import (
    DASHBOARDS,
    RULES,
    Expression,
    PrometheusServer,
    alerts,
    dashboard_expressions,
    query,
    rule_expressions,
    unanswered,
)
from tests.support.sink import SinkProcess, wait_for

pytestmark = [
    pytest.mark.kafka,
    pytest.mark.usefixtures("prometheus_installed"),
]

OTHER_SERVICES = ("recruitwatch_crawler_", "recruitwatch_extractor_")
# alert → state expected with the sink's data: old articles (no new facts for 7 days) and 12 more poison records while scraped
EXPECTED_ALERTS = {
    "RecruitwatchNoNewFacts": "pending",
    "RecruitwatchDeadLettersGrowing": "pending",
    "RecruitwatchTargetDown": None,
    "RecruitwatchConsumerLag": None,
    "RecruitwatchNoFactsAtAll": None,
}

MIN_CONFIDENCE = "0.5"
"""An explicit positive threshold for the sinks: the doubtful fact (confidence 0.2) is hidden whatever the default."""


def confident(service_env: dict[str, str]) -> dict[str, str]:
    """The service environment with the sink's confidence threshold set explicitly."""
    return {**service_env, "RECRUITWATCH_SINK_MIN_CONFIDENCE": MIN_CONFIDENCE}


def sink_expressions() -> list[Expression]:
    exprs = [e for p in sorted(DASHBOARDS.glob("*.json")) for e in dashboard_expressions(p)]
    return [e for e in exprs if not any(n.startswith(OTHER_SERVICES) for n in e.needs())]


def events() -> list:
    province = {"org": "Đảng bộ tỉnh Bắc Giang", "level": "province", "place": "Bắc Giang"}
    return [
        *article("p1", [{"value": 3011, **province}, {"segment": "female", "value": 1500, **province},
                        {"segment": "youth_union", "value": 900, **province},
                        {"segment": "female", "value": 49.8, "unit": "pct", **province},
                        {"metric": "admitted_target", "value": 3000, **province},
                        {"metric": "target_attainment_pct", "value": 100.4, **province},
                        {"metric": "admission_rate_pct", "value": 3.2, **province},
                        {"metric": "members_total", "value": 94000, "period_start": None, **province},
                        {"metric": "party_cells", "value": 2500, "period_start": None, **province},
                        {"metric": "grassroots_orgs", "value": 700, "period_start": None, **province},
                        {"metric": "members_removed", "value": 41, "confidence": 0.2, **province}],
                published="2024-12-30"),
        *article("d1", [{"value": 625}, {"metric": "target_attainment_pct", "value": 104.2}]),
    ]


def test_every_sink_panel_and_rule_expression_returns_data_in_real_prometheus(
        kafka: str, namespace: TopicNames, service_env: dict[str, str]) -> None:
    proc = subprocess.run(["promtool", "check", "rules", *map(str, sorted(RULES.glob("*.yml")))],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    produce_events(kafka, namespace.facts, events())
    produce_raw(kafka, namespace.facts, [(b"bad", b"{not json")] * 2)
    sink = SinkProcess(confident(service_env)).start()
    prom = PrometheusServer({"recruitwatch-sink": [f"127.0.0.1:{sink.port}"]})
    try:
        wait_for(lambda: (b := sink.facts()) and b["count"] == 12, 120, sink.log_tail)
        check = subprocess.run(["promtool", "check", "metrics"], input=sink.metrics(), capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        everything = sink.facts("?min_confidence=0")
        assert everything is not None and everything["count"] == 13, "the doubtful fact is kept, shown on request"
        assert 'recruitwatch_sink_facts{status="below_confidence"} 1.0' in sink.metrics()
        assert "recruitment_members_removed{" not in sink.metrics()
        checked = check_units(sink.metrics(), everything)
        assert sum(checked.values()) == 12 and checked["recruitment_admitted_share_ratio"] == 1, checked
        assert checked["recruitment_admitted"] == 4, "the percent breakdown is not a headcount"
        prom.start()
        wait_for(lambda: query(prom.url, "count(recruitment_source_info)") and
                 query(prom.url, "count_over_time(up[1m]) >= 4"), 60, lambda: "no scrapes")
        produce_raw(kafka, namespace.facts, [(b"bad", b"{not json")] * 12)  # while scraped: a growing counter
        wait_for(lambda: query(prom.url, "sum(recruitwatch_dead_letters_total) >= 14"), 60, sink.log_tail)
        exprs = sink_expressions()
        assert len(exprs) >= 20
        empty = unanswered(prom.url, exprs)
        assert not empty, "\n".join(empty)

        rules = {e.name: e for e in rule_expressions(RULES)}
        assert set(EXPECTED_ALERTS) <= set(rules)
        wait_for(lambda: {k for k, v in EXPECTED_ALERTS.items() if v} <= set(alerts(prom.url)), 30,
                 lambda: str(alerts(prom.url)))
        active = alerts(prom.url)
        for name, state in EXPECTED_ALERTS.items():
            assert (state in active.get(name, set())) if state else name not in active, (name, active)
            for family in rules[name].needs():  # quiet or not, the metrics the rule reads exist
                assert query(prom.url, f"count({family})"), (name, family)
    finally:
        prom.stop()
        sink.stop()


VALUES = '{__name__=~"recruitment_.+",__name__!~"recruitment_(source_info|article_published_timestamp_seconds)"}'
SERIES = "__name__, org_id, segment, period_start, period_end"


def test_two_workers_scraped_by_prometheus_expose_each_series_exactly_once(
        kafka: str, namespace: TopicNames, service_env: dict[str, str]) -> None:
    produce_events(kafka, namespace.facts, events())
    a, b = SinkProcess(confident(service_env)).start(), SinkProcess(confident(service_env)).start()
    # the targets compose's DNS service discovery finds for `--scale sink=2`
    prom = PrometheusServer({"recruitwatch-sink": [f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"]})
    try:
        wait_for(lambda: all((x := w.facts()) and x["count"] == 12 for w in (a, b)), 120,
                 lambda: a.log_tail() + b.log_tail())
        assert a.facts() == b.facts()
        prom.start()

        def once() -> bool:
            ready = query(prom.url, "sum(recruitwatch_sink_ready)")
            total = query(prom.url, f"count(count by ({SERIES}) ({VALUES}))")
            doubled = query(prom.url, f"count by ({SERIES}) ({VALUES}) > 1")
            return bool(ready and float(ready[0]["value"][1]) == 2 and total
                        and float(total[0]["value"][1]) == 12 and not doubled)

        wait_for(once, 60, lambda: str(query(prom.url, f"count by (instance) ({VALUES})")))
        per_worker = query(prom.url, f"count by (instance) ({VALUES})")
        assert len(per_worker) == 2, f"both workers expose a share: {per_worker}"
        assert float(query(prom.url, "sum(recruitwatch_sink_series_exposed)")[0]["value"][1]) == 12
    finally:
        prom.stop()
        a.stop()
        b.stop()
