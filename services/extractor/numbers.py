"""Vietnamese number mentions: "3.011", "56,8%", "02", "trên 14.000", "gần 70%", "4-5%", "90 - 100", words."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_PEOPLE = r"\s*(?:đảng viên|đồng chí|quần chúng|đv|người)\b"
_PEOPLE_AHEAD = rf"(?={_PEOPLE})"
"""A count of people follows (what tells "2000 đảng viên" from the year 2000)."""
NUM = (
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|"
    rf"\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}}){{1,2}}(?![\d,.]){_PEOPLE_AHEAD}|"  # "2 000 đảng viên" (bounded: linear scan)
    # "106.5%", "3.5-4%": a percent with a decimal point (a thousands dot has three digits after it)
    r"\d{1,3}\.\d{1,2}(?=\s?%|\s*[-–]\s*\d{1,3}(?:[.,]\d{1,2})?\s?%)|"
    r"\d+(?:,\d+)?"
)
_MENTION = re.compile(
    rf"(?P<a>{NUM})(?P<pa>\s?%)?"
    rf"(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{NUM})(?P<pb>\s?%)?(?!\d|/\d))?"
    r"(?:\s+(?P<mult>nghìn|ngàn|triệu)\b)?"
)
_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
    "tám": 8, "chín": 9, "mười": 10,
}
_WORD = r"một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|linh|lẻ"
_WORD_RUN = re.compile(
    r"(?i)(?<![\w])(?<!hàng )(?<!hằng )(?<!mỗi )(?<!trong )(?<!cả )(?<!các )"
    rf"(?P<w>(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười)(?!\w)(?:\s+(?:{_WORD})(?!\w))*+)"
)
"""A maximal run of number words (possessive: each run is read once, so scanning is linear)."""
_COUNTED_NOUN = re.compile(
    r"(?i)\s+(?:đảng viên|đồng chí|quần chúng|chi bộ|tân binh|đoàn viên|người|học sinh|sinh viên|công nhân|"
    r"giáo viên|học viên|trường hợp|đv)\b"
)
_QUAL_BEFORE = [
    ("over", re.compile(r"(?i)(?:trên|hơn|ngoài|ít nhất|tối thiểu|hơn nữa)\s*$")),
    ("nearly", re.compile(r"(?i)(?:gần|xấp xỉ|gần như)\s*$")),
    ("about", re.compile(r"(?i)(?:khoảng|chừng|ước|ước tính|độ)\s*$")),
]
_QUAL_AFTER = re.compile(r"(?i)^[^,;.()]{0,30}?\btrở lên\b")
_MASKS = [
    r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,5}",  # full dates 17/9/2011, 10-9-2018, 5.9.2022
    r"\d{1,2}\s*-\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}",  # 3-4/7/2022
    r"\d{1,2}:\d{2}(?::\d{2})?",  # times
    r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm)\s+(?:ngày\s+)?\d{1,2}(?:\s*[-/.]\s*\d{1,2}){1,2}",
    r"(?:tháng|quý|đợt)\s+(?:\d{1,2}|[IV]+)(?:\s*[/\-]\s*\d{4}|\s+năm\s+\d{4})?",
    r"(?:năm|khóa|khoá|nhiệm kỳ|giai đoạn)\s+\d{4}(?:\s*[-–—]\s*\d{4})?",
    r"\d{1,4}\s*-\s*[A-ZĐ]{1,5}/[A-ZĐa-z]{1,8}",  # document numbers 130-NQ/HU, 24- CT/HU
    r"\d+/\d{4}/[A-ZĐ\-]+",
    r"(?:(?<!tổng )(?<!thiểu )(?<!dân )(?<!trong )số|(?<!trưởng )(?<!phó )thôn|phường|quận|xóm|ấp|khu|khu phố|tổ|tổ dân phố|lần thứ|lớp|kế hoạch số|điều|khoản|"
    r"mục|trung đoàn|sư đoàn)\s+\d+",
    r"(?-i:Chỉ thị|Nghị quyết|Quyết định|Quy định|Kết luận|Hướng dẫn|Công văn|Thông báo|Kế hoạch)\s+(?:số\s+)?\d+",
    r"\d+\s*(?:tuổi|năm|ngày|tháng|giờ|phút|km|ha|tấn|xe|tỷ|triệu đồng|đồng(?! chí| bào)|lượt|điểm cầu|đại biểu|dự án|"
    r"doanh nghiệp|buổi|bài|chuyên đề|người dân(?! tộc)|hộ|học sinh giỏi|giải|trường hợp vi phạm)\b",
    rf"(?<![\d.,])(?:19|20)\d{{2}}(?![\d%]|[.,]\d)(?!{_PEOPLE})",  # bare years (not "2000 đảng viên")
]
MASK = re.compile("|".join(f"(?:{m})" for m in _MASKS), re.IGNORECASE)


MAX_PER_SENTENCE = 60
"""Candidate numbers classified in one sentence (the corpus has at most 22); the rest are counted, not read."""
MAX_PER_ARTICLE = 600
"""Candidate numbers classified in one article (the corpus has at most 45); bounds the facts stage's time."""


