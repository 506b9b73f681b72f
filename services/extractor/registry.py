"""The extractor's metric registry: each fact metric of `services.shared.metric_registry` with its cues and confusions.

The shared registry holds what the sink needs (name, unit, Prometheus family); this one extends its entries by name
with what only the extractor reads: the kind of figure (a flow over a period, a stock at a date, a rating), the cue
patterns of `vocab.py` that state it, the confidence cue phrases of `vocab.CONFIDENCE_CUES` / `CONFIDENCE_CUES_AFTER`
(same key), and the metrics it may be confused with and what tells them apart. The cue words stay in `vocab.py`
(patterns and phrases); an entry references them, so a cue is still defined once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.extractor import vocab as v
from services.shared.metric_registry import BY_METRIC, FACT_METRICS, PCT

FLOW, STOCK_KIND, RATING = "flow", "stock", "rating"
"""Kinds of figure: a flow has a period (admissions in 2023), a stock a date (members at the end of 2023), a rating
a share of the membership at an assessment."""


@dataclass(frozen=True, slots=True)
class Confusion:
    """Two metrics the same number could state, and what the rules read to tell them apart."""

    a: str
    b: str
    told_by: str


@dataclass(frozen=True, slots=True)
class MetricVocab:
    """A fact metric as the extractor reads it: unit (from the shared registry), kind, cue kind and cue patterns."""

    name: str
    kind: str
    cue_kind: str | None  # the count cue of rules._cue that states it (admit / target / total / remove / train)
    cues: tuple[re.Pattern[str], ...]  # vocab.py patterns that state the metric near a number
    table_role: str | None = None  # the column role of a table header that states it (vocab.TABLE_HEADER_ROLES)

    @property
    def unit(self) -> str:
        """count or pct, as the shared registry says."""
        return BY_METRIC[self.name].unit

    @property
    def confused_with(self) -> tuple[str, ...]:
        """The metrics a number of this one may be mistaken for (CONFUSIONS)."""
        return tuple(c.b if c.a == self.name else c.a for c in CONFUSIONS if self.name in (c.a, c.b))


METRICS: tuple[MetricVocab, ...] = (
    MetricVocab("admitted", FLOW, "admit", (v.ADMIT, v.ADMIT_AFTER, v.ADMIT_FOR, v.ADMITTED_POOL), "admitted"),
    MetricVocab("admitted_target", FLOW, "target", (v.TARGET, v.QUOTA_NOUN_AFTER), "target"),
    MetricVocab("admitted_target_pct", FLOW, None, (v.PCT_TARGET,)),
    MetricVocab("target_attainment_pct", FLOW, None, (v.TARGET_WORD_AFTER, v.ATTAINMENT_RATE, v.VUOT_BEFORE), "attainment"),
    MetricVocab("admission_rate_pct", FLOW, None, (v.RATE_BEFORE, v.RATE_AFTER), "rate"),
    MetricVocab("members_total", STOCK_KIND, "total", (v.TOTAL, v.MEMBERS_TOTAL_BEFORE, v.MEMBER_OK_AFTER), "total"),
    MetricVocab("party_cells", STOCK_KIND, None, (v.CELL_NOUN, v.CELLS_TOTAL_BEFORE), "cells"),
    MetricVocab("grassroots_orgs", STOCK_KIND, None, (v.ORGS_NOUN,)),
    MetricVocab("members_good_rating_pct", RATING, None, (v.GOOD, v.GOOD_AFTER)),
    MetricVocab("members_removed", FLOW, "remove", (v.REMOVE, v.REMOVE_AFTER)),
    MetricVocab("candidates_trained", FLOW, "train", (v.TRAIN, v.TRAIN_AFTER, v.AWARENESS_COURSE)),
)
BY_NAME = {m.name: m for m in METRICS}
CUE_METRIC = {m.cue_kind: m.name for m in METRICS if m.cue_kind}
"""The metric a count states when its governing cue is of this kind (rules._count_metric)."""
TABLE_METRIC = {m.table_role: (m.name, m.unit) for m in METRICS if m.table_role}
"""The metric and unit of a table column by its header's role (tables.row_facts)."""

CONFUSIONS: tuple[Confusion, ...] = (
    Confusion("admitted", "admitted_target",
              "a target cue (vocab.TARGET: plans, quotas, pledges, obligations) governing the count; a target met "
              "then an admission (TARGET_MET_THEN_ADMIT) is the admission"),
    Confusion("admitted", "candidates_trained",
              "candidate cues (vocab.TRAIN, TRAIN_AFTER): awareness classes, introductions, files pending admission"),
    Confusion("admitted", "members_total",
              "the last strong cue of the clause (rules._last_cue: ADMIT vs TOTAL); a stock list after a stock figure "
              "stays a stock"),
    Confusion("admitted_target", "candidates_trained", "a pending or proposed admission is a candidate, a plan a target"),
    Confusion("members_total", "members_removed", "a removal verb after the count (vocab.REMOVE_AFTER)"),
    Confusion("party_cells", "grassroots_orgs", "the noun after the number (vocab.CELL_NOUN vs ORGS_NOUN)"),
    Confusion("target_attainment_pct", "admission_rate_pct",
              "a plan word after the percent (TARGET_WORD_AFTER) is attainment; a rate word (RATE_BEFORE) is a rate "
              "below RATE_CEILING (30) and an attainment above it"),
    Confusion("target_attainment_pct", "members_good_rating_pct", "a rating phrase (vocab.GOOD) in the clause"),
    Confusion("admission_rate_pct", "members_good_rating_pct", "a rating phrase (vocab.GOOD) in the clause"),
    Confusion("admission_rate_pct", "admitted_target_pct", "a pledge (vocab.PCT_TARGET) with an admission verb"),
    Confusion("target_attainment_pct", "admitted",
              "a share (\"chiếm X%\", vocab.SHARE_BEFORE) is a segment's share of the admitted, never an attainment"),
)

