"""Whether an article is about party-member development (admission, membership, candidates, member quality)."""

from __future__ import annotations

from services.extractor import vocab as v
from services.extractor.registry import DEVELOPMENT, STOCK


def cue_count(text: str) -> int:
    """How many party-development cue phrases the text contains (Youth/Trade Union admissions excluded)."""
    return len(v.RELEVANT.findall(text)) - len(v.OTHER_UNION_ADMIT.findall(text))


def _strong(text: str) -> int:
    """Development cues proper: admission into the Party, sources, member quality."""
    return len(v.DEVELOPMENT_CUE.findall(text)) - len(v.OTHER_UNION_ADMIT.findall(text))


def _overview(metrics: list[str]) -> bool:
    """An organisation's overview: its membership with its cells or organisations (a congress report, an anniversary:
    "… có 52 tổ chức cơ sở đảng với 412 chi bộ trực thuộc", "đại diện cho hơn 6.500 đảng viên")."""
    stocks = set(metrics) & STOCK
    return "members_total" in stocks and len(stocks) > 1


def is_relevant(text: str, metrics: list[str]) -> bool:
    """Relevant: a figure about members, cells or their development (membership statistics count too, as in
    ANNOTATION.md), or repeated development cues — not outweighed by inspection / discipline / union matter, unless
    the figures are a development or an organisation's overview."""
    strong = _strong(text)
    developed = any(m in DEVELOPMENT for m in metrics) or _overview(metrics)
    if len(v.INSPECTION.findall(text)) > 2 * strong + 1 and not developed:
        return False
    cues = cue_count(text)
    return developed or bool(metrics) or (strong >= 1 and cues >= 2)
