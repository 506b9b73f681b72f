"""Vietnamese cue words: metrics' verbs, nouns counted, segments, distractor contexts."""

from __future__ import annotations

import re

IC = re.IGNORECASE

SEGMENTS: list[tuple[str, re.Pattern[str]]] = [
    ("business_owner", re.compile(r"chủ doanh nghiệp", IC)),
    ("private_sector", re.compile(
        r"doanh nghiệp tư nhân|ngoài khu vực nhà nước|ngoài nhà nước|vốn (?:đầu tư )?nước ngoài|ngoài quốc doanh|\bDN tư nhân|"
        r"(?:kinh tế|khu vực) tư nhân|doanh nghiệp FDI", IC
    )),
    ("female", re.compile(r"(?<!\w)(?:nữ|phụ nữ)(?!\w)", IC)),
    ("youth_union", re.compile(r"(?<!công )đoàn viên(?!\s+công đoàn)|đoàn thanh niên|tncs", IC)),  # not "đoàn viên công đoàn"
    ("ethnic_minority", re.compile(
        r"dân tộc thiểu số|dân tộc ít người|(?:người dân tộc|đồng bào dân tộc)(?!\s+kinh\b)|(?:người|đồng bào|dân tộc)\s+(?:"
        r"Jrai|J'rai|Gia Rai|Gia-rai|Ê Đê|Ê-đê|Êđê|Ê đê|Ba Na|Bahnar|Mông|H'Mông|H'mông|Hmông|Khmer|Khơ-me|Khơ Me|Tày|Nùng|"
        r"Dao|Mường|Xơ Đăng|Cơ Tu|M'nông|Mnông|Raglai|Ra Glai|Chăm(?!\s+(?:chỉ|sóc|lo))|Sán Dìu|Sán Chay|K'Ho|Cơ Ho|Xtiêng|Stiêng|Bru|Vân Kiều|"
        r"Pa Kô|Tà Ôi|Hrê|Giẻ Triêng|Hà Nhì|Khơ Mú|Chơ Ro|Chu Ru|Giáy|Mạ|Chứt|Pà Thẻn|Ơ Đu|La Chí|Phù Lá|Bố Y|La Ha|Si La|Rơ Măm|"
        r"Brâu|Xinh Mun|La Hủ|Cao Lan|Pu Péo|Hoa(?!\s+Kỳ)|Thái(?!\s+(?:Bình|Nguyên|Hòa|Thụy|Thủy))|Lào|Lô Lô|Cơ Lao)(?!\w)",
        IC,
    )),
    ("rural", re.compile(r"nông thôn", IC)),
    ("civil_servant", re.compile(r"(?:cán bộ,?\s+)?công chức", IC)),  # "là cán bộ, công chức": one name across the comma
    ("public_employee", re.compile(r"viên chức", IC)),
    ("farmer", re.compile(r"nông dân", IC)),
    ("police_military", re.compile(  # not "bộ đội xuất ngũ": discharged soldiers are no longer in the forces
        r"công an|quân đội|lực lượng vũ trang|(?:quân nhân|bộ đội)(?!\s+(?:đã\s+)?(?:xuất ngũ|phục viên|hoàn thành nghĩa vụ))", IC
    )),
    ("village_head", re.compile(r"trưởng[,\s\-]*(?:phó\s+)?(?:thôn|xóm|ấp|bản|khu phố)|phó thôn|tổ trưởng|trưởng khu", IC)),
    ("student", re.compile(r"học sinh|sinh viên", IC)),
    ("worker", re.compile(r"công nhân", IC)),
    ("religious", re.compile(
        r"có đạo|tôn giáo|theo đạo|người đạo|giáo dân|tín đồ|chức sắc|chức việc|phật tử|công giáo|thiên chúa giáo|phật giáo|tin lành|"
        r"cao đài|hòa hảo|hoà hảo", IC,
    )),
    ("teacher", re.compile(r"giáo viên|nhà giáo", IC)),
]

MEMBER_NOUN = r"(?:đảng viên|đv\b|đồng chí)"
PERSON_NOUN = re.compile(
    r"^\s*(?:đồng chí\s+|tân\s+(?=đảng viên))?(?P<noun>đảng viên|đv\b|đồng chí|quần chúng|người|em|trường hợp|tân binh|học viên|"
    r"đoàn viên|thanh niên|sinh viên|học sinh|chủ doanh nghiệp|trưởng|phó thôn|công nhân|giáo viên|nông dân|đối tượng|cán bộ|"
    r"nữ(?!\s+(?:sinh|giới))\b|tín đồ|chức sắc|lao động|đồng bào|cảm tình đảng|đ/c|đ/v)",
    IC,
)
CATEGORY_NOUNS = frozenset({
    "trưởng", "phó thôn", "công nhân", "giáo viên", "nông dân", "sinh viên", "học sinh", "chủ doanh nghiệp", "nữ",
    "tín đồ", "chức sắc", "lao động", "đồng bào", "cán bộ",
})
"""Nouns of PERSON_NOUN that name a category of people: an admitted count of one is a breakdown, never the total."""
# Nouns of PERSON_NOUN that the count rules of `rules.py` read on their own.
STUDENT_NOUN = "học viên"  # students: candidates only in a class for candidates (AWARENESS_COURSE, not OTHER_COURSE)
CADRE_NOUN = "cán bộ"  # cadres: counted only as admitted, with the segment the words after them name
PERSON_WORD = "người"  # "số đảng viên … là 3.011 người": a members' total only after its noun phrase
YOUTH_NOUNS = ("đoàn viên", "thanh niên")  # admitted into the Party only when said so, in a breakdown or a list
SEGMENT_HEAD_NOUNS = ("em", "người")  # the segment is named right after them ("19 em học sinh", "người dân tộc …")
MASS_NOUNS = frozenset({"người", "quần chúng"})  # people in general: no segment of their own
CELL_NOUN = re.compile(
    r"^\s*chi bộ(?P<tail>\s+(?:trực thuộc(?:\s+(?:các\s+)?đảng (?:ủy|bộ)(?:\s+cơ sở)?)?|cơ sở(?:\s+trực thuộc)?))?", IC
)
# "N chi bộ trực thuộc …": whatever follows, the cells are counted.
CELL_ATTACHED = re.compile(r"^\s*trực thuộc", IC)
CELL_OK_AFTER = re.compile(r"^\s*(?:$|[,.;()…:]|với\b|và\b|trong\b|thuộc\b|đảng\b(?!\s*ủy)|trên\b|của\b)", IC)
ORGS_NOUN = re.compile(
    r"^\s*(?:tổ chức,?\s*cơ sở đảng|tổ chức cơ sở đảng|tổ chức đảng cơ sở|cơ sở đảng|tccs\s*đảng|tccsđ|đảng bộ cơ sở|"
    r"đảng bộ trực thuộc|tổ chức đảng trực thuộc|đảng bộ,\s*chi bộ cơ sở|chi,\s*đảng bộ cơ sở|chi bộ,\s*đảng bộ cơ sở|chi,\s*đảng bộ trực thuộc|"
    r"đảng bộ(?=\s*(?:,|và\b|\)|;|\.|$))|tổ chức đảng(?=\s+(?:trong|ở|tại)\s+(?:các\s+)?(?:doanh nghiệp|đơn vị|cơ quan|trường)))",
    IC,
)
# Clauses where cells and organisations are awarded or transferred: not a count of them.
STRUCT_EVENT = re.compile(
    r"tặng|khen|cờ thi đua|biểu dương|chuyển giao|bàn giao|tiếp nhận|"
    r"kiểm tra|giám sát|khảo sát|làm việc (?:với|tại)|\bthăm\b|dự sinh hoạt|dự họp|\bdự\b[^,;]{0,20}\btại\b",  # "đã kiểm tra 25 chi bộ"
    IC,
)
# "3 tổ chức cơ sở đảng được thành lập mới": the change named after the count.
STRUCT_CHANGE_AFTER = re.compile(r"^[^,;.]{0,40}?\b(?:được|mới|bị)\s+(?:thành lập|giải thể|sáp nhập|hợp nhất|chia tách|kiện toàn)", IC)
# Cells and organisations created or dissolved: a change, unless the clause states the stock ("… còn/có N").
STRUCT_CHANGE = re.compile(r"giải thể|thành lập|kiện toàn|củng cố|chia tách|sáp nhập|hợp nhất", IC)
# "có 6 chi bộ kết nạp được từ 3 đảng viên trở lên": units counted by what each reached, not a count of the organisation.
UNITS_REACHING = re.compile(
    r"\d+\s*(?:/\s*\d+\s*)?(?:chi bộ|đảng bộ|xã|phường|thị trấn|đơn vị|tổ chức cơ sở đảng|cơ sở|địa phương)\b[^\d,;]{0,30}?"
    r"(?:kết nạp|phát triển)(?: được)?(?: mới)?\s*(?:từ|trên|hơn|ít nhất|tối thiểu|dưới)\s*$|"
    r"\d+\s*(?:/\s*\d+\s*)?(?:chi bộ|đảng bộ|xã|phường|thị trấn|đơn vị|tổ chức cơ sở đảng|cơ sở|địa phương)\b[^\d,;]{0,30}?"
    r"\b(?:chỉ|mới)\s+(?:kết nạp|phát triển)(?: được)?\s*$",  # "3 xã chỉ kết nạp được 1 đảng viên": each of them
    IC,
)
# "30 xã đạt 100% kế hoạch", "có 12 đơn vị hoàn thành 100% chỉ tiêu": what counted units reached, not the organisation's attainment.
UNITS_REACHING_PCT = re.compile(
    r"^\s*(?:/\s*\d+\s*)?(?:chi bộ|đảng bộ|xã|phường|thị trấn|huyện|đơn vị|tổ chức(?: cơ sở)?(?: đảng)?|cơ sở|địa phương|tccsđ)\b"
    r"[^\d,;()]{0,30}?(?:đạt|hoàn thành|vượt)\s*(?:trên|hơn|từ)?\s*$",
    IC,
)
STOCK_VERB = re.compile(r"(?<!\w)(?:có|còn|với|gồm|lên|là|tổng số)(?!\w)", IC)
# "nâng tổng số chi bộ trực thuộc lên 19 đơn vị", "tổng số chi bộ … là 166".
CELLS_TOTAL_BEFORE = re.compile(r"tổng số chi bộ[^,;]{0,60}?(?:lên|là|có)\s*$", IC)
# "Số đảng viên dự bị hiện nay là 300 đồng chí": a subgroup of the membership named after its noun.
MEMBER_SUBGROUP = re.compile(
    r"\bsố(?:\s+lượng)?\s+đảng viên\s+(?:dự bị|chính thức|trẻ|cao tuổi|hưu trí|được miễn|miễn sinh hoạt)\b|"
    # "số đảng viên được tặng Huy hiệu Đảng là 120", "số đảng viên đang công tác …", "số đảng viên trên 60 tuổi …": who did something
    r"\bsố(?:\s+lượng)?\s+đảng viên\s+(?:được(?!\s+(?:kết nạp|phát triển))|đang|bị|đi|tham gia|nhận|(?:trên|dưới|từ)\s+\d)",
    IC,
)
MEMBERS_TOTAL_BEFORE = re.compile(r"(?:tổng )?số(?: lượng)? đảng viên[^,;]{0,60}?(?:lên|là|có|với|đạt|:)\s*(?:khoảng|gần|hơn|trên)?\s*$", IC)
# Committees and delegations: "Ban Thường vụ gồm 15 đồng chí", "120 đại biểu".
COMMITTEE = re.compile(r"ban chấp hành|ban thường vụ|ban cán sự|ban chỉ đạo|\bbầu\b|đại biểu|đoàn công tác|tổ công tác|đoàn kiểm tra", IC)
# "… - Ảnh 1", "(Clip 2)": captions and media numbers.
MEDIA_BEFORE = re.compile(r"(?:ảnh|hình|clip|video|bài)\s*$", IC)
# "đạt 6,8% trên tổng dân số": members as a share of the population.
POPULATION_AFTER = re.compile(r"^\s*(?:trên|so với|của)\s+(?:tổng\s+)?(?:số\s+)?dân(?:\s+số)?\b", IC)
# Rankings of units after an admission: "Dẫn đầu là huyện A với 120 đảng viên, tiếp đến …".
RANKING = re.compile(r"dẫn đầu|tiếp đến|tiếp theo là|cao nhất|nhiều nhất|đứng đầu|thấp nhất|ít nhất là", IC)
# A count that is the subject of its own, other predicate ("300 đảng viên đi làm ăn xa", "35 đồng chí được bầu …"):
# an admission verb earlier in the sentence does not govern it.
OWN_PREDICATE_AFTER = re.compile(
    r"^\s*(?:dự bị\s+|cao tuổi\s+)?(?:đi\b|học\b|được(?!\s+(?:vinh dự\s+)?(?:kết nạp|đứng))|đã(?!\s+(?:được\s+)?kết nạp)|"
    r"từ trần|qua đời|chuyển\b|bị\b|tham gia|tham dự|giữ\b|hoàn thành|sinh hoạt\b|xin\b|vi phạm)",
    IC,
)
# "phát thẻ cho 110 đảng viên", "trao huy hiệu cho 500 đảng viên": the object of another verb.
OTHER_VERB_FOR = re.compile(r"\b(?:cho|tới|đến)\s*(?:hơn|trên|gần|khoảng)?\s*$", IC)
# "(mỗi nơi 4 đảng viên)": a figure per unit, not anyone's total.
EACH = re.compile(
    r"mỗi (?:nơi|đơn vị|xã|chi bộ|đảng bộ|thôn|trường|cơ sở)\s*(?:có\s*)?(?:(?:đã\s*)?(?:kết nạp|phát triển)(?: được)?(?: mới)?\s*)?$", IC
)
ORGS_BAD_AFTER = re.compile(r"^[^,;.(]{0,40}?(?:kết nạp|đã|đạt|vượt|thực hiện|so với|hoàn thành)", IC)
FUTURE = re.compile(r"\bsẽ\b|dự kiến", IC)
# "phấn đấu giới thiệu 300 đoàn viên ưu tú", "Chỉ tiêu năm 2024: mở 5 lớp … cho 300 quần chúng": candidates planned, not trained.
CANDIDATES_PLANNED = re.compile(r"\bsẽ\b|dự kiến|phấn đấu|chỉ tiêu|kế hoạch|mục tiêu|đề ra", IC)
RATING_CTX = re.compile(r"hoàn thành|xuất sắc|xếp loại|đánh giá|chiếm", IC)
TARGET_REMNANT = re.compile(r"^\s*\)?\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu|mục tiêu|nghị quyết)[^,;()]*(?:[),(]|$)", IC)
BARE = re.compile(r"^\s*(?:$|[,.;)…]|và\b|\(|trở lên)", IC)

