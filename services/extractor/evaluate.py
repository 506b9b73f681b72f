"""`make eval`: runs `recruitwatch extract` over the corpus (dev, seeds) and scores it with the corpus scorer.

Usage: python -m services.extractor.evaluate --corpus ../shared/corpus [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SPLITS = ("dev", "seeds")
BARS = {"headline_loose": 0.92, "all_loose": 0.85, "strict": 0.80, "relevance": 0.95}


def _command() -> list[str]:
    """The real console script next to this interpreter, else the same entry point through -m."""
    script = Path(sys.executable).with_name("recruitwatch")
    if script.exists():
        return [str(script)]
    found = shutil.which("recruitwatch")
    return [found] if found else [sys.executable, "-m", "services.cli"]


def run_extract(docs: list[Path]) -> str:
    """JSON lines of `recruitwatch extract --format json` over the documents."""
    proc = subprocess.run(
        [*_command(), "extract", "--format", "json", *map(str, docs)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"recruitwatch extract failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc.stdout


def score(corpus: Path, gold: Path, pred: Path) -> dict[str, Any]:
    """The corpus scorer's numbers (score.py --json)."""
    proc = subprocess.run(
        [sys.executable, str(corpus / "score.py"), str(gold), str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def evaluate(corpus: Path) -> dict[str, dict[str, Any]]:
    """Scores for each split and for all splits combined."""
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="recruitwatch-eval-") as tmp:
        golds, preds = [], []
        for split in SPLITS:
            docs = sorted((corpus / split / "docs").glob("*.txt"))
            pred = Path(tmp) / f"{split}.pred.jsonl"
            pred.write_text(run_extract(docs), encoding="utf-8")
            gold = corpus / split / "gold.jsonl"
            results[split] = score(corpus, gold, pred)
            golds.append(gold.read_text(encoding="utf-8"))
            preds.append(pred.read_text(encoding="utf-8"))
        both_gold, both_pred = Path(tmp) / "combined.gold.jsonl", Path(tmp) / "combined.pred.jsonl"
        both_gold.write_text("\n".join(g.strip() for g in golds) + "\n", encoding="utf-8")
        both_pred.write_text("".join(preds), encoding="utf-8")
        results["combined"] = score(corpus, both_gold, both_pred)
    return results


def _fmt(value: float | None) -> str:
    """A score cell."""
    return "  -  " if value is None else f"{value:.3f}"


def table(results: dict[str, dict[str, Any]]) -> str:
    """The evaluation table: loose/strict F1, place/period accuracy, relevance F1 per split and scope."""
    head = f"{'split':<9} {'scope':<9} {'loose F1':>8} {'strict F1':>9} {'place acc':>9} {'period acc':>10} {'relevance F1':>12}"
    lines = [head, "-" * len(head)]
    for split, res in results.items():
        for scope in ("all", "headline"):
            r = res[scope]
            lines.append(
                f"{split:<9} {scope:<9} {_fmt(r['loose']['f1']):>8} {_fmt(r['strict']['f1']):>9} "
                f"{_fmt(r['place_acc']):>9} {_fmt(r['period_acc']):>10} {_fmt(res['relevance']['f1']):>12}"
            )
    return "\n".join(lines)


def shortfalls(combined: dict[str, Any]) -> list[str]:
    """The quality bars (dev + seeds combined) that are not met."""
    got = {
        "headline_loose": combined["headline"]["loose"]["f1"],
        "all_loose": combined["all"]["loose"]["f1"],
        "strict": combined["all"]["strict"]["f1"],
        "relevance": combined["relevance"]["f1"],
    }
    return [f"{name} {got[name]:.3f} < {bar}" for name, bar in BARS.items() if got[name] < bar]


def main(argv: list[str] | None = None) -> int:
    """Print the table (or JSON); exit 1 when a bar is not met."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    if not (args.corpus / "score.py").exists():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    results = evaluate(args.corpus)
    print(json.dumps(results, ensure_ascii=False, indent=2) if args.json else table(results))
    missing = shortfalls(results["combined"])
    for line in missing:
        print(f"below the bar: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
