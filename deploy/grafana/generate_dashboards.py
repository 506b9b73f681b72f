"""Generates the Grafana dashboards in dashboards/*.json: edit the panels here, never the JSON.

`python deploy/grafana/generate_dashboards.py` writes them (`make dashboards`); with `--check` it only
reports drift. tests/unit/deploy/test_dashboards.py fails when the committed JSON is not what this file
generates. Panels read the Prometheus data source through the `datasource` variable, whose default is the
data source provisioned in provisioning/datasources/prometheus.yml.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "dashboards"
PROVISIONED = HERE / "provisioning" / "datasources" / "prometheus.yml"
Json = dict[str, Any]
Target = tuple[str, str]
"""A PromQL expression and its legend."""

DS: Json = {"type": "prometheus", "uid": "${datasource}"}
HIDDEN = {"Time": True, "__name__": True, "job": True, "instance": True}


def provisioned_datasource() -> Json:
    """The Prometheus data source Grafana is provisioned with (its uid and name)."""
    config = yaml.safe_load(PROVISIONED.read_text(encoding="utf-8"))
    source = next(d for d in config["datasources"] if d["type"] == "prometheus")
    return {"uid": source["uid"], "name": source["name"]}


def datasource_variable() -> Json:
    """The `datasource` template variable: any Prometheus data source, the provisioned one by default."""
    source = provisioned_datasource()
    return {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
            "current": {"selected": True, "text": source["name"], "value": source["uid"]},
            "hide": 0, "includeAll": False, "multi": False, "options": [], "refresh": 1, "regex": ""}


def sel(metric: str, extra: str = "") -> str:
    """`metric` filtered on the province variable: historical or current province."""
    e = (extra + ",") if extra else ""
    return f'({metric}{{{e}province=~"$province"}} or {metric}{{{e}province_current=~"$province"}})'


def organize(*, hide_family: bool = False) -> list[Json]:
    """A transformation hiding Prometheus' bookkeeping columns in a table."""
    hidden = {**HIDDEN, "family": True} if hide_family else HIDDEN
    return [{"id": "organize", "options": {"excludeByName": hidden}}]


@dataclass
class Board:
    """Lays panels out left to right in a 24-column grid, under collapsible rows."""

    panels: list[Json] = field(default_factory=list)
    x: int = 0
    y: int = 0
    line_h: int = 0

    def _next_id(self) -> int:
        return len(self.panels) + 1

    def _new_line(self) -> None:
        if self.x:
            self.x, self.y, self.line_h = 0, self.y + self.line_h, 0

    def row(self, title: str) -> None:
        """Start a row (a titled group) on a new line."""
        self._new_line()
        self.panels.append({"id": self._next_id(), "type": "row", "title": title, "collapsed": False, "panels": [],
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}})
        self.y += 1

    def add(self, title: str, kind: str, targets: Sequence[Target], w: int = 12, h: int = 8, unit: str | None = None,
            instant: bool = False, fmt: str = "time_series", desc: str = "", overrides: list[Json] | None = None,
            options: Json | None = None, transformations: list[Json] | None = None) -> Json:
        """Add a panel after the previous one, on a new line when it does not fit."""
        if self.x + w > 24:
            self._new_line()
        panel: Json = {
            "id": self._next_id(), "title": title, "type": kind, "datasource": DS, "description": desc,
            "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y},
            "targets": [{"refId": chr(65 + i), "datasource": DS, "expr": expr, "legendFormat": legend,
                         "instant": instant, "range": not instant, "format": fmt}
                        for i, (expr, legend) in enumerate(targets)],
            "fieldConfig": {"defaults": {"unit": unit} if unit else {}, "overrides": overrides or []},
            "options": options or {},
        }
        if transformations:
            panel["transformations"] = transformations
        self.panels.append(panel)
        self.x, self.line_h = self.x + w, max(self.line_h, h)
        if self.x >= 24:
            self._new_line()
        return panel


def dash(uid: str, title: str, panels: list[Json], templating: list[Json], links: Sequence[Json] = (),
         desc: str = "") -> Json:
    """A dashboard around `panels`, with the data source variable first."""
    return {"uid": uid, "title": title, "description": desc, "tags": ["recruitwatch"], "timezone": "utc",
            "editable": False, "schemaVersion": 39, "version": 1, "refresh": "1m",
            "time": {"from": "now-7d", "to": "now"}, "templating": {"list": [datasource_variable(), *templating]},
            "links": list(links), "panels": panels, "annotations": {"list": []}}


ALL = 'segment="all"'
ALL_PROV = 'segment="all",level="province"'
NOT_ALL = 'segment!="all"'
PROVINCE_QUERY = ('query_result(group by (p) (label_replace(recruitment_source_info{province!=""}, "p", "$1", "province", "(.+)") '
                  'or label_replace(recruitment_source_info{province_current!=""}, "p", "$1", "province_current", "(.+)")))')