ADMIT = re.compile(
    r"kết nạp(?<!công tác kết nạp)|đứng vào hàng ngũ|đảng viên mới|tân đảng viên|vào đảng|"
    r"phát triển(?:(?<!công tác phát triển)(?: được)?(?: thêm)?(?: mới)?(?=\s*(?:\d|$)| được| đảng viên| đv)|"
    r"(?<=đảng viên được phát triển)|(?<=đảng viên phát triển)(?= (?:năm|trong|là|đạt))|"  # "số đảng viên được phát triển là 215"
    r"(?<=đảng viên mới phát triển)(?= (?:năm|trong|là|đạt)))",  # (one branch per first word: a lookbehind first is tried everywhere)
    IC,
)
# Targets: plans, quotas, pledges and obligations ("phải kết nạp được", "giao chỉ tiêu", "phấn đấu kết nạp").
TARGET_CUES = (
    r"chỉ tiêu",
    r"kế hoạch(?!\s+(?:số\s+)?\d+\s*[-/]\s*[A-ZĐ]{2})",
    r"mục tiêu",
    r"phấn đấu(?=:?(?: [^,;.]{0,40}?)? (?:kết nạp|phát triển|đạt|hoàn thành|có|mỗi|hàng|hằng|bình))",
    r"^\W*(?:phấn đấu|mục tiêu)\b(?=[^;.]{0,80}?\b(?:kết nạp|phát triển)\b)",  # "Phấn đấu năm 2025, toàn huyện kết nạp …"
    r"dự kiến",
    r"(?<=theo )nghị quyết",
    r"(?<=theo )đề án",  # "Theo Đề án, giai đoạn 2021-2025 huyện kết nạp 1.500 đảng viên"
    r"(?:xác định|đặt ra|đề ra)\s+(?:đến|tới)\s+năm\s+20\d\d,?\s+(?:[^,;.\d]{0,30}?\s)?(?:kết nạp|phát triển)",  # "… xác định đến năm 2025 kết nạp …"
    r"(?<=tiêu )nghị quyết",
    r"(?:phải|cần(?: phải)?)(?: hoàn thành)? (?:kết nạp|phát triển)(?: được)?",
    r"(?:xác định|yêu cầu)(?: [^,;.\d]{0,20}?)? (?:kết nạp|phát triển)(?: mới)?(?!\s+đảng viên(?:\s+mới)?\s+là\b)",  # not "… là nhiệm vụ"
    r"được giao\s*$",
    r"(?:đề ra|đặt ra|xác định)\s*:[^;.]{0,60}?(?:kết nạp|phát triển)",  # "Nghị quyết … đề ra: trong nhiệm kỳ kết nạp …"
    r"\bsẽ (?:kết nạp|phát triển)(?: mới)?(?! cho)",
    r"(?:đề ra|quyết tâm|đăng ký|hướng tới|nỗ lực|cố gắng|nhằm|giao(?: nhiệm vụ)?)(?: (?:cho )?[^,;.\d]{0,30}?)?(?: (?:mỗi|hằng|hàng|bình quân)(?: mỗi)? năm)? (?:kết nạp|phát triển)(?: mới)?",
)
# "trên tổng số 150 chỉ tiêu được giao": the number counts quota places.
QUOTA_NOUN_AFTER = re.compile(r"^\s*(?:đảng viên\s*)?chỉ tiêu\b", IC)
TARGET = re.compile(r"(?<!đạt )(?<!vượt )(?<!vượt mức )(?<!thực hiện )(?<!thực hiện các )(?:" + "|".join(TARGET_CUES) + ")", IC)
# "Với mục tiêu phát triển đảng viên, năm 2023 …", "Để hoàn thành kế hoạch, …": an adjunct naming the plan without a
# figure, before the sentence reports its result; the plan word in it does not make the count a target.
PLAN_ADJUNCT = re.compile(
    r"(?:với|nhằm|vì|để(?:\s+(?:thực hiện|hoàn thành|đạt))?|triển khai|quán triệt|thực hiện|căn cứ(?:\s+vào)?|bám sát|trên cơ sở|"
    r"(?:mặc |tuy )?dù)"  # "Thực hiện chỉ tiêu Nghị quyết, năm 2023 … kết nạp 245", "dù chỉ tiêu cao, huyện vẫn kết nạp 245"
    r"\s+(?:(?:quyết tâm|tốt|nghiêm túc|đúng|hiệu quả|có hiệu quả|hoàn thành|thực hiện)\s+){0,2}(?:các\s+)?"
    r"(?:mục tiêu|chỉ tiêu|kế hoạch)[^,;\d]*,",
    IC
)
# "chưa đạt kế hoạch đề ra là 200 đảng viên", "đạt 90% so với chỉ tiêu 200": the plan named right before the count is its
# figure, whatever verb comes before the plan (TARGET leaves "đạt chỉ tiêu …" to the result that may follow).
PLAN_NAMES_COUNT = re.compile(r"(?:chỉ tiêu|kế hoạch|mục tiêu)(?:\s+(?:đề ra|được giao|nghị quyết|năm))?\s*(?:là|:)?\s*$", IC)
# "kết nạp 200 đảng viên trở lên", "kết nạp ít nhất 200 đảng viên": a floor set for the future, unless the clause
# reports it as done ("đã kết nạp được từ 200 đảng viên trở lên").
FLOOR_BEFORE = re.compile(r"(?:ít nhất|tối thiểu)\s*(?:là\s*)?$", IC)
FLOOR_AFTER = re.compile(r"^\s*(?:(?:đảng viên|đv|đồng chí|quần chúng)\s+)?(?:mới\s+)?(?:trở lên|/\s*năm trở lên)", IC)
DONE = re.compile(r"\bđã\b|\bđược\b|đến nay|kết quả|vừa qua", IC)
# "Đến năm 2030, toàn tỉnh kết nạp 10.000 đảng viên", "Chỉ tiêu năm 2024: toàn huyện kết nạp 200 đảng viên": a sentence
# that opens with a plan is a plan until it reports a result ("đã", "được", "đến nay") or states the plan's own figure.
PLAN_OPENS = re.compile(
    r"^\W*(?:(?:theo|trong)\s+)?(?:(?:các\s+)?(?:phấn đấu|mục tiêu|chỉ tiêu|kế hoạch|nghị quyết|phương hướng|nhiệm vụ)|đến năm 20\d\d)\b", IC
)  # "Phương hướng, nhiệm vụ năm 2024: kết nạp 250 đảng viên", "Các chỉ tiêu chủ yếu năm 2024: …"
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "Thời gian tới, huyện kết nạp 200 đảng viên", "Những năm tới, …", "Từ nay đến cuối năm, …": the time to come.
FUTURE_TIME = re.compile(
    r"(?:thời gian|năm|giai đoạn|nhiệm kỳ|thời kỳ)\s+(?:tới|sắp tới)\b|"  # not "những năm tiếp theo / sau đó": a history's next years
    r"\btừ nay đến\b|\bsắp tới\b",
    IC,
)
# "phấn đấu bồi dưỡng, kết nạp 300 đảng viên", "phấn đấu có 300 quần chúng … và kết nạp 200": a pledge governs every
# figure after it in the sentence until a result is reported.
# Not the noun of a past effort ("Sau một năm phấn đấu, …", "nhờ nỗ lực phấn đấu", "Với quyết tâm cao, …") nor "phấn đấu
# trở thành đảng viên".
PLEDGE_GOVERNS = re.compile(
    r"(?<!năm )(?<!sau )(?<!quá trình )(?<!sự )(?<!tinh thần )(?<!nhờ )(?<!nỗ lực )(?<!rèn luyện, )(?<!rèn luyện và )"
    r"phấn đấu(?!\s+(?:trở thành|vào đảng|rèn luyện|vượt khó|vươn lên))|(?<!với )(?<!sự )(?<!tinh thần )quyết tâm(?!\s+(?:cao|lớn|chính trị))",
    IC,
)
# "hoàn thành chỉ tiêu được giao, kết nạp 80 đảng viên": a target met, then the admission itself.
TARGET_MET_THEN_ADMIT = re.compile(
    r"(?:hoàn thành|đạt|vượt)(?: vượt)?(?: mức)? (?:các )?(?:chỉ tiêu|kế hoạch|mục tiêu)[^,;\d]{0,40},\s*"
    r"(?:đã\s+)?(?:kết nạp|phát triển)(?: được)?(?: thêm)?(?: mới)?\s*$|"
    # "được giao 300 chỉ tiêu, đến nay đã kết nạp 250": the result stated after the target, in the past
    r"(?:chỉ tiêu|kế hoạch|mục tiêu|đề án)[^;]*?,(?![^,;]*?\b(?:sẽ|phải|cần|phấn đấu|dự kiến)\b)[^,;]{0,30}?\b(?:đã|đến nay|kết quả|qua đó|nhờ đó|nhờ vậy)\b"
    r"[^,;]{0,20}?(?:kết nạp|phát triển)(?: được)?(?: thêm)?(?: mới)?\s*$|"
    # "15/15 chỉ tiêu nghị quyết đạt và vượt, trong đó kết nạp 245 đảng viên": the plans met, then the admission itself
    r"(?:chỉ tiêu|kế hoạch|mục tiêu)(?:(?!phấn đấu|\bsẽ\b|dự kiến|\bphải\b|\bcần\b)[^,;\d]){0,30}?\b(?:đều\s+)?(?:đạt|vượt|hoàn thành)\b"
    r"[^;\d]{0,40}?,[^,;\d]{0,20}?"
    r"(?:kết nạp|phát triển)(?: được)?(?: thêm)?(?: mới)?\s*$",
    IC,
)
# "đạt 83% kế hoạch đề ra là 300 đảng viên", "so với chỉ tiêu 300": after an attainment, the value of its target.
TARGET_VALUE_AFTER_PCT = re.compile(
    r"^\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu|mục tiêu|nghị quyết)(?![^,;()]*?(?:trong đó|trong số|kết nạp|phát triển|\bcó\b|\bvới\b))"
    r"[^,;()\d]{0,30}?(?:\blà|:)?\s*$",
    IC,
)
# "kết nạp được 48/204 đảng viên": admitted against the target, right after the verb.
ADMIT_BEFORE_FRACTION = re.compile(r"(?:kết nạp|phát triển)(?:\s+được)?(?:\s+mới)?\s*$", IC)
UNITS_AFTER_FRACTION = re.compile(
    r"^\s*(?:đảng bộ|chi bộ|tổ chức|huyện|xã|phường|thôn|đơn vị|cơ sở|chỉ tiêu|địa phương|tỉnh|thành phố|trường|doanh nghiệp)", IC
)
# "còn phải kết nạp 150 đảng viên mới hoàn thành chỉ tiêu": what is left of a target, not a target.
REMAINDER_AFTER = re.compile(r"^[^,;]{0,40}?\bmới (?:hoàn thành|đạt)\b", IC)
# "59.776 đồng chí, chiếm 67,9% tổng số đảng viên được kết nạp": a number is a share of a pool named after it only so
# (not "…, nâng số đảng viên kết nạp trong nhiệm kỳ lên 45", "…, là năm có số đảng viên được kết nạp cao nhất").
SHARE_OF_POOL = re.compile(r"chiếm|%|\btrên\b|/|so với|\bcủa\b", IC)
RAISED_TO = re.compile(r"\bnâng\b[^,;]{0,60}?\blên\s*(?:thành\s*)?(?:trên|hơn|gần)?\s*$", IC)
# "giao chỉ tiêu kết nạp cho 25 tổ chức cơ sở đảng với tổng số 300 đảng viên": the sum of the quotas, not the membership.
QUOTA_SUM_BEFORE = re.compile(r"\bvới tổng số\s*(?:là\s*)?$", IC)
# "nâng tổng số hội viên lên 12.000": a total of something other than party members.
OTHER_TOTAL = re.compile(
    r"\b(?:hội viên|đoàn viên|đội viên|công nhân|học sinh|sinh viên|dân|hộ|lao động|thành viên|cán bộ|chi bộ|tổ chức|cơ sở|"
    r"quần chúng|lượt|phiếu|đại biểu)\b",
    IC,
)
TOTAL = re.compile(r"(?<!được )(?<!nạp )(?:tổng số|hiện có|tổng cộng)", IC)
WEAK = re.compile(r"(?<!\w)(?:có(?! đạo)|với|là|đạt|lên|gồm)(?!\w)", IC)
# Events that are not admissions into the Party (transfers, awards, discipline, Youth/Trade Union admissions).
NOT_ADMISSION_CUES = (
    "chuyển (?:đảng )?chính thức", r"công nhận (?:là )?(?:đảng viên )?chính thức", "huy hiệu", r"(?:cấp|phát|trao) thẻ", "kiểm tra", "giám sát",
    "kỷ luật", "khen thưởng", "biểu dương", "vi phạm", "công đoàn", "chuyển sinh hoạt",
    r"(?:được )?miễn (?:sinh hoạt|công tác)", r"(?:có sự )?tham dự", r"(?:được )?tặng", "dự lễ", "dự hội nghị", r"kết nạp (?:vào )?đoàn\b(?!\s*viên)", "kết nạp hội viên",
)
NOT_ADMISSION = re.compile("|".join(NOT_ADMISSION_CUES), IC)
# … stated right after the counted noun ("34 trường hợp chuyển sinh hoạt đảng", "5 đảng viên vi phạm").
NOT_ADMISSION_AFTER = re.compile(r"^\s*(?:" + "|".join(NOT_ADMISSION_CUES) + ")", IC)
NOT_SEGMENT = re.compile(r"trình độ|đại học|cao đẳng|thạc sĩ|tiến sĩ|độ tuổi|dưới \d+ tuổi|chuyên môn|lý luận|tuổi đời", IC)
QUOTA = re.compile(
    r"(?:mỗi|từng)\s+(?!năm|tháng|quý|nhiệm kỳ)\w+[^,;]{0,50}?(?:ít nhất|tối thiểu|từ)\s*$|giúp đỡ\s+(?:ít nhất|tối thiểu)?\s*$", IC
)
ON_BEHALF = re.compile(r"thay mặt\s+(?:cho\s+)?(?:hơn|trên|gần)?\s*$", IC)
GROUP_SHARE = re.compile(
    r"(?:tỷ lệ|tỉ lệ)\s+(?:\w+\s+){1,4}?là đảng viên|(?:tỷ lệ|tỉ lệ) đảng viên (?:trong|so với|trên) (?:tổng )?(?:số )?(?:công nhân|dân|lao động)",
    IC,
)
REMOVE_AFTER = re.compile(
    r"^\s*(?:đã\s+)?bị\s+(?:xóa tên|xoá tên|khai trừ|đưa ra khỏi)|"
    r"^[^,;.\d]{0,100}?\b(?:bị|được|đã)\s+(?:[^,;.\d]{0,60}?\s)?(?:xóa tên|xoá tên|khai trừ|đưa ra khỏi đảng)",  # "… không còn đủ tư cách đã bị / được … đưa ra khỏi Đảng"
    IC,
)
REMOVE = re.compile(r"xóa tên|xoá tên|khai trừ|ra khỏi đảng|cho ra\b", IC)
# Candidates: awareness classes, introductions to the Party, files under review (candidates_trained).
TRAIN_CUES = (
    r"(?:đề nghị|hồ sơ(?: đề nghị)?|chờ)\s+kết nạp(?:\s+(?:vào\s+)?đảng)?",  # first: pending: "đề nghị kết nạp 12 quần chúng"
    r"lớp\s+bồi dưỡng(?: đối tượng)? kết nạp(?: vào)?(?: đảng)?",  # before "lớp": "lớp bồi dưỡng kết nạp đảng cho 45 …"
    "lớp", "cảm tình", "nhận thức về đảng", "học viên", "giới thiệu", "hồ sơ", "bồi dưỡng", "danh sách",
    r"nguồn (?:phát triển|kết nạp)(?: đảng(?: viên)?)?",  # "nguồn phát triển đảng viên của huyện có 400 quần chúng"
    r"đối tượng kết nạp(?: vào)? đảng", r"(?:cho (?:đảng|chi bộ|cấp ủy)|đề nghị)\s+xem xét,? kết nạp(?: vào)?(?: đảng)?",
)
# Students ("học viên") are candidates only in a class for them (not "lớp trung cấp lý luận chính trị", not any class).
AWARENESS_COURSE = re.compile(
    r"cảm tình|nhận thức về đảng|đối tượng (?:kết nạp|đảng|phát triển)|quần chúng|đoàn viên|ưu tú|nguồn|giới thiệu|xem xét kết nạp", IC
)
OTHER_COURSE = re.compile(
    r"lý luận chính trị|trung cấp|cao cấp|sơ cấp|nghiệp vụ|quốc phòng|chuyên viên|cấp ủy viên|bồi dưỡng kiến thức|"
    r"(?:bồi dưỡng|cho|dành cho) đảng viên mới",  # the course for new members, not for candidates
    IC,
)
# "mở lớp bồi dưỡng đảng viên mới cho 120 đảng viên": the people a class is for.
CLASS_FOR_BEFORE = re.compile(r"\blớp\b[^,;.]{0,80}?\bcho\s*(?:hơn|trên|gần|khoảng)?\s*$", IC)
# The usual pools of candidates: a breakdown of them by unit stays candidates ("các phường là 79 đoàn viên").
CANDIDATE_NOUNS = ("đoàn viên", "quần chúng", "thanh niên", "cảm tình đảng")
# "tổ chức lễ kết nạp Đảng cho 2 quần chúng ưu tú": the ceremony admits them.
ADMIT_FOR = re.compile(r"(?<!đối tượng )(?<!xem xét )(?<!đề nghị )(?<!hồ sơ )(?<!chờ )(?<!bồi dưỡng )(?<!lớp )kết nạp(?: đảng(?: viên)?| vào đảng)?\s+cho\s*$", IC)
TRAIN = re.compile("|".join(TRAIN_CUES), IC)
TRAIN_AFTER_CUES = (
    r"(?<!học sinh )(?<!sinh viên )lớp(?!\s+(?:\d|trưởng))", "cảm tình", "nhận thức về đảng", "viết hồ sơ", "học viên", "diện xem xét", "làm hồ sơ", "hoàn thiện hồ sơ",
    "chờ kết nạp", "nguồn phát triển", "nguồn kết nạp", "tạo nguồn",
)
# Within the item only (no comma): "150 đoàn viên ưu tú cho Đảng xem xét kết nạp", "được giới thiệu, bồi dưỡng".
TRAIN_ITEM_CUES = (
    r"giới thiệu(?: cho| với)?(?: các)? (?:đảng|chi bộ|cấp ủy)", r"được giới thiệu", r"xem xét,? kết nạp", r"đề nghị kết nạp",
)
TRAIN_AFTER = re.compile(
    r"^[^;]{0,80}?(?:" + "|".join(TRAIN_AFTER_CUES) + ")|^[^;,.]{0,60}?(?:" + "|".join(TRAIN_ITEM_CUES) + ")", IC
)
# "45 đoàn viên ưu tú, công nhân được vinh dự kết nạp vào Đảng": admitted after a short apposition (not future or pending).
APPOSITION_ADMITTED_RX = r"^[^,;.()\d]{0,40},(?![^,;.()\d]{0,30}?\b(?:sẽ|chưa|không|đề nghị|xem xét)\b)[^,;.()\d]{0,30}?\b(?:đã\s+)?(?:vinh dự\s+)?(?:được|đã được)\s+(?:vinh dự\s+)?kết nạp (?:vào )?đảng\b"
APPOSITION_ADMITTED = re.compile(APPOSITION_ADMITTED_RX, IC)
ADMIT_AFTER = re.compile(
    r"^[^,;.()]{0,50}?\b(?:đã\s+)?(?:vinh dự\s+)?(?:được|đã được)\s+(?:vinh dự\s+)?kết nạp(?!\s+(?:vào\s+)?đoàn\b)|"
    + APPOSITION_ADMITTED_RX + "|"
    r"^[^,;.()]{0,30}?\b(?:đã\s+)?(?:chính thức\s+)?trở thành đảng viên|"
    r"^\s*(?:mới\s+|trẻ\s+|ưu tú\s+|tiêu biểu\s+|xuất sắc\s+)?(?:đã\s+)?(?:vinh dự\s+)?(?:được|đứng vào|đã được)\s+(?:vinh dự\s+)?(?:kết nạp(?!\s+(?:vào\s+)?đoàn\b)|hàng ngũ)|^[^,;.]{0,40}đứng (?:vào|trong) hàng ngũ", IC
)
# "50 quần chúng đủ điều kiện nhưng chưa được kết nạp": a negated admission counts nobody admitted.
# "120 người đủ điều kiện", "60 quần chúng đạt tiêu chuẩn": eligible for admission, not admitted (unless said so after).
ELIGIBLE_AFTER = re.compile(r"^\s*(?:đã\s+)?(?:đủ|đạt)\s+(?:điều kiện|tiêu chuẩn)(?![^,;.]{0,30}?\b(?:đã|và)\s+(?:được\s+)?kết nạp)", IC)
ADMIT_VERB_RIGHT_BEFORE = re.compile(r"(?:kết nạp|phát triển)(?:\s+được)?(?:\s+(?:thêm|mới))?\s*$", IC)  # "kết nạp 60 quần chúng đủ tiêu chuẩn"
# "kết nạp 200 đảng viên là chỉ tiêu …", "… 100 đảng viên để hoàn thành kế hoạch năm": the count is the plan, not a result.
PLAN_AFTER = re.compile(
    r"^[^,;.()]{0,40}?\b(?:là|trở thành)\s+(?:một\s+)?(?:chỉ tiêu|mục tiêu|nhiệm vụ|kế hoạch|yêu cầu)\b|"
    r"^[^,;.()]{0,40}?\bđể\s+(?:hoàn thành|đạt|thực hiện)\s+(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết)",
    IC,
)
NEGATED_ADMIT_AFTER = re.compile(r"^[^,;.()]{0,50}?\b(?:chưa|không|chưa thể|không thể)\s+(?:được\s+)?(?:xem xét,?\s+)?kết nạp", IC)
MEMBER_BAD_AFTER = re.compile(
    r"^\s*(?:nữ|dự bị|là|có|được|đang(?! sinh hoạt)|hoàn thành|chiếm|tham|trong độ|đi|xin|vi phạm|trẻ|ưu tú|chính thức|"
    r"người|thuộc|ở|bị|không|cao tuổi|tuổi|giữ|làm|tại)\b|"
    r"^\s*[(,]\s*(?:chiếm|tỷ lệ|tỉ lệ|đạt|bằng)\b(?![^)]{0,40}dân số)|"  # "có 9.252 đảng viên (chiếm 31%)": a part of some whole, not the membership
    r"^\s*(?:đang\s+)?sinh hoạt\s+(?:tại\s+|ở\s+)?(?:nơi cư trú|hai chiều|tạm thời)|"  # "300 đảng viên sinh hoạt nơi cư trú": a subgroup
    r"^\s*(?:,|và)\s*(?:quần chúng|nhân dân|người dân)\b",  # "300 đảng viên, quần chúng tham gia": a mixed crowd
    IC,
)
MEMBER_OK_AFTER = re.compile(
    r"^\s*(?:$|[,.;()…:]|với\b|và\b|sinh hoạt\b|đang sinh hoạt\b|của\b|toàn\b|trong (?:toàn|đảng bộ|tỉnh|huyện|xã|phường)\b)", IC
)
BREAKDOWN = re.compile(r"trong đó|trong số|phân loại|bao gồm|cơ cấu", IC)
# The admitted pool as a noun phrase ("trong số đảng viên mới kết nạp", "số đảng viên được kết nạp là"):
# figures labelled by a segment after it break that pool down.
ADMITTED_POOL = re.compile(
    r"(?:trong\s+(?:tổng\s+)?số|\bsố(?:\s+lượng)?|tổng số)\s+(?:các\s+)?(?:đảng viên|đv)\s+(?:mới\s+)?(?:được\s+)?(?:kết nạp|phát triển)|"
    r"trong\s+(?:tổng\s+)?số\s+(?:các\s+)?(?:đảng viên|đv)\s+mới\b", IC
)
# "trong (tổng) số 60 đảng viên mới kết nạp": the number is the pool itself.
POOL_BEFORE = re.compile(r"trong\s+(?:tổng\s+)?số\s*$", IC)
POOL_ADMITTED_AFTER = re.compile(r"^\s*(?:đảng viên|đv|quần chúng)\s+(?:mới\s+)?(?:được\s+)?(?:kết nạp|phát triển)", IC)
POOL_MEMBERS_AFTER = re.compile(r"^\s*(?:đảng viên|đv)\s*(?:,|(?:hiện\s+)?có\b|của\b|toàn\b)", IC)
# "chiếm 67,9%": a share of a whole, never an attainment, a rate or a rating.
SHARE_BEFORE = re.compile(r"chiếm\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*$", IC)
# "vượt mục tiêu Đại hội đề ra … trên 500 đảng viên": the surplus over a target, not a count of anyone.
# "vượt chỉ tiêu 20 đảng viên", "thấp hơn chỉ tiêu 20 đảng viên": the surplus or shortfall against a target, not a count.
SURPLUS_BEFORE = re.compile(r"(?:vượt|thấp hơn|ít hơn|thiếu|hụt)\s+(?:so với\s+)?(?:mức\s+)?(?:mục tiêu|chỉ tiêu|kế hoạch|nghị quyết)"
    r"(?:[^,;(]{0,80}|[^,;]{0,40}?(?:kết nạp|phát triển)[^,;]{0,60})(?<!với )(?<!với)$",  # not "… vượt chỉ tiêu tỉnh giao
    # (200 đảng viên)": the plan's figure; nor "vượt chỉ tiêu với 245 đảng viên": the result
    IC,
)
# "có sự tham gia của 200 đảng viên", "có dưới 10 đảng viên": attendance, and thresholds below a figure, state no count.
NOT_A_COUNT_BEFORE = re.compile(
    r"(?:sự\s+)?(?:tham gia|tham dự|có mặt)(?:\s+của)?\s*(?:hơn|gần|trên|khoảng)?\s*$|(?:dưới|chưa đến|chưa tới|không quá)\s*$", IC
)
# "300 đảng viên, quần chúng tham dự lễ kết nạp", "200 đảng viên dự lễ": the audience of an event, not a count of the organisation.
ATTENDANCE_AFTER = re.compile(
    r"^\s*(?:(?:đảng viên|đv|đồng chí|người)\s*)?(?:(?:,|và)\s*(?:quần chúng|nhân dân|người dân|đoàn viên)\s*)?"
    r"(?:(?:của|trong)\s+[^,;.\d]{1,30}?\s+)?"  # "50 đảng viên của chi bộ tham dự"
    r"(?:đã\s+|đến\s+)?(?:tham dự|dự lễ|dự buổi|chứng kiến|có mặt|tham gia (?:lễ|buổi|hội nghị)|tham gia\s*(?:[.,;]|$))",
    IC,
)
CHANGE_BEFORE = re.compile(
    r"(?:tăng|giảm|vượt|nhiều hơn|thấp hơn|cao hơn|ít hơn|chậm|thiếu|hụt)\s*(?:thêm\s*|bình quân\s*)?$|"  # "còn thiếu 50 đảng viên so với chỉ tiêu"
    # "cao hơn năm trước 20 đảng viên", "nhiều hơn cùng kỳ năm 2022 là 20": a difference from another period, not a count
    r"(?:tăng|giảm|nhiều hơn|ít hơn|cao hơn|thấp hơn)(?:\s+so)?(?:\s+với)?\s+(?:năm|cùng kỳ|kỳ|giai đoạn|nhiệm kỳ)\b[^,;()]{0,30}?(?:\s+là|:)?\s*$",
    IC,
)
CHANGE_WORD = re.compile(r"tăng|giảm|vượt|hơn|chậm|thiếu|hụt", IC)  # a word every CHANGE_BEFORE needs (a cheap test first)
COMPARE_AFTER = re.compile(r"^\s*(?:%\s*)?(?:đảng viên\s*|đv\s*)?\)?\s*so (?:với )?(?:cùng kỳ|năm|cả năm|giai đoạn|năm trước)", IC)
PER_YEAR = re.compile(r"bình quân|hằng năm|hàng năm|mỗi năm|/\s*năm", IC)
RECRUIT = re.compile(r"kết nạp|phát triển đảng|đảng viên|\bđv\b|vào đảng|hàng ngũ của đảng", IC)  # "… được đứng vào hàng ngũ của Đảng"
ECON = re.compile(r"ngân sách|tỷ đồng|GRDP|dự toán|doanh thu|sản lượng|tăng trưởng|thu nhập|xuất khẩu|giá trị sản xuất", IC)
# Other programmes whose percentages of plan share sentences with admissions ("giải ngân vốn đạt 95% kế hoạch").
OTHER_PROGRAM = re.compile(
    r"tuyển quân|giao quân|ngân sách|giải ngân|\bvốn\b|bảo hiểm|hộ nghèo|nông thôn mới|thu nhập|sản xuất|doanh thu|\bthuế\b|"
    r"dân số|tiêm|học sinh giỏi|dự án|đầu tư|trồng rừng|xuất khẩu|đảng phí|thu nộp|đặt mua báo|báo đảng|kinh phí|quỹ",
    IC,
)
# Party work other than admissions whose plans share the article: "hoàn thành 100% kế hoạch kiểm tra".
OTHER_ACTIVITY = re.compile(
    r"kiểm tra|giám sát|giao quân|tuyển quân|tuyên truyền|thẻ đảng|huy hiệu|"
    r"(?<!quyết )(?<!tiêu )(?<!\bnq )đại hội\b",  # "100% kế hoạch đại hội chi bộ"; not "chỉ tiêu Nghị quyết Đại hội"
    IC,
)
# "Kết nạp mới 500 đoàn viên, đạt 110% kế hoạch": a count of Youth Union or association members just before an
# attainment, not taken for the Party: the attainment is theirs.
OTHER_MEMBERS_COUNTED = re.compile(r"\d[\d.,]*\s+(?:đoàn viên|hội viên)(?![^,;]{0,30}?(?:vào\s+đảng|đảng viên))[^,;\d]{0,30}[,;]?\s*(?:đạt|bằng|vượt)\s*$", IC)
# "…; tạo nguồn 300 quần chúng ưu tú, đạt 150% kế hoạch", "thành lập mới 3 tổ chức đảng, đạt 150%": the number just before
# the percent counts people or units that are not the admitted members, and no admission is named with it.
OTHER_COUNTED_REACHING = re.compile(
    r"^\s*(?:quần chúng|hội viên|học viên|hồ sơ|lớp|tổ chức (?:cơ sở )?đảng|chi bộ|đảng bộ)\b[^,;\d]{0,60}?[,;]?\s*\(?\s*(?:đạt|bằng)\s*$",
    IC,
)
# Other party work a clause may report after an admission ("; chuyển đảng chính thức cho 120 đảng viên, đạt 100%",
# "; tổ chức học tập nghị quyết đạt 100% kế hoạch"): its percents are not the admissions'.
OTHER_PARTY_WORK = re.compile(
    r"chính thức|học tập|quán triệt|đảng phí|thu nộp|kiểm tra|giám sát|tuyên truyền|khen thưởng|kỷ luật|đánh giá|xếp loại|thẻ đảng|huy hiệu|"
    r"sinh hoạt|bồi dưỡng|tập huấn|lý luận",
    IC,
)
# Trade-union and association membership drives: their percentages are not the Party's.
UNION = re.compile(r"công đoàn|hội viên", IC)
TARGET_WORD_AFTER = re.compile(r"^\s*(?:\)?\s*(?:so(?: với)?\s+)?(?:kế hoạch|chỉ tiêu|mục tiêu|nghị quyết|kh\b|nq\b))", IC)
# "vượt chỉ tiêu 4%", "vượt kế hoạch đề ra 12,5%": exceeded by X, the target named before the percent.
VUOT_TARGET_BEFORE = re.compile(
    r"vượt\s+(?:mức\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết)(?:\s+(?:kế hoạch|nghị quyết|đại hội|đề ra|được giao|năm)){0,3}\s*(?:là\s*)?$", IC
)
VUOT_BEFORE = re.compile(r"vượt\s*(?:mức\s*)?(?:gần|hơn|trên|khoảng|xấp xỉ)?\s*$", IC)
# "đạt 3,5%", "bằng 80%", "đạt tỷ lệ 2,9%": an achieved figure, never a target rate.
ACHIEVED_BEFORE = re.compile(r"(?:đạt|bằng)\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*$", IC)
# The subject of an "đạt N%" item that is another indicator of party building, not admissions ("…, tổ chức cơ sở đảng
# trong sạch vững mạnh đạt 85%", "chỉ tiêu thôn có chi bộ đạt 100%"): its percent is not the admissions' attainment.
OTHER_INDICATOR = re.compile(
    r"trong sạch,?\s+vững mạnh|hoàn thành (?:tốt|xuất sắc)|tổ chức (?:cơ sở )?đảng(?!\s+viên)|"
    r"\bcó\s+(?:chi bộ|đảng viên|tổ chức (?:cơ sở )?đảng|đảng bộ)\b",
    IC,
)
# "tỷ lệ hoàn thành chỉ tiêu … đạt 80%": the attainment stated as a rate.
ATTAINMENT_RATE = re.compile(r"(?:tỷ lệ|tỉ lệ)\s+hoàn thành\s+(?:chỉ tiêu|kế hoạch|mục tiêu)", IC)
RATE_BEFORE = re.compile(r"(?:tỷ lệ|tỉ lệ)[^,;()]{0,60}?(?:đạt|là)\s*(?:từ\s*)?$|đạt tỷ lệ\s*$|đạt tỉ lệ\s*$", IC)
RATE_AFTER = re.compile(r"^\s*(?:/\s*năm|(?:so với\s+)?tổng số đảng viên)", IC)
# "100% đảng viên mới … hoàn thành tốt nhiệm vụ", "98% đảng viên dự bị": the rating of a subgroup, not of the membership.
RATED_SUBGROUP = re.compile(r"đảng viên\s+(?:mới|dự bị|trẻ|(?:được\s+)?kết nạp)\b", IC)
GOOD = re.compile(r"hoàn thành tốt(?: và xuất sắc)? nhiệm vụ|hoàn thành nhiệm vụ trở lên|đủ tư cách|\bhttnv\b", IC)  # HTTNV: the abbreviation
# "hoàn thành tốt nhiệm vụ" counts the good rating "or above" only when stated so or when no excellent share is split off.
GOOD_OR_ABOVE = re.compile(r"trở lên|tốt và xuất sắc|xuất sắc và tốt|đủ tư cách", IC)
GOOD_AFTER = re.compile(
    r"^\s*(?:(?:số\s+)?đảng viên\b[^,;.\d]{0,60}?)?(?:/\s*năm\s*)?(?:được\s+)?(?:(?:xếp loại|đánh giá)\s+)?(?:đủ tư cách\s+)?"
    r"(?:hoàn thành tốt(?: và xuất sắc)? nhiệm vụ|hoàn thành nhiệm vụ trở lên|httnv\b)",
    IC,
)
NOT_GOOD = re.compile(r"xuất sắc|chỉ tiêu|nghị quyết|theo\b|phấn đấu|chiếm", IC)
PCT_TARGET = re.compile(r"chỉ tiêu|mục tiêu|phấn đấu|bảo đảm|đảm bảo", IC)
SHARE_NOUN_AFTER = re.compile(
    r"^\s*(?:tổ chức|cơ sở|chi bộ|khóm|thôn|xóm|ấp|cán bộ|gia đình|học viên|dân số|số(?!\s+(?:đảng viên|đv)\b)|trường|xã|phường|"
    r"hộ|người dân|cấp ủy)", IC
)
# "có 18/20 xã hoàn thành chỉ tiêu, đạt 90%": the share of units that did something, not the attainment.
UNITS_FRACTION = re.compile(
    r"\d+\s*/\s*\d+\s*(?:xã|phường|thị trấn|chi bộ|đơn vị|đảng bộ|tổ chức|cơ sở|huyện|địa phương|thôn)\b[^\d;]{0,60}$", IC
)
SHARE_OF_UNITS = re.compile(r"(?:tỷ lệ|tỉ lệ)\s+(?:các\s+)?(?:tổ chức|chi bộ|cơ sở|thôn|xóm|ấp|khu phố|xã|phường|trưởng)", IC)
SEG_AFTER = re.compile(r"^\s*(?:đảng viên|đv\b)?\s*(?:mới\s*)?(?:được kết nạp\s*)?(?:ở|là|thuộc|trong|khu vực)?\s*(?P<rest>[^,;.()]{0,60})", IC)
# Labels of the lists of other articles a page shows after its article ("Tin liên quan", "Các tin khác"): in a text, what
# follows such a line is other articles' titles (the parse stage's chrome labels, boilerplate.CHROME_LABELS, include them).
RELATED_LABELS = (
    "tin liên quan", "tin khác", "các tin khác", "tin cùng chuyên mục", "tin mới", "tin mới nhất", "tin mới hơn",
    "tin cũ hơn", "những tin mới hơn", "những tin cũ hơn", "các tin mới", "các tin đã đưa", "tin đã đưa",
    "tin nổi bật", "tin xem nhiều", "đọc nhiều", "đọc nhiều nhất", "xem nhiều", "xem thêm", "có liên quan",
    "bài viết liên quan", "bài viết mới", "bài liên quan", "bài viết khác", "các bài viết khác",
    "tin bài khác", "tin bài liên quan", "tin tức khác", "tin tức liên quan", "tin cùng loại", "cùng chuyên mục",
    "bài cùng chuyên mục", "các bài đã đăng", "bài đã đăng", "tin đọc nhiều", "bài đọc nhiều", "tin tiêu điểm", "đọc thêm",
)
RELATED_LABEL_LINE = re.compile(r"^[\s\W]*(?:" + "|".join(RELATED_LABELS) + r")(?:[\s\W]*$|\s*:)", IC)  # "Tin liên quan: …" too
# "Huyện Yên Thế kết nạp 120 đảng viên mới (12/05/2023)": a title with its date, one line of a list of other articles.
TEASER_LINE = re.compile(
    r"^(?:(?!\.\s)[^!?\n]){15,160}?[\s\-–|(\[]+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s+\d{1,2}[:h]\d{2})?[)\]]?\s*$"
)
# "… năm 2010 kết nạp 1": a text cut mid-sentence (a page opening, a feed's summary) whose last number may be cut too.
CUT_NUMBER = re.compile(r"(?<=[^\W\d])\s+\d(?:[\d.,]*\d)?$")
COUNTER_LINE = re.compile(r"truy cập|lượt xem|hôm qua:|trong tuần:|tất cả:|lượt truy|đang online|bình luận", IC)
RELEVANT = re.compile(
    r"kết nạp|phát triển đảng|đảng viên mới|tạo nguồn|cảm tình đảng|nhận thức về đảng|tổng số đảng viên|"
    r"chất lượng đảng viên|xóa tên|xoá tên|tổ chức cơ sở đảng|quần chúng ưu tú|trở thành đảng viên|"
    r"đảng viên (?:được )?xếp loại|đảng viên đủ tư cách",
    IC,
)

