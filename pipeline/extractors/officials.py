"""Officials: named people with a rank, a post, or introduced as ``đồng chí``.

A sentence is cut into segments at commas, semicolons, colons, brackets and spaced dashes.
Each segment is read for a rank, a title (a head from ``rules/officials.yaml`` and the
organisation after it) and a name, in the orders Vietnamese press writes them::

    Trung tướng Nguyễn Ngọc Toàn                  rank name
    Bí thư Tỉnh ủy Bắc Ninh Nguyễn Nhân Chiến      title name
    đồng chí Nguyễn Thanh Hải, Ủy viên ..., ...    [honorific] name, title, title
    Đại tá, Giám đốc Công an tỉnh X Nguyễn Văn A   rank, title name

Title segments that follow a name belong to it; title segments left unclaimed before a
title-name segment belong to that name. Where underthesea segmented the sentence, a name
may not start inside one of its words (``Hà Nội Nguyễn Văn A`` is split after ``Nội``).
Names listed after a plural title or ``các đồng chí`` share it. People after a marker such
as ``bị can`` or ``nạn nhân``, or prosecuted in the sentence, are left out; one entry is
kept per person, a later mention by given name alone included.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

import regex

from .. import rules
from ..article import ArticleText
from ..normalize import normalize
from ..numbers import alternation
from ..encoding import is_syllable
from ..segment import Token
from .provinces import gazetteer

SYLLABLE = r"\p{Lu}[\p{Ll}\p{M}]*(?:['’-][\p{Lu}\p{Ll}][\p{Ll}\p{M}]*)*"  # also "Geun-hye", "H'Hen"
INITIAL = r"[A-Z]\.(?=\s?\p{Lu})"  # a middle initial inside a Latin-script name: "George W. Bush"
NAME_ITEM = rf"(?:{INITIAL}|{SYLLABLE})"
NAME_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}.])(?:{SYLLABLE})(?:\s{NAME_ITEM}|(?<=\.){NAME_ITEM})*(?![\p{{L}}\p{{M}}\p{{N}}]|\.\p{{L}})")
SYLLABLE_OR_INITIAL = regex.compile(r"[A-Z]\.|\S+")
NEXT_WORD = regex.compile(r"\s+(\S+)")
CAPITALISED = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]")

LOWER_NEXT = regex.compile(r"\s+\p{Ll}")
SEGMENT_BREAK = regex.compile(r"\s*(?:[,;:()\[\]“”\"]|\s[-–—]\s|\s[-–—](?=\p{Lu}))\s*")


@dataclass
class Person:
    name: str
    start: int
    end: int
    rank: str | None = None
    titles: list[str] = field(default_factory=list)
    confirmed: bool = False  # has a rank, a title or an institutional honorific


@dataclass
class Segment:
    start: int
    end: int
    rank: str | None = None
    title: tuple[int, int] | None = None   # character range of the title phrase
    person: Person | None = None
    name_at_end: bool = False              # the person's name ends the segment
    claimed: bool = False
    after_dash: bool = False               # the segment follows a spaced dash
    after_and: bool = False                # the segment follows "và" or ";" (a new person)
    name_opens: bool = False               # the name opens the segment and holds the title before it
    opens_with_person: bool = False        # a rank or honorific and a name open the segment
    plural: bool = False                   # "các đồng chí X, Y và Z": a list of names follows
    extra: list = field(default_factory=list)  # further people later in the segment
    listed: bool = False                   # names continuing a list
    inner_title: bool = False              # a title inside the segment, for a person after it only


@functools.cache
def _data() -> dict:
    return rules.load("officials")


@functools.cache
def _rank_table() -> dict[str, str]:
    return {normalize(w): canon for canon, written in _data()["ranks"].items() for w in written}


@functools.cache
def _patterns() -> dict[str, regex.Pattern]:
    d = _data()
    heads = [normalize(h) for h in d["title_heads"] + d["deputy_words"]]
    modifiers = alternation(normalize(m) for m in d["title_modifiers"])
    head_alt = alternation(heads)
    not_modifier = "".join(rf"(?!(?<=(?i:{regex.escape(before)})\s)(?i:{regex.escape(word)}))"
                           for word, before in d["not_a_modifier_after"].items())
    return {
        "rank": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(_rank_table())})(?![\p{{L}}\p{{M}}])"),
        "head": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}]){not_modifier}(?:(?:{modifiers})\s+)*(?i:{head_alt})(?![\p{{L}}\p{{M}}])"),
        "head_at_start": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}]){not_modifier}(?:(?:{alternation(d['title_openers'])})\s+)?(?P<title>(?:(?:{modifiers})\s+)*(?i:{head_alt})(?![\p{{L}}\p{{M}}]))"),
        "honorific": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['honorifics'])})(?![\p{{L}}\p{{M}}])"),
        "marker": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['non_official_markers'])})(?:\s+\S+)?\s*$"),
        "not_person": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['name_context_not_person'])})\s*$"),
        "rank_at_end": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(_rank_table())})(?=\s*$)"),
        "accused_list": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['non_official_markers'])})[^.;:()]{{0,40}}?"
            rf"(?:(?<![\p{{L}}\p{{M}}])(?:{alternation(d['list_openers'])})(?![\p{{L}}\p{{M}}])|:)\s*:?\s*(?=\p{{Lu}}[\p{{Ll}}\p{{M}}])"),
        "prosecution": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{alternation(d['prosecution_verbs'])})(?![\p{{L}}\p{{M}}])"),
        "prosecuted_after": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['passive_markers'])})\s+(?:{alternation(d['prosecution_verbs'] + d['passive_prosecution_verbs'])})(?![\p{{L}}\p{{M}}])"),
        "stop": regex.compile(rf"\s(?:{alternation(d['title_stop_words'])})(?![\p{{L}}\p{{M}}])"),
        "trigger": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(_rank_table())}|(?i:{head_alt})|{alternation(d['segmenting_honorifics'])})(?![\p{{L}}\p{{M}}])"),
    }


def trigger_pattern() -> regex.Pattern:
    """Sentences matching this are the ones worth word segmentation for officials."""
    return _patterns()["trigger"]


@functools.cache
def _surnames() -> frozenset[str]:
    return frozenset(rules.load("names")["surnames"])


@functools.cache
def _common_surnames() -> frozenset[str]:
    return frozenset(rules.load("names")["common_surnames"])


@functools.cache
def _and_split() -> regex.Pattern:
    return regex.compile(rf"\s+(?:{alternation(_data()['conjunctions'])})\s+")


@functools.cache
def _and_word() -> regex.Pattern:
    """A conjunction and the word after it."""
    return regex.compile(rf"\s(?:{alternation(_data()['conjunctions'])})\s+(\S+)")


@functools.cache
def _plural_before() -> regex.Pattern:
    """"các", "những" or a number right before a position."""
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(_data()['plural_markers'])}|\d+)\s+$")


@functools.cache
def _organisation_tails() -> frozenset[str]:
    return frozenset(_data()["organisation_tails"])


@functools.cache
def _places_before_names() -> frozenset[str]:
    return frozenset(_data()["places_before_names"])


@functools.cache
def _org_heads() -> regex.Pattern:
    return regex.compile(rf"(?:{alternation(_data()['organisation_heads'])})(?![\p{{L}}\p{{M}}])")


@functools.cache
def _segment_break() -> regex.Pattern:
    """Segment boundaries: punctuation, spaced dashes, and "và" before a rank, honorific or title."""
    p = _patterns()
    before_person = "|".join(x.pattern for x in (p["rank"], p["honorific"], p["head"]))
    return regex.compile(rf"{SEGMENT_BREAK.pattern}|{_and_split().pattern}(?=(?:{before_person}))")


def _segments(text: str, start: int, end: int) -> list[Segment]:
    segments, pos, dash, conj = [], start, False, False
    for cut in _segment_break().finditer(text, start, end):
        if cut.start() > pos:
            segments.append(Segment(pos, cut.start(), after_dash=dash, after_and=conj))
        pos, dash, conj = cut.end(), any(ch in cut[0] for ch in "-–—"), bool(_and_split().fullmatch(cut[0])) or ";" in cut[0]
    if pos < end:
        segments.append(Segment(pos, end, after_dash=dash, after_and=conj))
    for seg in segments:
        while seg.end > seg.start and text[seg.end - 1] in ".…!?":
            seg.end = _skip_space_back(text, seg.end - 1)
    return [seg for seg in segments if seg.end > seg.start]


class Words:
    """The segmenter's words of a sentence, indexed by where they start."""

    def __init__(self, tokens: list[Token]):
        self.tokens = sorted(tokens, key=lambda t: t.start)
        self.starts = [t.start for t in self.tokens]

    def crosses(self, offset: int) -> bool:
        """A word of two or three syllables (a place or a name, not one of the long
        run-ons the segmenter sometimes makes) starts before ``offset`` and ends after it."""
        i = bisect.bisect_left(self.starts, offset) - 1
        if i < 0:
            return False
        word = self.tokens[i]
        return word.start < offset < word.end and 1 <= word.text.count(" ") <= 2

    def spans(self, start: int, end: int) -> bool:
        """One word covers exactly ``start`` to ``end``."""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.tokens) and self.tokens[i].start == start and self.tokens[i].end == end


