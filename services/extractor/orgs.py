"""Organisation mentions ("Đảng bộ huyện Hiệp Hòa", "TP Móng Cái", "Chi bộ thôn 5") and references
("toàn huyện", "Đảng bộ thành phố", "Tỉnh ủy") resolved within an article."""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from services.extractor import places
from services.extractor.text_norm import fold

_TYPE = (
    r"(?P<type>tỉnh|thành phố|TP\.?\s?|T\.P\.?\s?|Tp\.?\s?|huyện|quận|thị xã|T\.X\.?\s?|TX\.?\s?|xã|phường|thị trấn|đặc khu)"
)
_HEAD = r"(?:Đảng bộ|Đảng ủy|Chi bộ|Ban Thường vụ|Ban Chấp hành Đảng bộ|Thường trực)"
_UY = r"(?P<uy>Tỉnh|Thành|Thị|Huyện|Quận)\s+ủy"
_UP = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ0-9"
_NOT_NAME = r"(?!(?:Thành phố|Tỉnh|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường|Thành ủy|Khối|Ban|Chi bộ)\b)"
_NAMED = re.compile(rf"(?i:(?:{_HEAD}\s+)?(?:{_UY}|{_TYPE}))\s*{_NOT_NAME}(?P<name>[{_UP}][\w'’]*(?:[\s-]+[{_UP}][\w'’]*){{0,4}})")
_REF = re.compile(
    r"(?<!\d )(?:(?i:(?P<head>toàn Đảng bộ|toàn|Đảng bộ|Đảng ủy|Ban Thường vụ)\s+(?P<type>tỉnh|thành phố|huyện|quận|thị xã|phường|xã|thị trấn))"
    r"|(?P<uy>Tỉnh|Thành|Thị|Huyện|Quận)\s+ủy"
    r"|(?P<party>(?i:toàn )?Đảng bộ|Đảng ủy|(?i:toàn (?:tỉnh|huyện|thành phố|thị xã|phường|xã))))"
)
_AGENCY = re.compile(
    r"(?<!\d\s)(?i:(?:Đảng bộ|Đảng ủy|Chi bộ)\s+(?:(?:Khối|Ban|Quân sự|Công an|Bộ đội|Đội|Sở|trường|Cơ quan|Bệnh viện|Trung tâm|Cục|Bộ|Tổng)\b))"
    r"[^,;.()…:]{0,60}|Trường\s+(?:Đại học|Cao đẳng|THPT|THCS)(?:\s+chuyên)?(?:\s+[" + _UP + r"][\w'’-]*){1,6}"
    r"|(?i:Công an|Quân sự|Biên phòng)\s+(?:tỉnh|thành phố|huyện)"
)
_CELL = re.compile(
    r"(?i:Chi bộ)\s+(?P<rest>(?i:tổ dân phố|khu phố|thôn|khu|ấp|xóm|bản|buôn|làng|plei|bon|sóc|khóm)\s+"
    rf"(?P<village>[^\s,;.]+(?:\s+[A-ZĐ][^\s,;.]*){{0,3}})(?:,?\s*(?:xã|phường|thị trấn)\s+[{_UP}][^\s,;.]*(?:\s+[{_UP}][^\s,;.]*){{0,2}})?)"
)
_STOP = re.compile(
    r"(?i:\s+và\s+(?=huyện|quận|thị xã|thành phố|tỉnh|Đảng bộ|Đảng ủy|TP)).*$|\s+(?:kết|đã|có|đạt|chỉ|phát|với|hiện|là|luôn|được|sẽ|vừa|trực thuộc|thực|cũng|tổ chức|tập|"
    r"chú|quan tâm|đề|giao|phấn|tiếp|bồi|xác|ban hành|kịp|thống|cho|về|tại|nâng|trong|của|vượt|tăng|giảm|năm|hiện|đề ra)\b.*$"
)
WHOLE_PARTY = re.compile(r"(?i)toàn Đảng(?!\s*bộ)|cả nước|toàn quốc|Trung ương Đảng")
TYPE_LEVEL = {
    "tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district", "tx": "district",
    "xã": "commune", "phường": "commune", "thị trấn": "commune", "đặc khu": "commune",
}
UY_TYPE = {"tỉnh": "tỉnh", "thành": "thành phố", "thị": "thị xã", "huyện": "huyện", "quận": "quận"}


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation as the text names it, its bare place name and level."""

    text: str
    place: str | None
    level: str
    type: str | None = None  # tỉnh / thành phố / huyện / ... of the place, None for cells and agencies


@dataclass(frozen=True, slots=True)
class Mention:
    """An organisation mention at a position of a sentence (ref: needs resolving)."""

    start: int
    end: int
    org: Org
    ref: bool = False


def canon_type(raw: str) -> str:
    """ "TP." / "T.P" / "Tp" -> "thành phố", "T.X" -> "thị xã", else the lower-case word."""
    t = fold(raw).replace(" ", "")
    if t in ("tp", "thanhpho"):
        return "thành phố"
    if t == "tx":
        return "thị xã"
    return raw.strip().lower()


def capital_words(text: str, limit: int = 5) -> str | None:
    """The leading run of capitalised words (or a number: "Quận 1"), without trailing punctuation."""
    words: list[str] = []
    text = re.sub(r"(?<=\w)\s*[-–]\s*(?=[A-ZĐ])", lambda m: m.group().replace(" ", "\u2060"), text.strip())
    for word in re.split(r"\s+", text)[:limit]:
        word = word.replace("\u2060", " ")
        core = word.strip(",;.:()“”\"…").strip("'’")
        if not core or not (core[0].isupper() or (core.isdigit() and not words)):
            break
        words.append(core)
        if core != word:
            break
    return " ".join(words) or None


def level_of(type_: str, place: str | None) -> str:
    """Level from the place type; a "thành phố" is a province when centrally governed."""
    if type_ == "thành phố":
        return "province" if place and places.ALIASES.get(fold(place), fold(place)) in places.CENTRAL_CITIES else "district"
    return TYPE_LEVEL.get(type_, "other")


_MEMO = 4096
"""Sentences whose mentions are memoized: attribution reads each sentence's mentions twice (the article's named
organisations first, then the sentence in turn); mentions are a pure function of the sentence. The memo holds one
article (`new_article` empties it), so one article is never faster for the one read before it."""


def _named(sentence: str) -> list[Mention]:
    """Typed, named mentions: "Đảng bộ huyện Hiệp Hòa", "TP Móng Cái", "Huyện ủy Lục Ngạn"."""
    return list(_named_memo(sentence))


@functools.lru_cache(maxsize=_MEMO)
def _named_memo(sentence: str) -> tuple[Mention, ...]:
    """_named, memoized."""
    out = []
    for m in _NAMED.finditer(sentence):
        name = capital_words(m.group("name"))
        if name and name.startswith("Đoàn "):
            name = name[len("Đoàn ") :]  # "Quận Đoàn Thanh Khê": the district's Youth Union, in Thanh Khê
        if not name or fold(name) in ("dang", "uy", "ban", "doan") or _shouted(name):
            continue
        type_ = canon_type(m.group("type")) if m.group("type") else UY_TYPE[m.group("uy").lower()]
        if name[0].isdigit() and type_ not in ("quận", "phường"):
            continue  # only urban units are numbered ("Quận 1", "Phường 4"); "tỉnh 47.174 …" is a count
        end = sentence.find(name, m.start("name")) + len(name)
        place = places.canonical(name)
        org = Org(sentence[m.start() : end], place, level_of(type_, place), type_)
        out.append(Mention(m.start(), end, org))
    return tuple(out)


_HEAD_BARE = re.compile(rf"(?:Đảng bộ|Đảng ủy)\s+{_NOT_NAME}(?P<name>[{_UP}][\w]*(?:\s+[{_UP}][\w]*){{0,3}})")


def _head_bare(sentence: str) -> list[Mention]:
    """ "Đảng bộ Hà Nội": a party head followed by a bare gazetteer name."""
    out = []
    for m in _HEAD_BARE.finditer(sentence):
        name = capital_words(m.group("name"), 4)
        if not name or not places.is_known(name):
            continue
        units = places.candidates(name, "province")
        type_ = "tỉnh" if units else "huyện"
        end = m.start("name") + len(name)
        org = Org(sentence[m.start() : end], places.canonical(name), "province" if units else "district", type_)
        out.append(Mention(m.start(), end, org))
    return out


def _shouted(name: str) -> bool:
    """An all-capitals headline word run that is not a known place ("LẦN THỨ XIII", "EASÚP")."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters) and not places.is_known(name)


