"""The Vietnamese-language test: accepts Vietnamese prose, refuses other languages and unaccented text."""

from __future__ import annotations

import pytest

from services.extractor.language import detect_language, language_evidence
from tests.unit.extractor_parse.pages import ENGLISH_PARAGRAPHS, PARAGRAPHS


def test_vietnamese_article_text_is_vietnamese() -> None:
    assert detect_language(" ".join(PARAGRAPHS)) == "vi"


@pytest.mark.parametrize(
    "text",
    [
        " ".join(ENGLISH_PARAGRAPHS),
        "Le Parti communiste a admis deux cents nouveaux membres à Hanoï cette année, selon le comité local. "
        "La cellule du parti a été renforcée et l'économie s'est développée rapidement dans la région.",
        "Dang bo huyen Hiep Hoa ket nap 200 dang vien moi trong nam 2018, dat 105% ke hoach cua huyen uy giao "
        "cho cac chi bo co so trong toan huyen.",
        "The Hiệp Hòa district committee of the Communist Party of Vietnam admitted 200 new members in 2018, "
        "according to a report published by the committee in Bắc Giang province.",
    ],
)
def test_other_languages_and_unaccented_vietnamese_are_not_vietnamese(text: str) -> None:
    assert detect_language(text) is None


def test_too_little_text_is_not_judged_vietnamese() -> None:
    assert language_evidence("Đảng viên").vietnamese is False