def _syllables(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SYLLABLE_OR_INITIAL.finditer(text, start, end)]


@functools.cache
def _province_names() -> regex.Pattern:
    return regex.compile(alternation(alias for alias in gazetteer() if " " in alias))


def _province_at(text: str, offset: int) -> bool:
    """A province name (of two syllables or more) starts at ``offset``."""
    return _province_names().match(text, offset) is not None


# Where a segment stands: anywhere, in the chain of titles after a name, or right after a
# name. After a name a title rarely names someone else, so it must be a full Vietnamese
# name of three syllables or more; in the chain, no foreign name.
FREE, IN_CHAIN, AFTER_NAME = 0, 1, 2

ANY_NAME = "any"            # after a form of address: any capitalised run ("ông Tân")
FOREIGN_NAME = "foreign"    # after a rank or title: a run that is not Vietnamese ("Tổng thống Zelensky")


def _name_in_run(text: str, run_start: int, run_end: int, words: Words, min_len: int = 2,
                 other_names: str | None = None) -> tuple[int, int] | None:
    """The person's name that ends the capitalised run ``text[run_start:run_end]``: the
    whole run when it is one, else the tail of two to four syllables that starts with a
    family name (the segmenter's word for it, or a common family name, or the longest), at
    a word boundary and not on a province, a country or an organisation. ``other_names`` also
    takes a run with no family name, once leading countries are dropped (``Mỹ Donald
    Trump``): any run (``ANY_NAME``) or one with a syllable that is not Vietnamese
    (``FOREIGN_NAME``: "Tổng thống Zelensky", but not "Trưởng Ban Tuyên giáo")."""
    sylls = _syllables(text, run_start, run_end)
    starts = []
    for i, (s, e) in enumerate(sylls):
        length = len(sylls) - i
        if length > 4 or length < max(min_len, 2) or text[s:e] not in _surnames():
            continue
        if words.crosses(s) or _province_at(text, s) or _organisation_at(text, s) or _country_at(text, s):
            continue
        if i == 0 and _names_organisation(text, run_start):
            continue
        starts.append(s)
    if starts and _patterns()["head"].match(text, sylls[-1][0]):
        return None  # the last capital starts a title ("Đoàn Chủ tịch")
    if starts and starts[0] == sylls[0][0]:
        return starts[0], sylls[-1][1]  # the whole run is a name ("Uông Chu Lưu")
    if starts:
        # The segmenter's own word for the whole name settles it.
        whole = [s for s in starts if words.spans(s, run_end)]
        if whole:
            return whole[0], run_end
        common = [s for s in starts if text[s:text.find(" ", s) if " " in text[s:run_end] else run_end] in _common_surnames()]
        return (common or starts)[0], sylls[-1][1]
    if other_names:
        i = 0
        while i < len(sylls):
            two = text[sylls[i][0]:sylls[min(i + 1, len(sylls) - 1)][1]]
            if two in _places_before_names() and i + 1 < len(sylls):
                i += 2
            elif text[sylls[i][0]:sylls[i][1]] in _places_before_names():
                i += 1
            else:
                break
        rest = sylls[i:]
        if not 1 <= len(rest) <= 3 or _country_at(text, rest[0][0]) or _province_at(text, rest[0][0]) \
                or _org_heads().match(text, rest[0][0]) or _patterns()["head"].match(text, rest[0][0]) \
                or _names_organisation(text, rest[0][0]):
            return None
        last = text[rest[-1][0]:rest[-1][1]]
        if is_syllable(last.lower()) and words.crosses(rest[-1][1]):
            return None  # "Trưởng Ban Tuyên giáo", "Duma Quốc gia": the capital starts a longer word
        if text[rest[-1][0]:rest[-1][1]] in _organisation_tails():
            return None  # "Intracom Group", "Real Madrid CF"
        if other_names == FOREIGN_NAME and all(is_syllable(text[a:b].lower()) for a, b in rest):
            return None  # Vietnamese words after a title belong to it ("Bộ trưởng Công Thương")
        return rest[0][0], rest[-1][1]
    return None


