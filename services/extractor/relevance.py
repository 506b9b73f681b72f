"""Whether an article is about party-member development (admission, membership, candidates)."""

from __future__ import annotations

from services.extractor.vocab import RELEVANT


def cue_count(text: str) -> int:
    """How many party-development cue phrases the text contains."""
    return len(RELEVANT.findall(text))


def is_relevant(text: str, n_facts: int) -> bool:
    """Relevant: a development cue and either an extracted figure or repeated cues."""
    cues = cue_count(text)
    return cues >= 1 and (n_facts > 0 or cues >= 2)
