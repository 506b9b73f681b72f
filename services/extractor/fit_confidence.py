"""`make fit-confidence`: refit the confidence weights to the rules' errors on dev + dev2, judged by leave-one-site-out CV.

Each fact `recruitwatch extract --min-confidence 0` prints on dev + dev2 is labelled correct or invented by the corpus
scorer's loose matching, with the evidence names `confidence.weights_of` gives it and what attribution and validation
took off afterwards. A coordinate grid over the `base` and `weights` of confidence.json maximizes dev + dev2 headline
loose F1 at the threshold `evaluate.choose_threshold` picks (best F1 among thresholds with precision ≥ 0.95).
Leave-one-site-out (site: the host of the article's URL): fit the weights and choose the threshold on the other sites,
count the held-out site's facts at that threshold; the current weights are judged the same way. Prints both; with
--write, writes the weights fitted on all of dev + dev2 into confidence.json (adopt only if CV and blind agree).

Usage: python -m services.extractor.fit_confidence --corpus ../shared/corpus [--write]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from services.extractor import confidence
from services.extractor.evaluate import DEFAULT_CORPUS, THRESHOLDS, choose_threshold, load_scorer
from services.extractor.extract import _evidence, _fact, bounded
from services.extractor.facts import extract_raw
from services.extractor.offline import extract_file
from services.extractor.published import find_published

SPLITS = ("dev", "dev2")
WEIGHT_GRID = (-0.5, -0.3, -0.2, -0.15, -0.1, -0.05, 0.0, 0.05, 0.1)
BASE_GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
PASSES = 2


@dataclass(frozen=True, slots=True)
class Row:
    """One printed headline fact: where it came from, its evidence names, what came off later, and whether it is right."""

    site: str
    metric: str
    names: tuple[str, ...]
    later: float  # attribution and validation: confidence printed minus the score of its evidence
    correct: bool


def _names_by_fact(path: Path) -> dict[tuple[object, ...], tuple[str, ...]]:
    """Evidence names of each raw fact of a document, keyed as its printed fact (metric, segment, unit, value, evidence)."""
    text = bounded(path.read_text(encoding="utf-8"))
    published = find_published(text)
    out: dict[tuple[object, ...], tuple[str, ...]] = {}
    for raw in extract_raw(text, None, published, {}):
        f = _fact(raw, published)
        out[(f.metric, f.segment, f.unit, f.value, f.evidence)] = tuple(confidence.weights_of(_evidence(raw)))
    return out


def collect(corpus: Path) -> tuple[list[Row], Counter[str]]:
    """Headline facts printed on dev + dev2 with their labels, and the number of gold headline facts per site."""
    sc = load_scorer(corpus)
    rows: list[Row] = []
    gold_per_site: Counter[str] = Counter()

    def headline(f: dict[str, Any]) -> bool:
        return f.get("metric") in sc.HEADLINE and (f.get("segment") or "all") == "all"

    for split in SPLITS:
        gold = sc.load(corpus / split / "gold.jsonl")
        for doc, g in sorted(gold.items()):
            site = urlsplit(g.get("url") or "").hostname or doc
            site = site.removeprefix("www.").removeprefix("m.")
            path = corpus / split / "docs" / f"{doc}.txt"
            pred = [f for f in extract_file(path, min_confidence=0.0)["facts"] if headline(f)]
            gf = [f for f in g.get("facts", []) if headline(f)]
            gold_per_site[site] += len(gf)
            _, _, _, pairs = sc.match(gf, pred, sc.key_match)
            right = {id(p) for _, p in pairs}
            names = _names_by_fact(path)
            for p in pred:
                key = (p["metric"], p["segment"], p.get("unit") or "count", p["value"], p["evidence"])
                found = names.get(key, ())
                rows.append(Row(site, p["metric"], found, p["confidence"] - score(found, p["metric"], confidence.DATA), id(p) in right))
    return rows, gold_per_site


def score(names: tuple[str, ...], metric: str, data: dict[str, Any]) -> float:
    """The confidence of evidence under a set of weights (confidence.score for names)."""
    value = float(data["base"].get(metric, 0.6)) + sum(float(data["weights"].get(n, 0.0)) for n in names)
    return min(1.0, max(0.0, value))


def conf(row: Row, data: dict[str, Any]) -> float:
    """A row's printed confidence under a set of weights."""
    return round(min(1.0, max(0.0, score(row.names, row.metric, data) + row.later)), 3)


