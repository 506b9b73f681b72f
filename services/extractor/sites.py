"""The records between the facts engine's stages: a number in its sentence (Candidate), the same number with what
classification knows of the sentence so far (Site), and what it is classified as (Cls)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from services.extractor import vocab as v
from services.extractor.numbers import Num
from services.extractor.registry import PCT_METRICS, STOCK

__all__ = ["MEMBER_NOUNS", "PCT_METRICS", "STOCK", "WINDOW", "Candidate", "Cls", "Site", "lower", "per_year"]

MEMBER_NOUNS = {"đảng viên", "đv", "đ/v", "đồng chí", "đ/c"}
WINDOW = 500
"""Characters around a number the rules read (longer than any sentence of the corpus; bounds work per number)."""


@dataclass(frozen=True, slots=True)
class Cls:
    """A classified number: metric, segment, unit and how the figure is stated."""

    metric: str
    segment: str
    unit: str
    per_year: bool
    value: float
    note: str | None = None
    list_item: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A number in its sentence: the clause (since the last ";") and the text since the previous number."""

    text: str
    num: Num
    clause_start: int
    local_start: int

    @property
    def low(self) -> str:
        """The sentence in lower case (computed once per sentence)."""
        return lower(self.text)

    @property
    def local(self) -> str:
        """Lower-case text between the previous number (or clause start) and this one, at most WINDOW characters."""
        return self.low[max(self.local_start, self.num.start - WINDOW) : self.num.start]

    @property
    def clause(self) -> str:
        """Lower-case text from the clause start to this number, at most WINDOW characters."""
        return self.low[max(self.clause_start, self.num.start - WINDOW) : self.num.start]

    @property
    def prefix(self) -> str:
        """Lower-case text of the sentence before this number, at most WINDOW characters."""
        return self.low[max(0, self.num.start - WINDOW) : self.num.start]

    @property
    def around(self) -> str:
        """Lower-case text within WINDOW characters of this number, on both sides."""
        return self.low[max(0, self.num.start - WINDOW) : self.num.end + WINDOW]

    @property
    def right(self) -> str:
        """Lower-case text after the number, to the end of the clause, at most WINDOW characters."""
        rest = self.low[self.num.end : self.num.end + WINDOW]
        return rest.split(";", 1)[0]


@dataclass(frozen=True, slots=True)
class Site(Candidate):
    """A candidate with what classification knows of the sentence so far: the previous classified number and context."""

    admit_context: bool
    prev: Cls | None
    after_admission: bool = False  # the previous sentence stated an admission ("Kết quả này đạt 80% kế hoạch")
    breakdown_of: str | None = None  # "Trong đó, …": the percent metric of the previous sentence this one breaks down
    plan_item: bool = False  # an item of a list under a plan's heading ("Chỉ tiêu năm 2024:" / "- Kết nạp 250 đảng viên")
    plan_follows: bool = False  # "Theo đó, …", "Trong đó, …" after a sentence that stated a target and no admission


@functools.lru_cache(maxsize=4)
def lower(sentence: str) -> str:
    """A sentence in lower case, memoized: every number of a sentence reads it."""
    return sentence.lower()


def per_year(site: Site, after: str = "") -> bool:
    """Stated per year: "bình quân", "hằng năm", "mỗi năm", "/năm"."""
    if v.PER_YEAR.search(site.local):
        return True
    return bool(re.match(r"^\s*(?:%\s*)?(?:(?:đảng viên|đv)\s*)?(?:mới\s*)?/\s*năm", after or site.right))
