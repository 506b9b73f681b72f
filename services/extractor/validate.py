"""Cross-fact consistency of one article's facts: impossible facts are dropped (with a reason), doubtful ones lose confidence.

Checks (ANNOTATION.md's metrics, facts of the same organisation and period compared):
- a percent is never in a count metric, a count never in a percent metric, a whole admission never a percent;
- shares (segment shares, rates, good ratings) are at most 100; attainment above 100 is what "vượt" states;
- a segment's admissions never exceed the admissions they are part of;
- attainment ≈ admitted / target × 100 (allowing the rounding of the stated figures);
- members ≥ admitted;
- a second whole admission in a sentence, smaller than the first and after "trong đó" / "(", is a breakdown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from services.extractor import vocab as v
from services.extractor.confidence import DATA
from services.extractor.registry import PCT_METRICS
from services.extractor.sites import STOCK
from services.extractor.text_norm import fold

if TYPE_CHECKING:
    from services.extractor.extract import Fact

SHARES = frozenset({"admission_rate_pct", "members_good_rating_pct", "admitted_target_pct"})
PENALTY: dict[str, float] = DATA["validation"]
"""Confidence lost by a fact that contradicts another, by check."""
DROP_REASONS = (
    "count_in_percent_metric", "percent_in_count_metric", "share_over_100", "negative", "segment_over_total",
    "numbers_over_budget", "planned_stock",
)
"""Why validation drops a fact (label values of recruitwatch_extractor_facts_dropped_total)."""



@dataclass(frozen=True, slots=True)
class Checked:
    """The facts that passed, and the reasons of those dropped (one per dropped fact) and lowered."""

    facts: tuple[Fact, ...]
    dropped: tuple[str, ...]
    lowered: tuple[str, ...]


def _drop_reason(f: Fact) -> str | None:
    """Why a fact is impossible on its own, or None."""
    if f.metric in PCT_METRICS and f.unit != "pct":
        return "count_in_percent_metric"
    if f.metric not in PCT_METRICS and f.unit == "pct" and not (f.metric == "admitted" and f.segment != "all"):
        return "percent_in_count_metric"
    share = f.metric in SHARES or (f.metric == "admitted" and f.unit == "pct")
    if share and max(f.value, f.value_max or 0) > 100:
        return "share_over_100"
    if f.value < 0:
        return "negative"
    return None


def _scope(f: Fact) -> tuple[str, str, str]:
    """Level, organisation and period year of a fact, for comparing facts of one series (an agency or a cell by its
    name: "Đảng ủy Khối các cơ quan tỉnh X" is not the province X)."""
    named = f.level in ("agency", "cell", "other")
    org = fold(f.org) if named else fold(f.place) or fold(f.org)
    return f.level or "", org, (f.period_end or "")[:4]


def _index(facts: Iterable[Fact], metric: str, unit: str, segment: str | None = "all") -> dict[tuple[str, str, str], Fact]:
    """The first fact of a metric per scope."""
    out: dict[tuple[str, str, str], Fact] = {}
    for f in facts:
        if f.metric == metric and f.unit == unit and (segment is None or f.segment == segment) and not f.per_year:
            out.setdefault(_scope(f), f)
    return out


def _largest(facts: Iterable[Fact], metric: str, unit: str) -> dict[tuple[str, str, str], Fact]:
    """The largest whole fact of a metric per scope (a quarter's and the year's admissions share a scope)."""
    out: dict[tuple[str, str, str], Fact] = {}
    for f in facts:
        whole = f.metric == metric and f.unit == unit and f.segment == "all" and not f.per_year
        if whole and (_scope(f) not in out or f.value > out[_scope(f)].value):
            out[_scope(f)] = f
    return out


def _segment_over_total(facts: list[Fact]) -> set[int]:
    """Segment admissions larger than every whole admission of the same organisation and period."""
    totals = _largest(facts, "admitted", "count")
    bad = set()
    for i, f in enumerate(facts):
        total = totals.get(_scope(f))
        if f.metric == "admitted" and f.unit == "count" and f.segment != "all" and total and f.value > total.value:
            bad.add(i)
    return bad


def _attainment_off(facts: list[Fact]) -> set[int]:
    """Attainments that admitted / target × 100 contradicts (beyond the rounding of the stated figures)."""
    admitted, targets = _index(facts, "admitted", "count"), _index(facts, "admitted_target", "count")
    bad = set()
    for i, f in enumerate(facts):
        if f.metric != "target_attainment_pct" or f.qualifier != "exact":
            continue
        a, t = admitted.get(_scope(f)), targets.get(_scope(f))
        if not a or not t or not t.value or a.qualifier != "exact" or t.qualifier != "exact":
            continue
        low, high = 100 * a.value / (t.value_max or t.value), 100 * a.value / t.value
        if not low - 1.0 <= f.value <= high + 1.0:
            bad.add(i)
    return bad


def _members_below_admitted(facts: list[Fact]) -> set[int]:
    """Member totals smaller than the admissions of the same organisation and period."""
    admitted = _index(facts, "admitted", "count")
    return {
        i for i, f in enumerate(facts)
        if f.metric == "members_total" and (a := admitted.get(_scope(f))) is not None and f.value < a.value
    }


def _breakdowns(facts: list[Fact]) -> set[int]:
    """A whole admission stated after a larger one of the same sentence, past "trong đó" or "(": a part of it."""
    by_sentence: dict[str, list[int]] = {}
    for i, f in enumerate(facts):
        if (f.metric, f.unit, f.segment) == ("admitted", "count", "all") and f.position >= 0 and f.evidence:
            by_sentence.setdefault(f.evidence, []).append(i)
    bad = set()
    for sentence, idx in by_sentence.items():
        for i in idx:
            f = facts[i]
            for j in idx:
                g = facts[j]
                larger_before = g.position < f.position and g.value > f.value and _scope(g) == _scope(f)
                if larger_before and v.BREAKDOWN_MARK.search(sentence[g.position : f.position]):
                    bad.add(i)
                    break
    return bad


CHECKS: tuple[tuple[str, Callable[[list[Fact]], set[int]]], ...] = (
    ("attainment_mismatch", _attainment_off),
    ("members_below_admitted", _members_below_admitted),
    ("breakdown_of_total", _breakdowns),
)
"""Soft checks: the fact that breaks one loses PENALTY[name] of its confidence."""


def planned(facts: Iterable[Fact], published: date | None) -> list[Fact]:
    """Admissions dated after the article's publication year are plans: targets ("Năm 2026, kết nạp 300 đảng viên")."""
    if published is None:
        return list(facts)
    return [replace(f, metric="admitted_target") if f.metric == "admitted" and _year_from(f) > published.year else f for f in facts]


