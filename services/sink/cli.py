"""Subcommands of the sink service."""

from __future__ import annotations

import argparse


def _sink(args: argparse.Namespace) -> int:
    import asyncio
    import signal

    from services.shared.kafkaio import wait_for_broker_at_start
    from services.shared.logs import setup_logging
    from services.sink.app import run_sink
    from services.sink.settings import SinkSettings

    overrides = {"port": args.port} if args.port else {}
    settings = SinkSettings(**overrides)
    setup_logging("sink", settings.log_level, settings.log_format)
    wait_for_broker_at_start(settings.kafka_startup_timeout_s)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_sink(settings, stop)

    asyncio.run(main())
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `sink`: the worker keeping current facts, serving /metrics and /facts."""
    sink = sub.add_parser("sink", help="run a sink worker: current facts as Prometheus metrics and a JSON API")
    sink.add_argument("--port", type=int, default=0, help="HTTP port (default RECRUITWATCH_SINK_PORT or 9400)")
    sink.set_defaults(func=_sink)
