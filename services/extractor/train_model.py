"""`make train`: a small learned decision over the rules' facts (issue 10, item 4), judged by leave-one-site-out CV.

Every fact `recruitwatch extract --min-confidence 0` prints on dev + dev2 is labelled correct or not by the corpus
scorer's loose matching (all facts; the headline label by matching headline facts only, as score.py does), with
the features `learned.features` computes from what the rules know. With --history (default: the rules before dev2
existed), that commit's facts on dev + dev2 are added to the training rows, never to the scored ones. A logistic
regression (scikit-learn, a dev dependency used for training only) predicts p(correct). Leave-one-site-out (site:
the host of the article's URL, as fit_confidence): fit without a site, keep its facts with p ≥ 0.5 or ≥ a threshold
chosen on the other sites, count them. Compared with the rules (every fact, threshold 0.0, and the rules' confidence
with its threshold chosen the same way); --curve prints each model's out-of-site threshold curve. docs/rules.md has
the measurements: the model does not beat the rules, so nothing of this runs in the extractor.

Usage: python -m services.extractor.train_model --corpus ../shared/corpus [--curve] [--no-cv] [--history COMMIT]
                                                [--write PATH --c C --threshold T]
       python -m services.extractor.train_model extract --model PATH FILE...   (JSON lines, facts with p ≥ threshold;
       what `blind.py --cmd` runs to measure a written model on the blind set)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from services.extractor import learned
from services.extractor.evaluate import DEFAULT_CORPUS, TARGET_PRECISION, THRESHOLDS, load_scorer
from services.extractor.extract import Extraction, bounded, extract, headlines
from services.extractor.offline import document_json
from services.extractor.parse import MAX_TEXT_CHARS, cap_text

SPLITS = ("dev", "dev2")
CURRENT = "current"
HISTORY = "7672580"
"""The rules before dev2 existed (issue 10 started after it): their facts on dev2 are errors of rules on unseen text."""
MODEL_PATH = Path(__file__).with_name("learned.json")
C_GRID = (0.1, 0.3, 1.0, 3.0)
"""Inverse L2 strengths compared."""
INNER_FOLDS = 5


@dataclass(frozen=True, slots=True)
class Row:
    """One printed fact: its site, features, rules' confidence, whether it is headline, and its labels."""

    site: str
    feats: dict[str, float]
    conf: float
    headline: bool
    correct: bool  # matched in the all-facts scope
    headline_correct: bool  # matched in the headline scope (headline facts only)
    source: str = "current"  # "current": these rules' fact (scored); "history": an earlier commit's (training only)


@dataclass
class Gold:
    """Gold fact counts per site, all facts and headline facts."""

    all: Counter[str]
    headline: Counter[str]


def _article(path: Path) -> tuple[str, Extraction]:
    """The text and extraction of a corpus file, as `recruitwatch extract` computes them for a .txt."""
    text, _ = cap_text(path.read_bytes()[: 4 * MAX_TEXT_CHARS].decode("utf-8", errors="replace"), "txt")
    return text, extract(text)


def fact_features(text: str, facts: list[dict[str, Any]]) -> list[dict[str, float]]:
    """The learned features of each output fact of an article."""
    body = bounded(text)
    heads = headlines(body, None)
    return [learned.features(f, body, heads, facts) for f in facts]


def site_of(url: str | None, doc: str) -> str:
    """The site of an article: its URL's host without www. / m."""
    host = urlsplit(url or "").hostname or doc
    return host.removeprefix("www.").removeprefix("m.")


