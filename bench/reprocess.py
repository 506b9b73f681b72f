"""Re-extraction throughput: `reprocess --stage parse` over N pages in the raw store, then `--stage facts`
over the articles.text it wrote, on a local broker, without a rate limit (one process, one core busy).

    python -m bench.reprocess [--articles 10000] [--chrome portal|thin]
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from bench.raw_store import cli, records
from services.history.reprocess import Job, Reprocessor
from services.shared.admin import ensure_topics
from services.shared.broker import LocalKafka
from services.shared.config import ServiceSettings
from services.shared.events import encode
from services.shared.kafkaio import make_producer
from services.shared.topics import TopicNames


async def _fill(bootstrap: str, topic: str, n: int, chrome: str) -> None:
    producer = make_producer(bootstrap)
    await producer.start()
    try:
        futures = [await producer.send(topic, encode(r), key=r.article_id.encode()) for r in records(n, chrome)]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def run(n: int = 10_000, chrome: str = "portal") -> dict[str, Any]:
    """articles/s of both reprocess stages over `n` stored pages."""
    with LocalKafka() as broker:
        prefix = f"r{uuid.uuid4().hex[:6]}."
        asyncio.run(ensure_topics(broker.bootstrap, prefix))
        asyncio.run(_fill(broker.bootstrap, TopicNames.with_prefix(prefix).raw_store, n, chrome))
        settings = ServiceSettings.model_validate({"KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
                                                   "RECRUITWATCH_TOPIC_PREFIX": prefix})
        parse = asyncio.run(Reprocessor(settings, Job("parse"), rate=1e9).run())
        facts = asyncio.run(Reprocessor(settings, Job("facts"), rate=1e9).run())
    res: dict[str, Any] = {"articles": n, "chrome": chrome, "parse": parse, "facts": facts}
    res["rows"] = [
        (f"reprocess --stage parse, {n} stored pages ({chrome} chrome), no rate limit",
         f"{parse['articles_per_s']} articles/s ({parse['outcomes']})", "reported", "n/a"),
        (f"reprocess --stage facts, {facts['articles']} articles.text records, no rate limit",
         f"{facts['articles_per_s']} articles/s", "reported", "n/a"),
    ]
    return res


def main(argv: list[str] | None = None) -> int:
    """Print the measurement as JSON."""
    return cli(run, __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
