"""Unicode normalisation for Vietnamese text: NFC, one tone placement, Đ, accent folding, sentences."""

from __future__ import annotations

import functools
import re
import unicodedata

# tone on the second vowel of an open "oa/oe/uy" syllable ("hoà", "uỷ") -> on the first ("hòa", "ủy")
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}
_OPEN_PAIR = re.compile(r"(?<![qQ])([oOuU])([aAeEyY][\u0300\u0301\u0309\u0303\u0323])(?![\w\u0300-\u036f])")
_ABBREV_END = re.compile(r"(?:\b(?:TP|Tp|TX|T\.P|T\.X|TT|Q|ThS|TS|PGS|GS|Th|Tr|P)\.)$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])|\n+")


def _move_tone(match: re.Match[str]) -> str:
    """Put the tone mark of an open diphthong on its first vowel."""
    first, second = match.group(1), match.group(2)
    return first + second[-1] + second[:-1]


def normalize(text: str) -> str:
    """NFC text with "Ð" (U+00D0) as "Đ", one tone placement and no non-breaking spaces."""
    text = text.replace("\u00d0", "\u0110").replace("\u00a0", " ").replace("\u200b", "")
    text = "\n".join(_table_line(line) for line in text.split("\n"))
    text = re.sub(r"[ \t]{2,}", " ", text)
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OPEN_PAIR.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def _table_line(line: str) -> str:
    """A tab- or multi-space-separated table row as "a | b | c" (prose lines unchanged)."""
    parts = [p for p in re.split(r"\t+| {2,}", line.strip()) if p]
    numeric = sum(bool(re.fullmatch(r"[\d.,%]+", p)) for p in parts)
    header = len(parts) >= 4 and re.search(r"(?i)\b(?:stt|đơn vị|chỉ tiêu|kết nạp)\b", line)
    if len(parts) >= 3 and ("\t" in line.strip() or numeric >= 2 or header):
        return " | ".join(parts)
    return line


def fold(text: str | None) -> str:
    """Lower-case ASCII form without diacritics ("Hiệp Hòa" -> "hiep hoa")."""
    if not text:
        return ""
    return _fold(text)


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """fold() proper, memoized: the same names and words are folded thousands of times per article."""
    s = unicodedata.normalize("NFD", text.lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d")
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs split at line breaks."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.group()))
    return out


def sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph (split after . ! ? … before an upper-case letter or digit)."""
    out: list[str] = []
    for part in _SENTENCE_END.split(paragraph):
        part = part.strip()
        if not part:
            continue
        if out and _ABBREV_END.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
