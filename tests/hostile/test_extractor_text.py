"""Text that looks like figures but is not, and pages that are not articles: the pure parse and extract stages."""

from __future__ import annotations

import time
import unicodedata
from datetime import date

import pytest

from services.extractor.extract import Extraction, extract
from services.extractor.parse import ParseError, parse_page
from tests.integration.crawler.site import to_cp1258

TITLE = "Công tác phát triển đảng viên"
PUBLISHED = date(2024, 12, 1)
FIGURE = "Năm 2024, Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới."
PARAGRAPH = ("<p>Năm 2024, Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới, đạt 105% kế hoạch; công tác phát triển "
             "đảng viên ở các chi bộ nông thôn được chú trọng, nhiều quần chúng ưu tú được giới thiệu.</p>")
EXPECTED = [("admitted", "all", 215.0, "Đảng bộ huyện Hiệp Hòa", "2024", "2024"), ("target_attainment_pct", "all", 105.0,
                                                                                  "Đảng bộ huyện Hiệp Hòa", "2024", "2024")]


def run(text: str) -> Extraction:
    """extract() with a fixed title and publication date."""
    return extract(text, title=TITLE, published=PUBLISHED)


def facts(e: Extraction) -> list[tuple[object, ...]]:
    """(metric, segment, value, org, period_start, period_end) of each fact."""
    return [(f.metric, f.segment, f.value, f.org, f.period_start, f.period_end) for f in e.facts]


def page(body: str, title: str = "Kết nạp đảng viên mới") -> str:
    """An HTML page with a title, an h1 and `body`."""
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def parsed_facts(html: str) -> list[tuple[object, ...]]:
    """Facts of a page through parse_page then extract."""
    p = parse_page(html, url="http://localhost/a.html")
    return facts(extract(p.text, title=p.title, published=p.published))


# --- numbers that are not figures ---------------------------------------------------------------

NO_FIGURE = {
    "document_numbers": "Ban Thường vụ Huyện ủy ban hành Nghị quyết số 130-NQ/HU, Kế hoạch số 35-KH/HU và Chỉ thị số "
                        "24- CT/HU về công tác phát triển đảng viên, kết nạp đảng viên mới.",
    "dates": "Ngày 15/8/2024, tại hội trường, Đảng ủy xã tổ chức lễ kết nạp đảng viên mới. Ngày 03-9-2024, Huyện ủy "
             "tổng kết công tác phát triển đảng viên năm 2024.",
    "phone_numbers": "Đảng ủy xã kết nạp đảng viên mới. Mọi chi tiết liên hệ: Văn phòng Huyện ủy, điện thoại "
                     "0204.3872.123, fax 0204 3872 124.",
    "ages": "Đồng chí Nguyễn Văn A, 45 tuổi, được kết nạp vào Đảng; tuổi bình quân của đảng viên mới kết nạp là 32 tuổi.",
    "village_numbers": "Chi bộ thôn 12 và tổ dân phố số 5, xã Hòa Sơn tổ chức kết nạp đảng viên mới cho quần chúng ưu tú.",
    "years_as_counts": "Thực hiện Quy định 2019 và Hướng dẫn 2023 về kết nạp đảng viên, Đảng bộ xã đã kết nạp đảng viên "
                       "mới trong năm 2023.",
    "population_share": "Xã có 35% dân số là người dân tộc thiểu số, 12.500 nhân khẩu; công tác kết nạp đảng viên mới "
                        "được chú trọng.",
}


@pytest.mark.parametrize("case", sorted(NO_FIGURE))
def test_numbers_that_are_not_figures_yield_no_fact(case: str) -> None:
    e = run(NO_FIGURE[case])
    assert e.relevant and e.facts == (), facts(e)


def test_document_numbers_before_a_figure_keep_it_an_admission_not_a_target() -> None:
    text = ("Thực hiện Nghị quyết số 130-NQ/HU, Kế hoạch số 35-KH/HU và Chỉ thị 24- CT/HU về công tác kết nạp đảng "
            "viên, năm 2024 Đảng bộ huyện Hiệp Hòa kết nạp 215 đảng viên mới.")
    assert facts(run(text)) == [EXPECTED[0]]


