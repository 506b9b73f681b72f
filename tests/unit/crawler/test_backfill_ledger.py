"""The backfill's ledger, which live polling in the crawler service asks before it publishes an article."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

from services.crawler.backfill import Ledger, Walk, short_hash

H1, H2 = "a" * 64, "b" * 64


async def test_an_article_the_backfill_published_with_the_same_content_is_in_the_ledger() -> None:
    ledger = Ledger()
    assert not await ledger.has("x", H1)
    ledger.claim("x")
    ledger.settle("x", H1)
    assert await ledger.has("x", H1)
    assert not await ledger.has("x", H2)  # changed since: live polling publishes the new version
    assert not ledger.publishing


async def test_live_polling_waits_for_a_publication_in_flight() -> None:
    ledger = Ledger()
    ledger.claim("x")
    asked = asyncio.create_task(ledger.has("x", H1))
    await asyncio.sleep(0.01)
    assert not asked.done()  # neither publish it beside the backfill nor drop it before the broker's ack
    ledger.settle("x", H1)
    assert await asked


async def test_a_failed_backfill_publication_leaves_the_article_to_live_polling() -> None:
    ledger = Ledger()
    ledger.claim("x")
    asked = asyncio.create_task(ledger.has("x", H1))
    await asyncio.sleep(0)
    ledger.settle("x", None)
    assert not await asked and "x" not in ledger.published


def test_a_walk_keeps_short_hashes_and_reads_records_written_before_them() -> None:
    walk = Walk("s", None, handled=["gone"], hashes={"x": short_hash(H1)})
    assert Walk(**asdict(walk)) == walk and len(walk.hashes["x"]) == 16
    old = asdict(walk)
    del old["hashes"]
    assert Walk(**old).hashes == {}
