"""Rules 1.2.6, admissions: thresholds, segments named after the verb, labelled breakdown sentences, passives."""

from __future__ import annotations

from services.extractor.extract import extract

_LEAD = "Công tác phát triển đảng viên được chú trọng. "


def _facts(text: str) -> list[tuple[str, str, float]]:
    return [(f.metric, f.segment, f.value) for f in extract(_LEAD + text).facts]


def _admitted(text: str) -> list[tuple[str, float]]:
    return [(segment, value) for metric, segment, value in _facts(text) if metric == "admitted"]


def test_a_streak_threshold_is_not_an_admission() -> None:
    for text in (
        "Năm 2023, huyện Quế Võ kết nạp 212 đảng viên. Đây là năm thứ hai liên tiếp huyện kết nạp được trên 200 đảng viên.",
        "Năm 2023, Đảng bộ huyện đã kết nạp 212 đảng viên, là năm thứ 3 liên tiếp kết nạp trên 200 đảng viên.",
        "Năm 2023, Đảng bộ huyện kết nạp 212 đảng viên; nhiều năm liền, Đảng bộ huyện đều kết nạp hơn 150 đảng viên.",
        "Năm 2023, Đảng bộ huyện kết nạp 212 đảng viên. Đảng bộ huyện kết nạp trên 200 đảng viên 3 năm liên tiếp.",
    ):
        assert _admitted(text) == [("all", 212)], text
    # guards: an admission stated with "hơn" stays, also when a streak of something else follows it
    assert _admitted("Năm 2023, Đảng bộ huyện kết nạp hơn 200 đảng viên, năm thứ 3 liên tiếp vượt chỉ tiêu.") == [("all", 200)]
    assert _admitted("Năm 2023, Đảng bộ huyện tiếp tục kết nạp trên 200 đảng viên.") == [("all", 200)]
