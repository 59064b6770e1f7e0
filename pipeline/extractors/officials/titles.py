"""Finding where a title ends, and the person a title names.

A title is a head from ``rules/officials.yaml`` (``Giám đốc``, ``Phó Chủ tịch``) and the
organisation after it. It ends at a verb or another stop word, at ``và`` that joins two
people rather than two parts of one organisation, or at the name of the person holding it.
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from .model import Span, skip_space, skip_space_back, trim
from .names import NAME_RUN, OtherNames, Standing, Words, country_at, name_in_run, syllables, trim_run
from .patterns import is_one_of, patterns, word_set


LOWER_WORD = regex.compile(r"\s+(\p{Ll}[\p{Ll}\p{M}]*)(?![\p{L}\p{M}])")
COUNT_OF = regex.compile(r"\d[\d.,]*\s+\p{L}")  # "127 đại biểu": a count opens a new noun phrase
DASH_BEFORE = regex.compile(r"[-–—]\s*$")
#: what joins the fields of a ministry's name ("Văn hóa, Thể thao và Du lịch")
FIELD_JOINER = regex.compile(r"\s*(?:,|và|&)\s*")
#: a brand written as one word with a capital inside ("PepsiCo", "SoftBank", "YouTube"),
#: alone or after another company ("Tesla và SpaceX")
BRAND = regex.compile(r"(?:\p{Lu}[\p{L}\p{N}]*\s+và\s+)?\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*\s+")


class TitleHolder(NamedTuple):
    """The name a title ends in (None if it names no one), and where the title ends."""
    name: Span | None
    title_end: int


def title_end(text: str, start: int, end: int) -> int:
    """Where the title starting at ``start`` ends inside ``text[:end]``: at a stop word,
    or at ``và`` that does not join two parts of one organisation's name."""
    p = patterns()
    # "Đại sứ ... tại Nhật Bản"; and any post "tại" a country ("Tư lệnh lực lượng Mỹ tại Iraq")
    abroad = p.place_head_before.search(text, max(0, start - 30), start) is not None
    stop = next((s for s in p.stop.finditer(text, start, end) if not _in_organisation_phrase(text, s, end)
                 and not ((abroad or country_at(text, skip_space(text, s.end())))
                          and p.place_preposition.match(text, s.start()))
                 and not (s.start() == start and p.stop_not_after_head.fullmatch(s[0].strip()))), None)
    limit = stop.start() if stop else end
    for m in p.province.finditer(text, start, limit):
        after = LOWER_WORD.match(text, m.end(), limit)
        if after and text[m.start() - 1].isspace() and not is_one_of(after[1], "after_place_in_title") \
                or p.head.match(text, skip_space(text, m.end()), limit):
            # a lower-case word after the place, or another post ("giữ chức Bí thư TP.HCM
            # Chủ tịch Quốc hội Nguyễn Thị Kim Ngân ...": a caption that lost its full stop)
            limit = m.end()
            break
    for m in p.conjunction_word.finditer(text, start, limit):
        following = m[1]
        if p.head.match(following) or p.rank.match(text, m.start(1)) or p.honorific.fullmatch(following) \
                or COUNT_OF.match(text, m.start(1)) or p.award_word.match(text, m.start(1)):
            return m.start()  # "... Trung ương và 127 ĐHTT toàn quân", "Bằng khen của Thủ tướng và Huân chương ..."
    dangling = p.dangling_at_end.search(text, start, limit)
    return dangling.start() if dangling else limit


def _in_organisation_phrase(text: str, stop: regex.Match, end: int) -> bool:
    """The stop word is part of an organisation's name ("tội phạm về ma túy", "Ban chỉ đạo"),
    which may open with the head's last word ("Phó Ban chỉ đạo Quốc gia ...")."""
    word_start = skip_space(text, stop.start())
    return any(m.start() <= word_start and stop.end() <= m.end()
               for m in patterns().organisation_phrase.finditer(text, max(0, stop.start() - 30), min(end, stop.end() + 30)))


