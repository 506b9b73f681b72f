"""Generates dashboards/*.json (run: python3 deploy/grafana/generate_dashboards.py); edit here, not in the JSON."""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "dashboards"
DS = {"type": "prometheus", "uid": "prometheus"}

def sel(metric, extra=""):
    """metric filtered on the province variable: historical or current province."""
    e = (extra + ",") if extra else ""
    return f'({metric}{{{e}province=~"$province"}} or {metric}{{{e}province_current=~"$province"}})'

class B:
    def __init__(self): self.panels=[]; self.y=0; self.x=0
    def add(self, title, kind, targets, w=12, h=8, unit=None, instant=False, fmt="time_series", desc="", overrides=None, options=None, transformations=None):
        if self.x + w > 24: self.x = 0; self.y += h
        p = {"id": len(self.panels)+1, "title": title, "type": kind, "datasource": DS, "description": desc,
             "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y},
             "targets": [{"refId": chr(65+i), "datasource": DS, "expr": t[0], "legendFormat": t[1], "instant": instant, "range": not instant, "format": fmt} for i, t in enumerate(targets)],
             "fieldConfig": {"defaults": {**({"unit": unit} if unit else {})}, "overrides": overrides or []},
             "options": options or {}}
        if transformations: p["transformations"] = transformations
        self.panels.append(p); self.x += w
        if self.x >= 24: self.x = 0; self.y += h
        return p

def dash(uid, title, panels, templating, links=(), desc=""):
    return {"uid": uid, "title": title, "description": desc, "tags": ["recruitwatch"], "timezone": "utc", "editable": False,
            "schemaVersion": 39, "version": 1, "refresh": "1m", "time": {"from": "now-7d", "to": "now"},
            "templating": {"list": templating}, "links": list(links), "panels": panels, "annotations": {"list": []}}

ALL = 'segment="all"'
ALL_PROV = 'segment="all",level="province"'
NOT_ALL = 'segment!="all"'
province_query = ('query_result(group by (p) (label_replace(recruitment_source_info{province!=""}, "p", "$1", "province", "(.+)") '
                  'or label_replace(recruitment_source_info{province_current!=""}, "p", "$1", "province_current", "(.+)")))')
province_var = {"name": "province", "label": "Province (historical or current)", "type": "query", "datasource": DS,
    "query": {"query": province_query, "refId": "province"}, "definition": province_query,
    "regex": '/p="([^"]+)"/', "includeAll": True, "multi": True, "allValue": ".*", "refresh": 2, "sort": 1,
    "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}

b = B()
b.add("Admitted by province and period", "barchart",
      [(f'sum by (province, period_end) ({sel("recruitment_admitted", ALL_PROV)})', "{{province}} {{period_end}}")],
      instant=True, fmt="table", desc="People admitted, as reported for province-level Party organisations (segment all). Lower levels are not summed: their reports overlap.",
      options={"xField": "province", "orientation": "horizontal", "legend": {"showLegend": True}})
b.add("Admitted by organisation and period", "table",
      [(f'{sel("recruitment_admitted", ALL)}', "")], instant=True, fmt="table",
      desc="Current admitted figure of every organisation and period (segment all).",
      transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True, "__name__": True, "job": True, "instance": True}}}])
b.add("Target attainment", "bargauge",
      [(f'{sel("recruitment_target_attainment_ratio")}', "{{org}} {{period_end}}")], unit="percentunit", instant=True,
      desc="Achieved share of the admission target or plan (above 100% when exceeded).", options={"displayMode": "gradient", "orientation": "horizontal"})
b.add("Admission rate", "bargauge",
      [(f'{sel("recruitment_admission_rate_ratio")}', "{{org}} {{period_end}}")], unit="percentunit", instant=True,
      desc="Admissions as a share of total membership.", options={"displayMode": "gradient", "orientation": "horizontal"})
b.add("Party members", "bargauge", [(f'{sel("recruitment_members")}', "{{org}} {{period_end}}")], instant=True,
      desc="Party members of each organisation (latest report).", options={"orientation": "horizontal"})
b.add("Party cells and grassroots organisations", "table",
      [(f'{sel("recruitment_party_cells")}', "cells {{org}}"), (f'{sel("recruitment_grassroots_orgs")}', "grassroots {{org}}")],
      instant=True, fmt="table", desc="Party cells (chi bộ) and grassroots party organisations per organisation.",
      transformations=[{"id": "merge", "options": {}}])
b.add("Admissions by segment", "piechart",
      [(f'sum by (segment) ({sel("recruitment_admitted", NOT_ALL)})', "{{segment}}")], instant=True,
      desc="Breakdown of admissions (women, youth union members, ethnic minorities, occupations...), summed over the organisations shown.")
b.add("Admission shares by segment", "bargauge",
      [(f'{sel("recruitment_admitted_share_ratio", NOT_ALL)}', "{{org}} {{segment}} {{period_end}}")], unit="percentunit", instant=True,
      desc="Breakdowns of admissions stated as a percent of the admissions (e.g. women 48%), as ratios; never added to the headcounts above.",
      options={"displayMode": "gradient", "orientation": "horizontal"})
b.add("Admission targets", "table", [(f'{sel("recruitment_admitted_target")}', "")], instant=True, fmt="table",
      desc="Planned admissions per organisation and period.",
      transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True, "__name__": True, "job": True, "instance": True}}}])