def typed_places(sentence: str) -> list[Org]:
    """Every typed place of a sentence, also those inside agency names ("Khối … tỉnh Thái Nguyên")."""
    return [m.org for m in _named(sentence)]


def _agencies(sentence: str) -> list[Mention]:
    """Agencies and cells: "Đảng bộ Khối doanh nghiệp tỉnh", "Chi bộ thôn 5, xã Hương Liên", "Công an tỉnh"."""
    out = []
    for m in _CELL.finditer(sentence):
        inner = _named(m.group("rest"))
        place = inner[-1].org.place if inner else None
        out.append(Mention(m.start(), m.end(), Org(m.group().strip(), place, "cell")))
    for m in _AGENCY.finditer(sentence):
        text = _STOP.sub("", m.group()).strip(" -–")
        level = "cell" if text.lower().startswith("chi bộ") else "agency"
        out.append(Mention(m.start(), m.start() + len(text), Org(text, _inner_place(text), level, _suffix_type(text))))
    return out


def _inner_place(text: str) -> str | None:
    """A named place inside an organisation name ("... tỉnh Thái Nguyên", "... Lục Ngạn")."""
    inner = _named(text)
    if inner:
        return inner[-1].org.place
    words = re.findall(r"[^\s,;.()]+", text)
    for size in (4, 3, 2):
        for i in range(len(words) - size, 0, -1):
            cand = " ".join(words[i : i + size])
            if all(w[0].isupper() for w in cand.split()) and places.is_known(cand):
                return cand
    return None


