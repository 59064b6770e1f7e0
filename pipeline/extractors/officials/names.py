"""Detecting names: where a person's name lies in a run of capitalised syllables.

A run of capitals in Vietnamese press is often more than a name: ``Hà Nội Nguyễn Văn A``,
``NXB Kim Đồng Phạm Quang Vinh``, ``Tổng thống Mỹ Donald Trump``. The name is the tail of
the run that starts with a family name at a word boundary, or, for foreign people, the
part after a country.
"""
from __future__ import annotations

import bisect
import functools
from enum import Enum
from typing import Callable

import regex

from ...encoding import is_syllable
from ...numbers import alternation
from ...segment import Token
from .model import Span, skip_space
from .patterns import names_data, patterns, word_set

# also "Geun-hye", "H'Hen", and foreign names with a capital inside ("McMillon", "DiCaprio")
SYLLABLE = r"(?:(?:Mc|Mac|De|Di|Le)(?=\p{Lu}\p{Ll}))?\p{Lu}[\p{Ll}\p{M}]*(?:['’-][\p{Lu}\p{Ll}][\p{Ll}\p{M}]*)*"
INITIAL = r"[A-Z]\.(?=\s?\p{Lu})"  # a middle initial inside a Latin-script name: "George W. Bush"
NAME_ITEM = rf"(?:{INITIAL}|{SYLLABLE})"
NAME_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}.])(?:{SYLLABLE})(?:\s{NAME_ITEM}|(?<=\.){NAME_ITEM})*(?![\p{{L}}\p{{M}}\p{{N}}]|\.\p{{L}})")
SYLLABLE_OR_INITIAL = regex.compile(r"[A-Z]\.|\S+")
NEXT_WORD = regex.compile(r"\s+(\S+)")
#: a four-digit year right after a word
YEAR_AFTER = regex.compile(r"\s+(?:1[89]|20)\d\d(?!\d)")
REGNAL_NUMBER = regex.compile(r"\s(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{1,3})(?![\p{L}\p{M}\p{N}])")  # "Elizabeth II"
CAPITALISED = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]")
ACRONYM_BEFORE = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}{2,}\d*\s+$")  # "CSGT ", "PC45 "


class Standing(Enum):
    """Where a segment stands in its sentence, which decides how strict a name must be.
    After a name a title rarely names someone else, so the name must be a full Vietnamese
    name of three syllables or more; in the chain of titles after a name, no foreign name."""
    FREE = 0
    IN_CHAIN = 1
    AFTER_NAME = 2
    #: after a title and the name that ends it: as after a name, but this is how a list of
    #: posts and their holders goes on ("..., Trưởng Ban Tổ chức Trung ương Phạm Minh Chính,
    #: Bộ trưởng Bộ Công an Tô Lâm, ..."), so a name of two ending the segment, with a common
    #: family name, is the next person's
    AFTER_TITLED_NAME = 3


class OtherNames(Enum):
    """Which runs with no Vietnamese family name may still be a name."""
    NONE = 0
    ANY = 1       # after a form of address: any capitalised run ("ông Tân")
    FOREIGN = 2   # after a rank or title: a run that is not Vietnamese ("Tổng thống Zelensky")


#: How many of the windows starting before an offset ``Words`` looks in for it.
WINDOWS_LOOKED_AT = 4


