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


def test_facts_below_the_confidence_threshold_are_counted_not_exposed() -> None:
    sure = fact("a", value=100, published="2024-01-01", series_key="k|1", confidence=0.9)
    doubtful = fact("b", value=999, published="2025-01-01", series_key="k|1", confidence=0.2)  # newer, not confident
    legacy = fact("c", value=7, series_key="k|2", metric="members_removed")  # no confidence: older extractor
    lonely = fact("d", value=5, series_key="k|3", metric="party_cells", confidence=0.1)
    exp = build(entries([sure, doubtful, legacy, lonely]), 100, min_confidence=0.5)
    assert exp.exposed == 2 and +exp.statuses == {"exposed": 2, "below_confidence": 2}
    registry = CollectorRegistry()
    registry.register(FactsCollector(lambda: entries([sure, doubtful, legacy, lonely]), 100, min_confidence=0.5))
    out = generate_latest(registry).decode()
    assert "999" not in out and "recruitment_party_cells{" not in out
    assert 'recruitwatch_sink_facts{status="below_confidence"} 2.0' in out
    assert 'recruitment_members_removed{' in out and re.search(r'recruitment_admitted\{[^}]*\} 100\.0', out)


def test_percent_breakdown_goes_to_the_share_family_and_a_count_percent_metric_is_a_unit_mismatch() -> None:
    share = fact("a", segment="female", value=48.14, unit="pct")
    mismatch = fact("b", metric="target_attainment_pct", value=250, unit="count")
    exp = build(entries([share, mismatch, fact("c", segment="female", value=930)]), 100)
    assert exp.dropped["unit_mismatch"] == 1 and exp.exposed == 2
    out = text([share, fact("c", segment="female", value=930)])
    assert re.search(r'recruitment_admitted_share_ratio\{[^}]*segment="female"[^}]*\} 0\.4814', out)
    assert re.search(r'recruitment_admitted\{[^}]*segment="female"[^}]*\} 930\.0', out)
    assert not re.search(r'recruitment_admitted\{[^}]*\} 48\.14', out)