def _suffix_type(text: str) -> str | None:
    """ "... thành phố" / "... tỉnh" at the end of an agency name: its place is the article's city or province."""
    m = re.search(r"(?i)\b(tỉnh|thành phố|huyện|thị xã|quận|TP)\.?\s*$", text)
    return canon_type(m.group(1)) if m else None


def _refs(sentence: str) -> list[Mention]:
    """Unnamed references: "toàn huyện", "Đảng bộ thành phố", "Tỉnh ủy", "toàn Đảng bộ"."""
    out = []
    for m in _REF.finditer(sentence):
        after = sentence[m.end() : m.end() + 30]
        if capital_words(after, 1) and not m.group("party"):
            continue
        if m.group("type"):
            type_: str | None = m.group("type").lower()
        elif m.group("uy"):
            type_ = UY_TYPE[m.group("uy").lower()]
        else:
            party = m.group("party").lower()
            type_ = party.split(" ", 1)[1] if party.startswith("toàn ") and "đảng" not in party else None
            if type_ is None and re.search(r"(?i)(?:các|những|mỗi|cấp|của)\s*$", sentence[: m.start()]):
                continue
        level = level_of(type_, None) if type_ else "other"
        out.append(Mention(m.start(), m.end(), Org(m.group().strip(), None, level, type_), ref=True))
    bare = _BARE_TYPE.match(sentence)
    if bare:
        type_ = canon_type(bare.group("type"))
        org = Org(bare.group("type"), None, level_of(type_, None), type_)
        out.append(Mention(bare.start("type"), bare.end("type"), org, ref=True))
    return out


_BARE_TYPE = re.compile(r"^\W*(?:Riêng\s+|Cả\s+)?(?P<type>Tỉnh|Huyện|Thành phố|Thị xã|Quận|Xã|Phường|Thị trấn)(?=\s+(?:đã|đang|sẽ|phấn đấu|có|hiện|kết nạp|phát triển|tiếp tục|luôn|đặt|cũng)\b)")


def mentions(sentence: str) -> list[Mention]:
    """All organisation mentions of a sentence, without overlaps (named > agency > reference)."""
    return list(_mentions_memo(sentence))