def title_holder(text: str, head: regex.Match, end: int, words: Words, standing: Standing) -> TitleHolder:
    """The person a title names, and where the title ends: the first run of capitals after
    the head that ends in a person's name (``Giám đốc Công an tỉnh Nghệ An Nguyễn Hữu Cầu
    phát biểu``). A foreign name is taken right after the head or after a country
    (``Tổng thống Nga Vladimir Putin``); after a name, only a name of three syllables or
    more (a title after a name rarely names someone else)."""
    ends = title_end(text, head.end("title"), end)
    right_after_head = skip_space(text, head.end("title"))
    brand = BRAND.match(text, right_after_head, ends)
    for run in NAME_RUN.finditer(text, head.end("title"), ends):
        run_end = trim_run(text, run.start(), run.end())
        if run_end <= run.start():
            continue
        # after a country, or after the fields of a ministry alone and of two words or more
        # ("Bộ trưởng Quốc phòng James Mattis"; not "trưởng phòng Truyền thông và Marketing")
        after_country = country_at(text, run.start()) or _fields_only(text, right_after_head, run.start()) \
            and len(text[run.start():run_end].split()) >= 2 or _addressed_after_country(text, right_after_head, run.start())
        foreign = after_country or (standing is Standing.FREE and run.start() == right_after_head)
        # two syllables right after a spaced dash are more often the second half of a
        # place joined by the dash ("Cát Linh - Hà Đông") than a holder's name; after a
        # name, a title rarely names someone else unless a country precedes the name
        # ("Ông X, Tổng thống Cộng hòa Séc Milos Zeman")
        min_len = 3 if (standing in (Standing.AFTER_NAME, Standing.AFTER_TITLED_NAME) and not after_country) \
            or DASH_BEFORE.search(text, head.end("title"), run.start()) else 2
        # in a list of posts and their holders, a run that ends the item is its holder: a name
        # of two with a common family name, or a foreign name right after the post ("CEO Uber
        # Travis Kalanick, Giám đốc điều hành Tesla Elon Musk, ...")
        ends_list_item = standing is Standing.AFTER_TITLED_NAME and run_end == skip_space_back(text, end)
        foreign = foreign or ends_list_item and run.start() == right_after_head
        if ends_list_item and (foreign or text[run.start():run_end].split()[0] in word_set("names", "common_surnames")):
            min_len = 2
        if foreign and run.start() == right_after_head and patterns().organisation_post.fullmatch(head["title"]):
            company = patterns().company_post.fullmatch(head["title"]) is not None
            name = _holder_after_organisation(text, run.start(), run_end, words, min_len, company)
        elif brand and run.start() == brand.end() and patterns().company_post.fullmatch(head["title"]):
            # the holder after the company's brand ("CEO PepsiCo Indra Nooyi")
            name = name_in_run(text, run.start(), run_end, words, min_len=2, other_names=OtherNames.FOREIGN)
        else:
            name = name_in_run(text, run.start(), run_end, words, min_len=min_len,
                               other_names=OtherNames.FOREIGN if foreign else OtherNames.NONE)
        if name:
            return TitleHolder(name, ends)
    example = patterns().example_marker.match(text, ends, end)
    if example is not None and not patterns().possessed_at_end.search(text, head.start("title"), ends):
        # "các đại biểu Quốc hội như Dương Trung Quốc, Lưu Bình Nhưỡng"; not "trợ lý của mình là X"
        run = NAME_RUN.match(text, example.end(), end)
        if run is not None:
            name = name_in_run(text, run.start(), trim_run(text, run.start(), run.end()), words,
                               other_names=OtherNames.FOREIGN)  # "những HLV như Ralf Rangnick"
            if name is not None and name.start == run.start():
                return TitleHolder(name, ends)
    return TitleHolder(None, ends)


def _addressed_after_country(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a country and a form of address ("Ngoại trưởng Australia bà
    Julie Bishop"): the name after them is the post's holder, foreign or not."""
    country = patterns().country.match(text, start, end)
    address = patterns().honorific_before_name.search(text, start, end)
    return country is not None and address is not None and skip_space(text, country.end()) == address.start()


def _fields_only(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one or more fields of a ministry's name and nothing else
    ("Quốc phòng", "Văn hóa, Thể thao và Du lịch")."""
    p = patterns()
    pos, found = start, False
    while pos < end:
        field = p.sector_at_start.match(text, pos, end)
        if field is None:
            joiner = FIELD_JOINER.match(text, pos, end)
            if joiner is None or not found:
                return False
            pos = joiner.end()
            continue
        found, pos = True, skip_space(text, field.end())
    return found


def _holder_after_organisation(text: str, start: int, end: int, words: Words, min_len: int,
                               company: bool) -> Span | None:
    """After the post of a company, club or brand a single capitalised word is the
    organisation ("Chủ tịch Chelsea"). The holder is a Vietnamese name anywhere in the run,
    a foreign name of two words ("Chủ tịch Daniel Levy"), or, after a post only a company
    has, one after the company's word ("CEO Tesla Elon Musk")."""
    name = name_in_run(text, start, end, words, min_len=min_len)
    if name is not None:
        return name
    sylls = syllables(text, start, end)
    if len(sylls) < 2:
        return None
    first = sylls[1].start if company and len(sylls) > 2 else sylls[0].start
    return name_in_run(text, first, end, words, min_len=min_len, other_names=OtherNames.FOREIGN)


def title_span(text: str, head: regex.Match, end: int) -> Span:
    """The whole title opened by ``head``, inside ``text[:end]``."""
    return trim(text, head.start("title"), title_end(text, head.end("title"), end))


def plural_before(text: str, seg_start: int, position: int) -> bool:
    """"các", "những" or a number stands right before ``position``: a list follows."""
    return bool(patterns().plural_before.search(text, max(seg_start, position - 12), position))


def plural_title(text: str, start: int, end: int) -> Span | None:
    """A title after "các", "những" or a number, before ``end``: the post of the people
    listed after it."""
    p = patterns()
    for m in p.head.finditer(text, start, end):
        head = p.head_at_start.match(text, m.start(), end)
        if head is not None and plural_before(text, start, head.start("title")):
            return title_span(text, head, end)
    return None


def is_bare_head(text: str, head: regex.Match, end: int) -> bool:
    """``Trưởng``/``Phó`` alone, or ``đại biểu`` with nothing after it, is no post; nor is a
    royal title before a common noun ("nữ hoàng truyền hình Mỹ", a figure of speech), nor a
    head a demonstrative points back with ("vị Bộ trưởng ấy", "ông Giám đốc này")."""
    word = text[head.start("title"):head.end("title")]
    after = text[head.end("title"):end].strip()
    return is_one_of(word, "heads_needing_tail") and not after \
        or is_one_of(word, "heads_needing_proper_tail") and after[:1].islower() \
        or is_one_of(after.split(maxsplit=1)[0] if after else "", "demonstratives")  # "vị Bộ trưởng ấy": someone named before
