"""Generalization check on tests/heldout3: a third independent held-out set, measured only.

The 35 documents and their gold facts were written independently of the extractor's code and were
never used for tuning. This test runs the real console script on them, scores the output with the
corpus scorer (/work/shared/corpus/score.py, loaded by path) and asserts floors set 5 points below
the scores measured when the set was created, so it catches regressions without pinning details.
Do not tune the extractor against these documents; do not look at which facts it misses.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[3]
HELDOUT = REPO / "tests" / "heldout3"

# Measured at creation: all loose F1 0.969 / strict 0.839, place 0.889, period 0.971;
# headline loose 0.982 / strict 0.877; relevance F1 1.000.  Floors are 0.05 below.
FLOORS = {
    ("all", "loose"): 0.919,
    ("all", "strict"): 0.789,
    ("headline", "loose"): 0.932,
    ("headline", "strict"): 0.827,
}
PLACE_ACC_FLOOR = 0.839
PERIOD_ACC_FLOOR = 0.921
RELEVANCE_F1_FLOOR = 0.95


def _console_script() -> str:
    local = Path(sys.executable).parent / "recruitwatch"
    if local.exists():
        return str(local)
    found = shutil.which("recruitwatch")
    if not found:
        pytest.fail("the recruitwatch console script is not installed (pip install -e .)")
    return found


def _load_scorer(corpus: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("recruitwatch_corpus_score", corpus / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heldout3_generalization(corpus: Path, tmp_path: Path) -> None:
    docs = sorted((HELDOUT / "docs").glob("*.txt"))
    assert len(docs) == 35, f"expected 35 held-out documents, found {len(docs)}"
    gold_path = HELDOUT / "gold.jsonl"

    proc = subprocess.run(
        [_console_script(), "extract", "--format", "json", *map(str, docs)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, f"recruitwatch extract failed ({proc.returncode}):\n{proc.stderr[-2000:]}"
    pred_path = tmp_path / "heldout3.pred.jsonl"
    pred_path.write_text(proc.stdout, encoding="utf-8")
    for line in proc.stdout.splitlines():
        if line.strip():
            json.loads(line)

    scorer = _load_scorer(corpus)
    table = subprocess.run(
        [sys.executable, str(corpus / "score.py"), str(gold_path), str(pred_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    print("\nheldout3 (measure only, never for tuning)\n" + table)

    gold, pred = scorer.load(gold_path), scorer.load(pred_path)
    missing = [d for d in gold if d not in pred]
    assert not missing, f"documents without output: {missing}"
    select_all = lambda f: True  # noqa: E731
    select_headline = lambda f: (  # noqa: E731
        f.get("metric") in scorer.HEADLINE and (f.get("segment") or "all") == "all"
    )
    results = {
        "all": scorer.score(gold, pred, select_all),
        "headline": scorer.score(gold, pred, select_headline),
    }
    relevance = scorer.relevance(gold, pred)

    failures = []
    for (subset, mode), floor in FLOORS.items():
        got = results[subset][mode]["f1"]
        if got < floor:
            failures.append(f"{subset} {mode} F1 {got:.3f} < floor {floor:.3f}")
    if (results["all"]["place_acc"] or 0.0) < PLACE_ACC_FLOOR:
        failures.append(f"all place acc {results['all']['place_acc']} < floor {PLACE_ACC_FLOOR}")
    if (results["all"]["period_acc"] or 0.0) < PERIOD_ACC_FLOOR:
        failures.append(f"all period acc {results['all']['period_acc']} < floor {PERIOD_ACC_FLOOR}")
    if relevance["f1"] < RELEVANCE_F1_FLOOR:
        failures.append(f"relevance F1 {relevance['f1']:.3f} < floor {RELEVANCE_F1_FLOOR:.3f}")
    assert not failures, "heldout3 regression: " + "; ".join(failures)