@functools.cache
def _countries() -> regex.Pattern:
    return regex.compile(rf"(?:{alternation(_places_before_names())})(?![\p{{L}}\p{{M}}])")


def _country_at(text: str, offset: int) -> bool:
    """A country (``Hà Lan``, ``Nhật Bản``) is named at ``offset``."""
    return _countries().match(text, offset) is not None


def _organisation_at(text: str, offset: int) -> bool:
    """An organisation's name starts at ``offset``: a head such as ``Công an`` or ``Đoàn``
    followed by a lower-case word or an acronym (``Đoàn TNCS``), not by a given name."""
    m = _org_heads().match(text, offset)
    if m is None:
        return False
    if " " in m[0]:
        return True
    following = NEXT_WORD.match(text, m.end(), min(len(text), m.end() + 30))
    return following is None or not CAPITALISED.match(following[1])


@functools.cache
def _org_name_before() -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(_data()['org_name_words'])})\s+$")


def _names_organisation(text: str, run_start: int) -> bool:
    """The capitals starting at ``run_start`` follow a word such as ``Trường`` or ``NXB``."""
    return bool(_org_name_before().search(text[max(0, run_start - 25):run_start]))


def _title_end(text: str, start: int, end: int) -> int:
    """Where the title starting at ``start`` ends inside ``text[:end]``: at a stop word,
    or at ``và`` that does not join two parts of one organisation's name."""
    stop = _patterns()["stop"].search(text, start, end)
    limit = stop.start() if stop else end
    for m in _and_word().finditer(text, start, limit):
        following = m[1]
        if _patterns()["head"].match(following) or _patterns()["rank"].match(text, m.start(1)) \
                or _patterns()["honorific"].fullmatch(following):
            return m.start()
    return limit