# Admissions into the Youth or Trade Union or an association, not the Party (relevance subtracts them).
OTHER_UNION_ADMIT = re.compile(
    r"kết nạp\s+(?:được\s+)?(?:mới\s+)?(?:\S+\s+){0,2}?(?:đoàn viên(?!\s+(?:ưu tú\s+)?(?:vào|cho) đảng)|hội viên|công đoàn)", IC
)
# Development cues proper: admission into the Party, sources of candidates, member quality (relevance).
DEVELOPMENT_CUE = re.compile(
    r"kết nạp|phát triển đảng|đảng viên mới|tạo nguồn|cảm tình đảng|nhận thức về đảng|quần chúng ưu tú|trở thành đảng viên|"
    r"chất lượng đảng viên|xếp loại chất lượng|đảng viên (?:được )?xếp loại|đảng viên đủ tư cách|hoàn thành tốt nhiệm vụ trở lên",
    IC,
)
# Inspection, discipline and union matter: an article with more of it than development cues is not relevant.
INSPECTION = re.compile(r"kiểm tra|giám sát|kỷ luật|vi phạm|tố cáo|khiếu nại|công đoàn|đoàn viên công đoàn|tỉnh đoàn|huyện đoàn", IC)

# Word lists the count and percent rules read on lower-cased text (`rules.py`, `percents.py`; no case flag, as they were).
# Plans and targets: "chỉ tiêu", "kế hoạch" (a quota or plan), also "mục tiêu", "nghị quyết" (any plan word).
QUOTA_OR_PLAN = re.compile(r"chỉ tiêu|kế hoạch")
PLAN_WORD = re.compile(r"chỉ tiêu|kế hoạch|mục tiêu|nghị quyết")
# Pledges: a rating or a percent stated as a goal ("phấn đấu", "mục tiêu", "đề ra").
PLEDGE = re.compile(r"mục tiêu|đề ra|phấn đấu")
# "giao cho huyện A 150 chỉ tiêu kết nạp": quota places of admissions.
QUOTA_OF_ADMISSIONS_AFTER = re.compile(r"^\s*chỉ tiêu\s+(?:kết nạp|phát triển)")
# "còn phải / còn lại …": what is left of a target.
REMAINDER_BEFORE = re.compile(r"\bcòn (?:phải|lại)\b")
# "…, còn 20 đảng viên chưa …", "còn thiếu 20": the rest of a target right before a count.
LEFT_BEFORE = re.compile(r"\bcòn\s*(?:lại|thiếu|phải)?\s*$")
# "phấn đấu có 6.000 đảng viên": a target of having (a membership goal), not of admitting.
HAVING_BEFORE = re.compile(r"\bcó\s*(?:trên|hơn|khoảng|từ)?\s*$")
# Admissions: the verbs, and with "đảng viên mới" (the words of an admission rate).
ADMIT_VERB = re.compile(r"kết nạp|phát triển")
ADMISSION_WORD = re.compile(r"kết nạp|phát triển|đảng viên mới")
# "có thêm 120 đảng viên mới": members added are admitted.
MORE_BEFORE = re.compile(r"\bcó thêm\s*$")
NEW_AFTER = re.compile(r"^\s*mới\b")
# Youth Union members admitted into the Party, not into the Union ("kết nạp vào Đảng", "… vào Đảng", "hàng ngũ").
INTO_PARTY_BEFORE = re.compile(r"kết nạp (?:vào )?đảng|đảng viên")
INTO_PARTY_AFTER = re.compile(r"^[^,;.]{0,40}(?:vào đảng|kết nạp đảng\b|hàng ngũ)")
# A breakdown item by source: "… trong đó 210 đảng viên được kết nạp từ (nguồn) đoàn viên".
FROM_SOURCE = re.compile(r"^\s*(?:mới\s+)?(?:đã\s+)?(?:được\s+)?(?:kết nạp|phát triển)\s+(?:từ|trong)\s+(?:nguồn\s+)?")
# Members: the noun, the members' total, party membership words around a percent.
MEMBER_WORD = re.compile(r"đảng viên|\bđv\b")
MEMBERS_TOTAL_NOUN = re.compile(r"tổng số đảng viên")
PARTY_MEMBER_WORD = re.compile(r"vào đảng|đảng viên|\bđv\b")
# "N người … là đảng viên": the members among a group, not a count of members.
WHO_ARE_MEMBERS_AFTER = re.compile(r"^[^,;]{0,40}\blà đảng viên")
AGE = re.compile(r"tuổi")
# Cells and organisations: founded, accumulated or added ("thành lập mới 3 chi bộ"), or something given to them.
CELLS_ADDED_BEFORE = re.compile(r"(?:thành lập|lũy kế|mới|tăng|giảm)\s*(?:mới\s*)?(?:đạt\s*)?$")
# "phát triển được 12 tổ chức cơ sở đảng": organisations or cells newly built up, not the stock.
STRUCT_BUILT_BEFORE = re.compile(r"phát triển\s*(?:được\s*)?(?:thêm\s*)?(?:mới\s*)?$", IC)
GIVEN_TO_BEFORE = re.compile(r"\bcho\s*$")
# "chỉ đạo 10 chi bộ trực thuộc đăng ký …": the cells or organisations a directive goes to, not the stock.
DIRECTED_BEFORE = re.compile(r"(?:chỉ đạo|hướng dẫn|yêu cầu|đôn đốc|giao|đề nghị)\s+(?:(?:cho|các)\s+)?$", IC)
OF_OR_FOR_BEFORE = re.compile(r"(?:của|cho)\s*$")
PARTY_UNIT_WORD = re.compile(r"tổ chức (?:cơ sở )?đảng|chi bộ|tccs")
# Rates and ratings: a rate's word; a rating's words (not an attainment's).
RATE_WORD = re.compile(r"tỷ lệ|tỉ lệ")
RATING_WORD = re.compile(r"xuất sắc|nhiệm vụ|tư cách")
# Ratings: the excellent class alone ("xuất sắc"), a rating stated with "đạt/là", a separate figure ("riêng …").
EXCELLENT = re.compile(r"xuất sắc|\bhtxsnv\b")
STATED_BEFORE = re.compile(r"(?:đạt|là)\s*(?:trên|hơn|gần|khoảng)?\s*$")
SEPARATELY = re.compile(r"riêng")
# Attainments stated after a count: "(đạt 104%)", ", đạt 80%", ", bằng 95%".
ACHIEVED_OR_OPEN_BEFORE = re.compile(r"(?:\(|đạt)\s*$")
RATIO_BEFORE = re.compile(r"(?:\(|,)\s*(?:đạt|bằng)\s*$")
# "kết nạp 150 đảng viên, đạt 3,02% …": a count, then its ratio.
COUNT_THEN_RATIO = re.compile(
    r"^[^\d;()]{0,40}?[,(]\s*(?:đạt|bằng|chiếm)\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*$"  # "…, chiếm 3,9% tổng số đảng viên"
)
# Shares of segments: "50% là nữ", "nông dân chiếm 16,3%", "(chiếm 12%)"; "còn lại": the rest, never a segment's share.
SEGMENT_SHARE_AFTER = re.compile(r"^\s*(?:đảng viên|đv|là|ở|thuộc|trong|khu vực)")
SHARE_OR_LABEL_BEFORE = re.compile(r"chiếm\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên)?\s*$|^[,;\s]*[^\d,;()]{2,40}\s*$")
SHARE_ONLY = re.compile(r"[,(\s]*chiếm\s*(?:tỷ lệ)?\s*")
REST = re.compile(r"còn lại")
# A quota ("chỉ tiêu") and a total ("tổng số") alone; comparisons: "so với" (against a plan or the membership),
# "so với tổng số" (a rate of the membership), "vượt".
QUOTA_WORD = re.compile(r"chỉ tiêu")
TOTAL_WORD = re.compile(r"tổng số")
VERSUS = re.compile(r"so với")
VERSUS_ALL_MEMBERS = re.compile(r"so với tổng số")
EXCEED = re.compile(r"vượt")
# A segment's label after a count ("30 đồng chí là nữ", "… người dân tộc thiểu số"), unless "đều là" (all of them are).
# "Số đảng viên nữ được kết nạp là 45", "Riêng đối tượng là học sinh, kết nạp được 12 em", "Đối với đoàn viên thanh
# niên, đã có 120 người được kết nạp": the segment named as the pool before a count is what it counts. Not a place
# ("83 đảng viên mới tại các làng DTTS", "ở vùng đồng bào dân tộc") nor an organisation's name (ORG_NAMES).
SEGMENT_POOL_BEFORE = re.compile(
    r"(?:\bsố|\btrong|đối với|\briêng|đối tượng|\blà|đảng viên(?:\s+mới)?)\s+(?:(?:các|những|đồng bào|người|lực lượng|khối)\s+)?$", IC
)
ORG_SCOPE_POOL = re.compile(r"(?:tổ chức (?:cơ sở )?đảng|đảng bộ|chi bộ|cơ sở đảng)\s+(?:\S+\s+){0,2}?trong\b", IC)
SEGMENT_LABEL_AFTER = re.compile(
    r"^\s*(?:mới\s+)?(?:ưu tú\s+(?=là))?"
    r"(?:(?:đã\s+)?(?:được\s+)?(?:kết nạp|phát triển)(?:\s+(?:vào\s+)?đảng)?\s+(?=là\b))?"  # "25 đảng viên được kết nạp là người Công giáo"
    r"(?:là|nữ|người|thuộc|ở|trong|khu vực|còn|đang|em)\b"
)
ALL_ARE = re.compile(r"đều là")
# "7 chi bộ trực thuộc, với 80 đảng viên": a list of stock figures after a stock.
STOCK_LIST_BEFORE = re.compile(r"[^,;\d]{0,40}?[\s,]*(?:với|và|gồm|có)\s*(?:tổng số\s*)?")

