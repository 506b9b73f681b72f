"""How sure the extractor is of one fact (0-1), from evidence the rules already have; weights are data (confidence.json)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.extractor import registry, tables, vocab
from services.extractor.numbers import Num
from services.extractor.sites import Cls

DATA: dict[str, Any] = json.loads((Path(__file__).with_name("confidence.json")).read_text(encoding="utf-8"))
"""Base confidence per metric, the weight of each piece of evidence, penalties and thresholds (the phrases are in
`vocab.py`)."""
_LOOK_BACK = 160
"""Characters before a number searched for its cue, obligations and candidate words (within its clause)."""
_LOOK_AHEAD = 40
"""Characters after a number searched for a trailing cue ("đạt 105% kế hoạch") or a share ("…, chiếm 67,9%")."""


def _phrases(words: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern for a list of cue phrases (whole words)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)", flags)


CUES = {metric: _phrases(words) for metric, words in vocab.CONFIDENCE_CUES.items()}
CUES_AFTER = {metric: _phrases(words) for metric, words in vocab.CONFIDENCE_CUES_AFTER.items()}
DISTRIBUTIVE = _phrases(vocab.DISTRIBUTIVE_PHRASES)
SURPLUS = _phrases(vocab.SURPLUS_PHRASES)
BREAKDOWN = _phrases(vocab.BREAKDOWN_PHRASES)
OBLIGATION = _phrases(vocab.OBLIGATION_PHRASES, 0)  # lower-case words only: "Cần Thơ" is a place, "cần" an obligation
CANDIDATE = _phrases(vocab.CANDIDATE_PHRASES)
SHARE = _phrases(vocab.SHARE_PHRASES)
SHARE_OF = _phrases(vocab.SHARE_OF_PHRASES)
NOT_SHARE_OF = _phrases(vocab.NOT_SHARE_OF_PHRASES)
_SHARE_NEXT = re.compile(r"^\s*\)?\s*(?:" + "|".join(re.escape(w) for w in vocab.SHARE_OF_PHRASES) + ")", re.IGNORECASE)
FLOW = frozenset(m.name for m in registry.METRICS if m.kind == registry.FLOW)
"""Metrics with a period: a fact of one without a period loses `period_missing` (stocks have a date instead)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the rules knew when they stated a fact."""

    metric: str
    cue: str  # near / far / none: the metric's cue phrase within near_chars of the number, in its clause, or absent
    org: str  # placed / unplaced / none
    period: bool
    table: bool
    list_item: bool
    obligation: bool  # an admission stated as an obligation or plan ("phải kết nạp", "phấn đấu", "giao chỉ tiêu")
    candidate: bool  # an admission next to candidate / training words ("quần chúng ưu tú", "lớp cảm tình")
    share_after: bool  # a count followed by its share of a total ("59.776 đồng chí, chiếm 67,9% tổng số …")
    share_pct: bool  # a share, not an attainment or a rate ("chiếm 67,9% tổng số …", "… dân số", "tỷ lệ đảng viên nữ đạt …")
    segment_label: bool  # a count for everyone right after a segment's label ("Đoàn viên TNCS …: 59.776 đồng chí")
    distributive: bool  # a count of each unit, not of all ("mỗi nơi 4 đảng viên")
    breakdown_lead: bool  # "Trong số 60 đảng viên mới …, có 36 …": a part of a total stated before it
    surplus: bool  # an admission count stated as a surplus over a target or an increase ("vượt … trên 500")
    vuot_below_100: bool  # "vượt 30% chỉ tiêu" read as an attainment of 30
    small: str  # "stock": members below min_members; "admitted": an admission below small_admitted; "" otherwise


def _clause(sentence: str, num: Num) -> tuple[str, str]:
    """Text of the number's clause before it (bounded) and just after it."""
    start = max(0, num.start - _LOOK_BACK)
    before = sentence[start : num.start].rsplit(";", 1)[-1]
    after = sentence[num.end : num.end + _LOOK_AHEAD].split(";", 1)[0]
    return before, after


def _cue(metric: str, before: str, after: str) -> str:
    """near / far / none: where the metric's own cue phrase stands relative to the number."""
    rx, rx_after = CUES.get(metric), CUES_AFTER.get(metric)
    ends = [m.end() for m in rx.finditer(before)] if rx else []
    near = int(DATA["near_chars"])
    if (ends and len(before) - ends[-1] <= near) or (rx_after and rx_after.search(after[:near])):
        return "near"
    return "far" if ends else "none"


def _breakdown_lead(before: str) -> bool:
    """ "Trong số …, có N": the clause opens a breakdown and the number follows "có" / "là"."""
    return bool(BREAKDOWN.search(before) and vocab.PART_OF_BEFORE.search(before))


def _surplus(before: str) -> bool:
    """A surplus or increase word after the last admission cue before the number ("kết nạp …, vượt … trên 500")."""
    admit = [m.end() for m in CUES["admitted"].finditer(before)]
    return bool(SURPLUS.search(before[admit[-1] if admit else 0 :][-60:]))