def history_facts(commit: str, corpus: Path) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Facts the extractor of an earlier commit prints on dev + dev2 (its `services` from `git archive`, run with this
    interpreter), by (split, doc)."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="recruitwatch-history-") as tmp:
        archive = subprocess.run(["git", "archive", commit, "services"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        for split in SPLITS:
            docs = sorted(str(p.resolve()) for p in (corpus / split / "docs").glob("*.txt"))
            proc = subprocess.run([sys.executable, "-m", "services.cli", "extract", "--format", "json", *docs],
                                  cwd=tmp, capture_output=True, text=True, check=True)
            for line in proc.stdout.splitlines():
                obj = json.loads(line)
                out[(split, str(obj["doc"]))] = [f for f in obj["facts"] if f.get("confidence", 1.0) >= 0.0]
    return out


def collect(corpus: Path, history: str | None = None) -> tuple[list[Row], Gold]:
    """Every fact printed on dev + dev2 at confidence 0 (and, with history, every fact an earlier commit's rules
    printed) with its features and labels, and the gold counts per site."""
    sc = load_scorer(corpus)
    rows: list[Row] = []
    gold = Gold(Counter(), Counter())
    old = history_facts(history, corpus) if history else {}

    def is_head(f: dict[str, Any]) -> bool:
        return f.get("metric") in sc.HEADLINE and (f.get("segment") or "all") == "all"

    def label(site: str, source: str, gf: list[dict[str, Any]], pred: list[dict[str, Any]], text: str) -> None:
        right = {id(p) for _, p in sc.match(gf, pred, sc.key_match)[3]}
        head_pred = [p for p in pred if is_head(p)]
        head_right = {id(p) for _, p in sc.match([f for f in gf if is_head(f)], head_pred, sc.key_match)[3]}
        for p, feats in zip(pred, fact_features(text, pred), strict=True):
            rows.append(Row(site, feats, float(p.get("confidence", 1.0)), is_head(p), id(p) in right, id(p) in head_right,
                            source))

    for split in SPLITS:
        for doc, g in sorted(sc.load(corpus / split / "gold.jsonl").items()):
            site = site_of(g.get("url"), doc)
            text, ext = _article(corpus / split / "docs" / f"{doc}.txt")
            gf = g.get("facts", [])
            gold.all[site] += len(gf)
            gold.headline[site] += sum(map(is_head, gf))
            label(site, CURRENT, gf, document_json(doc, ext, 0.0)["facts"], text)
            if (split, doc) in old:
                label(site, "history", gf, old[(split, doc)], text)
    return rows, gold


def prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    """Precision, recall, F1 as score.py computes them."""
    p = tp / pred if pred else (1.0 if gold == 0 else 0.0)
    r = tp / gold if gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "tp": tp, "pred": pred, "gold": gold}


def counts(rows: Sequence[Row], keep: Sequence[bool], gold: Gold, sites: set[str]) -> dict[str, dict[str, float]]:
    """Headline and all-facts scores of the kept rows against the gold of the given sites."""
    kept = [r for r, k in zip(rows, keep, strict=True) if k and r.source == CURRENT]
    heads = [r for r in kept if r.headline]
    return {
        "headline": prf(sum(r.headline_correct for r in heads), len(heads), sum(gold.headline[s] for s in sites)),
        "all": prf(sum(r.correct for r in kept), len(kept), sum(gold.all[s] for s in sites)),
    }


def choose(scores: Sequence[float], rows: Sequence[Row], gold: Gold, sites: set[str]) -> float:
    """The threshold of `evaluate.choose_threshold` (best headline F1 with precision ≥ target, ties to the lowest)."""
    points = []
    for t in THRESHOLDS:
        h = counts(rows, [s >= t for s in scores], gold, sites)["headline"]
        points.append((t, h))
    good = [(h["f1"], -t) for t, h in points if h["precision"] >= TARGET_PRECISION]
    if good:
        return -max(good)[1]
    return -max((h["precision"], -t) for t, h in points)[1]


def vectorize(rows: Sequence[Row], names: list[str]) -> list[list[float]]:
    """Feature matrix over a fixed list of names."""
    return [[r.feats.get(n, 0.0) for n in names] for r in rows]


Fitter = Callable[[list[Row]], Callable[[list[Row]], list[float]]]


def logistic(c: float) -> Fitter:
    """A fitter: L2 logistic regression on the rows' features, returning a predictor of p(correct)."""
    from sklearn.linear_model import LogisticRegression

    def fit(train: list[Row]) -> Callable[[list[Row]], list[float]]:
        names = sorted({n for r in train for n in r.feats})
        labels = [r.correct for r in train]
        if len(set(labels)) < 2:
            return lambda rows: [1.0] * len(rows)
        m = LogisticRegression(C=c, max_iter=2000).fit(vectorize(train, names), labels)
        return lambda rows: [float(p) for p in m.predict_proba(vectorize(rows, names))[:, 1]] if rows else []

    return fit


def boosting() -> Fitter:
    """A fitter: small gradient-boosted trees (compared only; not shippable as coefficients)."""
    from sklearn.ensemble import GradientBoostingClassifier

    def fit(train: list[Row]) -> Callable[[list[Row]], list[float]]:
        names = sorted({n for r in train for n in r.feats})
        labels = [r.correct for r in train]
        m = GradientBoostingClassifier(n_estimators=100, max_depth=2, learning_rate=0.05, subsample=0.8,
                                       random_state=0).fit(vectorize(train, names), labels)
        return lambda rows: [float(p) for p in m.predict_proba(vectorize(rows, names))[:, 1]] if rows else []

    return fit


def inner_scores(rows: list[Row], fitter: Fitter) -> list[float]:
    """Out-of-fold p(correct) of the training rows (grouped folds by site), to choose a threshold without the test site."""
    sites = sorted({r.site for r in rows})
    out = [0.0] * len(rows)
    for k in range(INNER_FOLDS):
        held = set(sites[k::INNER_FOLDS])
        predict = fitter([r for r in rows if r.site not in held])
        idx = [i for i, r in enumerate(rows) if r.site in held]
        for i, p in zip(idx, predict([rows[i] for i in idx]), strict=True):
            out[i] = p
    return out


def loso(rows: list[Row], gold: Gold, policy: Policy) -> dict[str, Any]:
    """Leave-one-site-out: the policy is built on the other sites and decides the held-out site's facts."""
    keep = [False] * len(rows)
    for site in sorted(gold.all):
        train = [r for r in rows if r.site != site]
        decide = policy(train, set(gold.all) - {site})
        idx = [i for i, r in enumerate(rows) if r.site == site]
        for i, k in zip(idx, decide([rows[i] for i in idx]), strict=True):
            keep[i] = k
    return counts(rows, keep, gold, set(gold.all))


def loso_scores(rows: list[Row], fitter: Fitter) -> list[float]:
    """Each row's p(correct) from a model fitted without its site (one fit per site)."""
    out = [0.0] * len(rows)
    for site in sorted({r.site for r in rows}):
        predict = fitter([r for r in rows if r.site != site])
        idx = [i for i, r in enumerate(rows) if r.site == site]
        for i, p in zip(idx, predict([rows[i] for i in idx]), strict=True):
            out[i] = p
    return out


CURVE = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def loso_curve(rows: list[Row], gold: Gold, fitter: Fitter) -> list[tuple[float, dict[str, dict[str, float]]]]:
    """Headline and all-facts scores of these rules' facts kept at each threshold of their out-of-site p(correct)."""
    scores = loso_scores(rows, fitter)
    return [(t, counts(rows, [p >= t for p in scores], gold, set(gold.all))) for t in CURVE]


Policy = Callable[[list[Row], set[str]], Callable[[list[Row]], list[bool]]]


def rules_policy(gold: Gold, fixed: float | None) -> Policy:
    """The rules: their confidence against a fixed threshold, or the threshold the rule chooses on the training sites."""
    def policy(train: list[Row], sites: set[str]) -> Callable[[list[Row]], list[bool]]:
        t = fixed if fixed is not None else choose([r.conf for r in train], train, gold, sites)
        return lambda rows: [r.conf >= t for r in rows]
    return policy


def model_policy(gold: Gold, fitter: Fitter, fixed: float | None) -> Policy:
    """The model: p(correct) against a fixed threshold, or the threshold chosen on out-of-fold training scores."""
    def policy(train: list[Row], sites: set[str]) -> Callable[[list[Row]], list[bool]]:
        t = fixed if fixed is not None else choose(inner_scores(train, fitter), train, gold, sites)
        predict = fitter(train)
        return lambda rows: [p >= t for p in predict(rows)]
    return policy


def current_only(fitter: Fitter) -> Fitter:
    """A fitter that learns from these rules' facts only (without the earlier commit's)."""
    return lambda train: fitter([r for r in train if r.source == CURRENT])


def write_model(rows: list[Row], gold: Gold, c: float, path: Path, fixed: float | None = None) -> dict[str, Any]:
    """Fit on all of dev + dev2, choose the threshold on out-of-fold scores, and store the coefficients as JSON."""
    from sklearn.linear_model import LogisticRegression

    names = sorted({n for r in rows for n in r.feats})
    m = LogisticRegression(C=c, max_iter=2000).fit(vectorize(rows, names), [r.correct for r in rows])
    t = fixed if fixed is not None else choose(inner_scores(rows, logistic(c)), rows, gold, set(gold.all))
    data = {"_doc": "services/extractor/learned.py: logistic regression of p(correct) over learned.features, "
                    "written by `make train` (services/extractor/train_model.py) on dev + dev2",
            "C": c, "threshold": t, "intercept": round(float(m.intercept_[0]), 6),
            "coef": {n: round(float(w), 6) for n, w in zip(names, m.coef_[0], strict=True) if abs(w) > 1e-9}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def extract_main(argv: list[str]) -> int:
    """`extract --model PATH FILE...`: JSON lines of the facts whose p(correct) reaches the model's threshold."""
    ap = argparse.ArgumentParser(prog="train_model extract")
    ap.add_argument("--model", type=Path, default=MODEL_PATH)
    ap.add_argument("--format", default="json")
    ap.add_argument("paths", nargs="+", type=Path)
    args = ap.parse_args(argv)
    model = learned.Model.load(args.model)
    for path in args.paths:
        text, ext = _article(path)
        feats = fact_features(text, document_json(path.stem, ext, 0.0)["facts"])
        kept = tuple(f for f, x in zip(ext.facts, feats, strict=True) if model.probability(x) >= model.threshold)
        obj = document_json(path.stem, Extraction(ext.relevant, ext.published, kept, ext.dropped), 0.0)
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Print leave-one-site-out scores of the rules and of the models; --write stores the logistic model."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["extract"]:
        return extract_main(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--write", type=Path, nargs="?", const=MODEL_PATH, default=None,
                    help=f"write the logistic model fitted on all of dev + dev2 (default {MODEL_PATH.name})")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the written model")
    ap.add_argument("--no-cv", action="store_true", help="skip the leave-one-site-out comparison of policies")
    ap.add_argument("--curve", action="store_true", help="print each model's leave-one-site-out threshold curve")
    ap.add_argument("--threshold", type=float, default=None, help="decision threshold of the written model (default: chosen)")
    ap.add_argument("--boosting", action="store_true", help="also judge gradient-boosted trees (slow)")
    ap.add_argument("--history", default=HISTORY, help=f"also learn from this commit's facts (default {HISTORY}; '' for none)")
    args = ap.parse_args(argv)
    rows, gold = collect(args.corpus, args.history or None)
    old = [r for r in rows if r.source != CURRENT]
    if old:
        print(f"history {args.history}: {len(old)} facts printed on dev + dev2 ({sum(not r.correct for r in old)} not matched)")
    rows_all, rows = rows, [r for r in rows if r.source == CURRENT]
    heads = [r for r in rows if r.headline]
    print(f"dev + dev2: {len(rows)} facts printed ({sum(not r.correct for r in rows)} not matched), "
          f"{len(heads)} headline ({sum(not r.headline_correct for r in heads)} not matched); "
          f"gold {sum(gold.all.values())} / headline {sum(gold.headline.values())}; {len(gold.all)} sites")
    policies: list[tuple[str, Policy]] = [
        ("rules, every fact (threshold 0.0)", rules_policy(gold, 0.0)),
        ("rules' confidence, threshold chosen", rules_policy(gold, None)),
    ]
    fitters: list[tuple[str, Fitter]] = [(f"logistic C={c}", logistic(c)) for c in C_GRID]
    if args.boosting:
        fitters.append(("boosting", boosting()))
    for name, fitter in fitters:
        for tag, fit in (("", fitter), (" current only", current_only(fitter))) if args.history else (("", fitter),):
            policies.append((f"{name}{tag}, p >= 0.5", model_policy(gold, fit, 0.5)))
            policies.append((f"{name}{tag}, threshold chosen", model_policy(gold, fit, None)))
    print("leave-one-site-out (headline P / R / F1 | all-facts P / R / F1):")
    for name, policy in [] if args.no_cv else policies:
        r = loso(rows_all, gold, policy)
        h, a = r["headline"], r["all"]
        print(f"  {name:<40} {h['precision']:.3f} / {h['recall']:.3f} / {h['f1']:.3f} ({h['tp']}/{h['pred']}) | "
              f"{a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} ({a['tp']}/{a['pred']})", flush=True)
    if args.curve:
        for name, fitter in fitters:
            print(f"leave-one-site-out curve, {name} (p(correct) >= t: headline P / R / F1 | all-facts P / R / F1):")
            for t, r in loso_curve(rows_all, gold, fitter):
                h, a = r["headline"], r["all"]
                print(f"  t={t:.1f} {h['precision']:.3f} / {h['recall']:.3f} / {h['f1']:.3f} ({h['tp']}/{h['pred']}) | "
                      f"{a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} ({a['tp']}/{a['pred']})", flush=True)
    if args.write:
        data = write_model(rows_all, gold, args.c, args.write, args.threshold)
        top = sorted(data["coef"].items(), key=lambda kv: -abs(kv[1]))[:12]
        print(f"wrote {args.write}: threshold {data['threshold']}, strongest: {json.dumps(top, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