# Percent rules (`percents.py`) and sentence openers (`candidates.py`).
# The plan a list of units' attainments is headed by ("Các đơn vị hoàn thành chỉ tiêu: A đạt 110%, …").
PLAN_OR_RESOLUTION = re.compile(r"chỉ tiêu|kế hoạch|nghị quyết")
# "kết nạp được 250/240 đảng viên (đạt 104%)": an admitted fraction before its attainment.
ADMITTED_FRACTION_BEFORE = re.compile(r"(?:kết nạp|phát triển)(?:\s+được)?(?:\s+mới)?\s*\d[\d.]*\s*/\s*\d[\d.]*\s*(?:đảng viên|đv|quần chúng)[^\d;]{0,20}$", IC)
# What may stand between an admitted count and its attainment: "… 187 đảng viên mới, đạt", "… 1.669 đảng viên, chiếm tỷ lệ",
# "… trên tổng số 2.200 chỉ tiêu được giao, đạt" (a target's quota places).
COUNT_TO_PCT = re.compile(
    r"[\s,;(]*(?:(?:đảng viên|đv|đồng chí|quần chúng|người|chỉ tiêu)\b[^,;()\d]{0,30}?)?[\s,(]*(?:đã\s+)?"
    r"(?:đạt|bằng|hoàn thành|vượt|chiếm)?\s*(?:được\s+)?(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*",
    IC,
)
# The sentence after an admission: "Như vậy, huyện đã đạt 80% chỉ tiêu", "Kết quả này đạt …", "Đạt 80% …".
# The subject may only be the organisation ("huyện", "toàn tỉnh", "Đảng bộ xã"): "Tổng sản phẩm đạt 101% …" is the economy's.
ATTAINMENT_CARRIED = re.compile(
    r"[\W]*(?:(?:như vậy|kết quả(?: này| trên)?|con số này|qua đó|với kết quả (?:này|trên))[\s,]*)?"
    r"(?:(?:tính chung|lũy kế|cộng dồn)[^,;.\d]{0,30},\s*)?"  # "Tính chung cả nhiệm kỳ, xã đạt 110% chỉ tiêu nghị quyết"
    r"(?:(?:toàn|cả|các)\s+)?(?:(?:đảng bộ|đảng ủy|chi bộ|huyện|tỉnh|thành phố|thị xã|quận|xã|phường|thị trấn|khối|đơn vị)"
    r"(?:\s+[^\s,.;]+){0,3}?\s+)?"
    r"(?:đã\s+)?(?:đạt|bằng|hoàn thành|vượt)\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*",
    IC,
)
# "Tổng sản phẩm tăng 8,5%, đạt 101% chỉ tiêu": a percent after another figure of the sentence is that figure's, not
# the previous sentence's admissions'.
FIGURE_BEFORE = re.compile(r"\d\s*%|\d\s*/\s*\d")
# "đạt 3,02% số đảng viên cuối năm trước": a percent of the membership (an admission or target rate).
OF_MEMBERS_AFTER = re.compile(
    r"^\s*(?:so với\s+)?(?:tổng\s+)?số đảng viên(?:\s+(?:cuối|đầu|hiện có|của|toàn|năm)\b|\s*(?:[,.;)]|$))"  # not "… được kết nạp"
)
# "tỷ lệ đảng viên trẻ dưới 30 tuổi đạt 25%": a rate named for something; it is of admissions only with these words.
NAMED_RATE = re.compile(r"(?:tỷ lệ|tỉ lệ)\s+(?P<what>[^,;()]{1,60}?)\s*(?:đạt|là)\s*(?:từ\s*)?$", IC)
RATE_OF_ADMISSIONS = re.compile(r"kết nạp|phát triển|đảng viên mới|bình quân|hằng năm|hàng năm|mỗi năm", IC)
# "Trong đó, …", "Về cơ cấu: …": a sentence that opens a breakdown.
BREAKDOWN_OPENER = re.compile(r"^\W*(?:về\s+)?(?:trong đó|trong số|phân loại|cơ cấu|cụ thể)", IC)
# Column roles of a table header, first match wins ("Chỉ tiêu" -> target, "Kết nạp" -> admitted); registry.TABLE_METRIC
# maps each role to its metric.
TABLE_HEADER_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rate", re.compile(r"(?i)(?:tỷ lệ|tỉ lệ|%)[^|]*tổng số")),
    ("attainment", re.compile(r"(?i)tỷ lệ|tỉ lệ|%|đạt|so với")),
    ("target", re.compile(r"(?i)chỉ tiêu|kế hoạch|mục tiêu|giao|^\s*kh\s*$")),  # "KH": kế hoạch
    ("cells", re.compile(r"(?i)chi bộ")),
    ("admitted", re.compile(r"(?i)kết nạp|phát triển|kết quả|thực hiện|đảng viên mới|đv mới|^\s*th\s*$")),  # "TH": thực hiện
    ("total", re.compile(r"(?i)tổng số đảng viên|số đảng viên|đảng viên|\bđv\b")),
)
# Other header and row words of a table (`tables.py`): the index column, the unit's name column, a total row, and the
# qualifiers a cell may carry before its number ("trên 95%") with the qualifier each states.
TABLE_INDEX_HEADER = re.compile(r"(?i)^\s*(?:stt|tt|số tt|số thứ tự)\s*$")
TABLE_NAME_HEADER = re.compile(r"(?i)đơn vị|tên|đảng bộ|chi bộ|địa phương|huyện|xã")
TABLE_TOTAL_ROW = re.compile(r"(?i)^\s*(?:tổng|cộng|toàn)")
TABLE_CELL_QUALIFIERS = {"trên": "over", "hơn": "over", "gần": "nearly", "khoảng": "about"}


NOT_NAME_WORDS = {
    "có", "trong", "năm", "đến", "tính", "hiện", "toàn", "riêng", "đã", "với", "tổng", "sau", "qua", "nhờ", "kết", "như",
    "các", "mỗi", "từ", "do", "theo", "tại", "ở", "cả", "những", "còn", "bao", "gồm", "đảng", "chi", "tỉnh", "huyện",
    "đạt", "vượt", "bằng", "hoàn", "nâng", "tăng", "giảm", "số", "tỷ", "tỉ", "phát",
    "thêm", "gần", "hơn", "trên", "khoảng", "chừng",  # qualifiers opening a title ("Thêm 12 quần chúng …", "Gần 100 …")
}


