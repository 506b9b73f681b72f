"""The extractor must keep the quality bars on the dev set plus the seeds (skipped only without the corpus)."""

from __future__ import annotations

from pathlib import Path

from services.extractor.evaluate import evaluate, shortfalls, table


def test_quality_bars_on_dev_and_seeds(corpus: Path) -> None:
    results = evaluate(corpus)
    missing = shortfalls(results["combined"])
    assert not missing, "quality below the bar: " + "; ".join(missing) + "\n" + table(results)
