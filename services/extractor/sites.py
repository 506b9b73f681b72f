"""A number in its sentence (Site) and what it is classified as (Cls)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.extractor import vocab as v
from services.extractor.numbers import Num

STOCK = {"members_total", "party_cells", "grassroots_orgs"}
PCT_METRICS = {"admitted_target_pct", "target_attainment_pct", "admission_rate_pct", "members_good_rating_pct"}
MEMBER_NOUNS = {"đảng viên", "đv", "đồng chí", "đ/c"}


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
class Site:
    """A number in its sentence: the clause (since the last ";") and the text since the previous number."""

    text: str
    num: Num
    clause_start: int
    local_start: int
    admit_context: bool
    prev: Cls | None
    after_admission: bool = False  # the previous sentence stated an admission ("Kết quả này đạt 80% kế hoạch")
    breakdown_of: str | None = None  # "Trong đó, …": the percent metric of the previous sentence this one breaks down

    @property
    def low(self) -> str:
        """The sentence in lower case."""
        return self.text.lower()

    @property
    def local(self) -> str:
        """Lower-case text between the previous number (or clause start) and this one."""
        return self.low[self.local_start : self.num.start]

    @property
    def clause(self) -> str:
        """Lower-case text from the clause start to this number."""
        return self.low[self.clause_start : self.num.start]

    @property
    def right(self) -> str:
        """Lower-case text after the number, to the end of the clause."""
        rest = self.low[self.num.end :]
        return rest.split(";", 1)[0]


def per_year(site: Site, after: str = "") -> bool:
    """Stated per year: "bình quân", "hằng năm", "mỗi năm", "/năm"."""
    if v.PER_YEAR.search(site.local):
        return True
    return bool(re.match(r"^\s*(?:%\s*)?(?:(?:đảng viên|đv)\s*)?(?:mới\s*)?/\s*năm", after or site.right))
