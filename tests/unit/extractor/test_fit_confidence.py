"""The confidence refit: a coordinate grid finds a weight that separates invented facts, and leave-one-site-out sees it."""

from __future__ import annotations

from collections import Counter

from services.extractor.fit_confidence import Row, conf, fit, judge, objective

START = {"base": {"admitted": 0.8}, "weights": {"cue_near": 0.1, "surplus": 0.0}}


def _rows() -> tuple[list[Row], Counter[str]]:
    """Six sites with four right admissions each; on four of them a fifth, invented one carries "surplus"."""
    rows = [Row(f"s{i}.vn", "admitted", ("cue_near",), 0.0, True) for i in range(6) for _ in range(4)]
    rows += [Row(f"s{i}.vn", "admitted", ("cue_near", "surplus"), 0.0, False) for i in range(4)]
    return rows, Counter({f"s{i}.vn": 4 for i in range(6)})


def test_the_refit_gives_a_separating_weight_a_penalty_and_hides_the_invented_facts() -> None:
    rows, _ = _rows()
    before = objective(rows, 24, START)[0]
    fitted = fit(rows, 24, START)
    after, threshold = objective(rows, 24, fitted)
    assert fitted["weights"]["surplus"] < 0 and after == 1.0 > before
    assert all((conf(r, fitted) >= threshold) == r.correct for r in rows)
    assert START["weights"]["surplus"] == 0.0  # the start is not modified


def test_leave_one_site_out_credits_the_refit_only_where_other_sites_taught_it() -> None:
    rows, gold = _rows()
    current = judge(rows, gold, START, refit=False)
    refit = judge(rows, gold, START, refit=True)
    assert (current["tp"], current["pred"]) == (24, 28)
    assert (refit["tp"], refit["pred"]) == (24, 24) and refit["f1"] > current["f1"]
