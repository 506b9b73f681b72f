"""One harness for the held-out generalization sets: run the real `recruitwatch extract` on a set, score
it with the corpus scorer (`<corpus>/score.py`, loaded by path) and list the scores below their floors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.extractor.evaluate import load_scorer

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Floors:
    """Lowest acceptable scores on one held-out set (a few points under the latest measurement)."""

    all_loose: float
    all_strict: float
    headline_loose: float
    headline_strict: float
    place_acc: float
    period_acc: float
    relevance: float


def _extract_command() -> list[str]:
    script = Path(sys.executable).with_name("recruitwatch")
    found = str(script) if script.exists() else shutil.which("recruitwatch")
    return [found] if found else [sys.executable, "-m", "services.cli"]


def _predict(set_dir: Path, expected_docs: int, tmp_path: Path) -> Path:
    docs = sorted((set_dir / "docs").glob("*.txt"))
    assert len(docs) == expected_docs, f"expected {expected_docs} documents in {set_dir}, found {len(docs)}"
    cmd = [*_extract_command(), "extract", "--format", "json", *map(str, docs)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, f"recruitwatch extract failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    out = tmp_path / f"{set_dir.name}.pred.jsonl"
    out.write_text(proc.stdout, encoding="utf-8")
    return out


def score_set(set_dir: Path, expected_docs: int, corpus: Path, tmp_path: Path) -> dict[str, Any]:
    """Scores of the extractor on a held-out set, in score.py's --json shape; every doc must have output."""
    scorer = load_scorer(corpus)
    gold = scorer.load(str(set_dir / "gold.jsonl"))
    pred = scorer.load(str(_predict(set_dir, expected_docs, tmp_path)))
    missing = [d for d in gold if d not in pred]
    assert not missing, f"documents without output: {missing}"
    headline = lambda f: f.get("metric") in scorer.HEADLINE and (f.get("segment") or "all") == "all"  # noqa: E731
    return {
        "all": scorer.score(gold, pred, lambda f: True),
        "headline": scorer.score(gold, pred, headline),
        "relevance": scorer.relevance(gold, pred),
    }


def shortfalls(res: dict[str, Any], floors: Floors) -> list[str]:
    """Each score below its floor, described."""
    checks = [
        ("all loose F1", res["all"]["loose"]["f1"], floors.all_loose),
        ("all strict F1", res["all"]["strict"]["f1"], floors.all_strict),
        ("headline loose F1", res["headline"]["loose"]["f1"], floors.headline_loose),
        ("headline strict F1", res["headline"]["strict"]["f1"], floors.headline_strict),
        ("place acc", res["all"]["place_acc"] or 0.0, floors.place_acc),
        ("period acc", res["all"]["period_acc"] or 0.0, floors.period_acc),
        ("relevance F1", res["relevance"]["f1"], floors.relevance),
    ]
    return [f"{name} {got:.3f} < {floor}" for name, got, floor in checks if got < floor]


def table(res: dict[str, Any]) -> str:
    """The scores as a small text table (printed by the tests)."""
    lines = [f"{'subset':9s} {'loose F1':>8s} {'P':>6s} {'R':>6s} {'strict F1':>9s} {'place':>6s} {'period':>6s}"]
    for name in ("all", "headline"):
        r, lo = res[name], res[name]["loose"]
        lines.append(f"{name:9s} {lo['f1']:8.3f} {lo['precision']:6.3f} {lo['recall']:6.3f} {r['strict']['f1']:9.3f}"
                     f" {r['place_acc']!s:>6s} {r['period_acc']!s:>6s}")
    lines.append(f"relevance F1 {res['relevance']['f1']:.3f}")
    return "\n".join(lines)


def gold_problems(set_dir: Path) -> list[str]:
    """Gold rows that do not match the documents (missing docs, evidence not verbatim, facts on irrelevant docs)."""
    docs = {p.stem for p in (set_dir / "docs").glob("*.txt")}
    rows = [json.loads(line) for line in (set_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    problems = [f"docs without gold: {sorted(docs - {r['doc'] for r in rows})}"] if docs - {r["doc"] for r in rows} else []
    for r in rows:
        text = (set_dir / "docs" / f"{r['doc']}.txt").read_text(encoding="utf-8")
        if not r["relevant"] and r["facts"]:
            problems.append(f"{r['doc']}: facts on an irrelevant doc")
        for f in r["facts"]:
            problems += [f"{r['doc']}: evidence {part!r}" for part in f["evidence"].split("…") if part.strip() not in text]
    return problems


def assert_meets_floors(set_dir: Path, expected_docs: int, floors: Floors, corpus: Path, tmp_path: Path) -> None:
    """Score a held-out set with the real console script, print its table, fail below any floor."""
    import pytest

    res = score_set(set_dir, expected_docs, corpus, tmp_path)
    print(f"\n{set_dir.name} ({expected_docs} docs)\n" + table(res))
    failures = shortfalls(res, floors)
    if failures:
        pytest.fail(f"{set_dir.name} below its floors: " + "; ".join(failures) + "\n" + table(res))
