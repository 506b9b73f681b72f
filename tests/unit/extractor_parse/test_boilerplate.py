"""Chrome removed by structure, the article's head and the title rule, on small hand-written pages."""

from __future__ import annotations

from datetime import date

from lxml import etree

from services.extractor.boilerplate import is_chrome_label, prune_chrome, unwrap_layout_tables
from services.extractor.parse import choose_title, load_tree, parse_page, title_parts

PROSE = ("Năm 2023, Đảng bộ huyện Tân Yên kết nạp được 312 đảng viên mới, đạt 104% kế hoạch năm, trong đó có "
         "118 đảng viên nữ và 204 đảng viên là đoàn viên thanh niên ưu tú ở các chi bộ cơ sở trên địa bàn huyện.")
SECOND = ("Đến nay, Đảng bộ huyện có 9.870 đảng viên sinh hoạt tại 52 tổ chức cơ sở đảng; tỷ lệ đảng viên hoàn thành "
          "tốt nhiệm vụ trở lên đạt 91,5%, cao hơn năm trước.")


def _text(html: str) -> str:
    tree = load_tree(html)
    unwrap_layout_tables(tree)
    prune_chrome(tree)
    return " ".join(etree.XPath("string(//body)")(tree).split())


def test_a_layout_table_becomes_blocks_and_a_data_table_stays_a_table() -> None:
    html = (
        "<html><body><table><tr><td><table><tr><td><a href='/'>Trang chủ</a></td></tr></table></td>"
        f"<td><p>{PROSE}</p><table><tr><td>Đơn vị</td><td>Kết nạp</td></tr><tr><td>Xã A</td><td>12</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    tree = load_tree(html)
    assert unwrap_layout_tables(tree) >= 1
    tables = tree.findall(".//table")
    assert len(tables) == 1 and "Kết nạp" in etree.tostring(tables[0], encoding="unicode")


def test_related_list_footer_imprint_and_labels_are_removed_the_article_kept() -> None:
    html = (
        f"<html><body><div><p>{PROSE}</p><p>{SECOND}</p></div>"
        "<div><b>Tin liên quan</b></div><ul><li><a href='/1'>Kết nạp 113 đảng viên mới</a> (12/03/2021)</li>"
        "<li><a href='/2'>Trao Huy hiệu Đảng</a> (11/03/2021)</li><li><a href='/3'>Hội nghị sơ kết</a> (10/03/2021)</li></ul>"
        "<div><p>Tòa soạn: 71 Hàng Trống, Hoàn Kiếm, Hà Nội</p><p>Điện thoại: 024.3825.4231</p></div></body></html>"
    )
    text = _text(html)
    assert PROSE in text and SECOND in text
    for chrome in ("Tin liên quan", "113", "Hàng Trống", "024.3825"):
        assert chrome not in text


def test_a_sentence_mentioning_an_address_is_not_a_footer() -> None:
    html = f"<html><body><p>{PROSE} Địa chỉ: trụ sở Huyện ủy.</p><p>{SECOND}</p></body></html>"
    assert "Địa chỉ" in _text(html)


def test_section_labels() -> None:
    assert is_chrome_label("Tin liên quan") and is_chrome_label("Từ khóa: phát triển đảng viên")
    assert is_chrome_label("» Các tin khác")
    assert not is_chrome_label("Kết nạp 113 đảng viên mới")


def test_article_header_outside_article_keeps_its_heading_and_date_the_page_header_goes() -> None:
    html = (
        '<html><head><title>Trang tin</title></head><body><header class="site"><div class="logo">Báo X</div>'
        "<div>Thứ Hai, 01/01/2026</div></header><div class='detail'><header><h2>Tân Yên kết nạp 312 đảng viên</h2>"
        '<time datetime="2023-05-04T08:00:00+07:00">04/05/2023</time></header>'
        f"<div class='body'><p>{PROSE}</p><p>{SECOND}</p></div></div></body></html>"
    )
    page = parse_page(html)
    assert page.title == "Tân Yên kết nạp 312 đảng viên"
    assert (page.published, page.published_from) == (date(2023, 5, 4), "text")


def test_title_tag_without_the_site_name() -> None:
    assert title_parts("Tân Yên kết nạp 312 đảng viên - Báo Bắc Giang điện tử", None) == ["Tân Yên kết nạp 312 đảng viên"]
    assert title_parts("Cổng thông tin điện tử huyện Tân Yên | Tin A", None) == ["Tin A"]
    assert title_parts("Tin A :: Trang tin X", "Trang tin X") == ["Tin A"]
    assert choose_title(None, None, None, None, "Tin A - Báo X", None) == "Tin A"
    assert choose_title(None, None, "Tin từ feed", "Heading", "Tin A - Báo X", None) == "Tin từ feed"
    assert choose_title(None, None, None, "Tin A", "Báo X | Tin A", None) == "Tin A"
    assert choose_title(None, None, None, "Tin mới nhất hôm nay", "Tin A đầy đủ - Báo X", None) == "Tin A đầy đủ"


def test_a_short_article_in_a_link_heavy_wrapper_is_kept() -> None:
    """The wrapper is mostly link text (news boxes), but it holds the article's prose: only the boxes go."""
    boxes = "".join(
        f"<div><ul>{''.join(f'<li><a href=/{b}/{i}>Tin số {i} của mục {b} về công tác xây dựng Đảng ở cơ sở</a></li>' for i in range(15))}</ul></div>"
        for b in range(3)
    )
    outside = boxes.replace("mục", "chuyên mục") * 2
    html = f'<html><body><div>{outside}</div><div class="main"><div class="detail"><p>{PROSE}</p></div>{boxes}</div></body></html>'
    text = _text(html)
    assert PROSE in text and "Tin số 3 của mục 1" not in text


def test_a_section_name_h1_is_not_the_title_when_title_tag_names_the_heading() -> None:
    assert choose_title("Xây dựng Đảng", None, None, "Tân Yên kết nạp 312 đảng viên", "Tân Yên kết nạp 312 đảng viên - Báo X", None) == "Tân Yên kết nạp 312 đảng viên"
    assert choose_title("Xây dựng Đảng", None, None, "Tân Yên kết nạp 312 đảng viên", "Báo X", None) == "Xây dựng Đảng"
    assert choose_title("Tân Yên kết nạp 312 đảng viên", None, None, "Tin mới", "Tân Yên kết nạp 312 đảng viên | Báo X", None) == "Tân Yên kết nạp 312 đảng viên"


def test_a_sidebar_notice_after_the_article_is_trimmed_a_byline_next_to_the_body_is_kept() -> None:
    html = (
        f"<html><body><div class='row'><div class='col'><h2>Tân Yên kết nạp 312 đảng viên</h2><div><p>{PROSE}</p>"
        f"<p>{SECOND}</p></div><p>Nguyễn Minh Anh</p></div>"
        "<div class='col'><h4>Thông báo</h4><p>Lịch tiếp công dân tháng 6 năm 2024</p></div></div></body></html>"
    )
    text = parse_page(html).text
    assert SECOND in text and "Nguyễn Minh Anh" in text
    assert "Lịch tiếp công dân" not in text