VALUES = '{__name__=~"recruitment_.+",__name__!~"recruitment_(source_info|article_published_timestamp_seconds)"}'
SERIES_LABELS = "family, org_id, org, place, level, province, province_current, segment, period_start, period_end"
values_expr = f'label_replace({VALUES}, "family", "$1", "__name__", "(.+)")'
b.add("Current facts with their articles", "table",
      [(f'({values_expr}) * on ({SERIES_LABELS}) group_left (metric, article_url, source_id, extractor_version) '
        f'{sel("recruitment_source_info")}', "")],
      w=24, h=10, instant=True, fmt="table",
      desc="Every current value (ratios in 0-1) with the article behind it; click the URL to read the article, or use the facts API link above.",
      overrides=[{"matcher": {"id": "byName", "options": "article_url"},
                  "properties": [{"id": "links", "value": [{"title": "Open article", "url": "${__value.raw}", "targetBlank": True}]}]}],
      transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True, "family": True, "__name__": True, "job": True, "instance": True}}}])
b.add("Publication date behind each value", "table",
      [(f'{sel("recruitment_article_published_timestamp_seconds")} * 1000', "")], w=24, h=8, instant=True, fmt="table", unit="dateTimeAsIso",
      desc="When the article behind each current value was published.",
      transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True, "__name__": True, "job": True, "instance": True}}}])
recruitment = dash("recruitwatch-recruitment", "Recruitment", b.panels, [province_var],
    links=[{"title": "Facts API (sink)", "type": "link", "url": "http://localhost:9400/facts?province=${province}", "targetBlank": True}],
    desc="Party-member recruitment figures from Vietnamese news, one current value per organisation, metric, segment and period.")

h = B()
h.add("Crawl requests per source", "timeseries", [("sum by (source, status_class) (rate(recruitwatch_crawler_requests_total[$__rate_interval]))", "{{source}} {{status_class}}")], unit="reqps")
h.add("Crawl errors per source", "timeseries", [("sum by (source, kind) (rate(recruitwatch_crawler_errors_total[$__rate_interval]))", "{{source}} {{kind}}")], unit="reqps")
h.add("Source freshness (since last successful crawl)", "bargauge", [("time() - max by (source) (recruitwatch_crawler_last_success_timestamp_seconds)", "{{source}}")], unit="s", instant=True,
      options={"orientation": "horizontal"})
h.add("Articles published per source (1h)", "timeseries", [("sum by (source) (increase(recruitwatch_crawler_articles_published_total[1h]))", "{{source}}")])
h.add("Records processed by stage", "timeseries", [("sum by (job, stage) (rate(recruitwatch_records_processed_total[$__rate_interval]))", "{{job}} {{stage}}")], unit="ops")
h.add("Stage freshness (since last success)", "bargauge", [("time() - max by (job, stage) (recruitwatch_last_success_timestamp_seconds)", "{{job}} {{stage}}")], unit="s", instant=True,
      options={"orientation": "horizontal"})
h.add("Consumer lag", "timeseries", [("sum by (job, topic) (max by (job, topic, partition) (recruitwatch_consumer_lag))", "{{job}} {{topic}}")],
      desc="Records not yet consumed, per topic (max over workers per partition: every sink worker reads all of its series topic).")
h.add("Dead letters (1h)", "timeseries", [("sum by (job, stage, reason) (increase(recruitwatch_dead_letters_total[1h]))", "{{job}} {{stage}} {{reason}}")])
h.add("Extraction yield (facts per relevant article, 1h)", "stat",
      [("sum(increase(recruitwatch_extractor_facts_total[1h])) / sum(increase(recruitwatch_extractor_articles_total{relevant=\"true\"}[1h]))", "yield")], w=8)
h.add("Articles by relevance", "timeseries", [("sum by (relevant) (rate(recruitwatch_extractor_articles_total[$__rate_interval]))", "relevant={{relevant}}")], w=8, unit="ops")
h.add("Newest fact age", "stat", [("time() - max(recruitwatch_sink_latest_fact_fetched_timestamp_seconds)", "age")], w=8, unit="s")
h.add("Sink series exposed, dropped and ready workers", "timeseries", [("sum(recruitwatch_sink_series_exposed)", "exposed"), ("sum by (reason) (recruitwatch_sink_series_dropped)", "dropped {{reason}}"),
       ("sum(recruitwatch_sink_ready)", "ready sink workers")])
h.add("Sink facts by status", "timeseries", [("sum by (status) (recruitwatch_sink_facts)", "{{status}}"),
       ("sum by (reason) (increase(recruitwatch_sink_facts_conflicting_total[1h]))", "conflicts (1h) {{reason}}")],
      desc="Facts of the accepted extractions: exposed, superseded by a more recent article, kept out as a conflict within their article, below the confidence threshold.")
h.add("Services up and builds", "table", [("up{job=~\"recruitwatch-.*\"}", ""), ("recruitwatch_build_info", "")], instant=True, fmt="table",
      transformations=[{"id": "merge", "options": {}}])
health = dash("recruitwatch-pipeline", "Pipeline health", h.panels, [],
    desc="Crawl rates and errors per source, freshness, consumer lag, dead letters and extraction yield.")

json.dump(recruitment, (OUT / "recruitment.json").open("w"), indent=2, ensure_ascii=False)
json.dump(health, (OUT / "pipeline-health.json").open("w"), indent=2, ensure_ascii=False)
