"""Stage 1, candidates: an article's lines, and every number of a sentence with its clause and neighbours.

Pure: text in, plain records out (`Line`, `Candidate`). Nothing here decides what a number states
(classification, `rules.py`) or whose it is (attribution, `attribute.py`). The records are in `sites.py`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from services.extractor import tables
from services.extractor import vocab as v
from services.extractor.numbers import MAX_PER_ARTICLE, Num, budgeted, find_fractions
from services.extractor.sites import Candidate
from services.extractor.text_norm import paragraphs, sentences


@dataclass(frozen=True, slots=True)
class Line:
    """A sentence of the article, or a flattened table line with its cells and the column roles in force."""

    text: str
    cells: list[str] | None = None  # a table row ("a | b | c"), None for prose
    roles: list[str | None] | None = None  # the roles of the header above it (or its own, for a header)
    header: bool = False

    @property
    def counter(self) -> bool:
        """A page counter or comment line ("Lượt truy cập: 1.234"): no facts."""
        return bool(v.COUNTER_LINE.search(self.text))


def all_sentences(text: str, title: str | None) -> list[str]:
    """The title (if any) then every sentence of the text."""
    out = [title.strip()] if title and title.strip() else []
    for _, para in paragraphs(text):
        out.extend(sentences(para))
    return out


def without_related(text: str) -> str:
    """The text before a list of other articles ("Tin liên quan", "Các tin khác" on a line of its own after prose),
    without the dated titles of other articles ("Huyện Yên Thế kết nạp 120 đảng viên mới (12/05/2023)")."""
    seen, kept = 0, []
    for line in text.split("\n"):
        if seen >= MIN_PROSE_BEFORE_RELATED and v.RELATED_LABEL_LINE.match(line):
            break
        teaser = seen >= MIN_PROSE_BEFORE_RELATED and v.TEASER_LINE.match(line.strip())
        kept.append("" if teaser else line)
        seen += len(line.strip())
    return "\n".join(kept)


MIN_PROSE_BEFORE_RELATED = 100
"""Characters of text a related-articles label must follow to end the article (a menu's "Tin mới" at the top does not)."""


def without_cut_number(text: str) -> str:
    """The text without the number its cut-off last sentence ends in ("… năm 2010 kết nạp 1" may have been "1.052")."""
    body = text.rstrip()
    last = body.rsplit("\n", 1)[-1]
    cut = v.CUT_NUMBER.search(last)
    if not cut or "|" in last or len(last.split()) < 4:
        return text
    return body[: len(body) - len(last) + cut.start()]


def lines(sents: list[str]) -> list[Line]:
    """Each sentence as a line: a table header (its column roles), a table row (the roles above it), or prose."""
    out: list[Line] = []
    roles: list[str | None] | None = None
    for sent in sents:
        row = tables.cells(sent)
        header = tables.header_roles(row) if row else None
        roles = header or (roles if row else None)
        out.append(Line(sent, row, roles, header is not None))
    return out


@dataclass
class Budget:
    """Candidate numbers an article may still have read, and how many were left unread."""

    left: int = MAX_PER_ARTICLE
    over: int = 0

    def take(self, sentence: str) -> list[Num]:
        """A sentence's numbers within the per-sentence and remaining per-article budgets (the rest counted as over)."""
        nums, skipped = budgeted(sentence, self.left)
        self.left, self.over = self.left - len(nums), self.over + skipped
        return nums


_SEMI = re.compile(";")
_SEP = r"\s*(?:,\s*và|,|và)\s*"


def in_sentence(sentence: str, nums: list[Num], masked: list[tuple[int, int]]) -> list[Candidate]:
    """The candidates of a sentence: its numbers outside the masked spans (periods), each with its clause and the text
    since the previous candidate."""
    out: list[Candidate] = []
    semis = [m.start() for m in _SEMI.finditer(sentence)]
    prev_end = 0
    for num in nums:
        if any(s <= num.start < e for s, e in masked):
            continue
        start = clause_start(semis, num.start)
        out.append(Candidate(sentence, num, start, max(start, prev_end)))
        prev_end = num.end
    return out


def clause_start(semis: list[int], pos: int) -> int:
    """Start of the clause holding a position: just after the last ";" before it (semis: positions of ";")."""
    i = bisect.bisect_left(semis, pos)
    return semis[i - 1] + 1 if i else 0


def fractions(sentence: str) -> list[tuple[Candidate, float]]:
    """ "48/204", "Thanh Hải 11/15": each fraction as a candidate for its first number, with the second."""
    out = []
    semis = [m.start() for m in _SEMI.finditer(sentence)]
    for start, end, got, target in find_fractions(sentence):
        num = Num(start, end, got, None, False, "exact", sentence[start:end])
        clause = clause_start(semis, start)
        out.append((Candidate(sentence, num, clause, clause), target))
    return out


def groups(sentence: str, nums: list[Num]) -> list[list[Num]]:
    """Runs of numbers joined only by "," / "và": "lần lượt 46 và 39", "với 14 và 11"."""
    runs: list[list[Num]] = []
    for num in nums:
        if runs and re.fullmatch(_SEP, sentence[runs[-1][-1].end : num.start]):
            runs[-1].append(num)
        else:
            runs.append([num])
    return [g for g in runs if len(g) >= 2]


def opens_breakdown(sentence: str) -> bool:
    """A sentence opening with "Trong đó", "Trong số", "Phân loại", "Cơ cấu", "Cụ thể": it breaks down the one before."""
    return bool(v.BREAKDOWN_OPENER.match(sentence))


def labelled_opening(sentence: str) -> bool:
    """A sentence that opens with one segment label and no verb ("Đảng viên là phụ nữ: 70.457 đồng chí"): a list item."""
    head = re.split(r"\d", sentence, maxsplit=1)[0]
    if len(head) > 60 or v.ADMIT.search(head) or v.TOTAL.search(head) or v.TARGET.search(head):
        return False
    return len(set(v.segments_in(head))) == 1