def _read_segment(text: str, seg: Segment, words: Words, after_name: int) -> None:
    """Fill in the segment's rank, title and person, in the first of these orders that
    fits: rank name; title name; honorific name; a title with its holder inside the
    segment; a bare name at the end (confirmed later by a title after it). What follows
    the person in the segment is read again for more people (``... lên Bộ trưởng Bộ Công
    an Thượng tướng Tô Lâm``)."""
    p = _patterns()
    pos = seg.start
    opening = p["honorific"].match(text, pos, seg.end)
    if opening:
        pos = _skip_space(text, opening.end())
    rank_match = p["rank"].match(text, pos, seg.end)
    if rank_match:
        seg.rank = _rank_table()[rank_match[0]]
        name = _name_after(text, rank_match, seg, words, reach=40)
        if name is not None:
            if _excluded(text, seg.start, seg.start, name[1]):
                _read_rest(text, seg, name[1], words)
                return
            _set_person(text, seg, name, confirmed=True, words=words)
            seg.person.rank = seg.rank
            seg.opens_with_person = True
            return
        pos = _skip_space(text, rank_match.end())
    head = p["head_at_start"].match(text, pos, seg.end)
    if head is not None and not _is_bare_head(text, head, seg):
        holder, title_end = _title_holder(text, head, seg.end, words, after_name)
        title_start = head.start("title")
        if holder and not _excluded(text, title_start, seg.start, holder[1]):
            _set_title_and_holder(text, seg, title_start, holder, words)
            seg.plural = bool(_plural_before().search(text, max(seg.start, title_start - 12), title_start))
        else:
            seg.title = _trim(text, title_start, title_end)
            seg.plural = bool(_plural_before().search(text, max(seg.start, title_start - 12), title_start))
            _read_rest(text, seg, holder[1] if holder else title_end, words)
        return
    # Otherwise the first person named inside the segment, whichever way.
    found = [f for f in (_honorific_name(text, seg, words), _head_holder(text, seg, words, after_name),
                         _rank_name(text, seg, words)) if f is not None]
    if found:
        start, kind, intro, name, head = min(found, key=lambda f: f[0])
        if _excluded(text, start, seg.start, name[1]):
            _read_rest(text, seg, name[1], words)
            return
        if kind == "honorific":
            institutional = intro[0] in _data()["institutional_honorifics"]
            seg.plural = bool(_plural_before().search(text, max(seg.start, intro.start() - 12), intro.start()))
            shared = _plural_title(text, seg.start, intro.start())
            if shared is not None:
                # "8 Phó Giám đốc Sở Nội vụ gồm có ông X, Y ... và bà Z": the title of each
                seg.title, seg.plural, institutional = shared, True, True
            _set_person(text, seg, name, confirmed=institutional, words=words)
            seg.opens_with_person = intro.start() == seg.start
        elif kind == "title":
            _set_title_and_holder(text, seg, head.start("title"), name, words)
            seg.plural = bool(_plural_before().search(text, max(seg.start, start - 12), start))
        else:
            _set_person(text, seg, name, confirmed=True, words=words)
            seg.person.rank = _rank_table()[intro[0]]
        return
    for intro in p["honorific"].finditer(text, seg.start, seg.end):
        if intro[0] not in _data()["institutional_honorifics"] \
                or not _plural_before().search(text, max(seg.start, intro.start() - 12), intro.start()):
            continue
        after = _skip_space(text, intro.end())
        head = p["head_at_start"].match(text, after, seg.end)
        if after >= seg.end:
            seg.plural = True  # "các đồng chí: X, Y và Z"
        elif head is not None:
            # "các đồng chí Ủy viên Bộ Chính trị: X, ...; Y, ...": the title of every name listed
            seg.plural, seg.inner_title = True, True
            seg.title = _trim(text, head.start("title"), _title_end(text, head.end("title"), seg.end))
            return
    for m in p["rank"].finditer(text, seg.start, seg.end):
        if _skip_space_back(text, seg.end) == m.end():
            seg.rank = _rank_table()[m[0]]  # "... được Đại tướng, Tổng tư lệnh X": the rank of what follows
    inner = p["head"].search(text, seg.start, seg.end)
    if inner is not None and (head := p["head_at_start"].match(text, inner.start(), seg.end)) and not _is_bare_head(text, head, seg):
        # "Tham dự có Ủy viên Bộ Chính trị, Bộ trưởng ..., Thượng tướng X": a title that
        # only a person after it can take.
        seg.title = _trim(text, head.start("title"), _title_end(text, head.end("title"), seg.end))
        seg.inner_title = True
        return
    # A bare name at the end of the segment, to be confirmed by a title after it.
    run = _last_run(text, seg.start, seg.end)
    if run and run[1] == seg.end:
        name = _name_in_run(text, run[0], _trim_run(text, *run), words)
        if name and name[0] == run[0] and not _excluded(text, name[0], seg.start, name[1]):
            seg.person = Person(text[name[0]:name[1]], name[0], name[1])
            seg.name_at_end = name[1] == seg.end