class Words:
    """The segmenter's words of a sentence, looked up by offset. Given a function instead of
    the words, it calls it the first time a word near an offset is looked up, with that
    offset (None for the whole sentence), and it gives ``(start, end, words)``: the words
    from ``start`` to ``end`` (the clause around the offset, or the whole sentence). A third of the sentences read for
    officials never need their words, most of the rest only one or two clauses', and
    segmenting is most of the time spent on them."""

    def __init__(self, tokens: list[Token] | Callable[[int | None], tuple[int, int, list[Token]]]):
        self._source = tokens
        # the windows segmented so far, in the order of where they start; each holds the same
        # words as the whole sentence's within it, so any window holding an offset will do
        self._windows: list[tuple[int, int, list[Token], list[int]]] = []
        self._starts: list[int] = []
        if not callable(tokens):
            ordered = sorted(tokens, key=lambda t: t.start)
            self._add(-1, 1 << 62, ordered)

    def _add(self, lo: int, hi: int, ordered: list[Token]) -> tuple[list[Token], list[int]]:
        at = bisect.bisect_right(self._starts, lo)
        window = (lo, hi, ordered, [t.start for t in ordered])
        self._starts.insert(at, lo)
        self._windows.insert(at, window)
        return window[2], window[3]

    def _near(self, offset: int, until: int | None = None) -> tuple[list[Token], list[int]]:
        """The words around ``offset`` (and up to ``until``), in order, and where each starts.
        A window that holds them is looked for among the few that start last before
        ``offset`` (a sentence of thousands of clauses costs no more per lookup)."""
        until = offset if until is None else until
        i = bisect.bisect_right(self._starts, offset)
        for lo, hi, tokens, starts in self._windows[max(0, i - WINDOWS_LOOKED_AT):i][::-1]:
            if lo <= offset and until <= hi:
                return tokens, starts
        if self._windows and self._windows[0][0] <= offset and until <= self._windows[0][1]:
            return self._windows[0][2], self._windows[0][3]  # the whole sentence's, if made
        source = self._source
        assert callable(source)  # a list of words is one window that holds every offset
        lo, hi, tokens = source(offset)
        if until > hi:
            lo, hi, tokens = source(None)  # the whole sentence
        return self._add(lo, hi, sorted(tokens, key=lambda t: t.start))

    def crosses(self, offset: int) -> bool:
        """A word of two or three syllables (a place or a name, not one of the long
        run-ons the segmenter sometimes makes) starts before ``offset`` and ends after it."""
        tokens, starts = self._near(offset)
        i = bisect.bisect_left(starts, offset) - 1
        if i < 0:
            return False
        word = tokens[i]
        return word.start < offset < word.end and 1 <= word.text.count(" ") <= 2

    def spans(self, start: int, end: int) -> bool:
        """One word covers exactly ``start`` to ``end``."""
        tokens, starts = self._near(start, end)
        i = bisect.bisect_left(starts, start)
        return i < len(tokens) and tokens[i].start == start and tokens[i].end == end


def syllables(text: str, start: int, end: int) -> list[Span]:
    return [Span(m.start(), m.end()) for m in SYLLABLE_OR_INITIAL.finditer(text, start, end)]


NO_LOWER_CASE = regex.compile(r"[^\p{Ll}]*")
TWO_CAPITALS = regex.compile(r"\p{Lu}\p{Lu}")
SYLLABLE_WORD = regex.compile(r"[\p{L}\p{M}]+")


def restored_case(text: str, start: int, end: int) -> str:
    """``text`` with the sentence ``text[start:end]``, if written in capitals only
    ("ĐẠI TÁ NGUYỄN VĂN AN, GIÁM ĐỐC CÔNG AN TỈNH ..."), read as Vietnamese press writes
    names: every syllable capitalised but the words that end a title, the conjunction and
    the words that open a sentence, which stay in lower case. Offsets do not move."""
    if not NO_LOWER_CASE.fullmatch(text, start, end) or not TWO_CAPITALS.search(text, start, end):
        return text
    lowered = text[start:end].lower()
    if len(lowered) != end - start:
        return text
    small = [m.span() for m in patterns().small_word.finditer(lowered)]
    chars = list(lowered)
    for m in SYLLABLE_WORD.finditer(lowered):
        if not any(a <= m.start() < b for a, b in small):
            chars[m.start()] = chars[m.start()].upper()
    return text[:start] + "".join(chars) + text[end:]


def province_at(text: str, offset: int) -> bool:
    """A province name (of two syllables or more) starts at ``offset``."""
    return patterns().province.match(text, offset) is not None