def test_view_counters_next_to_a_figure_are_ignored() -> None:
    e = run(FIGURE + " Lượt xem: 1.523. Số lượt truy cập: 12.345.678")
    assert facts(e) == [EXPECTED[0]]


# --- pages that are not articles ---------------------------------------------------------------


@pytest.mark.parametrize(("html", "reason"), [
    ("", "empty_page"), ("  \n\t ", "empty_page"), ("<html><body></body></html>", "empty_page"),
    ("\x00\x01\x02\x03PNG" * 1000, "junk_html"), (FIGURE * 20, "not_html"),
])
def test_empty_binary_and_tagless_pages_are_refused_with_a_reason(html: str, reason: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_page(html)
    assert err.value.reason == reason


def test_page_of_only_menus_has_no_main_text() -> None:
    links = "".join(f"<li><a href='/c{i}'>Chuyên mục {i}</a></li>" for i in range(50))
    html = (f"<html><body><nav><ul>{links}</ul></nav><div class='menu'><a href='/'>Trang chủ</a><a>Tin tức</a></div>"
            "<footer>Bản quyền thuộc Huyện ủy Hiệp Hòa</footer></body></html>")
    with pytest.raises(ParseError) as err:
        parse_page(html)
    assert err.value.reason == "no_main_text"


@pytest.mark.parametrize("body", [
    "<p>" + "越南共产党地方委员会今年接纳了新党员，重点关注年轻工人和教师。" * 10 + "</p>",
    "<p>The district party committee admitted 215 new members this year, focusing on young workers and teachers "
    "in rural areas.</p>" * 5,
])
def test_chinese_and_english_pages_are_not_vietnamese(body: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_page(page(body, "Party news"))
    assert err.value.reason == "not_vietnamese"


def test_3mb_page_is_parsed_in_bounded_time_with_its_figures() -> None:
    filler = "<p>" + " ".join(f"Đoạn {i} nói về xây dựng nông thôn mới ở địa phương." for i in range(20)) + "</p>"
    html = page(PARAGRAPH + filler * (3 * 1024 * 1024 // len(filler.encode())))
    assert len(html.encode()) > 3_000_000
    started = time.monotonic()
    assert parsed_facts(html) == EXPECTED
    assert time.monotonic() - started < 15


def test_3mb_text_is_capped_by_the_parse_stage() -> None:
    sentences = " ".join(f"Chi bộ {i} sinh hoạt định kỳ, bàn về công tác xây dựng Đảng." for i in range(60_000))
    html = page(PARAGRAPH + "".join(f"<p>{sentences[k:k + 5000]}</p>" for k in range(0, len(sentences), 5000)))
    assert len(html.encode()) > 3_000_000
    p = parse_page(html)
    assert p.method.endswith("+truncated") and len(p.text) <= 100_000


def test_mixed_windows_1258_decomposed_and_precomposed_text_is_normalised() -> None:
    decomposed = to_cp1258(PARAGRAPH).decode("cp1258")
    html = page(PARAGRAPH.replace("Hiệp Hòa", unicodedata.normalize("NFD", "Hiệp Hòa")) + decomposed)
    assert not unicodedata.is_normalized("NFC", html)
    p = parse_page(html)
    assert unicodedata.is_normalized("NFC", p.text) and "Đảng bộ huyện Hiệp Hòa kết nạp 215" in p.text
    assert facts(extract(p.text, title=p.title, published=p.published)) == EXPECTED


def test_utf8_read_as_latin1_mojibake_is_repaired() -> None:
    html = page(PARAGRAPH * 2).encode("utf-8").decode("latin-1")
    assert "Ä\x91áº£ng" in html
    assert parsed_facts(html) == EXPECTED


def test_lossy_mojibake_with_replacement_characters_is_not_vietnamese() -> None:
    html = page(PARAGRAPH * 2).encode("utf-8").decode("cp1252", "replace")
    with pytest.raises(ParseError) as err:
        parse_page(html)
    assert err.value.reason == "not_vietnamese"
