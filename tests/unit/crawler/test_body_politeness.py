"""Bounded decompression, Retry-After, backoff and the per-host gate."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import itertools
import random
import time
import zlib
from email.utils import formatdate

import brotli
import pytest

from services.crawler.body import BodyError, decoder_for, gunzip_bounded
from services.crawler.politeness import HostDeferred, HostGate, backoff_delay, parse_retry_after

PAGE = ("<p>Kết nạp đảng viên</p>" * 2000).encode()


def _stream(coding: str, data: bytes, limit: int, step: int = 997) -> bytes:
    dec = decoder_for(coding, limit)
    out = b"".join(dec.feed(data[i : i + step]) for i in range(0, len(data), step))
    return out + dec.finish()


@pytest.mark.parametrize(
    ("coding", "encode"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("deflate", lambda d: zlib.compress(d)[2:-4]),
     ("br", brotli.compress), ("identity", lambda d: d)],
)
def test_codings_round_trip_in_chunks(coding: str, encode: object) -> None:
    assert _stream(coding, encode(PAGE), 10 * len(PAGE)) == PAGE  # type: ignore[operator]


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_bombs_stop_at_the_limit(coding: str) -> None:
    raw = b"\0" * (20 * 1024 * 1024)
    bomb = gzip.compress(raw) if coding == "gzip" else brotli.compress(raw)
    assert len(bomb) < 100_000
    with pytest.raises(BodyError) as err:
        _stream(coding, bomb, 1024 * 1024, step=len(bomb))
    assert err.value.kind == "decompression_bomb"


def test_gzipped_sitemap_bomb_and_bad_data() -> None:
    with pytest.raises(BodyError):
        gunzip_bounded(gzip.compress(b"x" * 5_000_000), 1_000_000)
    with pytest.raises(BodyError) as err:
        _stream("gzip", b"\x1f\x8bnot gzip at all", 1000)
    assert err.value.kind == "bad_encoding"
    with pytest.raises(BodyError):
        decoder_for("compress", 10)


def test_retry_after_seconds_and_date_are_capped() -> None:
    now = time.time()
    assert parse_retry_after("120", now, 3600) == 120
    assert parse_retry_after("99999", now, 3600) == 3600
    assert 55 <= (parse_retry_after(formatdate(now + 60, usegmt=True), now, 3600) or 0) <= 61
    assert parse_retry_after("soon", now, 3600) is None and parse_retry_after(None, now, 10) is None


def test_backoff_grows_with_jitter_within_bounds() -> None:
    rng = random.Random(1)
    for failures, ceiling in ((1, 60), (2, 120), (3, 240), (10, 3600)):
        values = [backoff_delay(failures, 60, 3600, rng) for _ in range(50)]
        assert all(30 <= v <= ceiling for v in values) and len(set(values)) > 40


def test_host_gate_spaces_requests_and_caps_connections() -> None:
    async def run() -> tuple[list[float], int]:
        gate = HostGate(min_delay=0.1, max_connections=5)
        starts: list[float] = []
        active = peak = 0

        async def one() -> None:
            nonlocal active, peak
            async with gate.slot():
                starts.append(time.monotonic())
                active += 1
                peak = max(peak, active)
                await asyncio.sleep(0.15)
                active -= 1

        await asyncio.gather(*(one() for _ in range(4)))
        return starts, peak

    starts, peak = asyncio.run(run())
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert peak <= 2 and all(g >= 0.09 for g in gaps)


def test_host_gate_in_back_off_defers_at_once_and_opens_after_the_block() -> None:
    async def run() -> tuple[float, float]:
        gate = HostGate(0.0, 2)
        gate.block_for(0.3)
        t = time.monotonic()
        with pytest.raises(HostDeferred) as deferred:
            async with gate.slot():
                pass
        refused_after = time.monotonic() - t
        await asyncio.sleep(0.31)
        async with gate.slot():
            pass
        return refused_after, deferred.value.seconds

    refused_after, seconds = asyncio.run(run())
    assert refused_after < 0.1 and 0.2 < seconds <= 0.3


def test_background_requests_go_after_live_ones_and_take_at_most_one_slot_in_share() -> None:
    """A live request queued at the gate starts before every background one; background starts are spaced
    `share` gaps apart while live ones keep the host's own gap."""

    async def run() -> list[tuple[str, float]]:
        gate = HostGate(min_delay=0.05, max_connections=1, share=4)
        starts: list[tuple[str, float]] = []

        async def one(kind: str) -> None:
            async with gate.slot(background=kind == "bg"):
                starts.append((kind, time.monotonic()))

        async def live_stream() -> None:
            for _ in range(6):
                await one("live")

        live = asyncio.create_task(live_stream())
        await asyncio.sleep(0)  # live polling has started and queued its next request
        background = [asyncio.create_task(one("bg")) for _ in range(3)]
        await asyncio.gather(live, *background)
        return starts

    starts = asyncio.run(run())
    kinds = [k for k, _ in starts]
    assert kinds[:6] == ["live"] * 6, kinds  # background waited while live had a request queued
    bg = [t for k, t in starts if k == "bg"]
    assert all(b - a >= 0.19 for a, b in itertools.pairwise(bg)), bg  # 4 × 0.05 s between background starts
    times = [t for _, t in starts]
    assert all(b - a >= 0.045 for a, b in itertools.pairwise(times))  # the host's gap holds for both kinds


def test_live_request_cancelled_while_queued_stops_blocking_background() -> None:
    async def run() -> int:
        gate = HostGate(min_delay=0.2, max_connections=1)
        async with gate.slot():
            waiter = asyncio.create_task(gate.slot().__aenter__())
            await asyncio.sleep(0.01)
            assert gate.live_waiting == 1
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter
        return gate.live_waiting

    assert asyncio.run(run()) == 0


def test_background_request_waits_out_a_back_off_instead_of_failing() -> None:
    async def run() -> float:
        gate = HostGate(0.0, 2)
        gate.block_for(0.3)
        t = time.monotonic()
        async with gate.slot(background=True):
            return time.monotonic() - t

    assert 0.28 <= asyncio.run(run()) < 1.0
