"""Subcommands that are not one service's: `up`, `topics`, `broker`, `facts`."""

from __future__ import annotations

import argparse
import asyncio
import signal
import threading

from services.shared import facts_cli
from services.shared.admin import ensure_topics, wait_for_broker
from services.shared.config import ServiceSettings


def _topics(args: argparse.Namespace) -> int:
    settings = ServiceSettings()
    asyncio.run(wait_for_broker(settings.kafka_bootstrap_servers, timeout=args.wait))
    created = asyncio.run(ensure_topics(settings.kafka_bootstrap_servers, settings.topic_prefix, args.replication))
    print("created: " + (", ".join(created) if created else "(all topics existed)"))
    return 0


def _broker(args: argparse.Namespace) -> int:
    from services.shared.broker import LocalKafka

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with LocalKafka(port=args.port) as broker:
        print(f"KAFKA_BOOTSTRAP_SERVERS={broker.bootstrap}", flush=True)
        stop.wait()
    return 0


def _up(args: argparse.Namespace) -> int:
    from services.shared.orchestrate import run_up

    return run_up(demo=args.demo, sources=args.sources)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `up`, `topics`, `broker` and `facts`."""
    up = sub.add_parser("up", help="run crawler, extractor and sink (and a local Kafka unless KAFKA_BOOTSTRAP_SERVERS)")
    up.add_argument("--demo", action="store_true", help="serve the bundled fixture site and watch only it")
    up.add_argument("--sources", default=None, help="sources YAML (default: seeds/sources.yaml)")
    up.set_defaults(func=_up)
    topics = sub.add_parser("topics", help="create the public topics (idempotent)")
    topics.add_argument("action", choices=["create"])
    topics.add_argument("--replication", type=int, default=1)
    topics.add_argument("--wait", type=float, default=120.0, help="seconds to wait for the broker")
    topics.set_defaults(func=_topics)
    broker = sub.add_parser("broker", help="run the embedded local Kafka broker in the foreground")
    broker.add_argument("--port", type=int, default=0)
    broker.set_defaults(func=_broker)
    facts_cli.register(sub)
