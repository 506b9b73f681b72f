"""Whatever the delivery order and however often records are redelivered, the sink state equals the
independent reference of tests/support/dataset.py."""

from __future__ import annotations

import random

import pytest

from services.shared.events import ExtractionEvent
from tests.support.dataset import expected_current, generate
from tests.unit.sink.test_state import Pipeline


@pytest.mark.parametrize("seed", range(5))
def test_shuffled_and_redelivered_extractions_give_the_reference_state(seed: int) -> None:
    ds = generate(n_articles=80, seed=seed)
    rng = random.Random(seed)
    extractions = [e for e in ds.events if isinstance(e, ExtractionEvent)]
    delivered = extractions + rng.sample(extractions, len(extractions) // 3)
    rng.shuffle(delivered)
    p = Pipeline().feed(delivered)
    assert {k: (v[0], v[1]) for k, v in expected_current(ds.events).items()} == p.values()


@pytest.mark.parametrize("seed", range(5))
def test_series_updates_replayed_in_any_order_give_the_same_state(seed: int) -> None:
    ds = generate(n_articles=80, seed=seed)
    in_order = Pipeline().feed(ds.extractions)
    rng = random.Random(seed)
    replay = in_order.updates + rng.sample(in_order.updates, len(in_order.updates) // 2)
    rng.shuffle(replay)
    shuffled = Pipeline()
    for update in replay:
        shuffled.apply(update)
    assert shuffled.values() == in_order.values()
