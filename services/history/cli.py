"""The `reprocess` subcommand."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date

import orjson

from services.history.pace import DEFAULT_MAX_SINK_LAG, DEFAULT_START_RATE

DEFAULT_MAX_LIVE_LAG = 10
"""Records the extractor group may have uncommitted before `reprocess` pauses (its commits trail its work)."""


def _reprocess(args: argparse.Namespace) -> int:
    from services.history.pace import RateController
    from services.history.reprocess import Job, Reprocessor, serve_metrics
    from services.shared.config import ServiceSettings
    from services.shared.kafkaio import wait_for_broker_at_start
    from services.shared.logs import setup_logging

    settings = ServiceSettings()
    setup_logging("reprocess", args.log_level or "WARNING")
    wait_for_broker_at_start(settings.kafka_startup_timeout_s)
    job = Job(args.stage, args.since, args.source)
    pace = RateController(args.rate, start_rate=args.start_rate, max_downstream=args.max_sink_lag,
                          max_live=args.max_live_lag, follow_live=not args.fixed_rate)
    worker = Reprocessor(settings, job, rate=args.rate, pace=pace)
    serve_metrics(worker.metrics, args.metrics_port)
    summary = asyncio.run(worker.run(restart=args.restart))
    sys.stdout.write(orjson.dumps(summary).decode() + "\n")
    return 0 if summary["complete"] else 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `reprocess`."""
    rep = sub.add_parser("reprocess", help="re-extract stored articles with the current extractor version")
    rep.add_argument("--stage", choices=("parse", "facts"), default="facts",
                     help="facts: from articles.text; parse: parse again from the raw store, then facts")
    rep.add_argument("--since", type=date.fromisoformat, default=None,
                     help="only articles published on/after YYYY-MM-DD (fetched, when the date is unknown)")
    rep.add_argument("--source", default=None, help="only this source id")
    rep.add_argument("--rate", type=float, default=20.0, help="articles per second at most (default 20)")
    rep.add_argument("--start-rate", type=float, default=DEFAULT_START_RATE,
                     help=f"articles per second after yielding to live traffic, doubling each idle second "
                          f"(default {DEFAULT_START_RATE:g})")
    rep.add_argument("--max-live-lag", type=int, default=DEFAULT_MAX_LIVE_LAG,
                     help=f"records the extractor group may have waiting before the job pauses (default "
                          f"{DEFAULT_MAX_LIVE_LAG})")
    rep.add_argument("--max-sink-lag", type=int, default=DEFAULT_MAX_SINK_LAG,
                     help=f"records of recruitment.facts the sink may have waiting before the job pauses "
                          f"(default {DEFAULT_MAX_SINK_LAG})")
    rep.add_argument("--fixed-rate", action="store_true", help="run at --rate whatever the live traffic")
    rep.add_argument("--restart", action="store_true", help="start over even if this job already ran")
    rep.add_argument("--metrics-port", type=int, default=0, help="serve recruitwatch_reprocess_* metrics here")
    rep.add_argument("--log-level", default=None, help="JSON log level on stderr (default WARNING)")
    rep.set_defaults(func=_reprocess)
