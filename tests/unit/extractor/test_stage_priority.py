"""The stage worker serves live articles first: a background call (re-extraction) waits for every live call
running or queued, and runs one at a time (services/extractor/budget.py, a real worker process, no Kafka)."""

from __future__ import annotations

import asyncio
import time

from services.extractor.budget import StageRunner


def nap(name: str) -> str:
    """Runs in the worker process: a short piece of work that returns its name."""
    time.sleep(0.3)
    return name


def test_a_live_call_queued_behind_a_running_one_goes_before_a_waiting_background_call() -> None:
    async def run() -> list[str]:
        runner = StageRunner(1)
        order: list[str] = []

        async def call(name: str, background: bool = False) -> None:
            run = runner.run_background if background else runner.run
            order.append(await run("facts", nap, name, 10.0))

        try:
            await runner.run("facts", nap, "warm", 10.0)  # the worker process is up
            first = asyncio.create_task(call("live-1"))
            await asyncio.sleep(0.05)
            waiting = [asyncio.create_task(call(f"background-{i}", background=True)) for i in range(2)]
            await asyncio.sleep(0.05)
            second = asyncio.create_task(call("live-2"))  # arrives after the background calls
            await asyncio.gather(first, second, *waiting)
            assert runner.live == 0
            return order
        finally:
            runner.close()

    assert asyncio.run(run()) == ["live-1", "live-2", "background-0", "background-1"]


def test_a_background_call_runs_at_once_when_no_live_call_waits() -> None:
    async def run() -> float:
        runner = StageRunner(1)
        try:
            await runner.run("facts", nap, "warm", 10.0)
            started = time.monotonic()
            assert await runner.run_background("facts", nap, "background", 10.0) == "background"
            return time.monotonic() - started
        finally:
            runner.close()

    assert asyncio.run(run()) < 5  # a correctness bound (0.3 s of work): it did not wait for anything
