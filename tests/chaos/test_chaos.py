"""Chaos: SIGKILL crawler, extractor and sink workers at random moments and restart the broker once;
at the end /facts and /metrics equal the expected facts exactly (nothing lost, double-counted or stale).

CI runs a short form (RECRUITWATCH_CHAOS_ARTICLES, default 60, one worker per service, broker restart included);
`make chaos` runs 500 articles with 1 and 2 workers per service (rebalances included).
"""

from __future__ import annotations

import os
import random
import re
import time

import pytest

from services.shared.metric_registry import family_for
from tests.chaos.expected import Expected, expected_series, observed_series
from tests.chaos.site import generate
from tests.chaos.stack import ChaosStack

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

ARTICLES = int(os.environ.get("RECRUITWATCH_CHAOS_ARTICLES", "60"))
WORKERS = [int(w) for w in os.environ.get("RECRUITWATCH_CHAOS_WORKERS", "1").split(",")]
KILLS = int(os.environ.get("RECRUITWATCH_CHAOS_KILLS", "6"))
SEED = int(os.environ.get("RECRUITWATCH_CHAOS_SEED", "20261122"))
CONVERGE_S = float(os.environ.get("RECRUITWATCH_CHAOS_CONVERGE_S", "240"))
BROKER_RESTART = os.environ.get("RECRUITWATCH_CHAOS_BROKER_RESTART", "1") == "1"  # on in CI and `make chaos`
SAMPLE = re.compile(r"^(recruitment_[a-z_]+)\{.*\} (\S+)$", re.M)


def _rampage(stack: ChaosStack, rng: random.Random, kills: int) -> list[str]:
    """Kill random workers (each service at least once), restart each; restart the broker once midway."""
    services = ["crawler", "extractor", "sink"]
    victims = services + [rng.choice(services) for _ in range(max(0, kills - len(services)))]
    rng.shuffle(victims)
    log = []
    for n, service in enumerate(victims):
        time.sleep(rng.uniform(1.0, 4.0))
        worker = rng.choice([w for w in stack.pool if w.service == service])
        worker.kill()
        log.append(f"kill {worker.name}")
        time.sleep(rng.uniform(0.2, 2.0))
        worker.start()
        if BROKER_RESTART and n == len(victims) // 2:
            stack.restart_broker()
            log.append("restart broker")
    return log


def _exposed(metrics: str) -> list[tuple[str, float]]:
    """(family, value) of every recruitment value sample on the sinks' /metrics."""
    return sorted(
        (name, round(float(value), 6))
        for name, value in SAMPLE.findall(metrics)
        if not name.endswith(("_timestamp_seconds", "_info"))
    )


def _expected_exposed(expected: dict[str, Expected]) -> list[tuple[str, float]]:
    out = []
    for key, fact in expected.items():
        _, metric, _, unit, *_ = key.split("|")
        family = family_for(metric, unit)
        assert family is not None, f"no family for {metric} in {unit}"
        out.append((family.name, round(fact.value * family.scale, 6)))
    return sorted(out)


def _converged(stack: ChaosStack, expected: dict[str, object]) -> bool:
    return observed_series(stack.facts()) == expected


@pytest.mark.timeout(CONVERGE_S + 600)  # start-up, expected facts, kills, then up to CONVERGE_S to converge
@pytest.mark.parametrize("workers", WORKERS)
def test_kills_and_a_broker_restart_lose_nothing_and_double_count_nothing(workers: int) -> None:
    articles = generate(ARTICLES, seed=SEED)
    stack = ChaosStack(articles, workers)
    try:
        stack.start()
        assert stack.site is not None
        expected = expected_series(articles, stack.site.base, "Toàn quốc")
        assert len(expected) > ARTICLES // 2, "the generated corpus should yield many series"
        events = _rampage(stack, random.Random(SEED + workers), KILLS)
        deadline = time.monotonic() + CONVERGE_S
        while time.monotonic() < deadline and not _converged(stack, expected):
            assert not stack.exited(), f"{events}\nworkers exited: {stack.exited()}\n{stack.logs()}"
            time.sleep(2)
        observed = observed_series(stack.facts())
        missing = sorted(set(expected) - set(observed))[:10]
        extra = sorted(set(observed) - set(expected))[:10]
        wrong = [(k, expected[k], observed[k]) for k in expected.keys() & observed.keys() if expected[k] != observed[k]]
        assert observed == expected, (
            f"{events}\nmissing {missing}\nextra {extra}\nwrong {wrong[:10]}\n{stack.logs()}"
        )
        assert _exposed(stack.metrics()) == _expected_exposed(expected), "each series exposed once, exact value"
    finally:
        stack.stop()