VALUES = '{__name__=~"recruitment_.+",__name__!~"recruitment_(source_info|article_published_timestamp_seconds)"}'
SERIES_LABELS = "family, org_id, org, place, level, province, province_current, segment, period_start, period_end"


def province_variable() -> Json:
    """The province variable: every historical and current province with a current fact."""
    return {"name": "province", "label": "Province (historical or current)", "type": "query", "datasource": DS,
            "query": {"query": PROVINCE_QUERY, "refId": "province"}, "definition": PROVINCE_QUERY,
            "regex": '/p="([^"]+)"/', "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "sort": 1,
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}


def recruitment() -> Json:
    """The analysts' dashboard: recruitment figures per province, organisation and period."""
    b = Board()
    b.row("Admissions")
    b.add("Admitted by province and period", "barchart",
          [(f'sum by (province, period_end) ({sel("recruitment_admitted", ALL_PROV)})', "{{province}} {{period_end}}")],
          instant=True, fmt="table", desc="People admitted, as reported for province-level Party organisations (segment all). Lower levels are not summed: their reports overlap.",
          options={"xField": "province", "orientation": "horizontal", "legend": {"showLegend": True}})
    b.add("Admitted by organisation and period", "table",
          [(f'{sel("recruitment_admitted", ALL)}', "")], instant=True, fmt="table",
          desc="Current admitted figure of every organisation and period (segment all).",
          transformations=organize())
    b.add("Admissions by segment", "piechart",
          [(f'sum by (segment) ({sel("recruitment_admitted", NOT_ALL)})', "{{segment}}")], instant=True,
          desc="Breakdown of admissions (women, youth union members, ethnic minorities, occupations...), summed over the organisations shown.")
    b.add("Admission shares by segment", "bargauge",
          [(f'{sel("recruitment_admitted_share_ratio", NOT_ALL)}', "{{org}} {{segment}} {{period_end}}")], unit="percentunit", instant=True,
          desc="Breakdowns of admissions stated as a percent of the admissions (e.g. women 48%), as ratios; never added to the headcounts above.",
          options={"displayMode": "gradient", "orientation": "horizontal"})
    b.add("Admission targets", "table", [(f'{sel("recruitment_admitted_target")}', "")], instant=True, fmt="table",
          desc="Planned admissions per organisation and period.", transformations=organize())
    b.row("Targets and rates")
    b.add("Target attainment", "bargauge",
          [(f'{sel("recruitment_target_attainment_ratio")}', "{{org}} {{period_end}}")], unit="percentunit", instant=True,
          desc="Achieved share of the admission target or plan (above 100% when exceeded).", options={"displayMode": "gradient", "orientation": "horizontal"})
    b.add("Admission rate", "bargauge",
          [(f'{sel("recruitment_admission_rate_ratio")}', "{{org}} {{period_end}}")], unit="percentunit", instant=True,
          desc="Admissions as a share of total membership.", options={"displayMode": "gradient", "orientation": "horizontal"})
    b.row("Membership and organisations")
    b.add("Party members", "bargauge", [(f'{sel("recruitment_members")}', "{{org}} {{period_end}}")], instant=True,
          desc="Party members of each organisation (latest report).", options={"orientation": "horizontal"})
    b.add("Party cells and grassroots organisations", "table",
          [(f'{sel("recruitment_party_cells")}', "cells {{org}}"), (f'{sel("recruitment_grassroots_orgs")}', "grassroots {{org}}")],
          instant=True, fmt="table", desc="Party cells (chi bộ) and grassroots party organisations per organisation.",
          transformations=[{"id": "merge", "options": {}}])
    b.row("Sources behind the figures")
    values_expr = f'label_replace({VALUES}, "family", "$1", "__name__", "(.+)")'
    b.add("Current facts with their articles", "table",
          [(f'({values_expr}) * on ({SERIES_LABELS}) group_left (metric, article_url, source_id, extractor_version) '
            f'{sel("recruitment_source_info")}', "")],
          w=24, h=10, instant=True, fmt="table",
          desc="Every current value (ratios in 0-1) with the article behind it; click the URL to read the article, or use the facts API link above.",
          overrides=[{"matcher": {"id": "byName", "options": "article_url"},
                      "properties": [{"id": "links", "value": [{"title": "Open article", "url": "${__value.raw}", "targetBlank": True}]}]}],
          transformations=organize(hide_family=True))
    b.add("Publication date behind each value", "table",
          [(f'{sel("recruitment_article_published_timestamp_seconds")} * 1000', "")], w=24, h=8, instant=True, fmt="table", unit="dateTimeAsIso",
          desc="When the article behind each current value was published.", transformations=organize())
    return dash("recruitwatch-recruitment", "Recruitment", b.panels, [province_variable()],
                links=[{"title": "Facts API (sink)", "type": "link", "url": "http://localhost:9400/facts?province=${province}", "targetBlank": True},
                       {"title": "Facts as CSV (sink)", "type": "link", "url": "http://localhost:9400/facts.csv?province=${province}", "targetBlank": True}],
                desc="Party-member recruitment figures from Vietnamese news, one current value per organisation, metric, segment and period.")


