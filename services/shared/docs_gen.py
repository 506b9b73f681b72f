"""The generated parts of the docs, so they cannot drift from the code (`make docs` writes them).

Each block sits between `<!-- NAME:start -->` and `<!-- NAME:end -->` in its file: the settings tables
(docs/configuration.md), the command table (README.md) and the metric-family tables (docs/metrics.md).
tests/unit/deploy/test_readme.py fails when a committed block differs from what this module generates.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from prometheus_client import CollectorRegistry
from prometheus_client.core import Metric

REPO = Path(__file__).resolve().parents[2]


def _usage(parser: argparse.ArgumentParser) -> str:
    """`recruitwatch NAME [options] ARGS` on one line, without -h and independent of the terminal width."""
    text = " ".join(parser.format_usage().removeprefix("usage:").split())
    return text.replace(" [-h]", "")


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """(help, parser) of each subcommand, nested ones (`sources check`) expanded."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from _subcommands(sub)
                else:
                    yield helps.get(name, ""), sub


def commands_markdown() -> str:
    """The command table of the README, from the argument parser."""
    from services.cli import build_parser

    rows = ["| command | what it does |", "|---|---|"]
    rows += [f"| `{_usage(sub)}` | {text} |" for text, sub in _subcommands(build_parser())]
    return "\n".join(rows) + "\n"


def _labels(metric: Metric) -> str:
    names: list[str] = []
    for sample in metric.samples:
        names += [n for n in sample.labels if n not in names]
    return ", ".join(f"`{n}`" for n in names)


def families_table(families: Iterable[Metric]) -> str:
    """A Markdown table of metric families: exposed name, type, labels, help."""
    rows = ["| family | type | labels | meaning |", "|---|---|---|---|"]
    for metric in sorted(families, key=lambda m: m.name):
        name = metric.name + ("_total" if metric.type == "counter" else "_info" if metric.type == "info" else "")
        rows.append(f"| `{name}` | {metric.type} | {_labels(metric)} | {metric.documentation} |")
    return "\n".join(rows) + "\n"


def _labelled(registry: CollectorRegistry) -> list[Metric]:
    """The registry's families, with one sample per labelled child so the labels show (values are not shown)."""
    collectors = set(registry._collector_to_names)  # every metric object registered, labelled or not
    for collector in collectors:
        names = getattr(collector, "_labelnames", ())
        if names and hasattr(collector, "labels"):
            collector.labels(*("x" for _ in names))
    return list(registry.collect())


def health_families() -> list[Metric]:
    """The pipeline-health families every service exposes."""
    from services.shared.health import PipelineHealth

    return _labelled(PipelineHealth("docs").registry)


def sink_families() -> list[Metric]:
    """The sink's own families, with one current value in every value family so the labels show."""
    from services.shared.metric_registry import VALUE_FAMILIES
    from services.sink.exposition import FactsCollector, OwnershipCollector
    from services.sink.route import conflicts_counter

    series = [{"a": {"version": "1", "fetched_at": "2025-01-02T00:00:00Z",
                     "candidate": {"metric": f.metric, "unit": f.fact_unit, "value": 1.0, "series_key": f.name,
                                   "article_published": "2024-12-20", "fetched_at": "2025-01-02T00:00:00Z"}}}
              for f in VALUE_FAMILIES]
    registry = CollectorRegistry()
    registry.register(FactsCollector(lambda: series, max_series=len(series)))
    registry.register(OwnershipCollector(type("Owned", (), {"partitions": ()})()))
    conflicts_counter(registry)
    return list(registry.collect())


def crawler_families() -> list[Metric]:
    """The crawler's own families (pipeline health left out)."""
    from services.crawler.metrics import CrawlerMetrics

    shared = {m.name for m in health_families()}
    return [m for m in _labelled(CrawlerMetrics().health.registry) if m.name not in shared]


def extractor_families() -> list[Metric]:
    """The extractor's own families."""
    from services.extractor.metrics import ExtractorMetrics

    registry = CollectorRegistry()
    ExtractorMetrics(registry)
    return _labelled(registry)


def history_families() -> list[Metric]:
    """The backfill's and the re-extraction's families (on the crawler's and the extractor's /metrics, and on
    `--metrics-port` of `recruitwatch backfill` and `recruitwatch reprocess`)."""
    from services.crawler.backfill import BackfillMetrics
    from services.history.reprocess import Metrics as ReprocessMetrics

    registry = CollectorRegistry()
    BackfillMetrics(registry)
    ReprocessMetrics(registry)
    return _labelled(registry)


def _settings() -> str:
    from services.shared.settings_doc import markdown

    return markdown()


BLOCKS: dict[str, dict[str, Callable[[], str]]] = {
    "README.md": {"commands": commands_markdown},
    "docs/configuration.md": {"settings": _settings},
    "docs/metrics.md": {
        "metrics-sink": lambda: families_table(sink_families()),
        "metrics-health": lambda: families_table(health_families()),
        "metrics-crawler": lambda: families_table(crawler_families()),
        "metrics-extractor": lambda: families_table(extractor_families()),
        "metrics-history": lambda: families_table(history_families()),
    },
}
"""File (relative to the repository) → block name → generator."""


def markers(name: str) -> tuple[str, str]:
    """The start and end comments of a block."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def read_block(text: str, name: str) -> str | None:
    """The content of block `name` in `text`, None when its markers are missing."""
    start, end = markers(name)
    m = re.search(re.escape(start) + r"\n(.*?)" + re.escape(end), text, re.S)
    return m.group(1) if m else None


def replace_block(text: str, name: str, body: str) -> str:
    """`text` with block `name` replaced by `body` (ValueError when its markers are missing)."""
    start, end = markers(name)
    if read_block(text, name) is None:
        raise ValueError(f"no {start} ... {end} block")
    head, rest = text.split(start, 1)
    return f"{head}{start}\n{body}{end}{rest.split(end, 1)[1]}"


def write(repo: Path = REPO) -> list[str]:
    """Regenerate every block in every file; return the files that changed."""
    changed = []
    for rel, blocks in BLOCKS.items():
        path = repo / rel
        old = path.read_text(encoding="utf-8")
        new = old
        for name, generate in blocks.items():
            new = replace_block(new, name, generate())
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(rel)
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m services.shared.docs_gen --write")
    for rel in write():
        print(f"updated {rel}")
