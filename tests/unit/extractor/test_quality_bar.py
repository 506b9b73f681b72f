"""The extractor must keep its quality on the corpus (skipped only without the corpus).

Bars: dev + seeds (the regression bars of `make eval`). Floors, a few points below what was measured with the
exposure threshold (docs/rules.md): dev2 and the dev + dev2 headline precision the threshold was chosen for,
and the blind set, whose script prints aggregate counts only. The threshold itself must still be the one the
documented rule (`evaluate.choose_threshold`) picks from the measured curve, up to a small F1 margin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from services.extractor.evaluate import TARGET_PRECISION, blind, choose_threshold, evaluate, shortfalls, table
from services.shared.events import EXPOSE_MIN_CONFIDENCE

DEV2_FLOORS = {"headline_f1": 0.95, "headline_precision": 0.95, "all_f1": 0.94}
"""Measured at the threshold (0.0) with rules 1.2.6: headline F1 0.980, precision 0.984; all-facts F1 0.971 (1.2.5 and
1.2.4: 0.968, 0.984, 0.965; 1.2.3: 0.961, 0.968, 0.961; 1.2.1: 0.957, 0.968, 0.959; 1.2.0: 0.938, 0.938, 0.932; at 0.6: 0.898, 0.940, 0.890;
1.1.0: 0.782, 0.907, 0.680)."""
TUNED_PRECISION_FLOOR = 0.95
"""dev + dev2 headline precision of exposed facts; measured 0.988 with rules 1.2.6, 1.2.5 and 1.2.4 (0.980 with 1.2.3 and 1.2.1, 0.964 with
1.2.0; the threshold was chosen for ≥ 0.95)."""
STALE_F1_MARGIN = 0.01
"""How much better the rule's choice may score (dev + dev2 headline F1) than the threshold in use before it is stale."""
BLIND_FLOORS = {"headline_f1": 0.86, "headline_precision": 0.91, "all_f1": 0.81, "relevance_f1": 0.95}
"""Measured on the blind set with exposed facts (threshold 0.0), rules 1.2.6: 0.897, 0.945, 0.848, 0.986
(1.2.5: 0.887, 0.944, 0.842, 0.986; 1.2.4: 0.864, 0.895, 0.830, 0.986; 1.2.3: 0.850, 0.864, 0.804, 0.986; 1.2.1: 0.843, 0.850, 0.800, 0.986; 1.2.0: 0.836, 0.836, 0.779, 0.986; at 0.6: 0.803, 0.839, 0.761, 0.986;
1.1.0: 0.691, 0.776, 0.607, 0.941)."""


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
    curve = results["curve"]
    at = curve[str(EXPOSE_MIN_CONFIDENCE)]["headline"]["loose"]
    assert at["precision"] >= TUNED_PRECISION_FLOOR
    chosen = curve[str(choose_threshold(curve))]["headline"]["loose"]
    assert chosen["f1"] - at["f1"] <= STALE_F1_MARGIN, f"re-choose the threshold: {choose_threshold(curve)}"


def test_the_threshold_rule_prefers_f1_among_precise_thresholds() -> None:
    def point(p: float, f1: float) -> dict[str, Any]:
        return {"headline": {"loose": {"precision": p, "f1": f1}}}

    curve = {"0.0": point(0.90, 0.93), "0.5": point(0.95, 0.90), "0.6": point(0.97, 0.91), "0.7": point(0.97, 0.85)}
    assert choose_threshold(curve) == 0.6
    assert choose_threshold({**curve, "0.0": point(TARGET_PRECISION, 0.93)}) == 0.0
    assert choose_threshold({**curve, "0.7": point(0.97, 0.91)}) == 0.6  # a tie: hide no more than pays
    assert choose_threshold({"0.0": point(0.8, 0.9), "0.5": point(0.9, 0.7)}) == 0.5  # none precise: the most precise


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
