"""Subcommands of the sink service."""

from __future__ import annotations

import argparse


def _sink(args: argparse.Namespace) -> int:
    import asyncio

    from services.shared.streaming import run_worker
    from services.sink.app import APP_ID, build
    from services.sink.settings import SinkSettings
    from services.sink.topics import ensure_internal_topics

    overrides = {"port": args.port} if args.port else {}
    settings = SinkSettings(**overrides)
    asyncio.run(ensure_internal_topics(settings, APP_ID))
    run_worker(build(settings).app, settings)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sink`: the Faust worker keeping current facts, serving /metrics and /facts."""
    sink = sub.add_parser("sink", help="run a sink worker: current facts as Prometheus metrics and a JSON API")
    sink.add_argument("--port", type=int, default=0, help="HTTP port (default RECRUITWATCH_SINK_PORT or 9400)")
    sink.set_defaults(func=_sink)