def _set_title_and_holder(text: str, seg: Segment, title_start: int, name: tuple[int, int], words: Words) -> None:
    """A title and the name that ends it; a rank just before the name is the person's
    (``Bộ trưởng Bộ Công an Thượng tướng Tô Lâm``), not part of the title."""
    title_end = name[0]
    rank = _patterns()["rank_at_end"].search(text, title_start, name[0])
    if rank:
        title_end = rank.start()
    seg.title = _trim(text, title_start, title_end)
    _set_person(text, seg, name, confirmed=True, words=words)
    if rank:
        seg.person.rank = _rank_table()[rank[0].strip()]


def _plural_title(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A title after "các", "những" or a number, before ``end``: the post of the people
    listed after it."""
    p = _patterns()
    for m in p["head"].finditer(text, start, end):
        head = p["head_at_start"].match(text, m.start(), end)
        if head is not None and _plural_before().search(text, max(start, head.start("title") - 12), head.start("title")):
            return _trim(text, head.start("title"), _title_end(text, head.end("title"), end))
    return None


def _honorific_name(text: str, seg: Segment, words: Words):
    for intro in _patterns()["honorific"].finditer(text, seg.start, seg.end):
        name = _name_after(text, intro, seg, words, reach=0)
        if name is not None:
            return intro.start(), "honorific", intro, name, None
    return None


def _head_holder(text: str, seg: Segment, words: Words, after_name: int):
    p = _patterns()
    for m in p["head"].finditer(text, seg.start, seg.end):
        head = p["head_at_start"].match(text, m.start(), seg.end)
        if head is None or _is_bare_head(text, head, seg):
            continue
        holder, _ = _title_holder(text, head, seg.end, words, after_name)
        if holder:
            return head.start("title"), "title", None, holder, head
    return None


def _rank_name(text: str, seg: Segment, words: Words):
    for m in _patterns()["rank"].finditer(text, seg.start, seg.end):
        name = _name_after(text, m, seg, words, reach=40)
        if name is not None:
            return m.start(), "rank", m, name, None
    return None


def _set_person(text: str, seg: Segment, name: tuple[int, int], confirmed: bool, words: Words) -> None:
    seg.person = Person(text[name[0]:name[1]], name[0], name[1], confirmed=confirmed)
    seg.name_at_end = _skip_space_back(text, seg.end) == name[1]
    if not seg.name_at_end:
        _read_rest(text, seg, name[1], words)


def _read_rest(text: str, seg: Segment, start: int, words: Words) -> None:
    """More people later in the segment: a rank, a title or ``đồng chí`` with a name."""
    start = _skip_space(text, start)
    if start >= seg.end:
        return
    rest = Segment(start, seg.end)
    _read_segment(text, rest, words, after_name=FREE)
    if rest.person is not None and rest.person.confirmed:
        if rest.title:
            rest.person.titles.append(text[rest.title[0]:rest.title[1]])
        rest.person.rank = rest.person.rank or (rest.rank if rest.opens_with_person else None)
        seg.extra.append(rest.person)
    seg.extra.extend(rest.extra)


def _title_holder(text: str, head: regex.Match, end: int, words: Words, after_name: int):
    """The person a title names, and where the title ends: the first run of capitals after
    the head that ends in a person's name (``Giám đốc Công an tỉnh Nghệ An Nguyễn Hữu Cầu
    phát biểu``). A foreign name is taken right after the head or after a country
    (``Tổng thống Nga Vladimir Putin``); after a name, only a name of three syllables or
    more (a title after a name rarely names someone else)."""
    title_end = _title_end(text, head.end("title"), end)
    right_after_head = _skip_space(text, head.end("title"))
    for run in NAME_RUN.finditer(text, head.end("title"), title_end):
        run_end = _trim_run(text, run.start(), run.end())
        if run_end <= run.start():
            continue
        foreign = after_name == FREE and (run.start() == right_after_head or _country_at(text, run.start()))
        name = _name_in_run(text, run.start(), run_end, words, min_len=3 if after_name == AFTER_NAME else 2,
                            other_names=FOREIGN_NAME if foreign else None)
        if name:
            return name, title_end
    return None, title_end


def _trim_run(text: str, start: int, end: int) -> int:
    """End of a run of capitals without the sentence words glued to it (``Võ Hồng Thắng
    Về câu hỏi``: a full stop was lost before ``Về``)."""
    sylls = _syllables(text, start, end)
    while len(sylls) > 2 and text[sylls[-1][0]:sylls[-1][1]] in _not_name_words():
        sylls.pop()
    return sylls[-1][1] if sylls else start


@functools.cache
def _not_name_words() -> frozenset[str]:
    return frozenset(rules.load("names")["never_in_names"])


def _name_after(text: str, intro: regex.Match, seg: Segment, words: Words, reach: int):
    """The name right after a honorific (any capitalised run: ``ông Tân``), or within
    ``reach`` characters after a rank (``Đại tá quân đội Mỹ Ryan Dillon``)."""
    other_names = FOREIGN_NAME if reach else ANY_NAME
    for run in NAME_RUN.finditer(text, _skip_space(text, intro.end()), min(seg.end, intro.end() + 1 + reach + 40)):
        if run.start() > intro.end() + 1 + reach:
            return None
        run_end = _trim_run(text, run.start(), run.end())
        if run_end > run.start() and not _patterns()["head"].match(text, run.start()):
            name = _name_in_run(text, run.start(), run_end, words, min_len=1, other_names=other_names)
            if name is not None and (name[0] == run.start() or reach):
                return name
        if not reach:
            return None
    return None


def _is_bare_head(text: str, head: regex.Match, seg: Segment) -> bool:
    """``Trưởng``/``Phó`` alone, or ``đại biểu`` with nothing after it, is no post."""
    word = text[head.start("title"):head.end("title")]
    after = text[head.end("title"):seg.end].strip()
    if word in _data()["heads_needing_tail"] and not after:
        return True
    return False


def _excluded(text: str, start: int, segment_start: int, name_end: int) -> bool:
    """Not an official: a suspect, victim or witness marker right before the mention, a
    place or event word before it, a prosecution verb earlier in its segment
    (``Khởi tố nguyên Phó Chủ tịch ... X``), or ``bị bắt``/``bị khởi tố`` after the name."""
    p = _patterns()
    before = text[max(0, start - 40):start]
    if p["marker"].search(before) or p["not_person"].search(before):
        return True
    if p["prosecution"].search(text, segment_start, start):
        return True
    window_end = min([i for i in (text.find(";", name_end), text.find(".", name_end)) if i >= 0] + [name_end + 120])
    other = NAME_RUN.search(text, name_end, window_end)  # the verb may be another person's
    if other is not None and " " in other[0]:
        window_end = other.start()
    return bool(p["prosecuted_after"].search(text, name_end, window_end))


def _last_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    last = None
    for m in NAME_RUN.finditer(text, start, end):
        last = (m.start(), m.end())
    return last


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _skip_space_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    end = _skip_space_back(text, end)
    while end > start and text[end - 1] in ",;:-–(":
        end = _skip_space_back(text, end - 1)
    return start, end


def _read_all(text: str, segments: list[Segment], words: Words) -> list[Segment]:
    """Read every segment; a title cut by a spaced dash ("Ủy ban Tài chính - Ngân sách",
    "tỉnh Thừa Thiên - Huế Phan Ngọc Thọ") is joined with what follows and read again;
    the names listed after "các đồng chí" or "các Thứ trưởng" share its standing."""
    read: list[Segment] = []
    context = FREE
    listing: Segment | None = None
    for seg in segments:
        prior = read[-1] if read else None
        if prior is not None and seg.after_dash and prior.title and prior.person is None \
                and not _patterns()["head_at_start"].match(text, seg.start, seg.end) \
                and not _patterns()["honorific"].match(text, seg.start, seg.end):
            joined = Segment(prior.start, seg.end, after_dash=prior.after_dash)
            _read_segment(text, joined, words, after_name=FREE)
            read[-1] = joined
        elif listing is not None and _read_listed(text, seg, listing, words):
            read.append(seg)
        else:
            _read_segment(text, seg, words, after_name=FREE if seg.after_and else context)
            if prior is not None and seg.person is None and seg.title is None and seg.rank is None \
                    and prior.title and prior.person is None and not prior.after_dash:
                _name_opens(text, seg, words)
            read.append(seg)
        current = read[-1]
        if current.plural:
            listing = current
        elif listing is not None and not current.listed and not (current.title and current.person is None):
            listing = None  # a list goes on over names and the titles after them
        # a title chain after a name ("X - Chủ tịch HĐQT - Tổng giám đốc Intracom Group") is
        # read as X's; "và" starts afresh
        if current.person is not None and current.name_at_end:
            context = AFTER_NAME
        elif context != FREE and current.person is None and current.title is not None:
            context = IN_CHAIN
        else:
            context = FREE
    return read


def _read_listed(text: str, seg: Segment, listing: Segment, words: Words) -> bool:
    """``các đồng chí Trần Tuấn Dung, Hà Văn Thiệu và Trần Quỳnh``: a segment made only of
    full names (joined by ``và``) continues the list; each name gets the list's standing."""
    parts, pos = [], seg.start
    cuts = list(_and_split().finditer(text, seg.start, seg.end))
    for k, cut in enumerate([*cuts, None]):
        part_end = cut.start() if cut else seg.end
        honorific = _patterns()["honorific"].match(text, pos, part_end)
        if honorific:  # "... và bà Nguyễn Thị Thùy"
            pos = _skip_space(text, honorific.end())
        run = NAME_RUN.match(text, pos, part_end)
        name = run and _name_in_run(text, pos, _trim_run(text, pos, run.end()), words)
        last = cut is None
        if not name or name[0] != pos or (name[1] != part_end and not (last and LOWER_NEXT.match(text, name[1], part_end))):
            return False
        parts.append(name)
        pos = cut.end() if cut else seg.end
    confirmed = listing.person.confirmed if listing.person else True
    title = text[listing.title[0]:listing.title[1]] if listing.title else None
    people = [Person(text[a:b], a, b, titles=[title] if title else [], confirmed=confirmed) for a, b in parts]
    seg.person, seg.extra, seg.listed, seg.claimed = people[0], people[1:], True, True
    seg.name_at_end = len(people) == 1
    return True


