"""Hand-written Vietnamese article pages with portal chrome for the parse-stage tests."""

from __future__ import annotations

ARTICLE_TITLE = "Huyện Tân Yên kết nạp 312 đảng viên mới"
PARAGRAPHS = (
    "Năm 2023, Ban Thường vụ Huyện ủy Tân Yên tập trung lãnh đạo, chỉ đạo các cấp ủy cơ sở làm tốt công tác "
    "tạo nguồn, bồi dưỡng quần chúng ưu tú để kết nạp vào Đảng.",
    "Kết quả, toàn Đảng bộ huyện đã kết nạp được 312 đảng viên mới, đạt 104% kế hoạch năm; trong đó có 118 "
    "đảng viên là nữ, 204 đảng viên là đoàn viên thanh niên.",
    "Đến nay, Đảng bộ huyện có 9.870 đảng viên sinh hoạt tại 52 tổ chức cơ sở đảng. Tỷ lệ đảng viên hoàn thành "
    "tốt nhiệm vụ trở lên đạt 91,5%.",
    "Thời gian tới, các cấp ủy tiếp tục quan tâm phát triển đảng viên ở các thôn, tổ dân phố chưa có chi bộ, "
    "trong doanh nghiệp ngoài nhà nước và trong lực lượng thanh niên.",
)
MENU = (
    "Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Xây dựng Đảng", "Văn bản", "Lịch công tác", "Liên hệ",
)
SIDEBAR = (
    "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12", "Ra quân Tháng Thanh niên năm 2024",
    "Kiểm tra công tác phòng chống thiên tai", "Trao Huy hiệu 30 năm tuổi Đảng",
)


def article_page(
    *,
    title: str = ARTICLE_TITLE,
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    head_extra: str = "",
    date_line: str = "",
    byline: str = "Minh Anh",
    lang: str = "vi",
) -> str:
    """A full article page: head, menu with today's date, breadcrumb, title, date line, body, sidebar, footer."""
    menu = "".join(f'<li><a href="/c/{i}">{m}</a></li>' for i, m in enumerate(MENU))
    side = "".join(f'<li><a href="/tin/{i}.html">{t}</a></li>' for i, t in enumerate(SIDEBAR))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    author = f'<p class="author-name"><strong>{byline}</strong></p>' if byline else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} - Cổng TTĐT huyện</title>'
        f"{head_extra}<style>.menu li{{float:left}}</style><script>var x = '01/01/2001';</script></head><body>"
        f'<div id="header"><div class="today">Hôm nay: Thứ Hai, 22/11/2026</div><ul class="menu">{menu}</ul></div>'
        '<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/c/3">Xây dựng Đảng</a></div>'
        f'<div class="main"><div class="article"><h1>{title}</h1><div class="meta">{date_line}</div>'
        f'<div class="content">{body}{author}</div>'
        '<div class="share"><a href="#">Chia sẻ</a> <a href="#">In bài</a></div></div>'
        f'<div class="sidebar"><h3>Tin mới</h3><ul>{side}</ul>'
        '<div class="counter">Lượt truy cập: 6923588</div></div></div>'
        '<div class="footer"><p>Cơ quan chủ quản: Huyện ủy Tân Yên. Điện thoại: 0204.3874.123</p></div>'
        "</body></html>"
    )


ENGLISH_PARAGRAPHS = (
    "The district party committee said that recruitment of new members continued throughout the year, with "
    "a focus on young people and workers in private companies.",
    "Officials reported that the number of new members exceeded the annual plan, and that training courses "
    "for candidates were held in every commune of the district.",
)