# Grammar: how lists, labels and clauses are cut (`rules.py`, `percents.py`, `confidence.py`). Punctuation and words that
# state no metric; the rules read them on the text as written (no case flag unless the pattern says so).
# Separators of list items, labels and phrases.
ITEM_SEP = re.compile(r"[,;:]")  # "A 11/15, B 12/20; C: …": list items and "label:" heads
LABEL_SEP = re.compile(r"[,;:(]")  # … and an opened parenthesis: where a label before a number starts
PART_SEP = re.compile(r"[,;(]")  # a comma, a semicolon or "(": the head of a phrase before or after a number
PHRASE_SEP = re.compile(r"[,;()]")  # … or a closing parenthesis: the phrase right after a number
WIDE_LABEL_END = re.compile(r"[;()\d]")  # a label a comma does not end ("là trưởng, phó thôn"): up to ";", "(", ")" or a digit
CLAUSE_PART_SEP = re.compile(r"[,;]")  # a comma or a semicolon: the part of a clause just before a number
PAREN = re.compile(r"[()]")
DIGIT = re.compile(r"\d")
LABEL_TRAIL = " :-–"
"""Characters stripped from the end of a list item before its label is read ("Đoàn viên TNCS Hồ Chí Minh: ")."""
ITEM_TRAIL = " ,;:.-"
"""Characters stripped from both ends of a list item's name."""
# Breakdown openers inside a clause ("…, trong đó 30 nữ"): they end a label or a scope, like a separator.
_OPENERS = r"trong đó|trong số"
ITEM_LABEL_SPLIT = re.compile(r"[,;(]|\bvà\b|" + _OPENERS)  # the last list item of a text ("…; là phụ nữ ")
LABEL_SPLIT = re.compile(r"[,;:(]|\bvà\b|" + _OPENERS + r"|\bcó\b(?! đạo)")  # the label just before a number ("…; nữ 41")
SCOPE_SPLIT = re.compile(_OPENERS + "|;")  # the phrase after a noun up to a breakdown or the clause end
# "nữ: 45", "người dân tộc thiểu số có 30": the verb or colon between a label and its number.
LABEL_TAIL = re.compile(r"(?:\s+(?:có|là|gồm))?\s*[:\-–]?\s*$")
COLON_END = re.compile(r":\s*$")
# "trong đó Thăng Bình", "gồm …", "cụ thể …": words that open a list before its first item's name.
LIST_OPENER = re.compile(r"(?i)^\s*(?:(?:trong đó|trong số|như|gồm|bao gồm|cụ thể)\b\s*)?")
# "A (đạt 80%)", "B đạt 110%": an attainment's opening after a list item's name.
ITEM_ATTAINMENT_TAIL = re.compile(r"\s*\(?\s*(?:đạt\s*)?\(?\s*$")
# Words with no content of their own after a breakdown opener ("trong số đó có …"): what is left names the pool.
OPENER_FILLER = re.compile(r"\b(?:đó|này|có|đã|được|gần|hơn|trên|khoảng|là)\b|\W")
# The end of a list item right after a number: nothing, punctuation, a closing parenthesis or "và".
ITEM_END_AFTER = re.compile(r"^\s*(?:$|[,;.)]|và\b)")
ITEM_END_NO_AND_AFTER = re.compile(r"^\s*(?:\)|[.;,]|$)")  # … not "và" ("(đạt 80%)", "đạt 80%.")
CLOSE_PAREN_AFTER = re.compile(r"^\s*\)")
# "24.31%": a decimal written with the wrong separator, read as two numbers.
MALFORMED_DECIMAL_AFTER = re.compile(r"^[.,]\d")
# After a number: a verb ("là", "có", "được", "đã"); "có đạo" (religious, a segment, not a verb).
VERB_AFTER = re.compile(r"^\s*(?:là|có|được|đã)\b")
RELIGIOUS_AFTER = re.compile(r"^\s*có đạo")
# "… 120 dân tộc thiểu số, 60 là nữ": the label of a bare number, after an optional "là"; "người" before a label.
BARE_LABEL_AFTER = re.compile(r"^\s*(?:là\s+)?(?P<label>(?:người\s+)?[^,;.()\d]{2,40})")
PERSON_PREFIX = re.compile(r"^người\s+")
# "tổng số chi bộ … là 166 (đơn vị)": the end of a count of cells.
CELLS_TOTAL_AFTER = re.compile(r"^\s*(?:đơn vị|chi bộ)?\s*(?:$|[,.;()])")
# "… là: A (12 đảng viên)": a capitalised unit name and an opened parenthesis before the number.
UNIT_ITEM_OPEN = re.compile(r"[;,.\s]*(?:và\s+)?[A-ZĐ][^\d()]{1,60}\(\s*")
# "đảng viên nữ (": a short label and an opened parenthesis before a percent (the share of the count before).
SHORT_OPEN_PAREN = re.compile(r"[^\d;()]{0,30}\(\s*")
# The cell noun's attached tail ("chi bộ trực thuộc"): the cells are counted whatever follows.
ATTACHED = re.compile(r"trực thuộc")

# Names of administrative units and party committees before a unit's proper name (as written, capitals matter).
ADMIN_UNITS = ("xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh")
"""Administrative unit types: "huyện Tân Yên" is listed as "Tân Yên"."""
UNIT_TITLES = ("Đảng bộ", "Đảng ủy", "huyện", "thị xã", "thành phố", r"TP\.?", "xã", "phường", "quận", "thị trấn")
"""Titles before a unit's name in a list of units' percents ("Đảng bộ huyện A đạt 110%", "TP. B 95%")."""
ADMIN_UNIT_BEFORE_NAME = re.compile(r"^(?:" + "|".join(ADMIN_UNITS) + r")\s+(?=[A-ZĐ])")
UNIT_TITLES_BEFORE = re.compile(r"^(?:và\s+)?(?:(?:" + "|".join(UNIT_TITLES) + r")\s+)*")
# A unit's name in a list of percents: titles, then one to four capitalised words, then "đạt" ("; và huyện A đạt").
UNIT_NAME_ITEM = re.compile(
    r"^\s*[,;]?\s*(?:và\s+)?(?:(?:" + "|".join(UNIT_TITLES) + r")\s+)*"
    r"[A-ZĐ][^\W\d_]*(?:[\s-]+[A-ZĐ][^\W\d_]*){0,3}\s*(?:đạt\s*)?$"
)
# … or, in a list of attainments after a colon, the name with "(" and "đạt" in either order ("B (đạt 105%)").
UNIT_NAME_ATTAINMENT = re.compile(
    r"^\s*(?:và\s+)?(?:(?:" + "|".join(UNIT_TITLES) + r")\s+)*"
    r"[A-ZĐ][^\W\d_]*(?:[\s-]+[A-ZĐ][^\W\d_]*){0,3}\s*(?:\(\s*)?(?:đạt\s*)?(?:\(\s*)?$"
)


# Confidence evidence (`confidence.py`): plain lower-case phrases, each matched as whole words (case-insensitive unless
# said otherwise). confidence.json keeps only numbers: bases, weights, penalties and thresholds.
# A metric's own cue before the number (`cue_near` within near_chars, `cue_far` further in its clause).
CONFIDENCE_CUES: dict[str, tuple[str, ...]] = {
    "admitted": ("kết nạp", "phát triển", "đứng vào hàng ngũ", "vào đảng", "đảng viên mới"),
    "admitted_target": (
        "chỉ tiêu", "kế hoạch", "mục tiêu", "phấn đấu", "nghị quyết", "dự kiến", "sẽ kết nạp",
        "sẽ phát triển", "xác định kết nạp", "yêu cầu kết nạp", "được giao", "phải hoàn thành kết nạp",
        "hướng tới kết nạp", "nỗ lực kết nạp", "cố gắng kết nạp", "nhằm kết nạp",
    ),
    "target_attainment_pct": ("đạt", "vượt", "so với", "chỉ tiêu", "kế hoạch", "mục tiêu", "nghị quyết"),
    "admission_rate_pct": ("tỷ lệ", "tỉ lệ", "bình quân"),
    "members_total": ("tổng số", "hiện có", "sinh hoạt", "có", "gồm", "toàn đảng bộ"),
    "members_good_rating_pct": ("hoàn thành tốt nhiệm vụ", "hoàn thành nhiệm vụ", "tư cách"),
    "party_cells": ("chi bộ",),
    "grassroots_orgs": (
        "tổ chức cơ sở đảng", "cơ sở đảng", "đảng bộ cơ sở", "tccs", "đảng bộ trực thuộc",
        "tổ chức đảng trực thuộc", "đảng bộ, chi bộ cơ sở", "chi, đảng bộ cơ sở",
    ),
    "candidates_trained": ("lớp", "cảm tình", "nhận thức về đảng", "bồi dưỡng", "hồ sơ", "nguồn"),
    "members_removed": ("xóa tên", "xoá tên", "khai trừ", "ra khỏi đảng"),
    "admitted_target_pct": ("chỉ tiêu", "mục tiêu", "phấn đấu"),
}
"""Per metric (every registered metric has an entry): phrases that state it before a number."""
# … and right after the number (`cue_near` when within near_chars): "đạt 105% kế hoạch", "12 đảng viên bị xóa tên".
CONFIDENCE_CUES_AFTER: dict[str, tuple[str, ...]] = {
    "members_removed": ("ra khỏi đảng", "xóa tên", "xoá tên", "khai trừ"),
    "admitted": ("được kết nạp", "đứng vào hàng ngũ", "vào đảng"),
    "target_attainment_pct": ("kế hoạch", "chỉ tiêu", "mục tiêu", "nghị quyết"),
    "admission_rate_pct": ("/năm", "so với tổng số đảng viên", "số đảng viên cuối", "số đảng viên đầu"),
    "members_total": ("sinh hoạt", "đang sinh hoạt"),
    "members_good_rating_pct": ("hoàn thành tốt nhiệm vụ", "hoàn thành nhiệm vụ"),
    "party_cells": ("chi bộ",),
    "grassroots_orgs": (
        "tổ chức cơ sở đảng", "cơ sở đảng", "đảng bộ cơ sở", "tccs", "đảng bộ trực thuộc",
        "tổ chức đảng trực thuộc", "đảng bộ, chi bộ cơ sở", "chi, đảng bộ cơ sở",
    ),
    "admitted_target": ("theo kế hoạch",),
    "candidates_trained": (
        "lớp", "cảm tình", "nhận thức về đảng", "hồ sơ", "bồi dưỡng", "chứng nhận", "nguồn",
    ),
}
"""Per metric: phrases that state it right after a number."""
# `obligation_admitted`: an admission stated as an obligation or plan (matched in lower case only: "Cần Thơ" is a place).
OBLIGATION_PHRASES = (
    "phải", "cần", "sẽ", "phấn đấu", "dự kiến", "đăng ký", "được giao", "giao chỉ tiêu", "định hướng",
)
# `candidate_admitted`: candidate and training words around an admission ("lớp cảm tình", "đối tượng kết nạp").
CANDIDATE_PHRASES = (
    "lớp bồi dưỡng", "lớp đối tượng", "lớp cảm tình", "học lớp", "lớp nhận thức", "đối tượng kết nạp",
    "giới thiệu", "hồ sơ", "đề nghị kết nạp", "chờ kết nạp", "cảm tình đảng", "nguồn",
)
# `share_after` / `share_pct`: a share ("chiếm") of a total (SHARE_OF_PHRASES), not of the population or a plan.
SHARE_PHRASES = ("chiếm",)
SHARE_OF_PHRASES = ("tổng số", "trên tổng", "so với tổng")
NOT_SHARE_OF_PHRASES = ("dân số", "chỉ tiêu", "kế hoạch")
# `distributive`: a count of each unit, not of all ("mỗi nơi 4 đảng viên").
DISTRIBUTIVE_PHRASES = (
    "mỗi nơi", "mỗi đơn vị", "mỗi chi bộ", "mỗi xã", "mỗi đảng bộ", "mỗi trường", "mỗi lớp", "mỗi thôn",
    "mỗi cơ sở",
)
# `surplus`: an admission stated as a surplus over a target or an increase ("vượt … trên 500").
SURPLUS_PHRASES = ("vượt", "tăng", "nhiều hơn", "hơn so với")
# `breakdown_lead`: "Trong số 60 đảng viên mới …, có 36 …": a part of a total stated before it.
BREAKDOWN_PHRASES = ("trong số", "trong đó")
# Words the evidence reads around those phrases: "Trong số …, có N" (`breakdown_lead`); an admission verb that makes a
# label not a segment's (`segment_label`); the population (`share_pct`); "vượt" before an attainment (`vuot_below_100`).
PART_OF_BEFORE = re.compile(r"[,:]\s*(?:có|là)\s*$", IC)
ADMIT_VERB_ANY_CASE = re.compile(r"(?i)kết nạp|phát triển")
POPULATION_WORD = re.compile(r"dân số")

# Organisations whose names contain segment words ("Đảng bộ Công an tỉnh", "Bộ đội Biên phòng tỉnh",
# "Đảng ủy Khối doanh nghiệp"): a figure reported by them is the organisation's, not a segment's.
ORG_NAMES = re.compile(
    r"(?:(?:đảng bộ|đảng ủy|chi bộ)\s+(?:khối\s+)?(?:các\s+)?)?(?:công an|bộ đội biên phòng|bộ đội|quân sự|quân đội|biên phòng)"
    r"\s+(?:nhân dân\s+)?(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\b"
    r"|(?:đảng bộ|đảng ủy|chi bộ)\s+(?:khối\s+)?(?:các\s+)?(?:công an|bộ đội|quân sự|quân đội|biên phòng|doanh nghiệp|trường)[^,;:()\d]*",
    IC,
)


def segments_in(text: str) -> list[str]:
    """Segments named in a phrase, in order of appearance, without double counting overlaps (organisation names aside)."""
    text = ORG_NAMES.sub(lambda m: " " * len(m.group()), text)
    found: list[tuple[int, int, str]] = []
    for name, rx in SEGMENTS:
        for m in rx.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), name))
    return [name for _, _, name in sorted(found)]


# Validation (validate.py).
# "trong đó", "trong số", "(": a second whole admission after these is a breakdown of the first.
BREAKDOWN_MARK = re.compile(r"trong đó|trong số|\(", IC)
# "đến năm 2030", "năm 2025", "tính đến cuối năm 2023": a stock dated at a point in time (not a term "nhiệm kỳ 2020-2025").
STOCK_DATE_POINT = re.compile(r"^\W*(?:(?:tính\s+)?đến|tới)?\s*(?:hết\s+|cuối\s+)?năm\s+\d{4}\W*$", IC)


