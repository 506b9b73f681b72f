"""Generalization on tests/heldout3: typical articles written independently of the extractor and never
used for anything but measuring (do not tune against it, do not look at its misses). Runs the real console script."""

from __future__ import annotations

from pathlib import Path

from tests.heldout_support import REPO, Floors, assert_meets_floors, gold_problems

HELDOUT = REPO / "tests" / "heldout3"
# First measured (extractor 1.0.0): all loose 0.969 / strict 0.839, headline 0.982 / 0.877, relevance 1.0.
# Latest (1.1.0): all loose 0.977 / strict 0.876, headline 0.991 / 0.929, place 0.896, period 0.994, relevance 1.0.
FLOORS = Floors(all_loose=0.919, all_strict=0.789, headline_loose=0.932, headline_strict=0.827, place_acc=0.839,
               period_acc=0.921, relevance=0.95)


def test_gold_matches_the_documents() -> None:
    assert not gold_problems(HELDOUT)


def test_heldout3_generalization(corpus: Path, tmp_path: Path) -> None:
    assert_meets_floors(HELDOUT, 35, FLOORS, corpus, tmp_path)