def country_at(text: str, offset: int) -> bool:
    """A country (``Hà Lan``, ``Nhật Bản``) is named at ``offset``."""
    return patterns().country.match(text, offset) is not None


def organisation_at(text: str, offset: int) -> bool:
    """An organisation's name starts at ``offset``: a head such as ``Công an`` or ``Đoàn``
    followed by a lower-case word, an acronym (``Đoàn TNCS``) or a province's name (``tỉnh
    Đoàn Nghệ An``, the province's Youth Union), not by a given name."""
    m = patterns().organisation_head.match(text, offset)
    if m is None:
        return False
    if " " in m[0]:
        return True
    following = NEXT_WORD.match(text, m.end(), min(len(text), m.end() + 30))
    return following is None or not CAPITALISED.match(following[1]) or province_at(text, following.start(1))


def names_organisation(text: str, run_start: int) -> bool:
    """The capitals starting at ``run_start`` follow a word such as ``Trường`` or ``NXB``,
    or a company's kind ("Công ty TNHH xây dựng Vũ Hoàng Dương": a company named after
    someone; not "Giám đốc công ty Nguyễn Văn A", the company's director)."""
    return bool(patterns().org_name_before.search(text[max(0, run_start - 25):run_start])
                or patterns().company_kind_before.search(text[max(0, run_start - 50):run_start]))


def _person_after_city(text: str, run_start: int, sylls: list[Span]) -> bool:
    """After a word for a city, a full name (three syllables or more, a common family name
    first) that the gazetteer does not know as a place is a person's ("UBND TP Lê Thanh
    Liêm")."""
    return len(sylls) >= 3 and text[sylls[0][0]:sylls[0][1]] in word_set("names", "common_surnames") \
        and bool(patterns().city_before.search(text[max(0, run_start - 12):run_start]))


@functools.cache
def _local_unit_before() -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(word_set('officials', 'local_unit_acronyms'))})\s+$")


def name_in_run(text: str, run_start: int, run_end: int, words: Words, min_len: int = 2,
                other_names: OtherNames = OtherNames.NONE) -> Span | None:
    """The person's name that ends the capitalised run ``text[run_start:run_end]``: the
    whole run when it is one, else the tail of two to four syllables that starts with a
    family name (the segmenter's word for it, or a common family name, or the longest), at
    a word boundary and not on a province, a country or an organisation; after a word for a
    place or an organisation, not its second syllable but for a full name of three. ``other_names`` also
    takes a run with no family name, once leading countries are dropped (``Mỹ Donald
    Trump``)."""
    sylls = syllables(text, run_start, run_end)
    if len(sylls) <= 3 and _local_unit_before().search(text, max(0, run_start - 8), run_start):
        return None  # "Trưởng CAP Lý Thái Tổ": the ward, no room for a holder after it
    surnames = word_set("names", "surnames")
    starts = []
    for i, (s, e) in enumerate(sylls):
        length = len(sylls) - i
        if length > 4 or length < max(min_len, 2) or text[s:e] not in surnames:
            continue
        if words.crosses(s) or province_at(text, s) or organisation_at(text, s) or country_at(text, s):
            continue
        if i == 0 and names_organisation(text, run_start) and not _person_after_city(text, run_start, sylls):
            continue
        if i == 0 and length == 2 and text[s:e] not in word_set("names", "common_surnames") \
                and ACRONYM_BEFORE.search(text, max(0, s - 12), s):
            continue  # a unit's place after its acronym ("Đội trưởng Đội CSGT An Lạc"), unless a common family name
        if i == 1 and names_organisation(text, run_start) and (length < 3 or text[s:e] not in word_set("names", "common_surnames")):
            continue  # a place of one syllable and a name of two is the place's ("quận Nam Từ Liêm", not "TP Vinh Trần Ngọc Tú")
        starts.append(s)
    if starts and patterns().head.match(text, sylls[-1][0]):
        return None  # the last capital starts a title ("Đoàn Chủ tịch")
    if starts and text[sylls[-1][0]:sylls[-1][1]] in word_set("officials", "organisation_tails"):
        return None  # an organisation whose first word is a family name too ("La Liga")
    if starts and starts[0] == sylls[0][0]:
        return Span(starts[0], sylls[-1][1])  # the whole run is a name ("Uông Chu Lưu")
    if starts:
        # The segmenter's own word for the whole name settles it.
        whole = [s for s in starts if words.spans(s, run_end)]
        if whole:
            return Span(whole[0], run_end)
        common_surnames = word_set("names", "common_surnames")
        common = [s for s in starts
                  if text[s:text.find(" ", s) if " " in text[s:run_end] else run_end] in common_surnames]
        return Span((common or starts)[0], sylls[-1][1])
    if other_names is OtherNames.NONE:
        return None
    return _other_name(text, sylls, words, other_names)


