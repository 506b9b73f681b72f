"""`make bench`: every benchmark side by side on this machine, one table, also written to docs/benchmarks.md.

Targets come from issue 6; a figure that falls short is reported as such, never hidden.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
RESULTS = REPO / "bench" / "results"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
Row = tuple[str, str, str, str]


def _status(ok: bool | None) -> str:
    return "n/a" if ok is None else ("meets" if ok else "**short**")


def extractor_rows() -> tuple[list[Row], dict[str, Any]]:
    """In-process extractor stage vs plain trafilatura.extract on the same pages."""
    from bench import extractor_stage

    results = extractor_stage.run(rounds=int(os.environ.get("BENCH_ROUNDS", "5")), chrome="portal")
    by = {r.name: r for r in results}
    base = by["trafilatura.extract(html)"].docs_per_s
    stage = by.get("parse_page + extract") or by["parse_page"]
    ratio = stage.docs_per_s / base
    rows = [
        ("extractor stage, HTML → facts, in one process, corpus pages with portal chrome (~48 KB)",
         f"{stage.docs_per_s:.1f} docs/s "
         f"(trafilatura.extract alone {base:.1f}; {ratio:.2f}×)", "≥ 1.5× trafilatura", _status(ratio >= 1.5)),
        ("extractor stage text quality", f"paragraph recall {stage.recall:.3f} vs {by['trafilatura.extract(html)'].recall:.3f}",
         "same quality", _status(stage.recall >= by["trafilatura.extract(html)"].recall - 0.01)),
    ]
    return rows, {"in_process_docs_per_s": stage.docs_per_s, "trafilatura_docs_per_s": base,
                  "results": [r.__dict__ for r in results]}


def pipeline_rows() -> tuple[list[Row], dict[str, Any]]:
    """Through Kafka: 1 and 2 extractor workers vs in-process on the same pages, latency, peak RSS."""
    from bench import pipeline

    res = pipeline.run()
    local, one, two, lat = res["in_process_articles_per_s"], res["one_worker"], res["two_workers"], res["latency"]
    r1, r2 = one["articles_per_s"] or 0.0, two["articles_per_s"] or 0.0
    rows = [
        ("extractor stage in one process, generated pages (~9 KB, same as below)", f"{local:.1f} articles/s",
         "reference", "n/a"),
        ("end to end via Kafka, 1 extractor worker, same pages", f"{r1:.1f} articles/s ({r1 / local:.2f}× in-process)",
         "≥ 0.8× in-process", _status(r1 >= 0.8 * local)),
        ("end to end via Kafka, 2 extractor workers", f"{r2:.1f} articles/s ({r2 / r1:.2f}× 1 worker)" if r1 else "-",
         "≥ 1.6× 1 worker", _status(bool(r1) and r2 >= 1.6 * r1)),
        ("where 1 worker's time goes, per article (stage and publish times are wall time, threads overlap)",
         _where_time_goes(one["ms_per_article"]), "reported", "n/a"),
        ("publish → fact on /facts at 10 articles/s", f"p50 {lat['p50_s']} s, p99 {lat['p99_s']} s "
         f"({lat['observed']}/{lat['articles']} seen)", "p99 ≤ 2 s", _status(lat["p99_s"] is not None and lat["p99_s"] <= 2.0)),
        ("peak RSS extractor / sink", f"{max(one['peak_rss_mb'], two['peak_rss_mb'], lat['extractor_peak_rss_mb'])} MB / "
         f"{lat['sink_peak_rss_mb']} MB", "≤ 300 MB each",
         _status(max(one["peak_rss_mb"], two["peak_rss_mb"], lat["extractor_peak_rss_mb"], lat["sink_peak_rss_mb"]) <= 300)),
    ]
    return rows, res


def _where_time_goes(ms: dict[str, float]) -> str:
    return (f"{ms['wall']} ms wall, {ms['cpu']} ms CPU; parse {ms.get('stage_parse')} ms + awaiting its acks "
            f"{ms.get('publish_parse')} ms; facts {ms.get('stage_facts')} ms + awaiting its acks {ms.get('publish_facts')} ms")


def facts_rows() -> tuple[list[Row], dict[str, Any]]:
    """Facts stage: ms per KB of text on dev/dev2, and the worst pathological input (each in a child process)."""
    from bench import facts_stage

    corpus = facts_stage.DEFAULT_CORPUS
    res = facts_stage.run([10, 40, 95], timeout=10.0, corpus=Path("/nonexistent"))
    res["five_mb_line_s"] = facts_stage.time_family("digits_dots", 5 * 1024, 10.0)
    times = [*(r["seconds"] for rows in res["families"].values() for r in rows), res["five_mb_line_s"]]
    slowest = None if None in times else max(times)
    cmp = facts_stage.compare(facts_stage.BEFORE_REF, corpus, runs=4) if (corpus / "dev").exists() else None
    res["before_vs_now"] = cmp
    rows: list[Row] = [
        (f"facts stage per KB of text, dev / dev2 articles (CPU), now vs before issue 10 ({facts_stage.BEFORE_REF}) alternating",
         " / ".join(f"{cmp['now_ms_per_kb'][s]['median']:.2f} vs {cmp['before_ms_per_kb'][s]['median']:.2f} ms/KB "
                    f"({cmp['ratio_now_before'][s]:.2f}×)" for s in ("dev", "dev2") if s in cmp["now_ms_per_kb"]) if cmp else "no corpus",
         "≤ 1.0× before", _status(max(cmp["ratio_now_before"].values()) <= 1.0) if cmp else "n/a"),
        ("facts stage CPU, slowest pathological article (10,000 numbers, 95k number words, nested tables flattened by rows and onto one line, 5 MB line)",
         "stalled (> 10 s)" if slowest is None else f"{slowest:.2f} s", "≤ 1 s", _status(slowest is not None and slowest <= 1.0)),
    ]
    return rows, res


def crawler_rows() -> tuple[list[Row], dict[str, Any]]:
    """Conditional polls per CPU-second against unchanged feeds, idle CPU, crawler RSS."""
    try:
        module = importlib.import_module("bench.crawler_polls")
    except ModuleNotFoundError:
        return [("crawler conditional polls", "not measured (bench/crawler_polls.py missing)", "≥ 300/s per core", "n/a")], {}
    res: dict[str, Any] = module.run()
    rows = [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in res.get("rows", [])]
    return rows, res


def history_rows() -> tuple[list[Row], dict[str, Any]]:
    """Raw store size per 10,000 articles, re-extraction throughput (and inside the extractor beside live traffic),
    the sink after a re-extraction against a fresh pipeline run, full-scale backfill (issue 13)."""
    from bench import backfill, raw_store, reprocess, reprocess_live, reprocess_sink

    n = int(os.environ.get("BENCH_HISTORY_ARTICLES", "10000"))
    size, speed, walk = raw_store.run(n), reprocess.run(n), backfill.run()
    upgrade, sink = reprocess_live.run(n), reprocess_sink.run(n)
    rows = [(str(r[0]), str(r[1]), str(r[2]), str(r[3]))
            for r in [*size["rows"], *speed["rows"], *sink["rows"], *walk["rows"], *upgrade["rows"]]]
    return rows, {"raw_store": size, "reprocess": speed, "reprocess_sink": sink, "backfill": walk,
                  "reprocess_live": upgrade}


def hostile_parse_rows() -> tuple[list[Row], dict[str, Any]]:
    """CPU seconds of the worst hostile feed and sitemap inside the size limits (issue 12)."""
    from bench import hostile_parse

    res = hostile_parse.run()
    return [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in res["rows"]], res


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table with the machine they ran on."""
    head = (f"Measured {datetime.now(UTC):%Y-%m-%d} on {os.cpu_count()} cores, {platform.python_implementation()} "
            f"{platform.python_version()}, by `make bench` (raw figures in bench/results/latest.json).\n\n"
            "| benchmark | measured | target | status |\n|---|---|---|---|\n")
    return head + "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows) + "\n"


def write_readme(text: str) -> None:
    """Replace the block between the bench markers in docs/benchmarks.md."""
    readme = DOC.read_text(encoding="utf-8")
    if START not in readme:
        readme += f"\n## Benchmarks\n\n{START}\n{END}\n"
    head, rest = readme.split(START, 1)
    _old, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main() -> int:
    """Run every benchmark, print the table, write docs/benchmarks.md and bench/results/latest.json."""
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    steps: list[tuple[str, Callable[[], tuple[list[Row], dict[str, Any]]]]] = [
        ("extractor_stage", extractor_rows),
        ("pipeline", pipeline_rows),
        ("facts", facts_rows),
        ("crawler", crawler_rows),
        ("hostile_parse", hostile_parse_rows),
        ("history", history_rows),
    ]
    for name, step in steps:
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        step_rows, raw[name] = step()
        rows += step_rows
    text = table(rows)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
