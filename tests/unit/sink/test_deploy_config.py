"""deploy/prometheus and deploy/grafana: promtool accepts the config and rules, the rule unit tests pass,
and every dashboard expression is valid PromQL reading families the services expose."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from services.shared import metric_registry as reg
from tests.support.promql import DASHBOARDS, RULES, dashboard_expressions, rule_expressions

PROM = Path(__file__).resolve().parents[3] / "deploy" / "prometheus"
pytestmark = pytest.mark.usefixtures("prometheus_installed")

SINK_FAMILIES = {f.name for f in reg.VALUE_FAMILIES} | {
    reg.SOURCE_INFO_SAMPLE, reg.ARTICLE_PUBLISHED, reg.SINK_SERIES_EXPOSED, reg.SINK_SERIES_DROPPED, reg.SINK_FACTS,
    reg.SINK_FACTS_CONFLICTING + "_total", reg.SINK_LATEST_FETCHED, reg.SINK_READY, reg.SINK_OWNED_PARTITIONS}
HEALTH_FAMILIES = {"recruitwatch_records_processed_total", "recruitwatch_dead_letters_total",
                   "recruitwatch_last_success_timestamp_seconds", "recruitwatch_consumer_lag", "recruitwatch_build_info",
                   "up"}
ASSUMED_OTHERS = {"recruitwatch_crawler_requests_total", "recruitwatch_crawler_errors_total",
                  "recruitwatch_crawler_last_success_timestamp_seconds", "recruitwatch_crawler_articles_published_total",
                  "recruitwatch_extractor_articles_total", "recruitwatch_extractor_facts_total"}


def promtool(*args: str, cwd: Path = PROM) -> None:
    proc = subprocess.run(["promtool", *args], cwd=cwd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_prometheus_config_passes_promtool_check_config() -> None:
    promtool("check", "config", "prometheus.yml")


def test_alert_rules_pass_promtool_check_and_their_unit_tests() -> None:
    promtool("check", "rules", *(str(p) for p in sorted(RULES.glob("*.yml"))))
    promtool("test", "rules", "tests/alerts_test.yml")


def test_scrape_config_covers_every_service_on_its_port_and_every_sink_worker() -> None:
    cfg = yaml.safe_load((PROM / "prometheus.yml").read_text())
    jobs = {j["job_name"]: j for j in cfg["scrape_configs"]}
    static = {name: j["static_configs"][0]["targets"] for name, j in jobs.items() if "static_configs" in j}
    assert static == {"recruitwatch-extractor": ["extractor:9401"], "recruitwatch-crawler": ["crawler:9402"]}
    # the sink scales (`--scale sink=N`): DNS service discovery finds every worker of the compose service
    (sd,) = jobs["recruitwatch-sink"]["dns_sd_configs"]
    assert (sd["names"], sd["type"], sd["port"]) == (["sink"], "A", 9400)
    compose = yaml.safe_load((PROM.parents[1] / "docker-compose.yml").read_text())
    sink = compose["services"]["sink"]
    assert sink["environment"]["RECRUITWATCH_SINK_PORT"] == "9400"
    assert all("-" in str(p).split(":")[0] for p in sink["ports"]), "a host port range, so that the sink can scale"


def test_every_dashboard_expression_is_valid_promql_over_known_families(tmp_path: Path) -> None:
    exprs = [e for p in sorted(DASHBOARDS.glob("*.json")) for e in dashboard_expressions(p)]
    assert len(exprs) >= 25
    rules = {"groups": [{"name": "dashboards", "rules": [
        {"record": f"dashboard:expr_{i}", "expr": e.expr} for i, e in enumerate(exprs)]}]}
    path = tmp_path / "dashboard-exprs.yml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True))
    promtool("check", "rules", str(path), cwd=tmp_path)
    known = SINK_FAMILIES | HEALTH_FAMILIES | ASSUMED_OTHERS
    for e in exprs + rule_expressions(RULES):
        assert e.needs() <= known, (e.name, e.needs() - known)


def test_dashboards_have_unique_uids() -> None:
    """(The data source variable and the drift check: tests/unit/deploy/test_dashboards.py.)"""
    uids = [json.loads(path.read_text())["uid"] for path in sorted(DASHBOARDS.glob("*.json"))]
    assert len(set(uids)) == len(uids) == 2