def _other_name(text: str, sylls: list[Span], words: Words, other_names: OtherNames) -> Span | None:
    """A name with no Vietnamese family name, after the countries and the club or company
    that open the run ("Mỹ Donald Trump", "Man Utd Joel Glazer", "Intracom Group X Y")."""
    places = word_set("officials", "places_before_names")
    leads, tails = word_set("officials", "organisation_leads"), word_set("officials", "organisation_tails")
    i = 0
    while i < len(sylls):
        # the longest place of up to four words ("Tây Ban Nha", "Cộng hòa Séc")
        place = next((n for n in (4, 3, 2) if i + n <= len(sylls) and text[sylls[i][0]:sylls[i + n - 1][1]] in places), 0)
        if place:
            i += place
        elif text[sylls[i][0]:sylls[i][1]] in places:
            i += 1
        elif text[sylls[i][0]:sylls[i][1]] in leads and i + 2 < len(sylls):
            i += 2
        else:
            break
    for j in range(i, len(sylls) - 2):  # a name of two words after it: "Petro Poroshenko" is a name
        if text[sylls[j][0]:sylls[j][1]] in tails:
            i = j + 1
    rest = sylls[i:]
    # an organisation starts a new phrase, a full stop lost before it ("Sergei Shoigu Hãng Tass")
    rest = next((rest[:k] for k in range(1, len(rest)) if patterns().organisation_head.match(text, rest[k][0])), rest)
    # after a country a foreign name may run to five words ("Đại sứ Cộng hòa Yemen Adel Mohamed Ali Ba Hamid")
    if not 1 <= len(rest) <= (5 if i else 3) or country_at(text, rest[0][0]) or province_at(text, rest[0][0]) \
            or patterns().organisation_head.match(text, rest[0][0]) or patterns().head.match(text, rest[0][0]) \
            or names_organisation(text, rest[0][0]):
        return None
    last = text[rest[-1][0]:rest[-1][1]]
    if is_syllable(last.lower()) and words.crosses(rest[-1][1]):
        return None  # "Trưởng Ban Tuyên giáo", "Duma Quốc gia": the capital starts a longer word
    if last in word_set("officials", "organisation_tails") \
            or text[rest[0][0]:rest[0][1]] in word_set("officials", "organisation_leads"):
        return None  # "Intracom Group", "Real Madrid CF", "Real Madrid"
    if other_names is OtherNames.FOREIGN and all(is_syllable(text[a:b].lower()) for a, b in rest):
        return None  # Vietnamese words after a title belong to it ("Bộ trưởng Công Thương")
    regnal = REGNAL_NUMBER.match(text, rest[-1][1])
    if regnal and not is_syllable(last.lower()):
        return Span(rest[0][0], regnal.end())  # "Elizabeth II", "Benigno Aquino III"
    return Span(rest[0][0], rest[-1][1])


