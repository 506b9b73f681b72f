"""The docs say what the code does: generated blocks (settings, commands, metric families) are exactly what
the code generates, every topic is documented, and every link between the docs resolves."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from services.shared.docs_gen import BLOCKS, read_block
from services.shared.settings_doc import CLASSES, env_names, load
from services.shared.topics import TOPICS
from tests.support.docs import anchors

REPO = Path(__file__).resolve().parents[3]
README = (REPO / "README.md").read_text(encoding="utf-8")
CONFIGURATION = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


@pytest.mark.parametrize("rel,name", [(rel, name) for rel, blocks in BLOCKS.items() for name in blocks])
def test_generated_blocks_are_what_the_code_generates(rel: str, name: str) -> None:
    committed = read_block((REPO / rel).read_text(encoding="utf-8"), name)
    assert committed is not None, f"{rel} lacks its <!-- {name}:start --> ... <!-- {name}:end --> block"
    assert committed == BLOCKS[rel][name](), f"{rel}: the {name} block is stale: run `make docs` and commit"


@pytest.mark.parametrize("title,path", CLASSES)
def test_configuration_lists_every_environment_variable(title: str, path: str) -> None:
    missing = [env for env, *_ in env_names(load(path)) if f"`{env}`" not in CONFIGURATION]
    assert not missing, f"docs/configuration.md lacks {title} settings: {missing} (make docs)"


def test_topics_doc_names_every_topic_with_its_partitions() -> None:
    text = (REPO / "docs" / "topics.md").read_text(encoding="utf-8")
    for topic in TOPICS:
        row = next((line for line in text.splitlines() if line.startswith(f"| `{topic.name}` |")), None)
        assert row is not None, f"docs/topics.md has no row for {topic.name}"
        assert f"| {topic.partitions} |" in row, (topic.name, topic.partitions, row)


def test_readme_documents_every_command() -> None:
    from services.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`recruitwatch {name}" in README, name


def test_readme_is_for_a_newcomer() -> None:
    """What it is and the two commands first; reference material lives in docs/."""
    head = README[:3000]
    assert head.startswith("# recruitwatch")
    assert "make run" in head and "make test" in head
    assert len(README) < 12_000, "keep the README short: move reference material to docs/"
    assert "## Where to go next" in README


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_relative_link_resolves(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    broken = []
    for target in LINK.findall(prose):
        if re.match(r"[a-z]+:", target):
            continue  # http(s), mailto: not checked offline
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        if not dest.exists():
            broken.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest.read_text(encoding="utf-8")):
            broken.append(f"{target}: no such section")
    assert not broken, f"{path.relative_to(REPO)}: {broken}"



METRIC_CLASSES = [("services.crawler.backfill", "BackfillMetrics"), ("services.history.reprocess", "Metrics"),
                  ("services.extractor.metrics", "ExtractorMetrics")]
"""Metric classes that register their families in a registry given to them (the services' own definitions)."""


@pytest.mark.parametrize("module,cls", METRIC_CLASSES)
def test_metrics_doc_lists_every_family_of_the_metric_classes(module: str, cls: str) -> None:
    """Built from the services' own metric classes, not from docs_gen: a family docs_gen leaves out fails here."""
    registry = CollectorRegistry()
    getattr(importlib.import_module(module), cls)(registry)
    suffix = {"counter": "_total", "info": "_info"}
    names = {m.name + suffix.get(m.type, "") for m in registry.collect()}
    text = (REPO / "docs" / "metrics.md").read_text(encoding="utf-8")
    missing = sorted(n for n in names if f"| `{n}` |" not in text)
    assert names and not missing, f"docs/metrics.md lacks {missing}: generate them in services/shared/docs_gen.py"


def test_metrics_doc_lists_the_history_families() -> None:
    text = read_block((REPO / "docs" / "metrics.md").read_text(encoding="utf-8"), "metrics-history") or ""
    for family in ("recruitwatch_backfill_pages_total", "recruitwatch_backfill_articles_published_total",
                   "recruitwatch_backfill_oldest_date_reached", "recruitwatch_reprocess_articles_total",
                   "recruitwatch_reprocess_remaining_articles"):
        assert f"| `{family}` |" in text, family
