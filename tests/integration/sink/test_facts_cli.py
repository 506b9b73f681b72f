"""`recruitwatch facts` and /facts.csv against a running sink worker on the real broker."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import urllib.parse

import orjson
import pytest

from services.shared.broker import free_port
from services.shared.topics import TopicNames
from tests.support.facts import article
from tests.support.kafka import produce_events
from tests.support.sink import RECRUITWATCH, SinkProcess, wait_for

pytestmark = pytest.mark.kafka

HIEP_HOA = urllib.parse.urlencode({"place": "Hiệp Hòa"})
PROVINCE = {"org": "Đảng bộ tỉnh Bắc Giang", "level": "province", "place": "Bắc Giang"}


def facts_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return subprocess.run([RECRUITWATCH, "facts", *args], capture_output=True, text=True, timeout=60, env=env)


def test_facts_command_and_csv_page_show_the_sinks_current_facts(
        kafka: str, namespace: TopicNames, service_env: dict[str, str]) -> None:
    produce_events(kafka, namespace.facts, [
        *article("d1", [{"value": 625}, {"metric": "target_attainment_pct", "value": 104.2}]),
        *article("p1", [{"value": 3011, **PROVINCE}, {"segment": "female", "value": 1500, **PROVINCE}],
                 published="2024-12-30"),
    ])
    sink = SinkProcess(service_env).start()
    try:
        wait_for(lambda: (b := sink.facts()) and b["count"] == 4, 120, sink.log_tail)
        listed = sink.facts("?" + HIEP_HOA)
        assert listed is not None

        as_json = facts_cli("--url", sink.url, "--place", "Hiệp Hòa", "--format", "json")
        assert as_json.returncode == 0, as_json.stderr
        assert orjson.loads(as_json.stdout) == listed["facts"]

        as_csv = facts_cli("--url", sink.url, "--place", "Hiệp Hòa", "--format", "csv")
        status, page = sink.get("/facts.csv?" + HIEP_HOA)
        assert as_csv.returncode == 0 and status == 200, as_csv.stderr
        assert as_csv.stdout == page.decode("utf-8").replace("\r\n", "\n")
        rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
        assert sorted((r["metric"], r["value"]) for r in rows) == [("admitted", "625"), ("target_attainment_pct", "104.2")]
        assert {r["org"] for r in rows} == {"Đảng bộ huyện Hiệp Hòa"}

        table = facts_cli("--url", sink.url, "--province", "Bắc Ninh", "--metric", "admitted", "--period", "2024")
        assert table.returncode == 0, table.stderr
        lines = table.stdout.splitlines()
        assert lines[0].split() == ["province", "organisation", "metric", "segment", "period", "value", "published"]
        assert len(lines) == 2 + 3, table.stdout  # header, rule, three admitted series
        assert any("Đảng bộ tỉnh Bắc Giang" in line and line.rstrip().endswith("3011  2024-12-30") for line in lines)
        assert any("Đảng bộ huyện Hiệp Hòa" in line and "625" in line for line in lines)

        assert sink.get("/facts.csv?colour=red")[0] == 400
        bad = facts_cli("--url", sink.url, "--period", "2024", "--format", "yaml")
        assert bad.returncode == 2 and "invalid choice" in bad.stderr
    finally:
        sink.stop()


def test_facts_command_says_clearly_when_no_sink_answers() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # loopback, nothing listening
    result = facts_cli("--url", url)
    assert result.returncode == 2 and result.stdout == ""
    assert f"cannot reach the sink at {url}/facts" in result.stderr and "recruitwatch up" in result.stderr
