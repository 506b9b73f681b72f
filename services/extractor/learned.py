"""Features of an extracted fact for the learned decision (issue 10, item 4), and a logistic model read as data.

`features(fact, text, heads, facts)` turns what the rules computed about one output fact (the `recruitwatch extract`
record: metric, segment, unit, attribution, the confidence stage's evidence recomputed from its sentence, where the
sentence stands in the article) into named numbers in 0-1, so that facts of any rules version can be described; `Model` is a logistic regression stored as JSON coefficients (written by
`make train`, services/extractor/train_model.py) and evaluated without scikit-learn.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.extractor import confidence
from services.extractor.numbers import Num, find_numbers
from services.extractor.sites import Cls
from services.extractor.text_norm import fold

QUALIFIERS = ("exact", "over", "under", "about")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_CUE_WINDOW = 160
"""Characters before a number searched for its metric's cue (as confidence.py's look-back)."""


def _num(fact: dict[str, Any], sentence: str) -> Num | None:
    """The number of the sentence the fact states (first of its value and unit), if the sentence shows it."""
    pct = fact.get("unit") == "pct"
    for n in find_numbers(sentence):
        if n.pct == pct and abs(n.value - float(fact["value"])) < 1e-6:
            return n
    return None


def _cue_distance(metric: str, sentence: str, num: Num | None) -> float:
    """Characters between the metric's last cue before the number and the number, over the window (1: none)."""
    rx = confidence.CUES.get(metric)
    if num is None or rx is None:
        return 1.0
    before = sentence[max(0, num.start - _CUE_WINDOW) : num.start].rsplit(";", 1)[-1]
    ends = [m.end() for m in rx.finditer(before)]
    return min(1.0, (len(before) - ends[-1]) / _CUE_WINDOW) if ends else 1.0


def _mentioned(name: str | None, sentence: str) -> bool:
    """Whether a name (organisation place, period text) is written in the fact's own sentence."""
    return bool(name) and fold(name) in fold(sentence)


def evidence_names(fact: dict[str, Any], sentence: str, num: Num | None) -> list[str]:
    """The confidence stage's evidence names of an output fact, recomputed from its sentence."""
    if num is None:
        return ["number_not_in_sentence"]
    cls = Cls(fact["metric"], fact.get("segment") or "all", fact.get("unit") or "count", bool(fact.get("per_year")),
              float(fact["value"]))
    ev = confidence.evidence(cls, num, fact.get("place"), fact.get("org") is not None, fact.get("period_text") is not None,
                             sentence)
    return confidence.weights_of(ev)


def features(fact: dict[str, Any], text: str, heads: set[str], facts: list[dict[str, Any]]) -> dict[str, float]:
    """Named features in 0-1 of one output fact (the `recruitwatch extract` record) among its article's facts."""
    sent = fact.get("evidence") or ""
    num = _num(fact, sent)
    metric, segment = fact["metric"], fact.get("segment") or "all"
    out: dict[str, float] = {f"metric={metric}": 1.0, f"level={fact.get('level') or 'none'}": 1.0}
    out.update({f"ev={n}": 1.0 for n in evidence_names(fact, sent, num)})
    qualifier = fact.get("qualifier") or "exact"
    out[f"qualifier={qualifier if qualifier in QUALIFIERS else 'other'}"] = 1.0
    same = [g for g in facts if g["metric"] == metric and (g.get("segment") or "all") == segment]
    at = text.find(sent[:80]) if sent else -1
    value = float(fact["value"])
    out.update({
        "segment_all": float(segment == "all"),
        "pct": float(fact.get("unit") == "pct"),
        "log_value": min(1.0, math.log10(1.0 + abs(value)) / 6.0),
        "range": float(fact.get("value_max") is not None),
        "per_year": float(bool(fact.get("per_year"))),
        "org_none": float(fact.get("org") is None),
        "place_none": float(fact.get("place") is None),
        "place_in_sentence": float(_mentioned(fact.get("place"), sent)),
        "period_none": float(fact.get("period_end") is None),
        "period_in_sentence": float(_mentioned(fact.get("period_text"), sent)),
        "headline": float(sent.strip() in heads),
        "table": float("|" in sent),
        "position": max(0.0, at) / max(1, len(text)),
        "sentence_len": min(1.0, len(sent) / 400),
        "numbers_in_sentence": min(1.0, len(_DIGITS.findall(sent)) / 20),
        "number_at": (num.start / max(1, len(sent))) if num else 0.0,
        "cue_distance": _cue_distance(metric, sent, num),
        "facts_in_sentence": min(1.0, sum(g.get("evidence") == sent for g in facts) / 10),
        "facts_in_article": min(1.0, len(facts) / 40),
        "same_metric_values": min(1.0, len({g["value"] for g in same}) / 10),
        "largest_of_metric": float(all(value >= float(g["value"]) for g in same)),
    })
    return out


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic regression over named features: p(correct) = sigmoid(intercept + Σ coef·feature)."""

    intercept: float
    coef: dict[str, float]
    threshold: float

    @classmethod
    def load(cls, path: Path) -> Model:
        """The model stored by `make train`."""
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(data["intercept"]), {k: float(v) for k, v in data["coef"].items()}, float(data["threshold"]))

    def probability(self, feats: dict[str, float]) -> float:
        """Probability that a fact with these features is correct."""
        z = self.intercept + sum(self.coef.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
