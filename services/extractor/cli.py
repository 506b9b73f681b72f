"""Subcommands of the extractor service: the `extractor` worker (and the offline `extract` command)."""

from __future__ import annotations

import argparse

from services.extractor import offline


def _run(args: argparse.Namespace) -> int:
    from services.extractor.app import build
    from services.extractor.settings import ExtractorSettings
    from services.shared.kafkaio import wait_for_broker_at_start
    from services.shared.streaming import run_worker

    settings = ExtractorSettings()
    wait_for_broker_at_start(settings.kafka_startup_timeout_s)
    extractor = build(settings)  # each stage's worker process warms up on its own (services/extractor/budget.py)
    run_worker(extractor.app, extractor.settings, "extractor")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `extractor` (the Faust worker: parse and facts agents)."""
    worker = sub.add_parser(
        "extractor",
        help="run the extractor worker: articles.raw → articles.text → recruitment.facts (env RECRUITWATCH_EXTRACTOR_*)",
    )
    worker.set_defaults(func=_run)
    offline.register_extract(sub)