@functools.lru_cache(maxsize=_MEMO)
def _mentions_memo(sentence: str) -> tuple[Mention, ...]:
    """mentions, memoized."""
    found: list[Mention] = []
    starts: list[int] = []  # the found mentions by start, disjoint, so their ends ascend too: one bisect finds an overlap
    ends: list[int] = []
    for group in (_agencies(sentence), _named(sentence), _head_bare(sentence), _refs(sentence)):
        for mention in group:
            i = bisect.bisect_left(starts, mention.end)  # found[:i] start before this mention ends
            if i and ends[i - 1] > mention.start:
                continue
            starts.insert(i, mention.start)
            ends.insert(i, mention.end)
            found.append(mention)
    return tuple(sorted(found, key=lambda x: x.start))


_NAMED_AFTER = re.compile(r"(?i)(?:chủ tịch|đồng chí|ông|bà|anh|chị|đường|phố|cầu|chợ|quần chúng|đảng viên)\s*$")


def _capitalised_runs(text: str) -> list[tuple[int, list[str]]]:
    """Runs of 2+ space-separated words that start with a capital letter, with their start offsets."""
    runs: list[tuple[int, list[str]]] = []
    start, end = -1, -2
    words: list[str] = []
    for m in re.finditer(r"[\w]+", text):
        word = m.group()
        if word[0].isupper() and m.start() == end + 1 and text[end] == " " and words:
            words.append(word)
        elif word[0].isupper() and not word[0].isdigit():
            if len(words) >= 2:
                runs.append((start, words))
            start, words = m.start(), [word]
        else:
            if len(words) >= 2:
                runs.append((start, words))
            words = []
        end = m.end()
    if len(words) >= 2:
        runs.append((start, words))
    return runs


def bare_places(text: str) -> list[str]:
    """Capitalised runs of 2-4 words that are gazetteer places (for "Hiệp Hòa với..." titles)."""
    return list(_bare_places_memo(text))


@functools.lru_cache(maxsize=4)
def _bare_places_memo(text: str) -> tuple[str, ...]:
    """bare_places, memoized (attribution and place resolution both read an article's)."""
    out = []
    for start, words in _capitalised_runs(text):
        if _NAMED_AFTER.search(text[max(0, start - 25) : start]):
            continue  # "đồng chí Lê Lợi", "đường Hùng Vương": a person or a street, not a place
        i = 0
        while i < len(words):
            if fold(" ".join(words[i : i + 3])) == "ho chi minh":
                i += 3  # the name of the Youth Union, the city or the leader, never "Chí Minh"
                continue
            for size in range(min(4, len(words) - i), 1, -1):
                cand = " ".join(words[i : i + size])
                if fold(cand) != "ho chi minh" and not _shouted(cand) and places.is_known(cand):
                    out.append(cand)
                    i += size - 1
                    break
            i += 1
    return tuple(out)


def new_article() -> None:
    """Empty the memoized mentions and bare places of the previous article."""
    _named_memo.cache_clear()
    _mentions_memo.cache_clear()
    _bare_places_memo.cache_clear()


