"""The pure extraction entry point: article text -> relevance, publication date and recruitment facts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from services.extractor import attribute, confidence, orgs, validate
from services.extractor.facts import STOCK, RawFact, extract_raw, stock_end
from services.extractor.parse import cap_text
from services.extractor.published import find_published
from services.extractor.relevance import is_relevant
from services.extractor.text_norm import fold, normalize

__all__ = ["Extraction", "Fact", "extract", "find_published"]


@dataclass(frozen=True, slots=True)
class Fact:
    """One recruitment fact: the fields of ANNOTATION.md plus province fields."""

    metric: str
    segment: str
    value: float
    value_max: float | None
    unit: str
    qualifier: str
    per_year: bool
    org: str | None
    place: str | None
    level: str | None
    period_start: str | None
    period_end: str | None
    period_text: str | None
    evidence: str | None
    note: str | None = None
    province: str | None = None
    province_code: str | None = None
    province_current: str | None = None
    province_current_code: str | None = None
    place_code: str | None = None
    confidence: float = 1.0
    position: int = -1  # offset of the number in its evidence sentence (-1: unknown), for cross-fact checks


@dataclass(frozen=True, slots=True)
class Extraction:
    """Relevance, publication date and facts of one article, and how many were dropped, by reason."""

    relevant: bool
    published: date | None
    facts: tuple[Fact, ...]
    dropped: tuple[tuple[str, int], ...] = ()


def _fact(raw: RawFact, published: date | None) -> Fact:
    """A Fact from a raw fact (periods of stock figures are points in time)."""
    c, org, period = raw.cls, raw.org, raw.period
    start = period.period_start if period else None
    end = period.period_end if period else None
    if c.metric in STOCK:
        start, end = None, stock_end(raw, published)
    return Fact(
        metric=c.metric, segment=c.segment, value=c.value, value_max=raw.num.value_max, unit=c.unit,
        qualifier=raw.num.qualifier, per_year=c.per_year, org=org.text if org else None,
        place=org.place if org else None, level=org.level if org else None, period_start=start, period_end=end,
        period_text=period.text if period else None, evidence=raw.evidence[:400], note=c.note,
        confidence=confidence.score(_evidence(raw)), position=raw.num.start if raw.num.end else -1,
    )


def _evidence(raw: RawFact) -> confidence.Evidence:
    """The evidence behind a raw fact, for its confidence."""
    org = raw.org
    return confidence.evidence(raw.cls, raw.num, org.place if org else None, org is not None, raw.period is not None, raw.evidence)


def _key(f: Fact) -> tuple[object, ...]:
    """Identity of a stated figure for de-duplication."""
    return (f.metric, f.segment, f.unit, f.value, f.value_max, f.per_year, fold(f.place))


def _richness(f: Fact) -> int:
    """How much period information a fact carries."""
    return (f.period_end is not None) + (f.period_start is not None)


def dedupe(facts: list[Fact], heads: set[str] | None = None) -> list[Fact]:
    """One fact per stated figure; a rounded restatement ("hơn 4.200") and a headline's copy yield to the body figure."""
    kept: dict[tuple[object, ...], Fact] = {}
    for f in facts:
        k = _key(f)
        if k not in kept or (_richness(f), len(f.evidence or "")) > (_richness(kept[k]), len(kept[k].evidence or "")):
            kept[k] = f
    out = list(kept.values())
    out = [f for f in out if not _rounded_copy(f, out, heads or set())]
    return [f for f in out if not _headline_copy(f, out, heads or set())]


HEADLINE_LINES = 6
"""How many of the text's first non-empty lines may be its headline (date, sapo and title lines come first)."""
_HEADLINE_MAX_CHARS = 200


