"""Vietnamese number mentions: "3.011", "56,8%", "02", "trên 14.000", "gần 70%", "4-5%", "90 - 100", words."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_MENTION = re.compile(
    rf"(?P<a>{NUM})(?P<pa>\s?%)?"
    rf"(?:\s*(?:-|–|—|đến|tới)\s*(?P<b>{NUM})(?P<pb>\s?%)?(?!\d|/\d))?"
    r"(?:\s+(?P<mult>nghìn|ngàn|triệu)\b)?"
)
_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
    "tám": 8, "chín": 9, "mười": 10,
}
_WORD = r"một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ"
_WORD_MENTION = re.compile(
    r"(?i)(?<![\w])(?<!hàng )(?<!hằng )(?<!mỗi )(?<!trong )(?<!cả )(?<!các )"
    rf"(?P<w>(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười)(?:\s+(?:{_WORD}))*)\s+"
    r"(?=(?:đảng viên|đồng chí|quần chúng|chi bộ|tân binh|đoàn viên|người|học sinh|sinh viên|công nhân|"
    r"giáo viên|học viên|trường hợp|đv)\b)"
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
    r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,%])",  # bare years
]
MASK = re.compile("|".join(f"(?:{m})" for m in _MASKS), re.IGNORECASE)


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
    """ "sáu" -> 6, "mười lăm" -> 15, "hai mươi mốt" -> 21, "một trăm bốn mươi hai" -> 142."""
    units = {**_WORDS, "mốt": 1, "lăm": 5}
    total, current = 0, 0
    for word in words.lower().split():
        if word == "mười":
            current = 10
        elif word == "mươi":
            current *= 10
        elif word == "trăm":
            total, current = total + current * 100, 0
        elif word in units:
            current = current + units[word] if current and current % 10 == 0 else units[word]
    return float(total + current)


def parse_number(text: str) -> float:
    """ "3.011" -> 3011, "56,8" -> 56.8, "02" -> 2, "1,93" -> 1.93."""
    text = text.strip()
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


def _qualifier(before: str, after: str) -> str:
    """exact/over/nearly/about from the words around a number."""
    for name, rx in _QUAL_BEFORE:
        if rx.search(before[-20:]):
            return name
    if _QUAL_AFTER.search(after):
        return "over"
    return "exact"


def masked_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of dates, document numbers, village numbers, ages... that are never facts."""
    return [(m.start(), m.end()) for m in MASK.finditer(sentence)]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) intersects one of the spans."""
    return any(s < end and start < e for s, e in spans)


def _from_match(sentence: str, m: re.Match[str]) -> Num:
    """A Num from a regex match of _MENTION."""
    mult = m.group("mult")
    value = _scale(parse_number(m.group("a")), mult)
    vmax = _scale(parse_number(m.group("b")), mult) if m.group("b") else None
    pct = bool(m.group("pa") or m.group("pb"))
    qual = _qualifier(sentence[: m.start()], sentence[m.end() :])
    return Num(m.start(), m.end(), value, vmax, pct, qual, m.group())


def find_numbers(sentence: str) -> list[Num]:
    """Every candidate number (not a date, document number, time, age, village...) in order."""
    spans = masked_spans(sentence)
    out: list[Num] = []
    for m in _MENTION.finditer(sentence):
        if _overlaps(m.start("a"), m.end("a"), spans):
            continue
        if sentence[m.end() : m.end() + 1] == "/" and sentence[m.end() + 1 : m.end() + 2].isdigit():
            continue
        if m.start() > 0 and sentence[m.start() - 1] in "/.":
            continue
        out.append(_from_match(sentence, m))
    for m in _WORD_MENTION.finditer(sentence):
        if m.group("w").lower() == "một" and not re.match(r"(?i)\s*(?:đảng viên|quần chúng|đồng chí)", sentence[m.end("w") :]):
            continue  # "một chi bộ thuộc…": an article, not a count
        value = word_value(m.group("w"))
        qual = _qualifier(sentence[: m.start()], "")
        out.append(Num(m.start(), m.end("w"), value, None, False, qual, m.group("w")))
    return sorted(out, key=lambda n: n.start)


_FRACTION = re.compile(rf"(?P<a>{NUM})\s*/\s*(?P<b>{NUM})(?![\d/])")


def find_fractions(sentence: str) -> list[tuple[int, int, float, float]]:
    """ "11/15" style achieved/target pairs: (start, end, achieved, target)."""
    out = []
    for m in _FRACTION.finditer(sentence):
        b = parse_number(m.group("b"))
        if b >= 1900 or sentence[max(0, m.start() - 1) : m.start()] in "/.-":
            continue
        out.append((m.start(), m.end(), parse_number(m.group("a")), b))
    return out
