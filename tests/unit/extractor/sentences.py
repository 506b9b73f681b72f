"""Facts of one synthetic sentence, as the rule tests read them: after a lead that makes the text a recruitment story."""

from __future__ import annotations

from datetime import date

from services.extractor.extract import extract

LEAD = "Công tác phát triển đảng viên được chú trọng. "
"""A first sentence that makes any text about party-member development (relevance), naming no figure."""


def facts(text: str, published: date | None = None) -> list[tuple[str, str, float]]:
    """(metric, segment, value) of every fact `extract` prints for LEAD + text."""
    return [(f.metric, f.segment, f.value) for f in extract(LEAD + text, published=published).facts]


def values_of(metric: str, text: str) -> list[float]:
    """The values of one metric's facts in LEAD + text."""
    return [value for m, _, value in facts(text) if m == metric]
