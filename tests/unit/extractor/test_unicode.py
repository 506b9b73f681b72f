"""Unicode variants: NFC/NFD, both tone placements, "Ð" (U+00D0), "ĐV"."""

from __future__ import annotations

import unicodedata

from services.extractor.extract import extract
from services.extractor.text_norm import fold, normalize


def test_both_tone_placements_normalise_to_one_form() -> None:
    assert normalize("Huyện uỷ Hiệp Hoà") == normalize("Huyện ủy Hiệp Hòa")


def test_eth_lookalike_is_read_as_d_stroke() -> None:
    assert normalize("Ðảng bộ") == "Đảng bộ"


def test_decomposed_text_gives_the_same_facts() -> None:
    text = "Năm 2022, Đảng bộ huyện Tân Yên kết nạp 180 đảng viên mới."
    composed = [(f.metric, f.value) for f in extract(text).facts]
    decomposed = [(f.metric, f.value) for f in extract(unicodedata.normalize("NFD", text)).facts]
    assert composed == decomposed == [("admitted", 180)]


def test_dv_abbreviation_counts_as_party_members() -> None:
    facts = extract("Năm 2019, Ðảng bộ quận Hà Đông kết nạp 140 ĐV (đạt 110% kế hoạch).").facts
    assert [(f.metric, f.value) for f in facts] == [("admitted", 140), ("target_attainment_pct", 110)]


def test_fold_removes_marks() -> None:
    assert fold("Thành phố Thủ Dầu Một") == "thanh pho thu dau mot"