def pipeline_health() -> Json:
    """The operators' dashboard: crawl, processing, lag, dead letters, extraction yield and the sink."""
    h = Board()
    h.row("Crawler")
    h.add("Crawl requests per source", "timeseries", [("sum by (source, status_class) (rate(recruitwatch_crawler_requests_total[$__rate_interval]))", "{{source}} {{status_class}}")], unit="reqps")
    h.add("Crawl errors per source", "timeseries", [("sum by (source, kind) (rate(recruitwatch_crawler_errors_total[$__rate_interval]))", "{{source}} {{kind}}")], unit="reqps")
    h.add("Source freshness (since last successful crawl)", "bargauge", [("time() - max by (source) (recruitwatch_crawler_last_success_timestamp_seconds)", "{{source}}")], unit="s", instant=True,
          options={"orientation": "horizontal"})
    h.add("Articles published per source (1h)", "timeseries", [("sum by (source) (increase(recruitwatch_crawler_articles_published_total[1h]))", "{{source}}")])
    h.row("Processing")
    h.add("Records processed by stage", "timeseries", [("sum by (job, stage) (rate(recruitwatch_records_processed_total[$__rate_interval]))", "{{job}} {{stage}}")], unit="ops")
    h.add("Stage freshness (since last success)", "bargauge", [("time() - max by (job, stage) (recruitwatch_last_success_timestamp_seconds)", "{{job}} {{stage}}")], unit="s", instant=True,
          options={"orientation": "horizontal"})
    h.add("Consumer lag", "timeseries", [("sum by (job, topic) (max by (job, topic, partition) (recruitwatch_consumer_lag))", "{{job}} {{topic}}")],
          desc="Records not yet consumed, per topic (max over workers per partition: every sink worker reads all of its series topic).")
    h.add("Dead letters (1h)", "timeseries", [("sum by (job, stage, reason) (increase(recruitwatch_dead_letters_total[1h]))", "{{job}} {{stage}} {{reason}}")])
    h.row("Extraction and sink")
    h.add("Extraction yield (facts per relevant article, 1h)", "stat",
          [('sum(increase(recruitwatch_extractor_facts_total[1h])) / sum(increase(recruitwatch_extractor_articles_total{relevant="true"}[1h]))', "yield")], w=8)
    h.add("Articles by relevance", "timeseries", [("sum by (relevant) (rate(recruitwatch_extractor_articles_total[$__rate_interval]))", "relevant={{relevant}}")], w=8, unit="ops")
    h.add("Newest fact age", "stat", [("time() - max(recruitwatch_sink_latest_fact_fetched_timestamp_seconds)", "age")], w=8, unit="s")
    h.add("Sink series exposed, dropped and ready workers", "timeseries", [("sum(recruitwatch_sink_series_exposed)", "exposed"), ("sum by (reason) (recruitwatch_sink_series_dropped)", "dropped {{reason}}"),
          ("sum(recruitwatch_sink_ready)", "ready sink workers")])
    h.add("Sink facts by status", "timeseries", [("sum by (status) (recruitwatch_sink_facts)", "{{status}}"),
           ("sum by (reason) (increase(recruitwatch_sink_facts_conflicting_total[1h]))", "conflicts (1h) {{reason}}")],
          desc="Facts of the accepted extractions: exposed, superseded by a more recent article, kept out as a conflict within their article, below the confidence threshold.")
    h.add("Services up and builds", "table", [('up{job=~"recruitwatch-.*"}', ""), ("recruitwatch_build_info", "")], instant=True, fmt="table",
          transformations=[{"id": "merge", "options": {}}])
    return dash("recruitwatch-pipeline", "Pipeline health", h.panels, [],
                desc="Crawl rates and errors per source, freshness, consumer lag, dead letters and extraction yield.")


def render() -> dict[str, str]:
    """File name → JSON text of every dashboard."""
    boards = {"recruitment.json": recruitment(), "pipeline-health.json": pipeline_health()}
    return {name: json.dumps(board, indent=2, ensure_ascii=False) + "\n" for name, board in boards.items()}


def drift(out: Path = OUT) -> list[str]:
    """The dashboard files in `out` that differ from what this generator writes."""
    return [name for name, text in render().items()
            if not (out / name).exists() or (out / name).read_text(encoding="utf-8") != text]


def main(argv: Sequence[str]) -> int:
    """Write the dashboards, or with --check report drift (exit 1)."""
    if "--check" in argv:
        stale = drift()
        for name in stale:
            print(f"{OUT / name} is not what {Path(__file__).name} generates: run it and commit the result")
        return 1 if stale else 0
    for name, text in render().items():
        (OUT / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