class Resolver:
    """Resolves references against the named organisations of one article."""

    def __init__(self, all_mentions: list[Mention], text: str, typed: list[Org] | None = None) -> None:
        """Index the article's named organisations and bare place names."""
        self.named = [m.org for m in all_mentions if not m.ref and m.org.type and m.org.place] + (typed or [])
        self.bare = Counter(bare_places(text))
        head = text.lstrip().split("\n", 1)[0]
        for name in bare_places(head[:40]):
            if head.startswith(name):
                self.bare[name] += 1  # a headline opening with a place ("Lào Cai kết nạp …") names the article's unit
        self.recent: dict[str, Org] = {}
        self.cells: dict[str, str] = {}
        self.agencies: dict[str, Org] = {}
        self.last_typed: Org | None = None
        self.last_commune: Org | None = None
        self.main = self._main(all_mentions)

    def _by_type(self, type_: str) -> Org | None:
        """The most recent, else the most frequent, named organisation of a place type."""
        if type_ in self.recent:
            return self.recent[type_]
        same = [o for o in self.named if o.type == type_]
        if same:
            return Counter(same).most_common(1)[0][0]
        level = level_of(type_, None)
        for name, _ in self.bare.most_common():
            kinds = [u.kind for u in places.candidates(name, level)]
            if kinds and (level != "province" or "province" in kinds):
                level = level_of(type_, name) if type_ != "tỉnh" else "province"
                return Org(canonical_label(type_, name) or name, name, level, type_)
        return None

    def _main(self, all_mentions: list[Mention]) -> Org | None:
        """The article's own organisation: the place type it mentions most (ties: the higher level)."""
        types = Counter(m.org.type for m in all_mentions if m.org.type and m.org.level != "cell")
        rank = {"province": 0, "district": 1, "commune": 2}
        scored: list[tuple[int, int, Org]] = []
        for type_, n in types.items():
            org = self._by_type(type_)
            if org and org.place:
                scored.append((-n, rank.get(org.level, 3), org))
        for name, n in self.bare.most_common():
            units = places.candidates(name, "other")
            if n >= 2 and units and not any(fold(o.place) == fold(name) for *_, o in scored):
                level = {"province": "province", "district": "district"}.get(units[0].kind, "commune")
                type_ = {"province": "tỉnh", "commune": "xã"}.get(level, "huyện")
                org = Org(canonical_label(type_, name) or name, places.canonical(name), level, type_)
                scored.append((-n, rank.get(level, 3), org))
        return min(scored, key=lambda s: (s[0], s[1]))[2] if scored else None

    def see(self, org: Org, ref: bool = False) -> None:
        """Remember a named organisation as the latest of its type (and cells by their name)."""
        if org.place and org.level in ("province", "district", "commune"):
            self.last_typed = org
        if org.place and org.level == "commune" and not ref:
            self.last_commune = org
        if ref:
            return
        if org.type and org.place:
            self.recent[org.type] = org
        if org.level == "cell" and org.place:
            self.cells[_cell_key(org.text)] = org.place
        if org.level == "agency" and org.place:
            self.agencies[_agency_key(org.text)] = org

    def resolve(self, mention: Mention) -> Org:
        """A reference with its place filled in (org text kept as written)."""
        org = mention.org
        if not mention.ref:
            if org.level == "cell" and not org.place:
                communes = [o for o in self.named if o.level == "commune"]
                last = self.last_commune or (communes[0] if communes else None)
                commune = last.place if last else _village(org.text)
                return replace(org, place=self.cells.get(_cell_key(org.text), commune))
            if org.level == "agency" and not org.place and _agency_key(org.text) in self.agencies:
                full = self.agencies[_agency_key(org.text)]
                return full if len(full.text) > len(org.text) else replace(org, place=full.place)
            if org.level == "agency" and not org.place and org.type:
                target = self._by_type(org.type)
                return replace(org, place=target.place if target else None)
            return org
        target = self._by_type(org.type) if org.type else (self.last_typed or self.main)
        if target is None:
            return org
        label = canonical_label(target.type, target.place) or org.text
        return replace(org, text=label, place=target.place, level=target.level, type=target.type)


def _village(text: str) -> str | None:
    """The named village of a cell ("Chi bộ buôn Cư Dluê" -> "Cư Dluê"; numbered villages: None)."""
    m = _CELL.match(text)
    village = capital_words(m.group("village"), 4) if m else None
    return village if village and not village[0].isdigit() else None


def canonical_label(type_: str | None, place: str | None) -> str | None:
    """A readable organisation label from a place type and name ("Đảng bộ huyện Hiệp Hòa")."""
    if not type_ or not place or (type_ not in TYPE_LEVEL and type_ != "thành phố"):
        return None
    return f"Đảng bộ {type_} {place}"


def _cell_key(text: str) -> str:
    """A cell's own name without the commune that follows it ("chi bộ thôn 5")."""
    return fold(text.split(",")[0])


def _agency_key(text: str) -> str:
    """The kind of an agency ("khoi", "quan su", "cong an") for short references like "Đảng ủy Khối"."""
    words = fold(re.sub(r"(?i)^(?:đảng bộ|đảng ủy|chi bộ)\s+", "", text)).split()
    return " ".join(words[:2]) if words[:1] != ["khoi"] else "khoi"
