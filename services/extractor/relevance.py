"""Whether an article is about party-member development (admission, membership, candidates, member quality)."""

from __future__ import annotations

import re

from services.extractor.vocab import RELEVANT

_OTHER_UNION = re.compile(
    r"kết nạp\s+(?:được\s+)?(?:mới\s+)?(?:\S+\s+){0,2}?(?:đoàn viên(?!\s+(?:ưu tú\s+)?(?:vào|cho) đảng)|hội viên|công đoàn)", re.I
)
_STRONG = re.compile(
    r"kết nạp|phát triển đảng|đảng viên mới|tạo nguồn|cảm tình đảng|nhận thức về đảng|quần chúng ưu tú|trở thành đảng viên|"
    r"chất lượng đảng viên|xếp loại chất lượng|đảng viên (?:được )?xếp loại|đảng viên đủ tư cách|hoàn thành tốt nhiệm vụ trở lên",
    re.I,
)
_INSPECTION = re.compile(r"kiểm tra|giám sát|kỷ luật|vi phạm|tố cáo|khiếu nại|công đoàn|đoàn viên công đoàn|tỉnh đoàn|huyện đoàn", re.I)
_DEVELOPMENT = {"admitted", "admitted_target", "admitted_target_pct", "target_attainment_pct", "admission_rate_pct",
                "candidates_trained", "members_good_rating_pct"}


def cue_count(text: str) -> int:
    """How many party-development cue phrases the text contains (Youth/Trade Union admissions excluded)."""
    return len(RELEVANT.findall(text)) - len(_OTHER_UNION.findall(text))


def _strong(text: str) -> int:
    """Development cues proper: admission into the Party, sources, member quality."""
    return len(_STRONG.findall(text)) - len(_OTHER_UNION.findall(text))


def is_relevant(text: str, metrics: list[str]) -> bool:
    """Relevant: a figure about members, cells or their development (membership statistics count too, as in
    ANNOTATION.md), or repeated development cues — not outweighed by inspection / discipline / union matter."""
    strong = _strong(text)
    developed = any(m in _DEVELOPMENT for m in metrics)
    if len(_INSPECTION.findall(text)) > 2 * strong + 1 and not developed:
        return False
    cues = cue_count(text)
    return developed or bool(metrics) or (strong >= 1 and cues >= 2)