# --- Rules 1.2.6: stocks (members, cells, organisations), removals, candidates ---
# "Đại hội có 250 đại biểu, đại diện cho hơn 6.500 đảng viên trong toàn Đảng bộ": the membership a congress represents
# (like "thay mặt cho", ON_BEHALF), also after "đại biểu" (which COMMITTEE reads as a delegation's own size).
REPRESENTING_BEFORE = re.compile(r"\bđại diện\s+(?:cho\s+)?(?:hơn|trên|gần|khoảng|xấp xỉ)?\s*$", IC)
# "Đảng bộ có 320 đảng viên, trong đó nữ 120 đồng chí, đảng viên dự bị 15 đồng chí": after the membership, a count
# labelled by a kind of member is a subgroup of it, not a second membership.
MEMBER_KIND_LABEL = re.compile(
    r"(?:đảng viên\s+)?(?:dự bị|chính thức|cao tuổi|trẻ|hưu trí|được miễn(?: sinh hoạt)?|miễn sinh hoạt|"
    r"(?:tuổi đảng|huy hiệu)[^,;:(]{0,30})\s*(?:là|có|gồm|:)?\s*$",
    IC,
)
# "tổ chức sinh hoạt chuyên đề tại 18 chi bộ": cells or organisations where something is done; only members living in
# them ("262 đảng viên sinh hoạt tại 11 chi bộ", "…, sinh hoạt ở 9 chi bộ") state the stock after "tại / ở".
AT_UNITS_BEFORE = re.compile(r"\b(?:tại|ở)\s*(?:các\s+)?$", IC)
MEMBERS_LIVE_AT_BEFORE = re.compile(
    r"(?:đảng viên|đồng chí|đ/c|đv)\s*,?\s*(?:(?:đang\s+)?sinh hoạt\s+)?(?:tại|ở)\s*(?:các\s+)?$|"
    r",\s*(?:đang\s+)?sinh hoạt\s+(?:tại|ở)\s*(?:các\s+)?$",
    IC,
)
# "30 chi bộ trực thuộc được xếp loại …", "42 tổ chức cơ sở đảng phát triển được đảng viên", "12 chi bộ không kết nạp
# được": units counted by what they did or were rated, not the organisation's stock of them.
UNITS_DOING_AFTER = re.compile(
    r"^[^,;.(]{0,60}?\b(?:có\s+(?!\d|hơn|gần|trên|khoảng|tổng|tới|đến|xấp xỉ)|đã\b|đạt\b|hoàn thành|kết nạp|phát triển(?: được| đảng viên)|"
    r"được\s+(?:xếp loại|đánh giá|công nhận|tặng|khen|biểu dương|chọn|giao)|xếp loại|"
    r"(?:không|chưa)\s+(?:kết nạp|phát triển|có|đạt|hoàn thành)|tổ chức\s+(?:lễ|đại hội|sinh hoạt|hội nghị)|ban hành)",
    IC,
)
# "Hội nghị có sự tham dự của đại diện 45 tổ chức cơ sở đảng": the units an audience comes from.
# "tập huấn cho cấp ủy 45 chi bộ", "bí thư 25 chi bộ trực thuộc": people of the units, not the units ("đại diện cho 45 tổ
# chức cơ sở đảng", representing them, is the stock).
AUDIENCE_OF_BEFORE = re.compile(
    r"(?:(?:tham dự|tham gia|có mặt|dự)\s+(?:của\s+)?(?:các\s+)?đại diện|\blãnh đạo|\b(?:phó\s+)?bí thư|\bcấp (?:ủy|uỷ)|"
    r"\bchi (?:ủy|uỷ)|\bđảng (?:ủy|uỷ) viên)\s+(?:của\s+)?(?:các\s+)?(?:hơn|gần|trên|khoảng)?\s*$",
    IC,
)
# "nâng số đảng viên toàn huyện lên 5.230.", "số đảng viên của Đảng bộ là 320.": the membership stated as a bare number
# after its noun phrase ("rest": what the members are said to be or do, read by NOT_ALL_MEMBERS).
MEMBERS_NAMED_BARE_BEFORE = re.compile(
    r"\bsố(?:\s+lượng)?\s+(?:đảng viên|đv)\b(?P<rest>[^,;\d]{0,60}?)\s*(?:\blên|\blà|:)\s*(?:hơn|trên|gần|khoảng)?\s*$", IC
)
# … not when the members are of a kind or did something ("số đảng viên mới", "số đảng viên có trình độ …").
NOT_ALL_MEMBERS = re.compile(
    r"\b(?:mới|kết nạp|phát triển|có\b|đạt|được|bị|đang|đã|xóa tên|xoá tên|khai trừ|trẻ|nữ|dự bị|chính thức|"
    r"tham gia|hoàn thành|xếp loại|miễn|tuổi)",
    IC,
)
# "Nguồn phát triển đảng viên hiện có 180 quần chúng ưu tú", "nguồn quần chúng ưu tú của huyện là 520 người",
# "tạo nguồn được 420 quần chúng ưu tú": a stated pool of candidates.
CANDIDATE_POOL_BEFORE = re.compile(
    r"\bnguồn\s+(?:phát triển đảng(?: viên)?|kết nạp(?: đảng(?: viên)?)?|(?:các\s+)?quần chúng(?: ưu tú)?|cảm tình đảng|đảng viên)"
    r"[^,;.\d]{0,40}?\b(?:hiện có|có|là|gồm)\s*(?:khoảng|gần|hơn|trên)?\s*$|"
    r"\btạo nguồn\s+(?:được\s+)?(?:mới\s+)?(?:khoảng|gần|hơn|trên)?\s*$",
    IC,
)
# "số đảng viên bị xóa tên là 18 đồng chí": the removed named as the pool before the count, not the membership.
REMOVED_POOL_BEFORE = re.compile(r"\bsố(?:\s+lượng)?\s+(?:đảng viên|đv)\s+(?:bị\s+)?(?:xóa tên|xoá tên|khai trừ|đưa ra khỏi)", IC)
# "đã đưa 35 đảng viên không đủ tư cách ra khỏi Đảng": the verb before the count, its end after the counted members.
REMOVE_AROUND_BEFORE = re.compile(r"\b(?:đưa|cho)\s*(?:hơn|trên|gần|khoảng)?\s*$", IC)
REMOVE_AROUND_AFTER = re.compile(r"^[^,;.\d]{0,60}?\bra khỏi (?:đảng|hàng ngũ)", IC)
# "3 đảng viên bị khai trừ, 15 đảng viên bị cảnh cáo": members given a lighter sanction are not removed.
LESSER_SANCTION_AFTER = re.compile(
    r"^\s*(?:đã\s+)?bị\s+(?:xử lý\s+)?(?:thi hành\s+)?(?:kỷ luật\s+)?(?:(?:bằng\s+)?hình thức\s+)?"
    r"(?:cảnh cáo|khiển trách|cách chức|kỷ luật|xử lý)(?![^,;.]{0,40}?(?:khai trừ|xóa tên|xoá tên|ra khỏi))",
    IC,
)
# A removal verb in the same phrase, right before a count ("khai trừ 12 đảng viên vi phạm"), not in an earlier clause
# ("Không có đảng viên nào bị xóa tên, 3 đảng viên được miễn sinh hoạt").
REMOVE_IN_PHRASE_BEFORE = re.compile(r"(?:xóa tên|xoá tên|khai trừ|ra khỏi đảng|cho ra\b)[^,;.\d]{0,60}$", IC)
# "420 quần chúng ưu tú, trong đó có 215 đoàn viên", "…, trong đó 25 học viên đạt loại giỏi": a part of the candidates
# named by no unit (a unit's share is named before its number: "trong đó các phường là 79 đoàn viên").
CANDIDATE_SUBGROUP_BEFORE = re.compile(r"\btrong đó\s*[,:]?\s*(?:có\s+)?(?:khoảng|gần|hơn|trên)?\s*$", IC)
# "Mỗi lớp có khoảng 50 học viên": a figure per class, not the candidates'.
PER_CLASS_BEFORE = re.compile(r"\bmỗi\s+(?:lớp|khóa|khoá|đợt)\b[^,;.\d]{0,60}$", IC)
# "Đảng bộ có 520 đảng viên, trong đó 11 chi bộ khu dân cư có 380 đảng viên": after the membership, the members of a
# number of its units (the text since that number starts with the unit noun) are a part of it.
UNITS_PART_BEFORE = re.compile(r"^\s*(?:chi bộ|đảng bộ|tổ chức cơ sở đảng|tổ chức đảng|cơ sở đảng)\b", IC)
# "Tổng số tổ chức cơ sở đảng trong toàn Đảng bộ là 56", "số chi bộ trực thuộc đảng bộ cơ sở là 320": cells or
# organisations named before a bare number ("rest": what the units are said to be or do, read by UNITS_DOING_AFTER).
UNITS_COUNT_BEFORE = re.compile(
    r"\b(?:tổng\s+)?số(?:\s+lượng)?\s+(?:các\s+)?(?:(?P<cells>chi bộ)|tổ chức cơ sở đảng|tổ chức đảng cơ sở|tccsđ|tccs đảng|"
    r"cơ sở đảng|đảng bộ cơ sở|đảng bộ trực thuộc|tổ chức đảng trực thuộc|chi,\s*đảng bộ cơ sở)\b"
    r"(?P<rest>[^,;\d]{0,60}?)\s*(?:\blà|:|\bcó)\s*(?:khoảng|gần|hơn|trên)?\s*$",
    IC,
)
UNITS_TOTAL_AFTER = re.compile(r"^\s*(?:đơn vị|chi bộ|tổ chức(?: cơ sở đảng)?|cơ sở(?: đảng)?|đảng bộ(?: cơ sở)?|tccsđ)?\s*(?:$|[,.;()])", IC)
# What units counted before a bare number may not be said to be or have ("Số chi bộ có đảng viên là 45", "… trong sạch,
# vững mạnh là 30"): a part of them.
UNITS_QUALIFIED = re.compile(r"\b(?:có|đạt|được|không|chưa|hoàn thành|kết nạp|phát triển|xếp loại|trong sạch|vững mạnh|yếu kém|tiêu biểu|mới)\b", IC)
# "32 chi bộ, đảng bộ cơ sở", "24 chi bộ, đảng bộ cơ quan, doanh nghiệp": cells and party committees counted together are
# grassroots organisations, not cells.
CELLS_AND_COMMITTEES = re.compile(r"^\s*chi bộ\s*(?:,|và|/)\s*đảng bộ\b", IC)
# "Năm 2024, dự kiến xóa tên 10 đảng viên", "khai trừ ra khỏi Đảng đối với 2 đảng viên": a removal verb right before the
# count governs it (a plan word before the verb makes it a planned removal, not a target of admissions).
REMOVE_RIGHT_BEFORE = re.compile(r"(?:xóa tên|xoá tên|khai trừ|ra khỏi đảng)[^,;.\d]{0,25}$", IC)
# "sẽ / dự kiến / phấn đấu / cần / phải xóa tên …": a removal still to come.
REMOVAL_PLANNED = re.compile(r"\b(?:sẽ|dự kiến|phấn đấu|cần|phải)\b", IC)
# The words that make people counted near a candidate cue ("danh sách", "hồ sơ", "giới thiệu", "bồi dưỡng") candidates of
# the Party: admission, the Party, its awareness class, the elite, a source ("Danh sách có 45 người được đề nghị khen thưởng"
# names none).
CANDIDATE_CONTEXT = re.compile(
    r"kết nạp|cảm tình|ưu tú|nguồn|tiêu biểu|xuất sắc|(?:về|vào|cho|của|lớp)\s+đảng\b(?!\s*(?:viên|bộ|ủy|uỷ))", IC
)
# "50.896 đảng viên, chiếm 6,36% dân số toàn tỉnh": a members count stated as a share of the population is the membership.
MEMBERS_SHARE_OF_POPULATION_AFTER = re.compile(
    r"^\s*(?:đảng viên|đv|đồng chí)\s*[,(]\s*(?:chiếm|bằng|đạt)\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*"
    r"\d[\d,.]*\s*%\s*(?:so với\s+|trên\s+)?(?:tổng\s+)?(?:số\s+)?dân(?:\s+số)?\b",
    IC,
)
# "Số quần chúng được học lớp cảm tình Đảng trong năm là 420", "số quần chúng đủ điều kiện xem xét kết nạp là 180 người":
# the candidates named as a pool before their number.
CANDIDATES_NAMED_BEFORE = re.compile(
    r"\bsố(?:\s+lượng)?\s+(?:quần chúng|đoàn viên|học viên|cảm tình đảng|đối tượng)\b(?=[^,;\d]{0,80}?(?:lớp|cảm tình|nhận thức về đảng|"
    r"xem xét,?\s+kết nạp|nguồn|giới thiệu|hồ sơ|đối tượng (?:kết nạp|đảng)))[^,;\d]{0,80}?(?:\blà|:)\s*(?:khoảng|gần|hơn|trên)?\s*$",
    IC,
)
# Person nouns of candidates: "cảm tình Đảng" (a candidate), "đối tượng" + "Đảng" / "kết nạp Đảng" after it.
CANDIDATE_NOUN = "cảm tình đảng"
SUBJECT_NOUN = "đối tượng"
OF_THE_PARTY_AFTER = re.compile(r"^\s*(?:kết nạp\s+(?:vào\s+)?)?đảng\b(?!\s*(?:viên|bộ|ủy|uỷ))", IC)
# "số đảng viên nữ là 1.200 đồng chí", "số lượng đảng viên ở khu vực nông thôn …": the members' pool named before a count
# (a segment named after it makes the count a subgroup, like MEMBERS_TOTAL_NOUN's).
MEMBERS_POOL_NOUN = re.compile(r"\bsố(?:\s+lượng)?\s+(?:đảng viên|đv)\b", IC)
# "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 92%, với 4.800 đảng viên": the count behind the percent just before it.
COUNT_OF_SHARE_BEFORE = re.compile(r"[,(]\s*(?:với|tương ứng(?: với)?|tương đương(?: với)?|bằng)\s*(?:khoảng|gần|hơn|trên)?\s*$", IC)
# "…, sinh hoạt ở 9 chi bộ", "262 đảng viên sinh hoạt tại 11 chi bộ": members living in the units (MEMBERS_LIVE_AT_BEFORE
# after the membership: "có 320 đảng viên ở 12 chi bộ").
LIVING_AT_BEFORE = re.compile(r"\bsinh hoạt\s+(?:tại|ở)\s*(?:các\s+)?$", IC)
# "Đảng bộ phường có 320 đảng viên ở 12 chi bộ": the membership with the units it lives in.
MEMBERS_IN_UNITS_AFTER = re.compile(
    r"^\s*,?\s*(?:đang\s+)?(?:sinh hoạt\s+)?(?:ở|tại|trong|thuộc)\s+(?:hơn|gần|trên|khoảng)?\s*\d[\d.]*\s+"
    r"(?:chi bộ|tổ chức cơ sở đảng|tổ chức đảng|tccsđ|đảng bộ|cơ sở đảng)\b",
    IC,
)
# "kết nạp 25 đảng viên mới thuộc 12 chi bộ", "85 học viên đến từ 20 chi bộ": the units people belong to or come from
# (after a stock, "320 đảng viên thuộc 12 chi bộ", "187 chi bộ thuộc 41 tổ chức cơ sở đảng", they are the stock).
UNITS_OF_PEOPLE_BEFORE = re.compile(r"\b(?:thuộc|của|đến từ)\s+(?:các\s+)?(?:hơn|gần|trên|khoảng)?\s*$", IC)
# "Chi bộ Trường THCS có 25 đảng viên/45 cán bộ, giáo viên": the membership out of the staff of the unit.
MEMBERS_OF_STAFF_AFTER = re.compile(
    r"^\s*(?:/|trên tổng số|trong tổng số)\s*\d[\d.]*\s*(?:cán bộ|giáo viên|nhân viên|công chức|viên chức|người lao động|"
    r"lao động|cbgv|cb,\s*gv|y, bác sĩ|cán bộ, chiến sĩ)",
    IC,
)
# "Chi bộ có 25 đảng viên, chi ủy gồm 3 đồng chí", "Đảng ủy xã khóa mới gồm 15 đồng chí": the size of a committee
# (COMMITTEE names the standing and executive committees), counted in "đồng chí".
COMMITTEE_SIZE_BEFORE = re.compile(
    r"(?:\bchi (?:ủy|uỷ)|\bcấp (?:ủy|uỷ)|\bđảng (?:ủy|uỷ)\b[^,;.\d]{0,30}?\b(?:khóa|khoá|nhiệm kỳ|mới)\b)[^,;.\d]{0,40}?"
    r"\b(?:gồm|có)\s*(?:hơn|gần|trên|khoảng)?\s*$",
    IC,
)
# Classes that are not for candidates, named in the list item before learners ("3 lớp đảng viên mới cho 198 học viên",
# "lớp bồi dưỡng chính trị hè", "cập nhật kiến thức"), beside OTHER_COURSE.
OTHER_CLASS_BEFORE = re.compile(r"lớp\s+(?:bồi dưỡng\s+)?đảng viên mới|chính trị hè|cập nhật kiến thức", IC)
# "chi bộ có thêm 3 đảng viên": members added, never the membership.
ADDED_BEFORE = re.compile(r"\bthêm\s*(?:được\s*)?(?:hơn|gần|trên|khoảng)?\s*$", IC)
# An organisation named in a label ("Chi bộ Hội Phụ nữ có 15 đảng viên"), or the whole after the segment ("… là người Công
# giáo trong tổng số hơn 90.000 đảng viên"): the segment word names no kind of the counted members.
UNIT_WORD = re.compile(r"\b(?:đảng bộ|chi bộ|đảng ủy|đảng uỷ|tổ chức|hội|ban|khối|trường|công ty|cơ quan|tổng số)\b", IC)
# "Chi bộ có số đảng viên đông nhất là 85 đồng chí, ít nhất là 5 đồng chí": the largest or smallest membership among
# unnamed units (a unit named before it, "Đảng bộ xã A là đảng bộ lớn nhất với 520 đảng viên", keeps its own).
EXTREME_BEFORE = re.compile(
    r"\bsố(?:\s+lượng)?\s+(?:đảng viên|đv)\s+(?:đông|nhiều|ít|cao|thấp)\s+nhất\s*(?:là|:|có)?\s*$|"
    r"(?:^|[,;])\s*(?:đông|nhiều|ít|lớn|nhỏ|cao|thấp)\s+nhất\s*(?:là|:|có)?\s*$",
    IC,
)
# The member nouns a committee's size is never counted in (COMMITTEE_SIZE_BEFORE reads "đồng chí").
MEMBER_COUNT_NOUNS = ("đảng viên", "đv")
# Nouns that are candidates near a candidate cue without the Party named: learners of a class, the masses fostered.
CANDIDATES_ON_THEIR_OWN = frozenset({"học viên", "quần chúng", "cảm tình đảng"})