def _small(cls: Cls) -> str:
    """Whether a count is implausibly small for its metric."""
    if cls.metric == "members_total" and cls.value < int(DATA["min_members"]):
        return "stock"
    if cls.metric == "admitted" and cls.unit == "count" and cls.segment == "all" and cls.value < int(DATA["small_admitted"]):
        return "admitted"
    return ""


def _share_of_total(after: str) -> bool:
    """ "…, chiếm 67,9% tổng số đảng viên được kết nạp": the count is one part of a stated total."""
    m = SHARE.search(after[:20])
    return bool(m and SHARE_OF.search(after[m.end() : m.end() + 40]) and not NOT_SHARE_OF.search(after[m.end() : m.end() + 40]))


def _labelled(before: str) -> bool:
    """A segment named after the last "," / ";" before the number ("…; là phụ nữ 35.658 đồng chí")."""
    tail = vocab.CLAUSE_PART_SEP.split(before[-60:])[-1]
    return bool(vocab.segments_in(tail)) and not vocab.ADMIT_VERB_ANY_CASE.search(tail)


def _share_pct(metric: str, before: str, after: str) -> bool:
    """A percent stated as a share of a total or of the population rather than against a target."""
    if metric == "target_attainment_pct":
        stated = SHARE.search(before[-20:]) and not NOT_SHARE_OF.search(after[:30])
        return bool(stated or _SHARE_NEXT.match(after))
    if metric == "admission_rate_pct":
        population = NOT_SHARE_OF.search(after[:30]) and vocab.POPULATION_WORD.search(after[:30].lower())
        rate = [m.end() for m in CUES["admission_rate_pct"].finditer(before)]
        return bool(population or (rate and vocab.segments_in(before[rate[-1] :])))
    return False


def evidence(cls: Cls, num: Num, org_place: str | None, org_found: bool, period: bool, sentence: str) -> Evidence:
    """The evidence of one classified number in its sentence (period: whether a period was found)."""
    before, after = _clause(sentence, num)
    admitted = cls.metric == "admitted" and cls.unit == "count"
    return Evidence(
        metric=cls.metric,
        cue=_cue(cls.metric, before, after),
        org="none" if not org_found else ("placed" if org_place else "unplaced"),
        period=period,
        table=tables.cells(sentence) is not None,
        list_item=cls.list_item,
        obligation=admitted and bool(OBLIGATION.search(before[-40:])),
        candidate=admitted and bool(CANDIDATE.search(before[-60:]) or CANDIDATE.search(after)),
        share_after=cls.unit == "count" and cls.segment == "all" and _share_of_total(after),
        share_pct=_share_pct(cls.metric, before, after),
        segment_label=cls.unit == "count" and cls.segment == "all" and _labelled(before),
        distributive=cls.unit == "count" and bool(DISTRIBUTIVE.search(before[-30:])),
        breakdown_lead=admitted and cls.segment == "all" and _breakdown_lead(before),
        surplus=admitted and cls.segment == "all" and _surplus(before),
        vuot_below_100=cls.metric == "target_attainment_pct" and cls.value < 100 and bool(vocab.EXCEED.search(before[-15:].lower())),
        small=_small(cls),
    )


FLAG_WEIGHTS: tuple[tuple[str, str], ...] = (
    ("table", "table"), ("list_item", "list_item"), ("obligation", "obligation_admitted"),
    ("candidate", "candidate_admitted"), ("share_after", "share_after"), ("share_pct", "share_pct"),
    ("segment_label", "segment_label"), ("distributive", "distributive"), ("breakdown_lead", "breakdown_lead"),
    ("surplus", "surplus"), ("vuot_below_100", "vuot_below_100"),
)
"""Evidence flags (Evidence attributes) and the weight each one turns on when set."""


def weights_of(ev: Evidence) -> list[str]:
    """The names of the weights that apply to a piece of evidence."""
    names = [f"cue_{ev.cue}", f"org_{ev.org}"]
    if ev.metric in FLOW and not ev.period:
        names.append("period_missing")
    names += [name for flag, name in FLAG_WEIGHTS if getattr(ev, flag)]
    if ev.small:
        names.append(f"small_{ev.small}")
    return names


def score(ev: Evidence) -> float:
    """Confidence in 0-1: the metric's base plus the weights of the evidence, clipped."""
    weights: dict[str, float] = DATA["weights"]
    value = float(DATA["base"].get(ev.metric, 0.6)) + sum(weights.get(name, 0.0) for name in weights_of(ev))
    return round(min(1.0, max(0.0, value)), 3)


def attribution(level: str | None, place: str | None, place_code: str | None, whole_party: bool) -> float:
    """Confidence lost for a doubtful organisation: level "other" (not the whole Party), or a district or commune
    the gazetteer cannot place."""
    weights: dict[str, float] = DATA["attribution"]
    if level == "other" and not whole_party:
        return float(weights["other"])
    if level in ("district", "commune") and not place_code:
        return float(weights["unresolved"])
    return 0.0