def curve(rows: list[Row], n_gold: int, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Headline loose precision / recall / F1 per threshold, in the shape `evaluate.choose_threshold` reads."""
    out = {}
    for t in THRESHOLDS:
        kept = [r for r in rows if conf(r, data) >= t]
        tp = sum(r.correct for r in kept)
        p = tp / len(kept) if kept else (0.0 if n_gold else 1.0)  # as score.py
        rec = tp / n_gold if n_gold else 1.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        out[str(t)] = {"headline": {"loose": {"precision": p, "recall": rec, "f1": f1, "tp": tp, "pred": len(kept)}}}
    return out


def objective(rows: list[Row], n_gold: int, data: dict[str, Any]) -> tuple[float, float]:
    """Headline F1 at the threshold the rule chooses, and that threshold."""
    c = curve(rows, n_gold, data)
    t = choose_threshold(c)
    return c[str(t)]["headline"]["loose"]["f1"], t


def fit(rows: list[Row], n_gold: int, start: dict[str, Any]) -> dict[str, Any]:
    """Coordinate grid search over base and weights (a change must raise the objective)."""
    data = copy.deepcopy(start)
    best, _ = objective(rows, n_gold, data)
    used = {n for r in rows for n in r.names}
    for _ in range(PASSES):
        for group, names, grid in (("weights", sorted(used & set(data["weights"])), WEIGHT_GRID),
                                   ("base", sorted({r.metric for r in rows}), BASE_GRID)):
            for name in names:
                for value in grid:
                    trial = copy.deepcopy(data)
                    trial[group][name] = value
                    got, _ = objective(rows, n_gold, trial)
                    if got > best + 1e-9:
                        best, data = got, trial
    return data


def judge(rows: list[Row], gold: Counter[str], data: dict[str, Any], refit: bool) -> dict[str, Any]:
    """Leave-one-site-out: (re)fit and choose the threshold without a site, count its facts at that threshold."""
    tp = pred = 0
    for site in sorted(gold):
        train = [r for r in rows if r.site != site]
        n_train = sum(n for s, n in gold.items() if s != site)
        weights = fit(train, n_train, data) if refit else data
        _, t = objective(train, n_train, weights)
        held = [r for r in rows if r.site == site and conf(r, weights) >= t]
        tp += sum(r.correct for r in held)
        pred += len(held)
    n = sum(gold.values())
    p, rec = (tp / pred if pred else 1.0), tp / n
    return {"precision": round(p, 3), "recall": round(rec, 3), "f1": round(2 * p * rec / (p + rec), 3), "tp": tp, "pred": pred, "gold": n}


def main(argv: list[str] | None = None) -> int:
    """Print the in-sample and leave-one-site-out scores of the current and refitted weights; --write adopts the refit."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--write", action="store_true", help="write the weights fitted on all of dev + dev2 to confidence.json")
    args = ap.parse_args(argv)
    rows, gold = collect(args.corpus)
    n = sum(gold.values())
    current = confidence.DATA
    fitted = fit(rows, n, current)
    print(f"dev + dev2: {len(rows)} headline facts printed ({sum(not r.correct for r in rows)} invented), {n} gold, {len(gold)} sites")
    for name, data in (("current", current), ("refit", fitted)):
        f1, t = objective(rows, n, data)
        print(f"{name:8} in-sample headline F1 {f1:.3f} at threshold {t}")
    print("leave-one-site-out (threshold chosen on the other sites):")
    print(f"  current weights: {json.dumps(judge(rows, gold, current, refit=False))}")
    print(f"  refit weights:   {json.dumps(judge(rows, gold, current, refit=True))}")
    changed = {f"{g}.{k}": (current[g].get(k), v) for g in ("base", "weights") for k, v in fitted[g].items() if current[g].get(k) != v}
    print(f"refit changes: {json.dumps(changed, ensure_ascii=False)}")
    if args.write:
        path = Path(confidence.__file__).with_name("confidence.json")
        path.write_text(json.dumps(fitted, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
