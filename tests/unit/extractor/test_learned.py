"""The learned decision's features, its JSON model and the leave-one-site-out machinery of `make train`."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from services.extractor import learned
from services.extractor.extract import extract
from services.extractor.offline import document_json
from services.extractor.train_model import Gold, Row, choose, counts, fact_features, loso, loso_curve, prf

TEXT = "Đảng bộ huyện Tân Yên kết nạp 120 đảng viên mới\nNăm 2023, Đảng bộ huyện Tân Yên kết nạp 120 đảng viên mới, đạt 105% kế hoạch."


def _features() -> list[tuple[str, dict[str, float]]]:
    """(metric, features) of each fact of TEXT."""
    facts = document_json("t", extract(TEXT), 0.0)["facts"]
    return [(f["metric"], x) for f, x in zip(facts, fact_features(TEXT, facts), strict=True)]


def test_features_read_the_rules_evidence_and_where_the_fact_stands() -> None:
    found = dict(_features())
    admitted, attainment = found["admitted"], found["target_attainment_pct"]
    assert admitted["metric=admitted"] == 1.0 and admitted["ev=cue_near"] == 1.0
    assert admitted["cue_distance"] < 0.1  # "kết nạp" right before the number
    assert admitted["period_in_sentence"] == 1.0 and admitted["headline"] == 0.0  # the body fact, not the title's copy
    assert admitted["position"] > 0.0 and attainment["pct"] == 1.0 and admitted["pct"] == 0.0
    assert admitted["facts_in_sentence"] == attainment["facts_in_sentence"] > 0
    assert all(0.0 <= v <= 1.0 for _, x in _features() for v in x.values())


def test_evidence_is_recomputed_from_the_sentence_of_any_output_fact() -> None:
    fact = {"metric": "admitted", "segment": "all", "unit": "count", "value": 30, "org": None, "place": None,
            "period_text": None, "evidence": "Dự kiến năm 2025 phải kết nạp 30 đảng viên."}
    names = learned.evidence_names(fact, fact["evidence"], learned._num(fact, fact["evidence"]))
    assert "obligation_admitted" in names and "cue_near" in names
    assert learned.evidence_names({**fact, "value": 31}, fact["evidence"], None) == ["number_not_in_sentence"]


def test_the_model_is_a_logistic_of_its_coefficients(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"intercept": -1.0, "coef": {"a": 2.0, "b": -3.0}, "threshold": 0.4}), encoding="utf-8")
    model = learned.Model.load(path)
    assert model.threshold == 0.4
    assert model.probability({"a": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert model.probability({"a": 1.0, "b": 1.0, "unknown": 5.0}) == pytest.approx(1 / (1 + math.exp(2.0)))
    assert model.probability({"b": 1e9}) == pytest.approx(0.0)  # clipped, no overflow


def _rows() -> tuple[list[Row], Gold]:
    """Six sites with four right headline facts; on four of them a fifth, wrong one carries feature "bad"."""
    rows = [Row(f"s{i}", {"ok": 1.0}, 0.9, True, True, True) for i in range(6) for _ in range(4)]
    rows += [Row(f"s{i}", {"bad": 1.0}, 0.9, True, False, False) for i in range(4)]
    sites = Counter({f"s{i}": 4 for i in range(6)})
    return rows, Gold(sites, Counter(sites))


def test_counts_and_threshold_choice_follow_the_scorer() -> None:
    rows, gold = _rows()
    every = counts(rows, [True] * len(rows), gold, set(gold.all))
    assert every["headline"] == prf(24, 28, 24) and every["headline"]["precision"] == round(24 / 28, 3)
    scores = [0.0 if "bad" in r.feats else 1.0 for r in rows]
    assert choose(scores, rows, gold, set(gold.all)) > 0.0  # hiding the wrong facts reaches precision 1
    assert choose([1.0] * len(rows), rows, gold, set(gold.all)) == 0.0  # nothing to separate: hide nothing


def test_leave_one_site_out_decides_each_site_with_what_the_others_taught() -> None:
    rows, gold = _rows()

    def learns_bad(train: list[Row], sites: set[str]):  # type: ignore[no-untyped-def]
        """Reject a feature only if every training row with it was wrong."""
        bad = {n for r in train for n in r.feats if all(not t.correct for t in train if n in t.feats)}
        return lambda held: [not (set(r.feats) & bad) for r in held]

    result = loso(rows, gold, learns_bad)
    assert (result["headline"]["tp"], result["headline"]["pred"]) == (24, 24)


def test_the_curve_scores_each_site_by_a_model_fitted_without_it() -> None:
    rows, gold = _rows()
    rows += [Row("s5", {"bad": 1.0}, 1.0, True, False, False, "history")]  # an earlier commit's error: learned, not scored

    def fitter(train: list[Row]):  # type: ignore[no-untyped-def]
        """p(correct) 0 for a feature only ever seen on wrong training rows."""
        bad = {n for r in train for n in r.feats if all(not t.correct for t in train if n in t.feats)}
        return lambda held: [0.0 if set(r.feats) & bad else 1.0 for r in held]

    curve = dict(loso_curve(rows, gold, fitter))
    assert (curve[0.0]["headline"]["tp"], curve[0.0]["headline"]["pred"]) == (24, 28)  # the history row is not counted
    assert (curve[0.5]["headline"]["tp"], curve[0.5]["headline"]["pred"]) == (24, 24)


def test_logistic_fitter_separates_a_learnable_feature() -> None:
    from services.extractor.train_model import logistic

    rows, _ = _rows()
    predict = logistic(1.0)(rows)
    ok, bad = predict([rows[0]])[0], predict([rows[-1]])[0]
    assert ok > 0.5 > bad