# --- Rules 1.2.6: targets and percents of admissions ---
# "phấn đấu đạt 100% chỉ tiêu", "dự kiến cả năm kết nạp 260 đảng viên, vượt 4% kế hoạch", "sẽ hoàn thành 100% kế hoạch":
# an attainment pledged or projected in its clause, with no result reported after the pledge ("đã", "đến nay"), is not
# an attainment (no metric for it). Not the noun of a past effort ("Sau một năm phấn đấu, …": PLEDGE_GOVERNS).
ATTAINMENT_PROJECTED = re.compile(PLEDGE_GOVERNS.pattern + r"|\bsẽ\b|dự kiến", IC)
# "kết nạp 245 đảng viên (KH: 200)", "245 đảng viên/KH 200", "vượt chỉ tiêu tỉnh giao (200 đảng viên)", "vượt kế hoạch năm
# (chỉ tiêu 200 đảng viên)": a plan named (or abbreviated "KH") just before a bracket or slash that opens with the
# count: the count is the plan's figure (SURPLUS_BEFORE stops at the bracket: the surplus is stated outside it).
PLAN_BRACKET_BEFORE = re.compile(
    r"[(/]\s*(?:kh|kế hoạch|chỉ tiêu|mục tiêu)\s*:?\s*$|(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết)\b(?:(?!kết nạp|phát triển)[^,;:()\d]){0,40}?\(\s*$", IC
)
# "kết nạp 180/200 đảng viên (90%)", "…, đạt 90%": a percent opened by a bracket or "đạt/bằng" after an admitted fraction.
ACHIEVED_OR_BARE_OPEN_BEFORE = re.compile(r"(?:\(|,|đạt|bằng)\s*(?:đạt|bằng)?\s*(?:tỷ lệ|tỉ lệ)?\s*$", IC)
# "có 1.850 đảng viên hoàn thành tốt nhiệm vụ trở lên, chiếm 89,6%", "số đảng viên hoàn thành tốt nhiệm vụ trở lên chiếm
# 89,6%", "(tỷ lệ 89,6%)": the share of the members rated good or above, named (with "trở lên", "tốt và xuất sắc") just
# before the percent; one class of a split ("hoàn thành tốt nhiệm vụ chiếm 76,4%") is not it.
GOOD_SHARE_BEFORE = re.compile(
    r"(?:đảng viên|đồng chí)\b[^,;()\d]{0,40}?(?:hoàn thành tốt nhiệm vụ trở lên|hoàn thành nhiệm vụ trở lên|"
    r"hoàn thành tốt và xuất sắc nhiệm vụ|hoàn thành xuất sắc và tốt nhiệm vụ)"
    r"(?:[\s,]*(?:chiếm|đạt|bằng)\s*(?:tỷ lệ|tỉ lệ)?|[\s,]*(?:tỷ lệ|tỉ lệ)|\s*\(\s*(?:chiếm|đạt)?\s*(?:tỷ lệ|tỉ lệ)?)"
    r"\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*$",
    IC,
)
# "tốt và xuất sắc": good or above, not the excellent class alone (NOT_GOOD reads the rest).
GOOD_AND_EXCELLENT = re.compile(r"tốt và xuất sắc|xuất sắc và tốt", IC)
# "kết nạp 245 đảng viên, tỷ lệ 3,9%", "(tỷ lệ 3,9%)": a count, then its rate named by "tỷ lệ" alone.
COUNT_THEN_RATE_WORD = re.compile(r"^[^\d;()]{0,40}?[,(]\s*(?:tỷ lệ|tỉ lệ)\s*(?:là|:)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*$", IC)
# "Nghị quyết đề ra tỷ lệ kết nạp đảng viên mới hằng năm đạt từ 3% trở lên", "Đại hội xác định tỷ lệ kết nạp …": a rate
# set as a target (its "đạt" is the goal's, not a result), the rate just before the percent.
RATE_SET_BEFORE = re.compile(
    r"(?:đề ra|đặt ra|xác định|giao)\s*:?\s+(?:chỉ tiêu\s+|mục tiêu\s+)?(?:tỷ lệ|tỉ lệ)\s+(?:kết nạp|phát triển)[^,;()\d]{0,60}?"
    r"(?:đạt|là|bằng)?\s*(?:từ\s*)?(?:khoảng|trên|hơn)?\s*$",
    IC,
)
# "kết nạp 3.120 đảng viên, đạt 104% (chỉ tiêu 3.000)": an achieved percent followed by its plan's figure in brackets.
PLAN_VALUE_BRACKET_AFTER = re.compile(r"^\s*\(\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|kh\b|mục tiêu)[^()\d]{0,30}?\d", IC)
# "Các đơn vị có tỷ lệ kết nạp cao là: …": a list of units headed by their admission "rate" (of the plan, when over 30%).
ADMISSION_RATE_HEAD = re.compile(r"(?:tỷ lệ|tỉ lệ)\s+(?:kết nạp|phát triển)", IC)
# "… kết nạp 245 đảng viên. So với chỉ tiêu Nghị quyết, đạt 106,5%.": the sentence after an admission names the plan first.
PLAN_FIRST_CARRIED = re.compile(
    r"\W*(?:(?:như vậy|kết quả(?: này| trên)?)[\s,]*)?so với\s+(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết)[^,;\d]{0,50}?[\s,]*"
    r"(?:thì\s+)?(?:đã\s+)?(?:đạt|bằng)\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*",
    IC,
)
# "Xã A: 12 đảng viên (KH 10), đạt 120%": the target in brackets just before the attainment.
TARGET_BRACKET_THEN_ACHIEVED = re.compile(r"\s*(?:đảng viên|đv|đồng chí)?\s*\)\s*,?\s*(?:đạt|bằng)\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*", IC)
# "hoàn thành vượt mức kế hoạch (vượt 6,5%)": exceeded by X, the plan named before the bracket.
PLAN_THEN_VUOT_BRACKET = re.compile(
    r"(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết)[^,;()\d]{0,30}\(\s*vượt\s*(?:mức\s*)?(?:gần|hơn|trên|khoảng|xấp xỉ)?\s*$", IC
)
CLOSE_BRACKET_AFTER = re.compile(r"^\s*\)")  # the bracket closes right after the number
# "cao hơn chỉ tiêu 6,5%", "vượt kế hoạch 6,5%": how far a result is over its plan, never the plan's own rate.
ABOVE_PLAN_BEFORE = re.compile(r"(?:cao hơn|thấp hơn|vượt|hơn|ít hơn)\s+(?:so với\s+)?(?:mức\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu)[^,;\d]{0,30}$", IC)
# "Các chỉ tiêu chủ yếu năm 2024:", "Mục tiêu đến năm 2025:", "Phương hướng, nhiệm vụ thời gian tới:": a line that heads
# a plan's list; its items ("- Kết nạp 250 đảng viên mới.", "a) Tỷ lệ kết nạp đạt 4%") are goals, not results.
PLAN_HEADING = re.compile(
    r"^\W*(?:(?:các|một số|những)\s+)?(?:chỉ tiêu|mục tiêu|phương hướng|nhiệm vụ|kế hoạch|nhiệm vụ, giải pháp)\b[^.;:]{0,80}:\s*$", IC
)
# A line that is a list item: "- …", "+ …", "1. …", "a) …".
LIST_ITEM = re.compile(r"^\s*(?:[-–+•*]|\d{1,2}[.)]|[a-zđ]\))\s*", IC)
# "Phương hướng, nhiệm vụ năm 2024: …", "Nhiệm vụ thời gian tới: …": a sentence of tasks (its percents are goals).
TASKS_OPEN = re.compile(r"^\W*(?:phương hướng|nhiệm vụ)\b", IC)
# "tạo nguồn 400 quần chúng", "giới thiệu 300 đoàn viên ưu tú", "bồi dưỡng 500 quần chúng": candidates sourced, not admitted.
SOURCING_BEFORE = re.compile(r"(?:tạo nguồn|giới thiệu|bồi dưỡng|xây dựng nguồn|quy hoạch)\s*(?:được\s*)?(?:cho\s*)?(?:ít nhất|tối thiểu|từ|trên|hơn)?\s*$", IC)
# "chưa đạt 50% kế hoạch", "đạt dưới 50%", "chưa tới 50%": a bound from above, not a figure (no qualifier states it).
BELOW_BEFORE = re.compile(r"(?:chưa|không)\s+(?:đạt|đạt được|đến|tới|quá|bằng)\s*$|(?:dưới|chưa đạt tới|chưa đạt đến|không đạt tới)\s*$", IC)
# "Mục tiêu giai đoạn 2025 - 2030, …; tỷ lệ kết nạp hằng năm đạt 3 - 3,5%": a sentence opened by a goal, every clause of it.
GOAL_OPENS = re.compile(r"^\W*(?:mục tiêu|phấn đấu|phương hướng|nhiệm vụ|đến năm 20\d\d)\b", IC)
# "kết nạp 245 đảng viên (105%)": a count, its noun, then a bare bracket.
COUNT_THEN_OPEN = re.compile(r"\s*(?:(?:đảng viên|đv|đồng chí|quần chúng)\b[^,;()\d]{0,20}?)?\s*\(\s*", IC)
# "chỉ tiêu kết nạp đảng viên hoàn thành 105%", "kế hoạch phát triển đảng viên vượt 5%": the admissions' plan, the subject.
PLAN_SUBJECT_DONE_BEFORE = re.compile(
    r"(?:chỉ tiêu|kế hoạch)\s+(?:kết nạp|phát triển)[^,;()\d]{0,40}?\b(?:đã\s+)?(?P<verb>hoàn thành|vượt)\s*(?:mức\s*)?"
    r"(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*$",
    IC,
)
# "Xã Tân Lập: 12/10 (120%)", "- Thị trấn Đồi Ngô 15/12": after an admission, a line that is only a unit and its fraction.
UNIT_FRACTION_LINE = re.compile(
    r"^\W*(?:[-+•*]\s*)?(?P<name>[A-ZĐ][^\d:;,()]{1,40}?)\s*:?\s*\d[\d.]*\s*/\s*\d[\d.]*\s*(?:đảng viên|đv)?\s*"
    r"(?:[(,]\s*(?:đạt\s*)?\d[\d.,]*\s*%\s*\)?)?\s*[.;]?\s*$",
    IC,
)
# "…, vượt chỉ tiêu (5%)": the bracket after the plan exceeded holds the plan's rate or the surplus, never an attainment.
VUOT_PLAN_BRACKET_BEFORE = re.compile(
    r"vượt\s+(?:mức\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết)"
    r"(?:\s+(?:kế hoạch|nghị quyết|đại hội|đề ra|được giao|năm|tỉnh giao|huyện giao|cấp trên giao|trên giao))*\s*\(\s*$",
    IC,
)
# "92% đảng viên hoàn thành tốt nhiệm vụ, trong đó 15% hoàn thành xuất sắc": the excellent are a part of it (good or above).
EXCELLENT_SUBSET_AFTER = re.compile(r"^[^;.]{0,60}?\btrong đó\b[^;.\d]{0,20}?\d[\d,.]*\s*%?[^;.\d]{0,30}?xuất sắc", IC)
# "Đảng bộ huyện phấn đấu và đã kết nạp 245 đảng viên": a result reported after the plan word, before the count.
RESULT_AFTER_PLAN = re.compile(r"\bđã\b|đến nay|kết quả|qua đó|nhờ đó", IC)
# "kết nạp 245 đảng viên, …": a whole admission stated earlier in the sentence (its segments' percents are theirs).
WHOLE_ADMISSION = re.compile(r"(?:kết nạp|phát triển)(?:\s+được)?(?:\s+mới)?\s+\d[\d.]*\s+(?:đảng viên|đv)\b", IC)
# An admission named in a clause, with the abbreviation: "245 ĐV mới" (ADMIT reads "đảng viên mới" in full).
ADMISSION_NAMED = re.compile(ADMIT.pattern + r"|\bđv mới\b", IC)
# "giao chỉ tiêu cho 25 tổ chức cơ sở đảng kết nạp 250 đảng viên", "giao chỉ tiêu … cho 25 tổ chức cơ sở đảng là 250 đảng
# viên": a quota given to units governs the count after them.
QUOTA_GIVEN = re.compile(r"giao\s+(?:chỉ tiêu|kế hoạch)[^;.]{0,60}?\bcho\b", IC)
# An item of a list that reports a result, not a goal: "- Kết nạp 245 đảng viên, đạt 105% kế hoạch", "- Đã kết nạp …".
RESULT_IN_ITEM = re.compile(
    r"\d\s*%\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu|\bkh\b)|\bđã\b|"
    r"\b(?:đạt|bằng)\s*(?:\d{3}|[3-9]\d)(?:[,.]\d+)?\s*%|\bvượt\s*\d",  # "(đạt 105%)": an attainment, too high for a goal rate
    IC,
)
# "… kết nạp 8 đảng viên. So với kế hoạch, vượt 33%.": the sentence after an admission names the plan, then "vượt".
PLAN_FIRST_VUOT = re.compile(
    r"\W*(?:(?:như vậy|kết quả(?: này| trên)?)[\s,]*)?so với\s+(?:chỉ tiêu|kế hoạch|mục tiêu|nghị quyết)[^,;\d]{0,50}?[\s,]*"
    r"(?:đã\s+)?vượt\s*(?:mức\s*)?(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*",
    IC,
)
# "đạt 106% (so với kế hoạch)", "đạt 106% - kế hoạch": an achieved percent, then the plan in brackets or after a dash.
PLAN_AFTER_BRACKET = re.compile(r"^\s*[(\-–]\s*(?:so(?: với)?\s+)?(?:kế hoạch|chỉ tiêu|mục tiêu|nghị quyết|kh\b)[^()\d]*\)?\s*(?:[.,;]|$)", IC)
# "tỷ lệ hoàn thành 106%", "tỷ lệ hoàn thành kế hoạch 106%", "hoàn thành kế hoạch với tỷ lệ 106%": the attainment named
# before the percent.
ATTAINMENT_NAMED_BEFORE = re.compile(
    r"(?:tỷ lệ|tỉ lệ)\s+hoàn thành(?:\s+(?:chỉ tiêu|kế hoạch|mục tiêu)[^,;()\d]{0,30}?)?\s*(?:đạt|là|:)?\s*$|"
    r"hoàn thành(?:\s+vượt)?(?:\s+mức)?\s+(?:chỉ tiêu|kế hoạch)[^,;()\d]{0,30}?\s+(?:với\s+)?(?:tỷ lệ|tỉ lệ)\s*(?:đạt|là)?\s*$",
    IC,
)
# "Đảng bộ Sở Y tế đạt 80%", "Đảng bộ Sở Giáo dục và Đào tạo đạt 75%": a list item naming a party organisation whose
# name is not all capitalised (agencies), before its attainment.
UNIT_ORG_ATTAINMENT = re.compile(r"^\s*(?:và\s+)?(?i:đảng bộ|đảng ủy|chi bộ)\s+[A-ZĐ][^,;:()\d]{0,40}?\s*(?:\(\s*)?(?:đạt\s*)?(?:\(\s*)?$")
# "Theo đó, …", "Trong đó, …", "Cụ thể, …": a sentence that details the one before (after a target: the units' targets).
FOLLOW_OPENER = re.compile(r"^\W*(?:theo đó|trong đó|cụ thể|trong số đó)\b", IC)
# "Số đảng viên mới kết nạp chiếm / bằng / đạt 3,5% …": the pool, then its ratio.
POOL_RATIO_BEFORE = re.compile(r"(?:chiếm|bằng|đạt|là)\s*(?:tỷ lệ|tỉ lệ)?\s*(?:khoảng|gần|hơn|trên|xấp xỉ)?\s*$", IC)
# "tỷ lệ so với tổng số đảng viên đạt 3,5%": a rate named only by the membership it is of.
RATE_OF_MEMBERSHIP = re.compile(r"(?:so với|trên)\s+(?:tổng\s+)?số\s+đảng viên\b", IC)
# "…: huyện Yên Thế vượt 20%, huyện Lục Nam vượt 15%": a unit's item of a list, its name then "vượt".
VUOT_ITEM_TAIL = re.compile(r"\s+vượt\s*(?:mức\s*)?(?:gần|hơn|trên|khoảng|xấp xỉ)?\s*$", IC)