RATE_CEILING = 30.0
"""A percent of the membership admitted in a year is below this; a larger "tỷ lệ … đạt X%" is an attainment."""
STOCK = frozenset(m.name for m in METRICS if m.kind == STOCK_KIND)
"""Stocks: dated at a point in time, never given a flow's period."""
DISCIPLINE = frozenset({"members_removed"})
"""Flows of discipline, not of development: removals (relevance reads them with inspection and discipline matter)."""
DEVELOPMENT = frozenset(m.name for m in METRICS if m.kind != STOCK_KIND) - DISCIPLINE
"""Development figures (every flow and rating but discipline): one of them keeps an article relevant however many
inspection and discipline words it has (relevance.is_relevant). Stocks are membership statistics: relevant, but they do
not outweigh inspection matter. Removals are left out on purpose: a removal figure in an inspection or discipline story
does not make it a development story (with them in, dev, dev2, seeds and tests/heldout* are unchanged; kept out so that
no article anywhere changes)."""
PCT_METRICS = frozenset(m.name for m in FACT_METRICS if m.unit == PCT)
"""Metrics stated in percent."""
COUNT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    *((m.cue_kind, m.cues[0]) for m in METRICS if m.cue_kind and m.cue_kind != "target"),
    ("other", v.NOT_ADMISSION),
)
"""The strong cues of a count (rules._last_cue): the first pattern of each metric with a cue kind (a target is read
apart, before them), and events that are not admissions."""


@dataclass(frozen=True, slots=True)
class AfterCue:
    """A cue read next to a counted noun, before the cues that precede the number govern it ("12 đảng viên bị xóa
    tên", "45 quần chúng tham gia lớp cảm tình Đảng"): `rules._kind` walks AFTER_CUES in order, the first that holds
    gives the count's cue kind."""

    kind: str  # a cue kind of CUE_METRIC, or "other": not a figure of any metric
    rx: re.Pattern[str]  # matched at the start of the text right after the counted noun
    before: bool = False  # searched in the text before the number instead (an admission "… cho" the people counted)
    people_only: bool = False  # only after a noun of people who are not members (never a member noun or a bare number)
    unless_before: re.Pattern[str] | None = None  # not when this is found in the text before the number


AFTER_CUES: tuple[AfterCue, ...] = (
    # "34 trường hợp chuyển sinh hoạt đảng", "5 đảng viên vi phạm" (unless removed: "khai trừ 12 đảng viên vi phạm")
    AfterCue("other", v.NOT_ADMISSION_AFTER, unless_before=v.REMOVE_IN_PHRASE_BEFORE),
    AfterCue("other", v.INTO_YOUTH_UNION_AFTER),  # "kết nạp 350 học sinh vào Đoàn": the Youth Union, not the Party
    AfterCue("other", v.NEGATED_ADMIT_AFTER),  # "50 quần chúng đủ điều kiện nhưng chưa được kết nạp"
    AfterCue("other", v.ELIGIBLE_AFTER, unless_before=v.ADMIT_VERB_RIGHT_BEFORE),  # "trong đó 120 người đủ điều kiện": eligible, not admitted
    AfterCue("target", v.PLAN_AFTER),  # "kết nạp 200 đảng viên là chỉ tiêu đề ra", "… để hoàn thành kế hoạch năm"
    AfterCue("train", v.PENDING_ADMISSION_BEFORE, before=True),  # "đang hoàn thiện thủ tục kết nạp cho 25 quần chúng"
    AfterCue("admit", v.ADMIT_FOR, before=True),  # "tổ chức lễ kết nạp Đảng cho 2 quần chúng ưu tú"
    AfterCue("other", v.ADMITTED_ELSEWHERE_AFTER),  # "… đảng viên được kết nạp trong quân ngũ xuất ngũ về địa phương"
    AfterCue("remove", v.ADMITTED_THEN_REMOVED_AFTER),  # "12 đảng viên được kết nạp năm 2022 bị xóa tên"
    AfterCue("admit", v.ADMIT_AFTER),  # "45 đoàn viên ưu tú được kết nạp vào Đảng"
    AfterCue("admit", v.ADMIT_BY_AGENT_AFTER),  # "215 quần chúng được Ban Thường vụ Huyện ủy ra quyết định kết nạp"
    AfterCue("admit", v.ENTERED_PARTY_AFTER, people_only=True, unless_before=v.NOT_ENTERED_BEFORE),  # "đưa 215 quần chúng vào Đảng"
    AfterCue("train", v.TRAIN_AFTER, people_only=True),  # "60 quần chúng tham gia lớp cảm tình Đảng"
    AfterCue("other", v.LESSER_SANCTION_AFTER),  # "…, 15 đảng viên bị cảnh cáo": a lighter sanction, not a removal
    AfterCue("remove", v.REMOVE_AFTER),  # "12 đảng viên bị xóa tên"
)
"""Cues after the number (and the ceremony "kết nạp … cho" before it), in the order `rules._kind` reads them: a new
after-number cue of a metric is one entry here (its pattern in `vocab.py`), no code."""