def _year_from(f: Fact) -> int:
    """The first year a fact's period covers (0 when it has none)."""
    first = f.period_start or f.period_end or ""
    return int(first[:4]) if first[:4].isdigit() else 0


def _planned_stock(f: Fact, published: date | None) -> str | None:
    """A stock dated after the article's publication year is a goal ("Đến năm 2030, toàn tỉnh có 60.000 đảng viên")."""
    if published is None or f.metric not in STOCK or not v.STOCK_DATE_POINT.match(f.period_text or ""):
        return None  # "Đại hội … nhiệm kỳ 2020 - 2025 … thay mặt cho 386 đảng viên": a term names no date of the stock
    year = (f.period_end or "")[:4]
    return "planned_stock" if year.isdigit() and int(year) > published.year else None


def check(facts: Iterable[Fact], published: date | None = None) -> Checked:
    """Drop impossible facts and stocks planned for after publication, then lower the confidence of facts that
    contradict the others."""
    kept: list[Fact] = []
    dropped: list[str] = []
    for f in facts:
        reason = _drop_reason(f) or _planned_stock(f, published)
        if reason:
            dropped.append(reason)
        else:
            kept.append(f)
    over = _segment_over_total(kept)
    dropped.extend("segment_over_total" for _ in over)
    kept = [f for i, f in enumerate(kept) if i not in over]
    lowered: list[str] = []
    for name, fn in CHECKS:
        for i in fn(kept):
            lowered.append(name)
            kept[i] = replace(kept[i], confidence=round(max(0.0, kept[i].confidence - float(PENALTY[name])), 3))
    return Checked(tuple(kept), tuple(dropped), tuple(lowered))
