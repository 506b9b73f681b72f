"""The extractor must keep its quality on the corpus (skipped only without the corpus).

Bars: dev + seeds (the regression bars of `make eval`). Floors, a few points below what was measured with the
exposure threshold (docs/rules.md): dev2 and the dev + dev2 headline precision the threshold was chosen for,
and the blind set, whose script prints aggregate counts only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from services.extractor.evaluate import blind, evaluate, shortfalls, table
from services.shared.events import EXPOSE_MIN_CONFIDENCE

DEV2_FLOORS = {"headline_f1": 0.75, "headline_precision": 0.87, "all_f1": 0.64}
"""Measured at the threshold: headline F1 0.782, precision 0.907; all-facts F1 0.680."""
TUNED_PRECISION_FLOOR = 0.93
"""dev + dev2 headline precision of exposed facts; measured 0.953 (the threshold was chosen for ≥ 0.95)."""
BLIND_FLOORS = {"headline_f1": 0.66, "headline_precision": 0.74, "all_f1": 0.57, "relevance_f1": 0.92}
"""Measured on the blind set with exposed facts: 0.691, 0.776, 0.607, 0.941."""


@pytest.fixture(scope="module")
def results(corpus: Path) -> dict[str, dict[str, Any]]:
    return evaluate(corpus, curve=True)


def test_quality_bars_on_dev_and_seeds(results: dict[str, dict[str, Any]]) -> None:
    missing = shortfalls(results["combined"])
    assert not missing, "quality below the bar: " + "; ".join(missing) + "\n" + table(results)


def test_dev2_floors(results: dict[str, dict[str, Any]]) -> None:
    dev2 = results["dev2"]
    got = {
        "headline_f1": dev2["headline"]["loose"]["f1"],
        "headline_precision": dev2["headline"]["loose"]["precision"],
        "all_f1": dev2["all"]["loose"]["f1"],
    }
    assert all(got[k] >= floor for k, floor in DEV2_FLOORS.items()), f"{got}\n{table(results)}"


def test_exposed_headline_precision_on_the_tuning_sets(results: dict[str, dict[str, Any]]) -> None:
    at = results["curve"][str(EXPOSE_MIN_CONFIDENCE)]["headline"]["loose"]
    everything = results["curve"]["0.0"]["headline"]["loose"]
    assert at["precision"] >= TUNED_PRECISION_FLOOR
    assert at["precision"] > everything["precision"]  # the threshold is what buys the precision


def test_blind_floors(corpus: Path) -> None:
    found = blind(corpus)
    if found is None:
        pytest.skip("blind set not available")
    got = {
        "headline_f1": found["headline"]["loose"]["f1"],
        "headline_precision": found["headline"]["loose"]["precision"],
        "all_f1": found["all"]["loose"]["f1"],
        "relevance_f1": found["relevance"]["f1"],
    }
    assert all(got[k] >= floor for k, floor in BLIND_FLOORS.items()), got