def _name_opens(text: str, seg: Segment, words: Words) -> None:
    """``Bí thư Tỉnh ủy Nghệ An, Nguyễn Đắc Vinh đã ...``: a full name opening the
    segment after a title is the title's holder."""
    run = NAME_RUN.match(text, seg.start, seg.end)
    if run is None:
        return
    name = _name_in_run(text, run.start(), run.end(), words, min_len=2)
    if name and name[0] == run.start():
        seg.person = Person(text[name[0]:name[1]], name[0], name[1], confirmed=True)
        seg.name_opens = True


def _sentence_people(text: str, start: int, end: int, words: Words) -> list[Person]:
    segments = _read_all(text, _segments(text, start, end), words)
    people = []
    # Titles (and a bare rank) after a name belong to it.
    for i, seg in enumerate(segments):
        if seg.person is None:
            continue
        owner = seg.person
        if seg.opens_with_person:
            owner.rank = owner.rank or seg.rank
        if seg.title and not seg.listed:
            owner.titles.append(text[seg.title[0]:seg.title[1]])
        seg.claimed = True
        if seg.name_at_end:
            for nxt in segments[i + 1:]:
                if nxt.person is not None or nxt.title is None or nxt.inner_title or nxt.after_and:
                    break
                owner.titles.append(text[nxt.title[0]:nxt.title[1]])
                owner.confirmed = True
                nxt.claimed = True
        people.append(owner)
    # Unclaimed titles and ranks right before a person who opens a segment, or who ends
    # a title, belong to that person ("Giám đốc Công an TP Hà Nội, Thiếu tướng X").
    for i, seg in enumerate(segments):
        if seg.person is None or not seg.person.confirmed or seg.listed \
                or not (seg.title or seg.name_opens or seg.opens_with_person):
            continue
        j = i - 1
        while j >= 0 and not segments[j].claimed and segments[j].person is None and (segments[j].title or segments[j].rank):
            prior = segments[j]
            if prior.title:
                seg.person.titles.insert(0, text[prior.title[0]:prior.title[1]])
            seg.person.rank = seg.person.rank or prior.rank
            prior.claimed = True
            j -= 1
    for seg in segments:
        people.extend(seg.extra)
    return [p for p in people if p.confirmed]


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _merge(people: list[Person]) -> list[Person]:
    merged: dict[str, Person] = {}
    for person in people:
        key = _key(person.name)
        if key not in merged and " " not in key:
            # A given name alone (or a foreign family name: "HLV Park") refers to someone
            # already named in full.
            earlier = [p for k, p in merged.items() if k.endswith(" " + key) or k.startswith(key + " ")]
            if len(earlier) == 1:
                key = _key(earlier[0].name)
        if key in merged:
            kept = merged[key]
            kept.rank = kept.rank or person.rank
            for title in person.titles:
                if _key(title) not in {_key(t) for t in kept.titles}:
                    kept.titles.append(title)
        else:
            person.titles = list(dict.fromkeys(person.titles))
            merged[key] = person
    return list(merged.values())


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    people: list[Person] = []
    for index, (start, end) in enumerate(article.sentences):
        if not trigger_pattern().search(text, start, end):
            continue
        found = _sentence_people(text, start, end, Words(article.tokens(index)))
        accused = _patterns()["accused_list"].search(text, start, end)
        if accused:  # "Các bị can bị khởi tố gồm: A (nguyên ...), B ...": none of them
            found = [p for p in found if p.start < accused.start()]
        people.extend(found)
    return [
        {"text": text[p.start:p.end], "name": p.name, "rank": p.rank, "titles": p.titles, "start": p.start, "end": p.end}
        for p in _merge(people)
    ]