@dataclass(frozen=True, slots=True)
class Num:
    """One number mention in a sentence."""

    start: int
    end: int
    value: float
    value_max: float | None
    pct: bool
    qualifier: str
    text: str


def word_value(words: str) -> float:
    """ "sáu" -> 6, "mười lăm" -> 15, "hai mươi mốt" -> 21, "một trăm bốn mươi hai" -> 142, "một nghìn hai trăm" -> 1200."""
    units = {**_WORDS, "mốt": 1, "lăm": 5}
    thousands, total, current = 0, 0, 0
    for word in words.lower().split():
        if word == "mười":
            current = 10
        elif word == "mươi":
            current *= 10
        elif word == "trăm":
            total, current = total + current * 100, 0
        elif word in ("nghìn", "ngàn"):
            thousands, total, current = thousands + ((total + current) or 1) * 1000, 0, 0
        elif word in units:
            current = current + units[word] if current and current % 10 == 0 else units[word]
    return float(thousands + total + current)


def parse_number(text: str) -> float:
    """ "3.011" -> 3011, "56,8" -> 56.8, "02" -> 2, "1,93" -> 1.93."""
    text = re.sub(r"[ \u00a0\u202f]", "", text.strip())
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _scale(value: float, mult: str | None) -> float:
    """Apply "nghìn"/"ngàn"/"triệu"."""
    if mult in ("nghìn", "ngàn"):
        return round(value * 1000, 6)
    if mult == "triệu":
        return round(value * 1_000_000, 6)
    return value


_BEFORE_WINDOW = 20
"""Characters before a number that can hold its qualifier ("xấp xỉ", "ước tính")."""
_AFTER_WINDOW = 60
"""Characters after a number that can hold "… trở lên"."""


def _qualifier(before: str, after: str) -> str:
    """exact/over/nearly/about from the words around a number."""
    for name, rx in _QUAL_BEFORE:
        if rx.search(before[-_BEFORE_WINDOW:]):
            return name
    if _QUAL_AFTER.search(after[:_AFTER_WINDOW]):
        return "over"
    return "exact"


def masked_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of dates, document numbers, village numbers, ages... that are never facts (sorted, disjoint)."""
    return [(m.start(), m.end()) for m in MASK.finditer(sentence)]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]], ends: list[int]) -> bool:
    """Whether [start, end) intersects one of the sorted, disjoint spans (ends: their end offsets)."""
    i = bisect.bisect_right(ends, start)
    return i < len(spans) and spans[i][0] < end


def _around(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The bounded text before and after a mention, for its qualifier."""
    return sentence[max(0, start - _BEFORE_WINDOW) : start], sentence[end : end + _AFTER_WINDOW]


_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")


def _from_match(sentence: str, m: re.Match[str]) -> Num:
    """A Num from a regex match of _MENTION."""
    mult = m.group("mult")
    a = m.group("a")
    if not m.group("pa") and _COMMA_THOUSANDS.fullmatch(a) and re.match(_PEOPLE_AHEAD, sentence[m.end() :]):
        a = a.replace(",", "")  # "2,000 đảng viên": thousands written the English way, not a decimal count
    value = _scale(parse_number(a), mult)
    vmax = _scale(parse_number(m.group("b")), mult) if m.group("b") else None
    pct = bool(m.group("pa") or m.group("pb"))
    qual = _qualifier(*_around(sentence, m.start(), m.end()))
    return Num(m.start(), m.end(), value, vmax, pct, qual, m.group())