def headlines(text: str, title: str | None) -> set[str]:
    """The title and the text's opening lines without a sentence end: headlines that restate body figures."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEADLINE_LINES]
    out = {line for line in lines if len(line) <= _HEADLINE_MAX_CHARS and not re.search(r"[.!?…:;|]$|\|", line)}  # no table rows
    return out | ({title.strip()} if title and title.strip() else set())


def _headline_copy(f: Fact, facts: list[Fact], heads: set[str]) -> bool:
    """Whether f, stated in a headline, restates a body fact of the same figure (its place may differ)."""
    if (f.evidence or "").strip() not in heads:
        return False
    year = (f.period_end or "")[:4]
    for g in facts:
        body = g is not f and (g.evidence or "").strip() not in heads
        same = (g.metric, g.segment, g.unit, g.value, g.value_max) == (f.metric, f.segment, f.unit, f.value, f.value_max)
        if body and same and (not year or not g.period_end or g.period_end[:4] == year):
            return True
    return False


def _rounded_copy(f: Fact, facts: list[Fact], heads: set[str] | None = None) -> bool:
    """Whether f is a rounded restatement of another exact fact: qualified ("hơn 4.200"), or in a headline ("2.500")."""
    headline = (f.evidence or "").strip() in (heads or set())
    if (f.qualifier == "exact" and not headline) or f.value_max is not None or not _round(f):
        return False
    if f.metric == "admitted_target" and not headline:
        return False  # "phấn đấu kết nạp từ 310 đảng viên trở lên" after last year's 300: targets are round, and each its own
    for g in facts:
        same = (g.metric, g.segment, g.unit) == (f.metric, f.segment, f.unit) and g is not f
        if same and g.qualifier == "exact" and g.value and _close(f, g, HEADLINE_ROUNDING if headline else ROUNDING):
            return True
        if same and headline and f.qualifier == "over" and g.qualifier == "exact" and _bound_of(f, g):
            return True  # "Hơn 1.000 đảng viên mới" over a body's 1.250: the title's lower bound of the body figure
    return False


HEADLINE_OVER_SPAN = 1.5
"""How far above a headline's "hơn / trên X" the body figure it restates may be."""


def _bound_of(f: Fact, g: Fact) -> bool:
    """Whether a headline's lower bound ("hơn 1.000") restates a body figure (1.250) of the same period."""
    periods = not (f.period_start and g.period_start and f.period_start != g.period_start)
    return periods and f.value <= g.value < f.value * HEADLINE_OVER_SPAN


def _round(f: Fact) -> bool:
    """A round count: ending in 0 ("hơn 1.250", "gần 90")."""
    return f.unit == "count" and f.value >= 50 and f.value % 10 == 0


ROUNDING = 0.05
"""How far a qualified round count ("hơn 4.200") may be from the exact figure it restates."""
HEADLINE_ROUNDING = 0.10
"""The same for a headline's round figure ("Gần 100 đảng viên mới" for a body's 93)."""


def _close(f: Fact, g: Fact, tolerance: float = ROUNDING) -> bool:
    """Whether a round count restates an exact one (within the tolerance)."""
    periods = not (f.period_start and g.period_start and f.period_start != g.period_start)
    return periods and abs(g.value - f.value) / g.value <= tolerance


OVER_BUDGET = "numbers_over_budget"
"""The drop reason of candidate numbers not read past the per-sentence / per-article budget."""
MAX_TOKEN_CHARS = 120
"""A run of characters without a space longer than this is not prose (a URL is shorter; the corpus' longest is 31)."""
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def bounded(text: str) -> str:
    """The normalized text within the stage's budget: at most MAX_TEXT_CHARS (cut at a line break), no endless runs without spaces."""
    text, _ = cap_text(text, "")
    return _LONG_TOKEN.sub(" ", normalize(text))


def _attributed(f: Fact) -> Fact:
    """A fact whose confidence accounts for how well its organisation is placed."""
    whole = bool(f.org and orgs.WHOLE_PARTY.fullmatch(f.org))
    loss = confidence.attribution(f.level, f.place, f.place_code, whole)
    return replace(f, confidence=round(min(1.0, max(0.0, f.confidence + loss)), 3)) if loss else f


def extract(
    text: str, *, title: str | None = None, published: date | None = None, province_hint: str | None = None
) -> Extraction:
    """Relevance, publication date (given, else printed in the text) and the facts of an article."""
    text = bounded(text or "")
    title = bounded(title) if title else None
    published = published or find_published(text)
    stats: dict[str, int] = {}
    raw = extract_raw(text, title, published, stats)
    facts = dedupe([_fact(r, published) for r in raw], headlines(text, title))
    relevant = is_relevant(f"{title or ''}\n{text}", [f.metric for f in facts])
    budget = ((OVER_BUDGET, stats[OVER_BUDGET]),) if stats.get(OVER_BUDGET) else ()
    if not relevant:
        return Extraction(False, published, (), budget)
    placed = [_attributed(f) for f in attribute.with_places(facts, text, province_hint, published)]
    checked = validate.check(validate.planned(placed, published), published)
    reasons = Counter(checked.dropped) + Counter(dict(budget))
    return Extraction(True, published, checked.facts, tuple(sorted(reasons.items())))
