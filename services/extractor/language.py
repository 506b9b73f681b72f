"""Is this text Vietnamese? A cheap, explainable test on Vietnamese letters and function words (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

VIETNAMESE_LETTERS = frozenset(
    "ăâđêôơư"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
"""Letters of the Vietnamese alphabet (lower case, NFC) outside plain ASCII; few exist in other languages."""

_DISTINCTIVE = frozenset("ăđơưảãạằắẳẵặầấẩẫậẻẽẹềếểễệỉĩịỏọồốổỗộờớởỡợủũụừứửữựỳỷỹỵ")
"""The subset that other Latin-script languages practically never use (hook above, dot below, ơ, ư, đ...)."""

FUNCTION_WORDS = frozenset(
    ["của", "và", "các", "được", "là", "trong", "những", "có", "đã", "với", "cho", "người", "này", "không", "một", "đến", "để", "về", "theo", "tại", "từ", "khi", "cũng", "như", "đó", "năm", "sẽ", "nhiều", "đảng", "viên", "chi", "bộ", "công", "tác"]
)
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»-–—/…%"
_NOT_LETTERS = " \t\n\r\u00a00123456789_+=*&#@<>|" + _PUNCTUATION
_VIETNAMESE = re.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + "]")
_DISTINCTIVE_RE = re.compile("[" + "".join(sorted(_DISTINCTIVE)) + "]")
MIN_LETTERS = 40
MIN_DIACRITIC_SHARE = 0.15
MIN_DISTINCTIVE_SHARE = 0.08
MIN_FUNCTION_SHARE = 0.06


@dataclass(frozen=True, slots=True)
class LanguageEvidence:
    """Shares behind the decision: Vietnamese letters, distinctive letters and function words."""

    letters: int
    diacritic_share: float
    distinctive_share: float
    function_word_share: float

    @property
    def vietnamese(self) -> bool:
        """True when all three shares clear their thresholds on enough letters."""
        return (
            self.letters >= MIN_LETTERS
            and self.diacritic_share >= MIN_DIACRITIC_SHARE
            and self.distinctive_share >= MIN_DISTINCTIVE_SHARE
            and self.function_word_share >= MIN_FUNCTION_SHARE
        )


def language_evidence(text: str, sample: int = 600) -> LanguageEvidence:
    """Measure Vietnamese letters and function words in (the first `sample` chars of) NFC `text`."""
    low = text[:sample].lower()
    words = low.split()
    letters = len(low) - sum(map(low.count, _NOT_LETTERS))
    n = letters or 1
    marked = "".join(_VIETNAMESE.findall(low))
    diacritics = len(marked)
    distinctive = len(_DISTINCTIVE_RE.findall(marked))
    functional = sum(1 for w in words if w.strip(_PUNCTUATION) in FUNCTION_WORDS)
    return LanguageEvidence(letters, diacritics / n, distinctive / n, functional / (len(words) or 1))


def detect_language(text: str) -> str | None:
    """"vi" for Vietnamese text, None otherwise (other languages are not told apart)."""
    return "vi" if language_evidence(text).vietnamese else None
