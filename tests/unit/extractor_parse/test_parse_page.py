"""parse_page: main text, title, dates, author, language and refusals with a reason, on realistic pages."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from services.extractor.parse import (
    MAX_TEXT_CHARS,
    METHOD_FAST,
    METHOD_FEED,
    METHOD_FULL,
    ParseError,
    parse_page,
)
from tests.unit.extractor_parse.pages import (
    ARTICLE_TITLE,
    ENGLISH_PARAGRAPHS,
    PARAGRAPHS,
    SIDEBAR,
    article_page,
)

META_DATE = '<meta property="article:published_time" content="2024-01-15T08:30:00+07:00">'


def test_main_text_keeps_every_article_paragraph_and_drops_the_chrome() -> None:
    page = parse_page(article_page())
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    for chrome in (*SIDEBAR, "Lượt truy cập", "Cơ quan chủ quản", "Chia sẻ", "Hôm nay"):
        assert chrome not in page.text
    assert page.method == METHOD_FAST
    assert page.language == "vi"


def test_title_is_the_single_h1_not_the_title_tag_with_the_site_name() -> None:
    assert parse_page(article_page()).title == ARTICLE_TITLE


def test_feed_title_is_used_when_the_page_has_no_h1_or_meta_title() -> None:
    html = article_page().replace(f"<h1>{ARTICLE_TITLE}</h1>", "").replace("<title>", "<title>x")
    assert parse_page(html, feed_title="Tiêu đề từ RSS").title == "Tiêu đề từ RSS"


def test_published_comes_from_page_metadata_first() -> None:
    page = parse_page(
        article_page(head_extra=META_DATE, date_line="Cập nhật lúc 10:00, Thứ Hai, 02/02/2024"),
        feed_published="2024-03-03T00:00:00Z",
        url="https://example.vn/tin/bai-20240404.html",
    )
    assert (page.published, page.published_from) == (date(2024, 1, 15), "meta")


def test_meta_timestamp_in_utc_is_read_as_the_vietnamese_calendar_day() -> None:
    head = '<meta property="article:published_time" content="2024-01-14T20:30:00Z">'
    assert parse_page(article_page(head_extra=head)).published == date(2024, 1, 15)


def test_json_ld_date_published_counts_as_page_metadata() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-06-30T07:00:00+07:00"}</script>'
    page = parse_page(article_page(head_extra=head))
    assert (page.published, page.published_from) == (date(2023, 6, 30), "meta")


@pytest.mark.parametrize(
    ("feed_value", "expected"),
    [
        ("Mon, 25 Nov 2019 14:03:00 +0700", date(2019, 11, 25)),
        ("2019-11-25T20:00:00Z", date(2019, 11, 26)),
        ("25/11/2019", date(2019, 11, 25)),
    ],
)
def test_feed_entry_date_is_used_without_page_metadata(feed_value: str, expected: date) -> None:
    page = parse_page(article_page(date_line="Cập nhật lúc 10:00, 02/02/2024"), feed_published=feed_value)
    assert (page.published, page.published_from) == (expected, "feed")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Cập nhật lúc 22:26, Thứ Hai, 01/01/2018", date(2018, 1, 1)),
        ("06:39, 17/03/2023", date(2023, 3, 17)),
        ("Thứ Hai, 25/11/2019, 14:03 [GMT+7]", date(2019, 11, 25)),
        ("Ngày cập nhật 02/07/2024", date(2024, 7, 2)),
        ("Ngày 5 tháng 9 năm 2022", date(2022, 9, 5)),
    ],
)
def test_visible_date_line_near_the_title_gives_the_date(line: str, expected: date) -> None:
    page = parse_page(article_page(date_line=line), url="https://example.vn/tin/bai-20240404.html")
    assert (page.published, page.published_from) == (expected, "text")


def test_todays_date_in_the_page_header_is_not_taken_for_the_publication_date() -> None:
    page = parse_page(article_page(), url="https://example.vn/tin-tuc/bai-viet.html")
    assert page.published is None
    assert page.published_from is None


def test_dates_inside_body_sentences_are_not_publication_dates() -> None:
    body = (
        "Thực hiện Nghị quyết số 130-NQ/HU ngày 17/9/2011 của Ban Thường vụ Huyện ủy về tăng cường sự lãnh đạo "
        "của các cấp ủy đối với công tác phát triển đảng viên, toàn huyện đã kết nạp nhiều đảng viên mới.",
        *PARAGRAPHS,
    )
    assert parse_page(article_page(paragraphs=body)).published is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://baobacgiang.vn/bg/xay-dung-dang/2023/03/17/bai-viet.bbg", date(2023, 3, 17)),
        ("https://example.vn/tin-tuc/ket-nap-dang-vien-20230317063912345.htm", date(2023, 3, 17)),
        ("https://example.vn/2021-12-05/ket-nap.html", date(2021, 12, 5)),
    ],
)
def test_url_date_is_the_last_resort(url: str, expected: date) -> None:
    page = parse_page(article_page(), url=url)
    assert (page.published, page.published_from) == (expected, "url")


def test_author_from_meta_or_from_the_trailing_byline() -> None:
    assert parse_page(article_page(head_extra='<meta name="author" content="Nguyễn Văn Hùng">')).author == "Nguyễn Văn Hùng"
    assert parse_page(article_page(byline="Thu Hà")).author == "Thu Hà"
    assert parse_page(article_page(byline="")).author is None


def test_decomposed_windows_1258_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", article_page())
    assert decomposed != article_page()
    page = parse_page(decomposed)
    assert unicodedata.is_normalized("NFC", page.text)
    assert PARAGRAPHS[1] in page.text
    assert page.title == ARTICLE_TITLE


@pytest.mark.parametrize("html", ["", "   \n\t ", "<html><body></body></html>", "<html><body><div> </div></body></html>"])
def test_empty_pages_are_refused_as_empty_page(html: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_page(html)
    assert err.value.reason == "empty_page"


def test_binary_looking_content_is_refused_as_junk_html() -> None:
    blob = bytes(range(256)).decode("latin-1") * 40
    with pytest.raises(ParseError) as err:
        parse_page("\x89PNG\r\n\x1a\n" + blob)
    assert err.value.reason == "junk_html"


def test_text_without_any_markup_is_refused_as_not_html() -> None:
    with pytest.raises(ParseError) as err:
        parse_page("\n".join(PARAGRAPHS))
    assert err.value.reason == "not_html"


def test_page_of_menus_and_images_without_an_article_is_refused_as_no_main_text() -> None:
    menu = "".join(f'<li><a href="/c/{i}">Mục {i}</a></li>' for i in range(12))
    soup = f"<html><body><ul>{menu}</ul>" + '<div><img src="/a.jpg"><span>Ảnh</span></div>' * 30 + "</body></html>"
    with pytest.raises(ParseError) as err:
        parse_page(soup)
    assert err.value.reason == "no_main_text"


def test_english_article_is_refused_as_not_vietnamese() -> None:
    with pytest.raises(ParseError) as err:
        parse_page(article_page(title="New members admitted", paragraphs=ENGLISH_PARAGRAPHS, lang="en"))
    assert err.value.reason == "not_vietnamese"


def test_feed_summary_stands_in_when_the_page_has_no_main_text() -> None:
    stub = "<html><body><div id='app'></div><p>Đang tải...</p></body></html>"
    summary = "<p>" + PARAGRAPHS[1] + "</p><p>" + PARAGRAPHS[2] + "</p>"
    page = parse_page(stub, feed_summary=summary)
    assert page.method == METHOD_FEED
    assert PARAGRAPHS[1] in page.text


def test_short_article_falls_back_to_the_full_trafilatura_cascade() -> None:
    short = (PARAGRAPHS[1],)
    page = parse_page(article_page(paragraphs=short, byline=""))
    assert PARAGRAPHS[1] in page.text
    assert page.method in (METHOD_FAST, METHOD_FULL)


def test_layout_wrapper_named_like_chrome_is_kept_when_it_holds_the_article() -> None:
    html = article_page().replace('<div class="main">', '<div class="main-sidebar-layout">')
    page = parse_page(html)
    assert PARAGRAPHS[0] in page.text


def test_xhtml_page_with_an_xml_declaration_is_parsed() -> None:
    page = parse_page('<?xml version="1.0" encoding="utf-8"?>\n' + article_page())
    assert PARAGRAPHS[1] in page.text


def test_stray_control_characters_and_lone_surrogates_are_dropped_not_fatal() -> None:
    html = article_page().replace("<h1>", "\x00\x07\ud800<h1>")
    page = parse_page(html)
    assert page.title == ARTICLE_TITLE
    assert PARAGRAPHS[1] in page.text


def test_utf8_page_decoded_as_latin1_is_repaired() -> None:
    mojibake = article_page().encode("utf-8").decode("latin-1")
    page = parse_page(mojibake)
    assert page.title == ARTICLE_TITLE
    assert PARAGRAPHS[1] in page.text


def test_nesting_beyond_the_parser_limit_is_refused_as_junk_html() -> None:
    deep = "<html><body>" + "<div>" * 20000 + "<p>" + PARAGRAPHS[0] + "</p>" + "</div>" * 20000 + "</body></html>"
    with pytest.raises(ParseError) as err:
        parse_page(deep)
    assert err.value.reason == "junk_html"


def test_enormous_main_text_is_cut_at_a_line_break_and_marked_truncated() -> None:
    page = parse_page(article_page(paragraphs=PARAGRAPHS * 400))
    assert len(page.text) <= MAX_TEXT_CHARS
    assert page.text.endswith(tuple(p[-20:] for p in PARAGRAPHS))
    assert page.method == METHOD_FAST + "+truncated"


def test_site_name_in_a_logo_h1_is_not_taken_for_the_article_title() -> None:
    html = article_page().replace(
        '<div id="header">', '<div id="header"><h1 class="logo"><a href="/">Cổng thông tin điện tử huyện Tân Yên</a></h1>'
    ).replace(f"<h1>{ARTICLE_TITLE}</h1>", f'<h2 class="title">{ARTICLE_TITLE}</h2>')
    head = f'<meta property="og:title" content="{ARTICLE_TITLE}">'
    assert parse_page(html.replace("<style>", head + "<style>")).title == ARTICLE_TITLE
    assert parse_page(html, feed_title="Tiêu đề từ RSS").title == "Tiêu đề từ RSS"


@pytest.mark.parametrize(
    "wrapper",
    ['<article><header>{}</header>', '<div class="article-header">{}</div>', '<div class="detail-top-title">{}</div>'],
)
def test_h1_in_the_article_header_is_the_title(wrapper: str) -> None:
    html = article_page().replace(f"<h1>{ARTICLE_TITLE}</h1>", wrapper.format(f"<h1>{ARTICLE_TITLE}</h1>"))
    assert parse_page(html).title == ARTICLE_TITLE


def test_parsing_from_several_threads_at_once_gives_the_same_pages() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pages = [article_page(date_line=f"Ngày đăng: {d}/3/2024") for d in range(1, 13)]
    expected = [parse_page(p) for p in pages]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(parse_page, pages * 3)) == expected * 3