def trim_run(text: str, start: int, end: int) -> int:
    """End of a run of capitals without the sentence words glued to it (``Võ Hồng Thắng
    Về câu hỏi``: a full stop was lost before ``Về``), nor a capital that starts a word
    with the bound syllable after the run (``Nguyễn Xuân Phúc Tiến sĩ``)."""
    sylls = syllables(text, start, end)
    never = word_set("names", "never_in_names")
    while len(sylls) > 2 and text[sylls[-1][0]:sylls[-1][1]] in never:
        sylls.pop()
    after = NEXT_WORD.match(text, sylls[-1][1]) if sylls else None
    if after is not None and after[1] in word_set("names", "bound_syllables"):
        sylls.pop()
    elif len(sylls) > 2 and text[sylls[-1][0]:sylls[-1][1]] in word_set("names", "year_words_in_names") \
            and YEAR_AFTER.match(text, sylls[-1][1]):
        sylls.pop()  # "Đồng chí Phan Trọng Tuệ Năm 1934, khi 17 tuổi": a sentence's "Năm 1934", a full stop lost
    return sylls[-1][1] if sylls else start


def name_after(text: str, intro: regex.Match, end: int, words: Words, reach: int) -> Span | None:
    """The name right after a honorific (any capitalised run: ``ông Tân``), or within
    ``reach`` characters after a rank (``Đại tá quân đội Mỹ Ryan Dillon``), before ``end``."""
    other_names = OtherNames.FOREIGN if reach else OtherNames.ANY
    for run in NAME_RUN.finditer(text, skip_space(text, intro.end()), min(end, intro.end() + 1 + reach + 40)):
        if run.start() > intro.end() + 1 + reach:
            return None
        if patterns().head.match(text, run.start()):
            # a post, no name; after a rank the name after the post is its holder's ("Thiếu
            # tướng Minh nhận hoa từ Bí thư Thành ủy X")
            return None
        run_end = trim_run(text, run.start(), run.end())
        if run_end > run.start():
            name = name_in_run(text, run.start(), run_end, words, min_len=1, other_names=other_names)
            if name is not None and (name[0] == run.start() or reach):
                return name
        if not reach or (run.start() == skip_space(text, intro.end()) and " " not in text[run.start():run_end]
                         and patterns().stop.match(text, run_end)):
            return None  # "Đại tá Hòa thông tin ... của chị T": the rank's person is named by a given name alone
    return None


def last_run(text: str, start: int, end: int) -> Span | None:
    """The last run of capitals in ``text[start:end]``."""
    last = None
    for m in NAME_RUN.finditer(text, start, end):
        last = Span(m.start(), m.end())
    return last


@functools.cache
def _particle_tail() -> regex.Pattern:
    d = names_data()
    # the part after the article is one capitalised word: "al-Assad-mục tiêu ..." is a dash
    article = rf"\s+(?:{alternation(d['name_article_particles'])})[-\s]\p{{Lu}}[\p{{Ll}}\p{{M}}]*"
    return regex.compile(
        rf"(?:\s+(?:{alternation(d['name_particles'])})\s+{SYLLABLE}(?:\s+{SYLLABLE})*)+(?:{article})?|{article}")


def with_particles(text: str, name: Span, limit: int) -> Span:
    """``name`` and the parts an Arabic name links to it with ``bin`` or ``ibn`` ("Salman
    bin Abdulaziz al-Saud") or with the article alone ("Bashar al-Assad"), within ``limit``."""
    tail = _particle_tail().match(text, name.end, limit)
    return Span(name.start, tail.end()) if tail is not None else name


def particle_key(name: str) -> str | None:
    """The core of an Arabic name, the same however the article spells its tail: the part
    before the first ``bin`` and the one after it ("Sheikh Mohammed bin Abdulrahman Al-Thani"
    and "Mohammed bin Abdulrahman bin Jassim Al Thani" are "mohammed bin abdulrahman")."""
    words = name.lower().replace("-", "").split()
    particles = set(names_data()["name_particles"])
    for i, word in enumerate(words):
        if word in particles and 0 < i < len(words) - 1:
            return " ".join(words[i - 1:i + 2])
    return None