# --- Rules 1.2.6: admissions and their segments ---
# "Đây là năm thứ hai liên tiếp huyện kết nạp được trên 200 đảng viên", "nhiều năm liền kết nạp hơn 100 đảng viên": a
# streak's threshold ("trên/hơn/từ N" after "liên tiếp", "liên tục", "năm liền"), not a count of anyone admitted.
STREAK_THRESHOLD_BEFORE = re.compile(
    r"(?:liên tiếp|liên tục|năm liền)\b[^;.]{0,60}?(?:kết nạp|phát triển)(?:\s+được)?(?:\s+(?:mới|thêm))?\s*"
    r"(?:trên|hơn|từ|ít nhất|tối thiểu|không dưới)\s*$",
    IC,
)
# "… kết nạp trên 200 đảng viên 3 năm liên tiếp": the streak right after the counted noun.
STREAK_THRESHOLD_AFTER = re.compile(
    r"^\s*(?:(?:đảng viên|đv|đồng chí|quần chúng)\s*)?(?:mới\s*)?(?:/\s*năm\s*|mỗi năm\s*)?(?:trong\s+)?"
    r"(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|nhiều)\s+năm\s+(?:liên tiếp|liên tục|liền)\b",
    IC,
)
# "32 đảng viên được kết nạp trong doanh nghiệp tư nhân", "34 đảng viên làm việc tại doanh nghiệp ngoài nhà nước": where the
# counted people were admitted or work names their segment, like "… là nữ" (SEGMENT_LABEL_AFTER).
SEGMENT_WHERE_AFTER = re.compile(
    r"^\s*(?:mới\s+)?(?:(?:đã\s+)?(?:được\s+)?(?:kết nạp|phát triển)(?:\s+(?:vào\s+)?đảng)?|(?:đang\s+)?(?:làm việc|công tác|lao động))"
    r"\s+(?:trong|tại|ở|thuộc)\b",
    IC,
)
# "Đảng viên nữ: 98 đồng chí; …", "Nữ 98 đồng chí, đoàn viên 150 đồng chí", "Đảng viên nữ chiếm 45,6%": a sentence that
# opens with a label right before its first number (a colon, "có", "là", "chiếm" or nothing between), after a sentence of
# admissions, lists that admission's segments.
LABEL_OPENING = re.compile(r"^[^\d:;,.]{2,60}?(?::|\s+có|\s+là|\s+chiếm)?\s*(?:khoảng|gần|hơn|trên)?\s*\d")
# "Có 98 đảng viên mới là nữ": new members labelled by a segment right after "mới".
NEW_OF_SEGMENT_AFTER = re.compile(r"^\s*mới\s+(?:được kết nạp\s+)?(?:là|thuộc)\b(?!\s+(?:do|vì|nhờ)\b)", IC)
# "215 quần chúng ưu tú được Ban Thường vụ Huyện ủy ra quyết định kết nạp", "12 quần chúng được Chi bộ kết nạp vào Đảng":
# a passive admission whose agent (a party committee) stands between "được" and the verb. Not a pending one ("được chi
# bộ giới thiệu, đề nghị xem xét kết nạp": candidates, TRAIN_AFTER).
ADMIT_BY_AGENT_AFTER = re.compile(
    r"^[^,;.()\d]{0,25}?\b(?:đã\s+)?(?:vinh dự\s+)?được\s+(?:các\s+)?(?:chi,\s*)?(?:(?:ban thường vụ|thường trực|ban chấp hành|cấp ủy|cấp uỷ)\b|"
    r"(?:huyện|thành|thị|tỉnh|quận|đảng)\s+(?:ủy|uỷ)\b|(?:chi|đảng)\s+bộ\b)"
    r"(?:(?!xem xét|đề nghị|giới thiệu|bồi dưỡng|chưa|không)[^,;.()\d]){0,40}?"
    r"\b(?:(?:ra|ký|ban hành)\s+)?(?:quyết định\s+)?(?:chuẩn y\s+)?(?:tổ chức\s+)?(?:lễ\s+)?kết nạp(?!\s+(?:vào\s+)?đoàn\b)",
    IC,
)
# "…, kết nạp lại 2 đảng viên", "trong đó có 2 đảng viên được kết nạp lại": re-admissions after an admission are a part of
# it with no segment (or a second matter), never the organisation's whole intake.
READMIT_BEFORE = re.compile(r"kết nạp lại(?:\s+(?:được|cho))?\s*(?:khoảng|gần|hơn|trên)?\s*$", IC)
READMIT_AFTER = re.compile(r"^[^,;.()\d]{0,30}?\bkết nạp lại\b|^\s*(?:đảng viên|đv|đồng chí|trường hợp)?\s*(?:được\s+)?kết nạp lại\b", IC)
# "kết nạp 225 đảng viên; năm 2022 là 210 đảng viên", "…; năm 2021: 198": after an admission, a year and "là" or ":"
# before a count of members is the admission of that year (not the membership "là" would make it). Not "cùng kỳ năm
# trước": attribution would give it the year of the sentence.
PERIOD_ITEM_BEFORE = re.compile(
    r"[\s,;(]*(?:(?:đảng viên|đv|đồng chí)(?:\s+mới)?\s*[,;(]\s*)?(?:(?:còn|và|trong khi)\s+)?năm\s+(?:19|20)\d\d\s*(?:là|:)\s*$", IC
)
# "…, cùng kỳ năm trước là 210 đảng viên", "(năm trước: 180)": the admission of an undated earlier period, compared;
# attribution would date it with the sentence's year, so it is dropped.
EARLIER_PERIOD_BEFORE = re.compile(
    r"(?:cùng kỳ(?:\s+năm\s+(?:trước|ngoái))?|(?<!những )năm\s+(?:trước|ngoái)|kỳ trước)\s*(?:chỉ\s+)?(?:là|:|có|đạt|\()?\s*"
    r"(?:(?:chỉ\s+)?(?:kết nạp|phát triển)(?:\s+được)?\s*)?(?:khoảng|gần|hơn|trên)?\s*$",
    IC,
)
# "có 5 chi bộ kết nạp được đảng viên với tổng số 12 đảng viên": the sum named after units that admitted is the admission.
ADMITTED_SUM_BEFORE = re.compile(
    r"(?:kết nạp|phát triển)(?:\s+được)?(?:\s+mới)?\s+(?:đảng viên|đv)(?:\s+mới)?\s*,?\s*(?:với\s+)?(?:tổng số|tổng cộng)\s*(?:là\s*)?$",
    IC,
)
# "100% đảng viên mới được kết nạp đều là đoàn viên", "85% đảng viên mới kết nạp là đoàn viên thanh niên": a percent of the
# new members named right after it, with the segment they are ("đều là": all of them are, still a share of 100%).
NEW_MEMBERS_SHARE_AFTER = re.compile(
    r"^\s*(?:số\s+)?(?:đảng viên|đv)\s+(?:mới(?:\s+được)?(?:\s+(?:kết nạp|phát triển))?|(?:được\s+)?(?:kết nạp|phát triển)(?:\s+mới)?)"
    r"(?:\s+(?:trong\s+)?năm(?:\s+(?:19|20)\d\d|\s+qua|\s+nay)?)?\s+(?:đều\s+)?(?:là|thuộc)\s+(?P<rest>[^,;.()]{1,60})",
    IC,
)
# "12 đảng viên mới kết nạp được học lớp bồi dưỡng …", "215 đảng viên mới được phát thẻ": new members as the subject of
# another predicate (OWN_PREDICATE_AFTER after the pool's words), not a report of their admission.
NEW_POOL_WORDS_AFTER = re.compile(
    r"^\s*mới(?:\s+(?:được\s+)?(?:kết nạp|phát triển))?(?:\s+(?:trong\s+)?(?:năm\s+(?:19|20)\d\d|năm qua|năm nay))?", IC
)
# "12 đảng viên được kết nạp năm 2022 bị xóa tên": admitted once, now removed (a removal, not an admission).
ADMITTED_THEN_REMOVED_AFTER = re.compile(
    r"^[^,;.()]{0,60}?\bkết nạp\b[^,;.()]{0,40}?\b(?:đã\s+)?(?:bị|được)\s+(?:xóa tên|xoá tên|khai trừ|đưa ra khỏi)", IC
)
# … the predicates (not "đã tuyên thệ", "được trao quyết định kết nạp": the admission ceremony itself).
NEW_MEMBERS_OTHER_PREDICATE = re.compile(
    r"^\s*(?:đã\s+)?(?:được\s+(?!(?:vinh dự\s+)?(?:kết nạp|đứng|công bố|trao quyết định|nhận quyết định))|học\b|tham gia|tham dự|"
    r"dự\b|đi\b|chuyển\b|bị\b|vi phạm|hoàn thành|xin\b)",
    IC,
)
# "Công tác phát triển đảng viên năm 2023 đạt 215 đồng chí": the work of admitting reaching a count is the admission (ADMIT
# leaves "công tác phát triển" out: it names the work, "Công tác phát triển đảng viên được chú trọng").
ADMISSION_WORK_REACHED_BEFORE = re.compile(
    r"(?:phát triển|kết nạp)\s+(?:đảng viên|đv)(?:\s+mới)?[^,;\d]{0,30}?\b(?:đạt|được)\s*(?:khoảng|gần|hơn|trên)?\s*$", IC
)
# "…; 2.900 đảng viên dưới 30 tuổi, chiếm 89%", "… đảng viên trẻ": a subgroup by age or schooling, named right after the
# count, labels it (it does not inherit the segment of the item before).
AGE_OR_SCHOOLING_AFTER = re.compile(
    r"^\s*(?:mới\s+)?(?:(?:là\s+)?(?:đảng viên\s+)?trẻ\b|dưới\s+\d|trên\s+\d|từ\s+\d+\s*(?:-|đến)|(?:có\s+)?trình độ|(?:trong\s+)?độ tuổi|tuổi\b)", IC
)
# "80% là đoàn viên và 89% dưới 30 tuổi": words right after a number that label it ("là", "ở", "thuộc"), not the next one.
LABEL_OF_NUMBER_BEFORE = re.compile(r"^\s*(?:là|ở|thuộc)\b", IC)
# "bình quân mỗi tổ chức cơ sở đảng kết nạp được 8 đảng viên": a figure per unit (vocab.EACH names the usual units).
EACH_UNIT_BEFORE = re.compile(
    r"\bmỗi\s+(?:tổ chức(?: cơ sở)?(?: đảng)?|tccs\S*|chi,?\s*đảng bộ|phường|thị trấn|huyện|địa phương|doanh nghiệp|cơ quan|"
    r"khu dân cư|tổ dân phố|bản|làng|ấp|xã|chi bộ|đảng bộ|đơn vị|thôn|trường|cơ sở|nơi)\b[^,;\d]{0,30}?(?:kết nạp|phát triển)"
    r"(?:\s+được)?(?:\s+(?:mới|thêm))?\s*(?:từ|khoảng|gần|hơn|trên|ít nhất)?\s*$",
    IC,
)
# "Đoàn trường kết nạp 350 học sinh vào Đoàn", "5 thanh niên vào Đoàn": admitted into the Youth Union, not the Party.
INTO_YOUTH_UNION_AFTER = re.compile(r"^[^,;.()]{0,30}?\bvào\s+(?:đoàn|tổ chức đoàn)\b(?!\s*viên)", IC)
# "số lượng đảng viên được phát triển là 215": the admitted pool named, then "là", "đạt" or ":" before a bare count.
ADMITTED_POOL_IS_BEFORE = re.compile(
    r"(?:\bsố(?:\s+lượng)?|tổng số)\s+(?:các\s+)?(?:đảng viên|đv|quần chúng|người)\s+(?:mới\s+)?(?:được\s+)?(?:kết nạp|phát triển)"
    r"(?:\s+(?:mới|vào đảng|đảng))?[^,;\d]{0,30}?\b(?:là|đạt|:)\s*(?:khoảng|gần|hơn|trên)?\s*$",
    IC,
)
# "…, 12 đảng viên nhập ngũ", "có 2 đảng viên mới được bầu vào cấp ủy": members as the subject of another predicate after
# an admission (beyond OWN_PREDICATE_AFTER), also after the pool's words ("mới", "mới kết nạp").
OTHER_PREDICATE_AFTER = re.compile(
    r"^\s*(?:đã\s+|đang\s+)?(?:nhập ngũ|xuất ngũ|tại ngũ|lên đường|trúng cử|được bầu|được cử|được điều động|được phân công|"
    r"được khen|được tặng|được trao(?!\s+quyết định kết nạp)|được giao)",
    IC,
)
# "…, bàn giao 3 đảng viên mới cho đơn vị quân đội": the object of another verb right before the count.
OTHER_VERB_BEFORE = re.compile(
    r"(?:bàn giao|tiếp nhận|khen thưởng|biểu dương|điều động|tuyên dương)\s*(?:cho\s+)?(?:hơn|trên|gần|khoảng)?\s*$", IC
)
# "các chi bộ đang hoàn thiện thủ tục kết nạp cho 25 quần chúng", "đề nghị Huyện ủy kết nạp 12 quần chúng": admission
# papers under way or proposed to a higher committee: candidates, not admitted (unlike "đã hoàn tất thủ tục kết nạp cho").
PENDING_ADMISSION_BEFORE = re.compile(
    r"(?:(?:đang|chuẩn bị|sẽ|tiếp tục)\s+(?:(?:hoàn thiện|làm|hoàn tất|thực hiện|xét duyệt|thẩm định)\s+)?|hoàn thiện\s+|làm\s+)"
    r"(?:các\s+)?(?:thủ tục|hồ sơ)(?:\s+đề nghị)?\s+kết nạp(?:\s+(?:vào\s+)?đảng)?(?:\s+cho)?\s*(?:hơn|trên|gần|khoảng)?\s*$|"
    r"(?:đề nghị|trình)\s+(?:[^,;.\d]{1,30}?\s)?(?:xem xét,?\s+)?kết nạp(?:\s+(?:vào\s+)?đảng)?(?:\s+cho)?\s*(?:hơn|trên|gần|khoảng)?\s*$",
    IC,
)
# "215 tân đảng viên": new members named by "tân" before the noun, like "đảng viên mới".
NEW_BEFORE_NOUN = re.compile(r"^\s*tân\s+đảng viên", IC)
# "đưa 215 quần chúng ưu tú vào Đảng", "215 quần chúng ưu tú đã vào Đảng": people who entered the Party (not a proposal, a
# class or a plan before them: NOT_ENTERED_BEFORE).
ENTERED_PARTY_AFTER = re.compile(
    r"^\s*(?:(?:ưu tú|tiêu biểu|xuất sắc|trẻ)\s+)?(?:(?:đã|được|vinh dự|chính thức)\s+)*vào\s+đảng\b(?!\s+(?:xem xét|bồi dưỡng))", IC
)
NOT_ENTERED_BEFORE = re.compile(
    r"giới thiệu|bồi dưỡng|\blớp\b|cảm tình|xem xét|đề nghị|\bchờ\b|\bsẽ\b|dự kiến|phấn đấu|chỉ tiêu|kế hoạch|mục tiêu|nguồn|"
    r"hướng dẫn|tuyên truyền|vận động",
    IC,
)
# "… kết nạp 215 đảng viên. Số đảng viên nữ là 98 đồng chí.": a sentence opening with the number of members of one segment,
# right after an admission and with no word of the membership (STOCK_SCOPE), counts that segment of the admission.
SEGMENT_NUMBER_OPENING = re.compile(r"^\W*số(?:\s+lượng)?\s+(?:đảng viên|đv)\s+(?P<label>[^,;:\d]{2,40}?)\s*(?:là|có|:)\s*$", IC)
STOCK_SCOPE = re.compile(r"toàn đảng bộ|toàn huyện|toàn tỉnh|toàn xã|hiện nay|hiện có|\bhiện\b|đến nay|tổng|sinh hoạt|của", IC)
# "đảng viên nữ chiếm 38% tổng số đảng viên toàn huyện": a share of the membership, not of the new members (unlike
# "chiếm 30% tổng số đảng viên mới", "… số đảng viên được kết nạp").
OF_MEMBERSHIP_AFTER = re.compile(
    r"^\s*(?:so với\s+|trên\s+|của\s+)?(?:tổng\s+)?số\s+(?:lượng\s+)?(?:đảng viên|đv)\b"
    r"(?!\s+(?:mới|được kết nạp|kết nạp|được phát triển|phát triển|trẻ mới))",
    IC,
)
# "…, thành lập 1 chi bộ mới với 8 đảng viên": the members of a unit just founded or merged, not admitted.
FOUNDED_UNIT_MEMBERS_BEFORE = re.compile(
    r"(?:thành lập|kiện toàn|sáp nhập|hợp nhất|chia tách|tách)(?:\s+mới)?[^,;]{0,40}?\b(?:với|gồm|có)\s*(?:tổng số\s*)?"
    r"(?:hơn|trên|gần|khoảng)?\s*$",
    IC,
)
# "120 đảng viên là cán bộ, công chức, viên chức": a label joining categories of different segments counts none of them.
MIXED_LABEL = re.compile(r"^\s*(?:mới\s+)?(?:(?:đã\s+)?(?:được\s+)?kết nạp\s+)?là\b[^;()\d]*?(?:,|\bvà\b|\bhoặc\b)", IC)
# The run of words before a number since the last opener, colon, semicolon or parenthesis ("trong đó nữ, dân tộc thiểu số
# 45", "cán bộ, công chức, viên chức 45"): two segments named in it with no number between make a mixed label. Not a run
# that names members or verbs between its items ("…, đảng viên nữ", "là …"): those are list items.
LABEL_RUN_SPLIT = re.compile(r"trong đó|trong số|[:;()]|\d")
LABEL_LIST_WORD = re.compile(r"đảng viên|\bđv\b|đồng chí|\blà\b|\bcó\b|\bvà\b|chiếm|kết nạp", IC)
# Words of the membership in a sentence ("… chiếm 38% tổng số đảng viên", "toàn Đảng bộ hiện có …"): a labelled list there
# breaks down the membership, not the admission before it.
MEMBERSHIP_WORDS = re.compile(r"tổng số đảng viên|toàn đảng bộ|hiện có|đến nay|hiện nay|sinh hoạt|số đảng viên (?:của|toàn)", IC)
# "kết nạp 215/250 quần chúng được giới thiệu": the second number of the fraction counts the candidates introduced (or
# trained, TRAIN_AFTER), not a target.
CANDIDATES_INTRODUCED_AFTER = re.compile(
    r"^\s*(?:ưu tú\s+)?(?:đã\s+)?(?:được\s+)?(?:giới thiệu|đề nghị|đủ điều kiện|đủ tiêu chuẩn|trong diện|xem xét|học lớp|bồi dưỡng)", IC
)
# "215 trong số 250 quần chúng được giới thiệu đã được kết nạp": the first number is the admitted, the second the pool.
PART_OF_POOL_ADMITTED_AFTER = re.compile(
    r"^\s*(?:người\s+|đồng chí\s+|trường hợp\s+)?trong\s+(?:tổng\s+)?số\s+\d[\d.]*\s+(?:quần chúng|đảng viên|người|đoàn viên|"
    r"trường hợp|học viên)[^,;.()]{0,60}?\b(?:đã\s+)?(?:được\s+)?(?:kết nạp|đứng vào hàng ngũ)(?!\s+(?:vào\s+)?đoàn\b)",
    IC,
)
POOL_AFTER_PART_BEFORE = re.compile(r"^\s*(?:người\s+|đồng chí\s+|trường hợp\s+)?trong\s+(?:tổng\s+)?số\s*$", IC)
# A sentence opening with the members it counts ("Đảng viên nữ …", "Số đảng viên là đoàn viên …").
MEMBERS_OPENING = re.compile(r"(?:số\s+(?:lượng\s+)?)?(?:đảng viên|đv)\b", IC)
# "1.200 đảng viên được kết nạp trong lực lượng vũ trang xuất ngũ về địa phương": admitted elsewhere, now back (members
# transferred in, not admitted by the organisation).
ADMITTED_ELSEWHERE_AFTER = re.compile(
    r"^[^,;.()]{0,60}?\bkết nạp\b[^,;.()]{0,50}?\b(?:xuất ngũ|hoàn thành nghĩa vụ|trở về|chuyển về|về địa phương|về sinh hoạt)", IC
)
# "…; xã Thượng Đạt, phường Phạm Ngũ Lão (mỗi nơi 4 đảng viên)": a figure for each of the units named just before the
# parenthesis, in a list of units' admissions: each of them admitted it (attribution gives it to every unit named).
EACH_IN_PARENS_BEFORE = re.compile(
    r"\(\s*mỗi\s+(?:nơi|đơn vị|xã|phường|chi bộ|đảng bộ|thôn|trường|cơ sở)\s*(?:có\s*)?(?:(?:đã\s*)?(?:kết nạp|phát triển)(?:\s+được)?(?:\s+mới)?\s*)?$",
    IC,
)
_UNIT_NAME = r"(?:(?:xã|phường|thị trấn|huyện|thị xã|thành phố|quận|Đảng bộ|Chi bộ|đảng bộ|chi bộ)\s+)?[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,4}"
NAMED_UNITS_BEFORE_PAREN = re.compile(r"(?:^\s*|[;:,.]\s*)" + _UNIT_NAME + r"(?:\s*(?:,|và)\s*" + _UNIT_NAME + r")+\s*\(\s*[^()]*$")
# "… A (12 đảng viên); B, C (mỗi nơi 4 đảng viên)": a list of units' admissions in parentheses before it.
UNIT_ITEM_IN_PARENS = re.compile(r"\(\s*\d[\d.]*\s*(?:đảng viên|đv|đồng chí)[^()]*\)", IC)
# "… 98 đồng chí nữ và 117 đồng chí nam": men, a label no segment names (not the female segment before).
MALE_AFTER = re.compile(r"^\s*(?:là\s+)?nam(?:\s+giới)?\b(?!\s+(?:bộ|định|sinh|trung|kỳ))", IC)
# "kết nạp đạt 215/200 đảng viên", "kết nạp 215/200 chỉ tiêu": admitted against the target right after the verb (with
# "đạt"), counted in people or in quota places.
ADMIT_REACHED_BEFORE_FRACTION = re.compile(r"(?:kết nạp|phát triển)(?:\s+được)?(?:\s+mới)?(?:\s+(?:đạt|được))?\s*$", IC)
QUOTA_PLACES_AFTER = re.compile(r"^\s*chỉ tiêu\b", IC)
# "Đáng chú ý, có 12 đảng viên là người có đạo, …", "Đặc biệt, 5 đảng viên là chủ doanh nghiệp": an emphasis opening right
# before the first count, after a sentence of admissions, singles out a part of that admission.
EMPHASIS_OPENING = re.compile(
    r"^\W*(?:đáng chú ý|đặc biệt|nổi bật|điều đáng mừng|trong số này|trong số đó)(?:\s+là)?[,:\s]+(?:đã\s+)?(?:có\s+)?(?:khoảng|gần|hơn|trên)?\s*\d", IC
)
# A verb in the opening label before the first number ("Đảng viên nữ được bầu vào cấp ủy 45 đồng chí", "Nữ đảng viên
# tham gia cấp ủy 45"): the count is of what they do, not a segment of the admission.
LABEL_HEAD_VERB = re.compile(
    r"\b(?:tham gia|được|đã|đang|sẽ|vào|giữ|làm|bầu|trúng|hoạt động|công tác|vận động|phối hợp|tổ chức|tham dự|dự|đi|học)\b", IC
)
# "Trong số đảng viên mới, tỷ lệ nữ là 45%": the new members named as the pool before a rate named for a segment.
NEW_MEMBERS_POOL_OPENER = re.compile(r"trong\s+(?:tổng\s+)?số\s+(?:các\s+)?(?:đảng viên|đv)\s+(?:mới|được kết nạp|kết nạp)", IC)