def _digit_matches(sentence: str) -> list[re.Match[str]]:
    """Numbers written in digits, outside masked spans and not part of a fraction or dotted run."""
    if not _DIGIT.search(sentence):
        return []  # most sentences: no number, and no need to find dates and document numbers
    spans = masked_spans(sentence)
    ends = [e for _, e in spans]
    out: list[re.Match[str]] = []
    for m in _MENTION.finditer(sentence):
        if _overlaps(m.start("a"), m.end("a"), spans, ends):
            continue
        if sentence[m.end() : m.end() + 1] == "/" and sentence[m.end() + 1 : m.end() + 2].isdigit():
            continue
        if m.start() > 0 and (sentence[m.start() - 1] in "/." or sentence[m.start() - 1] in _CODE_LETTERS):
            continue  # "12/15" and "3.011" parts, codes such as "12A1", "K54" (not a typo like "kết nạp25")
        out.append(m)
    return out


def _word_matches(sentence: str) -> list[re.Match[str]]:
    """Numbers written in words ("mười lăm đảng viên"): a run of number words right before a counted noun."""
    out: list[re.Match[str]] = []
    for m in _WORD_RUN.finditer(sentence):
        if not _COUNTED_NOUN.match(sentence, m.end("w")):
            continue
        if m.group("w").lower() == "một" and not _PARTY_NOUN.match(sentence, m.end("w")):
            continue  # "một chi bộ thuộc…": an article, not a count
        out.append(m)
    return out


def _word_num(sentence: str, m: re.Match[str]) -> Num:
    """A Num from a run of number words."""
    qual = _qualifier(sentence[max(0, m.start() - _BEFORE_WINDOW) : m.start()], "")
    return Num(m.start(), m.end("w"), word_value(m.group("w")), None, False, qual, m.group("w"))


_DIGIT = re.compile(r"\d")
_CODE_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PARTY_NOUN = re.compile(r"(?i)\s*(?:đảng viên|quần chúng|đồng chí)")


def scan_numbers(sentence: str, limit: int | None = None) -> tuple[list[Num], int]:
    """The first `limit` candidate numbers in order and how many candidates there are; linear in the sentence."""
    found = [(m.start(), False, m) for m in _digit_matches(sentence)]
    found += [(m.start(), True, m) for m in _word_matches(sentence)]
    found.sort(key=lambda t: t[0])
    kept = found if limit is None else found[: max(0, limit)]
    return [_word_num(sentence, m) if words else _from_match(sentence, m) for _, words, m in kept], len(found)


def find_numbers(sentence: str) -> list[Num]:
    """Every candidate number (not a date, document number, time, age, village...) in order."""
    return scan_numbers(sentence)[0]


def budgeted(sentence: str, remaining: int) -> tuple[list[Num], int]:
    """A sentence's numbers within the per-sentence and remaining per-article budgets, and how many are left out."""
    nums, total = scan_numbers(sentence, min(MAX_PER_SENTENCE, remaining))
    return nums, total - len(nums)


_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
"""The second number of a "N/YYYY" pair that is a year (a month, a quarter), not a target."""
_FRACTION = re.compile(rf"(?P<a>{NUM})\s*/\s*(?P<b>{NUM})(?![\d/])")


def find_fractions(sentence: str) -> list[tuple[int, int, float, float]]:
    """ "11/15" style achieved/target pairs: (start, end, achieved, target)."""
    out = []
    for m in _FRACTION.finditer(sentence):
        b = parse_number(m.group("b"))
        if _YEAR_LIKE.fullmatch(m.group("b")) or sentence[max(0, m.start() - 1) : m.start()] in "/.-":
            continue  # "6/2024": a month and its year (a target written "3.000" or "3000" is a target)
        out.append((m.start(), m.end(), parse_number(m.group("a")), b))
    return out
