"""Per-article budgets of the extractor's stages: a size check before a stage, a time limit while it runs.

A Python thread cannot be stopped: a runaway pure function (a backtracking pattern, a quadratic rule) keeps
its thread, and the GIL share, for as long as it runs, and everything behind it in the partition waits. So
the stages run in worker processes (pebble's ProcessPool), and the one running an article that outlives
the stage's time budget is killed and replaced. The article is dead-lettered with reason `budget_exceeded` and
the agent moves on to the next record.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from typing import Any, TypeVar

from pebble import ProcessPool

from services.extractor.parse import ParseError

BUDGET_EXCEEDED = "budget_exceeded"
T = TypeVar("T")


class BudgetExceeded(Exception):
    """An article over its stage's size or time budget (dead-lettered, reason `budget_exceeded`)."""

    reason = BUDGET_EXCEEDED

    def __init__(self, stage: str, detail: str) -> None:
        super().__init__(f"{BUDGET_EXCEEDED}: {stage} stage: {detail}")
        self.stage = stage


def check_size(stage: str, what: str, size: int, limit: int) -> None:
    """Raise BudgetExceeded when an article's input is larger than the stage accepts."""
    if size > limit:
        raise BudgetExceeded(stage, f"{what} of {size:,} characters exceeds {limit:,}")


def _call(fn: Callable[[Any], Any], arg: Any) -> tuple[str, Any, str]:
    """Runs in the worker: ParseError travels as data (its pickled form would lose `reason`)."""
    try:
        return "ok", fn(arg), ""
    except ParseError as exc:
        return "parse_error", exc.reason, str(exc)


class StageRunner:
    """The stages' worker processes: `run` returns a stage's result or raises BudgetExceeded after `seconds`.

    The stages share `workers` processes (1 by default: parse and facts take turns, as threads under the GIL
    did, and the extractor stays within its memory target; 2 lets them run in parallel for ~100 MB more).
    Live articles go first: a background call (re-extraction) waits until no live call is running or queued,
    and background calls run one at a time, so a live article waits behind at most one background article."""

    def __init__(self, workers: int = 1, initializer: Callable[[], None] | None = None) -> None:
        self.killed = 0
        self.live = 0
        """Live calls running or queued now."""
        self._idle = asyncio.Event()
        self._idle.set()
        self._background = asyncio.Lock()
        # spawn, not fork: the parent runs an event loop and Kafka client threads that must not be copied
        self._pool = ProcessPool(max_workers=workers, initializer=initializer,
                                 context=multiprocessing.get_context("spawn"))

    async def run(self, stage: str, fn: Callable[[Any], T], arg: Any, seconds: float) -> T:
        """fn(arg) in a worker process within `seconds` for a live article (ahead of any background call)."""
        self.live += 1
        self._idle.clear()
        try:
            return await self._run(stage, fn, arg, seconds)
        finally:
            self.live -= 1
            if not self.live:
                self._idle.set()

    async def run_background(self, stage: str, fn: Callable[[Any], T], arg: Any, seconds: float) -> T:
        """fn(arg) like `run`, once no live call is running or queued (one background call at a time)."""
        async with self._background:
            while not self._idle.is_set():
                await self._idle.wait()
            return await self._run(stage, fn, arg, seconds)

    async def _run(self, stage: str, fn: Callable[[Any], T], arg: Any, seconds: float) -> T:
        """fn(arg) in a worker process within `seconds` (the worker is replaced when it runs over)."""
        future = self._pool.schedule(_call, args=(fn, arg), timeout=seconds)
        try:
            outcome, value, message = await asyncio.wrap_future(future)
        except TimeoutError as exc:  # pebble has already killed the worker and starts a fresh one
            self.killed += 1
            raise BudgetExceeded(stage, f"still running after {seconds:g} s (worker replaced)") from exc
        if outcome == "parse_error":
            detail = message.removeprefix(f"{value}: ") if message != value else ""
            raise ParseError(value, detail)
        result: T = value
        return result

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.stop()
        self._pool.join(timeout=5)
