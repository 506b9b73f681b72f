"""The pace of a re-extraction beside live traffic: pure rate control from the live pipeline's backlog.

Live work always goes first. While the live agents have work waiting (consumer lag on articles.raw or
articles.text, or an article in their stages) or the sink is behind on recruitment.facts by more than a
few records, the job pauses. When the pipeline is idle again it resumes slowly (`start_rate` articles/s) and
doubles its rate every second the pipeline stays idle, up to `max_rate`: a burst of live articles costs it
a pause and a short climb, an idle pipeline gets the full rate within a few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_START_RATE = 1.0
"""Articles per second after a pause."""
DEFAULT_MAX_SINK_LAG = 200
"""Records of recruitment.facts the sink may have to route before a job pauses."""
RECHECK_SECONDS = 0.2
"""How long a paused job waits before it looks at the live backlog again."""
GROWTH_PER_SECOND = 2.0
"""Factor by which the rate grows per second of an idle pipeline."""


@dataclass(frozen=True)
class Load:
    """Live work waiting: records the live agents have not processed yet (and articles inside their stages),
    and records of recruitment.facts the sink has not routed yet."""

    live: int = 0
    downstream: int = 0


@dataclass
class RateController:
    """Decides when the next stored article may be re-extracted, given the live pipeline's load."""

    max_rate: float
    start_rate: float = DEFAULT_START_RATE
    max_downstream: int = DEFAULT_MAX_SINK_LAG
    """Records of recruitment.facts the sink may have to route before the job pauses (its own outputs count)."""
    max_live: int = 0
    """Live records that may wait before the job pauses (0 in the extractor, which sees its agents directly;
    more for `recruitwatch reprocess`, which sees the extractor group's commits, a second or so behind)."""
    follow_live: bool = True
    """False: a fixed rate of `max_rate`, whatever the load (the old behaviour)."""
    rate: float = 0.0
    paused: bool = True
    reason: str = "starting"
    _next_at: float | None = None
    _grown_at: float = 0.0

    def __post_init__(self) -> None:
        if self.max_rate <= 0:
            raise ValueError(f"max_rate must be positive, got {self.max_rate}")
        self.start_rate = min(max(self.start_rate, 0.01), self.max_rate)

    def busy(self, load: Load) -> str | None:
        """Why live traffic needs the pipeline now (None: it does not)."""
        if not self.follow_live:
            return None
        if load.live > self.max_live:
            return "live_backlog"
        if load.downstream > self.max_downstream:
            return "sink_backlog"
        return None

    def decide(self, load: Load, now: float) -> float | None:
        """None: paused, ask again after RECHECK_SECONDS; 0: take the next article now (its slot is used);
        > 0: not yet, ask again after that many seconds."""
        reason = self.busy(load)
        if reason is not None:
            self.paused, self.reason, self.rate, self._next_at = True, reason, 0.0, None
            return None
        if self.paused or self._next_at is None:
            self.paused, self.reason = False, ""
            self.rate = self.max_rate if not self.follow_live else self.start_rate
            self._next_at, self._grown_at = now, now
        elif self.follow_live:
            self.rate = min(self.max_rate, self.rate * GROWTH_PER_SECOND ** (now - self._grown_at))
            self._grown_at = now
        if now < self._next_at:
            return min(self._next_at - now, 1.0 / self.rate)
        self._next_at = max(self._next_at + 1.0 / self.rate, now)
        return 0.0
