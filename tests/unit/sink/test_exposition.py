"""Exposition: family names, ratios, labels, series cap; the text passes `promtool check metrics`."""

from __future__ import annotations

import re
import subprocess

import pytest
from prometheus_client import CollectorRegistry, generate_latest

from services.shared.events import FactEvent
from services.sink.exposition import FactsCollector, build, family_name
from tests.support.facts import fact, series_entries


def entries(facts: list[FactEvent]) -> list[dict]:
    return [e for _, e in series_entries(facts)]


def text(facts: list[FactEvent], max_series: int = 100) -> str:
    registry = CollectorRegistry()
    registry.register(FactsCollector(lambda: entries(facts), max_series))
    return generate_latest(registry).decode()


def test_family_names_follow_prometheus_conventions() -> None:
    assert family_name("target_attainment_pct") == "recruitment_target_attainment_ratio"
    assert family_name("members_total") == "recruitment_members"
    assert family_name("admitted") == "recruitment_admitted"
    assert family_name("Bad Name") is None


def test_percent_metrics_are_exposed_as_ratios_with_all_labels() -> None:
    out = text([fact("a", metric="target_attainment_pct", value=130, place=None)])
    line = next(x for x in out.splitlines() if x.startswith("recruitment_target_attainment_ratio{"))
    assert line.endswith(" 1.3")
    for label in ("org=", 'place=""', "level=", "province=", "province_current=", "segment=", "period_start=",
                  "period_end="):
        assert label in line


def test_no_sample_timestamps_and_no_created_series() -> None:
    out = text([fact("a")])
    assert "_created" not in out
    samples = [x for x in out.splitlines() if x and not x.startswith("#")]
    assert samples and all(len(re.sub(r"\{.*\}", "", x).split()) == 2 for x in samples)  # name value, no ts
    assert 'recruitment_article_published_timestamp_seconds{' in out
    assert 'recruitment_source_info{' in out and 'article_url="https://news.example.vn/a.html"' in out


def test_series_over_the_cap_are_dropped_and_counted() -> None:
    facts = [fact(f"a{i}", org=f"Chi bộ {i}", level="cell") for i in range(5)] + [fact("p", org="Tỉnh", level="province")]
    exp = build(entries(facts), max_series=3)
    assert exp.exposed == 3 and exp.dropped["overflow"] == 3
    out = text(facts, max_series=3)
    assert 'recruitwatch_sink_series_dropped{reason="overflow"} 3.0' in out
    assert 'org="Tỉnh"' in out  # higher levels are kept first


def test_identical_label_sets_keep_the_most_recent_fact() -> None:
    # old-style keys (no unit in the key) can give two series the same labels
    older = fact("a", value=1, published="2024-01-01", series_key="k|1")
    newer = fact("b", value=2, published="2025-01-01", series_key="k|2")
    exp = build(entries([older, newer]), 100)
    assert exp.dropped["label_collision"] == 1
    assert 'recruitment_admitted{' in text([older, newer]) and " 2.0" in text([older, newer])


@pytest.mark.usefixtures("prometheus_installed")
def test_exposition_passes_promtool_check_metrics() -> None:
    facts = [
        fact("a", metric="target_attainment_pct", value=95.5),
        fact("b", metric="members_total", value=3011, period_start=None, org="Đảng bộ tỉnh \"Quảng Ninh\"\n"),
        fact("c", segment="female", value=40, published=None),
    ]
    proc = subprocess.run(["promtool", "check", "metrics"], input=text(facts), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
