"""Reading clauses: a sentence cut into segments, each read for a rank, a title and a name.

A sentence is cut at commas, semicolons, colons, brackets and spaced dashes, and at ``và``
before a rank, a form of address or a title. Each segment is read for a rank, a title and
a name, in the orders Vietnamese press writes them::

    Trung tướng Nguyễn Ngọc Toàn                  rank name
    Bí thư Tỉnh ủy Bắc Ninh Nguyễn Nhân Chiến      title name
    đồng chí Nguyễn Thanh Hải, Ủy viên ..., ...    [honorific] name, title, title
    Đại tá, Giám đốc Công an tỉnh X Nguyễn Văn A   rank, title name

Which segment's title goes to which person is decided afterwards, in ``attach``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

import regex

from .model import Person, Span, skip_space, skip_space_back, trim
from .names import (NAME_RUN, Standing, Words, last_run, name_after, name_in_run, organisation_at, trim_run,
                    with_particles)
from .patterns import canonical_rank, is_one_of, patterns, word_set
from .suspects import excluded
from .titles import is_bare_head, plural_before, plural_title, title_holder, title_span

LOWER_NEXT = regex.compile(r"\s+\p{Ll}")
UNIT_CODE = regex.compile(r"(?=[^\s]*\p{Lu})[\p{Lu}\d][\p{Lu}\d./-]{1,9}(?: \d{1,3})?")  # "PC45", "PA88", "C03", "PV 11"
CLOSING = regex.compile(r"\s*\)\s*")
COMMA_ONLY = regex.compile(r"\s*,\s*")
UPPER_START = regex.compile(r"\p{Lu}")  # after a dash, a capital goes on with a name; a lower-case verb starts a clause

# The id of each reading that finds a person (the mention's ``rule``); the examples are
# the shapes each one reads.
RANK_NAME = "rank name"                             # Trung tướng Nguyễn Ngọc Toàn
TITLE_NAME = "title name"                           # Bí thư Tỉnh ủy Bắc Ninh Nguyễn Nhân Chiến
TITLE_COMMA_NAME = "title, name"                    # Bí thư Tỉnh ủy Nghệ An, Nguyễn Đắc Vinh đã ...
INSTITUTIONAL_NAME = "institutional honorific name"  # đồng chí Nguyễn Thanh Hải
HONORIFIC_NAME_TITLE = "honorific name, title"      # ông Nguyễn Văn A, Chủ tịch UBND xã X
NAME_TITLE = "name, title"                          # ... cùng Nguyễn Văn A, Giám đốc Sở Y tế
PLURAL_NAMES = "names listed after a plural"        # các đồng chí: Nguyễn Văn A, Trần Văn B và ...
PLURAL_TITLE_HONORIFIC = "plural title, honorific name"  # 8 Phó Giám đốc Sở gồm có ông X, Y và bà Z
PRONOUN_POST = "honorific alone, post"              # Ông Nguyễn Văn A sinh năm 1966. Ông giữ chức vụ Thứ trưởng ...


class Cut(Enum):
    """What separates a segment from the one before it."""
    PLAIN = 0       # the start of the sentence, a comma, a colon or a bracket
    DASH = 1        # a spaced dash: a title cut in two may go on after it
    NEW_PERSON = 2  # "và" or ";": a new person starts
    BRACKET = 3     # an opening bracket: perhaps an aside on the name before ("(60 tuổi)")


class Placement(Enum):
    """How the segment's person stands in it."""
    INSIDE = 0       # named somewhere in the segment
    OPENS = 1        # a rank or a form of address and the name open the segment
    AFTER_TITLE = 2  # a bare full name opening the segment, holding the title just before it
    LISTED = 3       # names continuing a list after a plural title or "các đồng chí"


@dataclass
class Segment:
    start: int
    end: int
    cut: Cut = Cut.PLAIN
    rank: str | None = None
    title: Span | None = None
    title_for_next: bool = False  # a title inside the segment, for a person after it only
    plural: bool = False          # "các đồng chí X, Y và Z": a list of names follows
    person: Person | None = None
    placement: Placement = Placement.INSIDE
    extra: list[Person] = field(default_factory=list)  # further people later in the segment
    #: the segment ends in the name of someone who is no official (an accused person): the
    #: titles right after it are theirs, not the next person's
    set_aside_end: bool = False

    def is_aside(self, text: str) -> bool:
        """A bracket holding no rank, title or name: an age, a birth year, a home town
        between a name and its title ("Ông A (60 tuổi), chủ tịch xã ..."); or, between
        commas, an age, a year of birth or an honour alone ("ông A, năm nay 96 tuổi, nguyên ...",
        "Trung tướng A, anh hùng Liên Xô, Chủ tịch danh dự ...")."""
        if self.person is not None or self.title is not None or self.rank is not None or self.extra:
            return False
        if self.cut is Cut.BRACKET:
            return True
        inner = trim(text, self.start, self.end)
        return self.cut is Cut.PLAIN and bool(patterns().age_aside.fullmatch(text, inner.start, inner.end))

    def title_runs_on(self, text: str) -> bool:
        """The title reaches the segment's end: no verb or other stop word closed it, so
        the clause may go on with the title after a dash or a comma."""
        return self.title is not None and self.title.end >= trim(text, self.start, self.end).end

    def name_at_end(self, text: str) -> bool:
        """The person's name ends the segment, so the titles after it are theirs."""
        if self.person is None or self.placement is Placement.AFTER_TITLE:
            return False
        if self.placement is Placement.LISTED:
            return not self.extra
        return skip_space_back(text, self.end) == self.person.end


class IntroKind(Enum):
    HONORIFIC = 0
    TITLE = 1
    RANK = 2


class Introduced(NamedTuple):
    """A name introduced inside a segment by a form of address, a title or a rank."""
    start: int
    kind: IntroKind
    intro: regex.Match  # the form of address, the title's head or the rank
    name: Span


def split(text: str, start: int, end: int) -> list[Segment]:
    """The segments of the sentence ``text[start:end]``, without their final full stops."""
    p = patterns()
    segments, pos, cut = [], start, Cut.PLAIN
    for m in p.segment_break.finditer(text, start, end):
        if m.start() > pos:
            segments.append(Segment(pos, m.start(), cut=cut))
        pos = m.end()
        if any(ch in m[0] for ch in "-–—"):
            cut = Cut.DASH
        elif "(" in m[0]:
            cut = Cut.BRACKET
        elif p.conjunction.fullmatch(m[0]) or ";" in m[0]:
            cut = Cut.NEW_PERSON
        else:
            cut = Cut.PLAIN
    if pos < end:
        segments.append(Segment(pos, end, cut=cut))
    segments = _join_bracketed_code(text, segments)
    for seg in segments:
        if seg.cut is not Cut.NEW_PERSON and p.conjunction_at_start.match(text, seg.start, seg.end):
            seg.cut = Cut.NEW_PERSON  # ") và Ngoại trưởng X": "và" after a bracket starts a new person
    for seg in segments:
        while seg.end > seg.start and text[seg.end - 1] in ".…!?":
            seg.end = skip_space_back(text, seg.end - 1)
    return [seg for seg in segments if seg.end > seg.start]


def _locates_title(text: str, prior: Segment | None, seg: Segment) -> bool:
    """``seg``, after a comma, names only the organisation that the unit named in the title
    before it belongs to."""
    if prior is None or prior.title is None:
        return False
    return prior.person is None and not prior.title_for_next and prior.title_runs_on(text) \
        and seg.cut is Cut.PLAIN and COMMA_ONLY.fullmatch(text, prior.end, seg.start) is not None \
        and seg.person is None and seg.title is None and seg.rank is None and not seg.extra \
        and _organisation_named_at(text, seg.start) and patterns().sub_unit.search(text, prior.title.start, prior.title.end) is not None


def _parent_in_brackets(text: str, prior: Segment, seg: Segment) -> int | None:
    """Where the bracket ``seg`` closes, when it comes right after a title that runs up to it
    and holds only the parent unit or the place of the unit the title names; else None."""
    closing = CLOSING.match(text, seg.end)
    if prior.title is None or prior.person is not None or prior.title_for_next or not prior.title_runs_on(text) \
            or seg.cut is not Cut.BRACKET or seg.person is not None or seg.title is not None or seg.rank is not None \
            or seg.extra or closing is None or ")" not in closing[0]:
        return None
    p = patterns()
    start = p.parent_unit_word.match(text, seg.start, seg.end)
    at = skip_space(text, start.end()) if start else seg.start
    title = " ".join(text[prior.title.start:prior.title.end].lower().split())
    if " ".join(text[at:seg.end].lower().split()[:3]) in title:
        return None  # the title's own organisation or place again: "(Ban Chỉ đạo 389 quốc gia)", "TP.Cà Mau (Cà Mau)"
    province = p.province.match(text, at)
    if _organisation_named_at(text, at) or p.admin_place.fullmatch(text, at, seg.end) is not None \
            or (province is not None and province.end() == seg.end):
        return closing.start() + closing[0].index(")") + 1
    return None


def _organisation_named_at(text: str, offset: int) -> bool:
    """An organisation's name starts at ``offset``; after a comma that follows a unit, a head
    that no family name spells goes on with a capital too ("Cục An ninh kinh tế", "Ban Thi
    đua khen thưởng Trung ương"), where "Đoàn" may still open a name ("Đoàn Văn Hậu")."""
    if organisation_at(text, offset):
        return True
    m = patterns().organisation_head.match(text, offset)
    return m is not None and m[0] not in word_set("names", "surnames")


def _abbreviates(text: str, before: Segment, code: Segment) -> bool:
    """The code in brackets is the initials of the words right before it ("Ngân hàng Nhà
    nước (NHNN) Việt Nam Chi nhánh ..."): the name is abbreviated, not ended."""
    initials = text[code.start:code.end]
    words = text[before.start:before.end].split()
    return initials.isalpha() and initials.isupper() and len(words) >= len(initials) \
        and "".join(w[0] for w in words[-len(initials):]).upper() == initials


def _join_bracketed_code(text: str, segments: list[Segment]) -> list[Segment]:
    """A unit's code in brackets between two parts of one title ("Trưởng phòng Cảnh sát
    hình sự (PC45) Công an TP Đà Nẵng", in lower case too: "... (PC45) công an tỉnh Tiền
    Giang"), or the initials of the name before it ("Ngân hàng Nhà nước (NHNN) Việt Nam Chi
    nhánh tỉnh Phú Yên"): the three segments are one."""
    joined: list[Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        if joined and seg.cut is Cut.BRACKET and i + 1 < len(segments) and UNIT_CODE.fullmatch(text, seg.start, seg.end) \
                and CLOSING.fullmatch(text, seg.end, segments[i + 1].start) \
                and (patterns().organisation_head_any_case.match(text, segments[i + 1].start)
                     or _abbreviates(text, joined[-1], seg) and UPPER_START.match(text, segments[i + 1].start)):
            joined[-1] = Segment(joined[-1].start, segments[i + 1].end, cut=joined[-1].cut)
            i += 2
            continue
        joined.append(seg)
        i += 1
    return joined


def read_all(text: str, segments: list[Segment], words: Words) -> list[Segment]:
    """Read every segment; a title cut by a spaced dash ("Ủy ban Tài chính - Ngân sách",
    "tỉnh Thừa Thiên - Huế Phan Ngọc Thọ", "thi đua - khen thưởng") is joined with what
    follows (a capital or a field, not a verb: "... logistics VN - dẫn tính toán") and read again;
    the names listed after "các đồng chí" or "các Thứ trưởng" share its standing."""
    p = patterns()
    read: list[Segment] = []
    standing = Standing.FREE
    listing: Segment | None = None
    standing_before = Standing.FREE
    for seg in segments:
        prior = read[-1] if read else None
        if prior is not None and seg.cut is Cut.DASH and prior.title_runs_on(text) and prior.person is None \
                and (UPPER_START.match(text, seg.start) or p.sector_at_start.match(text, seg.start, seg.end)) \
                and not p.head_at_start.match(text, seg.start, seg.end) \
                and not p.honorific.match(text, seg.start, seg.end):
            joined = Segment(prior.start, seg.end, cut=Cut.DASH if prior.cut is Cut.DASH else Cut.PLAIN)
            read_segment(text, joined, words, Standing.FREE)
            read[-1] = joined
        elif listing is not None and _read_listed(text, seg, listing, words):
            read.append(seg)
        else:
            read_segment(text, seg, words, Standing.FREE if seg.cut is Cut.NEW_PERSON else standing)
            if prior is not None and seg.person is None and seg.title is None and seg.rank is None \
                    and prior.title and prior.person is None and prior.cut is not Cut.DASH:
                _name_after_title(text, seg, words)
            elif prior is not None and len(read) == 1 and _named_in_apposition(text, prior, seg, words):
                assert seg.person is not None
                seg.person.apposed = True
            bracket_end = _parent_in_brackets(text, prior, seg) if prior is not None else None
            if bracket_end is not None:
                # "Trưởng Công an phường Nguyễn Cư Trinh (quận 1)": the bracket goes on with the title
                assert prior is not None and prior.title is not None
                prior.title = Span(prior.title.start, bracket_end)
                prior.end = bracket_end
                continue
            if prior is not None and _locates_title(text, prior, seg):
                # "Vụ trưởng Vụ Nghiên cứu tổng hợp, Ban Thi đua khen thưởng Trung ương": the
                # organisation the unit belongs to goes on with the title
                joined = Segment(prior.start, seg.end, cut=prior.cut)
                read_segment(text, joined, words, standing_before)
                read[-1] = joined
            else:
                read.append(seg)
        current = read[-1]
        if current is not prior:
            standing_before = standing
        if current.plural:
            listing = current
        elif listing is not None and current.placement is not Placement.LISTED \
                and not (current.title and current.person is None) and not p.list_lead.fullmatch(text, current.start, current.end):
            listing = None  # a list goes on over names, the titles after them and its opener ("gồm")
        elif listing is not None and current.placement is Placement.LISTED and current.person is not None \
                and skip_space_back(text, current.end) > (current.extra or [current.person])[-1].end:
            listing = None  # words after the last name listed ("... và Trung úy C thuộc Đội CSGT số 7"): the list ends
        # a title chain after a name ("X - Chủ tịch HĐQT - Tổng giám đốc Intracom Group") is
        # read as X's; "và" starts afresh
        if current.is_aside(text):
            pass  # the standing of the name before it holds
        elif current.name_at_end(text):
            titled = current.title is not None and current.person is not None and current.title.end <= current.person.start
            standing = Standing.AFTER_TITLED_NAME if titled else Standing.AFTER_NAME
        elif current.extra and skip_space_back(text, current.end) == current.extra[-1].end:
            standing = Standing.AFTER_NAME  # "... những HLV như Ralf Rangnick (cựu HLV Leipzig)"
        elif standing is not Standing.FREE and current.person is None and current.title is not None:
            standing = Standing.IN_CHAIN
        else:
            standing = Standing.FREE
    return read


def read_segment(text: str, seg: Segment, words: Words, standing: Standing) -> None:
    """Fill in the segment's rank, title and person, in the first of these orders that
    fits: rank name; title name; honorific name; a title with its holder inside the
    segment; a bare name at the end (confirmed later by a title after it). What follows
    the person in the segment is read again for more people (``... lên Bộ trưởng Bộ Công
    an Thượng tướng Tô Lâm``)."""
    p = patterns()
    pos = seg.start
    opening = p.honorific.match(text, pos, seg.end)
    if opening:
        pos = skip_space(text, opening.end())
    rank = p.rank.match(text, pos, seg.end)
    if rank:
        seg.rank = canonical_rank(rank[0])
        if _rank_and_name(text, seg, rank, words):
            return
        pos = skip_space(text, rank.end())
    head = p.head_at_start.match(text, pos, seg.end)
    if head is not None and not is_bare_head(text, head, seg.end):
        _title_opens(text, seg, head, words, standing)
        return
    # Otherwise the first person named inside the segment, whichever way.
    found = [f for f in (_honorific_name(text, seg, words), _head_holder(text, seg, words, standing),
                         _rank_name(text, seg, words)) if f is not None]
    if found:
        _introduced(text, seg, min(found, key=lambda f: f.start), words)
        return
    if _plural_with_title(text, seg):
        return
    for m in p.rank.finditer(text, seg.start, seg.end):
        if skip_space_back(text, seg.end) == m.end():
            seg.rank = canonical_rank(m[0])  # "... được Đại tướng, Tổng tư lệnh X": the rank of what follows
    inner = p.head.search(text, seg.start, seg.end)
    if inner is not None and (head := p.head_at_start.match(text, inner.start(), seg.end)) \
            and not is_bare_head(text, head, seg.end) and not p.served_before.search(text, seg.start, inner.start()):
        # "Tham dự có Ủy viên Bộ Chính trị, Bộ trưởng ..., Thượng tướng X": a title that
        # only a person after it can take.
        seg.title = title_span(text, head, seg.end)
        seg.title_for_next = True
        # "Các Phó ban Kinh tế Trung ương chuyên trách, gồm: Ông A, ...; ông B, ...": the post of
        # the names listed, when nothing but a list's opener follows it ("ý kiến các ĐBQH vào
        # cuối phiên họp, Thượng tướng X" lists no one)
        seg.plural = plural_before(text, seg.start, head.start("title")) \
            and p.list_lead.fullmatch(text, seg.title.end, seg.end) is not None
        return
    # A bare name at the end of the segment, to be confirmed by a title after it.
    run = last_run(text, seg.start, seg.end)
    if run and run.end == seg.end:
        name = name_in_run(text, run.start, trim_run(text, *run), words)
        if name and name.start == run.start:
            if excluded(text, name.start, seg.start, name.end):
                _set_aside(text, seg, name)
            else:
                seg.person = Person.at(text, name, NAME_TITLE)


def opening_pronoun(text: str, segments: list[Segment]) -> str | None:
    """The form of address (in lower case) a sentence opens with, standing alone for a
    person named before ("Ông giữ chức vụ ...")."""
    pronoun = patterns().pronoun.match(text, segments[0].start, segments[0].end) if segments else None
    return pronoun[0].lower() if pronoun else None


def pronoun_post(text: str, segments: list[Segment], words: Words) -> str | None:
    """"Ông giữ chức vụ Thứ trưởng ...": the post given right after the form of address
    that opens the sentence."""
    if opening_pronoun(text, segments) is None:
        return None
    p, seg = patterns(), segments[0]
    pronoun = p.pronoun.match(text, seg.start, seg.end)
    predicate = p.predicate.match(text, skip_space(text, pronoun.end()), seg.end)
    if not predicate or is_bare_head(text, predicate, seg.end):
        return None
    holder = title_holder(text, predicate, seg.end, words, Standing.AFTER_NAME)
    if holder.name is not None:
        return None  # "Ông là con của Chủ tịch xã X": someone else's post
    title = trim(text, predicate.start("title"), holder.title_end)
    return text[title.start:title.end]


def _street(text: str, name: Span) -> bool:
    """The name is a street's, after a house number (``tại 30 Hoàng Diệu``)."""
    return bool(patterns().house_number.search(text, max(0, name.start - 20), name.start))


def _rank_and_name(text: str, seg: Segment, rank: regex.Match, words: Words) -> bool:
    """``Trung tướng Nguyễn Ngọc Toàn``: the name after a rank that opens the segment.
    False when no name follows (the rank then stays the segment's)."""
    name = name_after(text, rank, seg.end, words, reach=40)
    if name is None:
        return False
    if excluded(text, seg.start, seg.start, name.end) or _street(text, name):
        _set_aside(text, seg, name)
        _read_rest(text, seg, name.end, words)
        return True
    _set_person(text, seg, name, RANK_NAME, confirmed=True, words=words).rank = seg.rank
    seg.placement = Placement.OPENS
    return True


def _title_opens(text: str, seg: Segment, head: regex.Match, words: Words, standing: Standing) -> None:
    """A title opens the segment, perhaps with its holder after it."""
    holder = title_holder(text, head, seg.end, words, standing)
    title_start = head.start("title")
    seg.plural = plural_before(text, seg.start, title_start)
    if holder.name and not excluded(text, title_start, seg.start, holder.name.end):
        _set_title_and_holder(text, seg, title_start, holder.name, words)
    else:
        seg.title = trim(text, title_start, holder.title_end)
        _read_rest(text, seg, holder.name.end if holder.name else holder.title_end, words)


def _introduced(text: str, seg: Segment, first: Introduced, words: Words) -> None:
    """The segment's person is the first one a form of address, a title or a rank introduces."""
    if excluded(text, first.start, seg.start, first.name.end) or _street(text, first.name):
        _set_aside(text, seg, first.name)
        _read_rest(text, seg, first.name.end, words)
        return
    if first.kind is IntroKind.HONORIFIC:
        institutional = is_one_of(first.intro[0], "institutional_honorifics")
        rule = INSTITUTIONAL_NAME if institutional else HONORIFIC_NAME_TITLE
        seg.plural = plural_before(text, seg.start, first.intro.start())
        shared = plural_title(text, seg.start, first.intro.start())
        if shared is not None and not patterns().list_lead.fullmatch(text, shared.end, first.intro.start()):
            shared = None  # "Các đại biểu sẽ bỏ phiếu kín miễn nhiệm ông X": a clause between, no list
        if shared is not None:
            # "8 Phó Giám đốc Sở Nội vụ gồm có ông X, Y ... và bà Z": the title of each
            seg.title, seg.plural, institutional, rule = shared, True, True, PLURAL_TITLE_HONORIFIC
        _set_person(text, seg, first.name, rule, confirmed=institutional, words=words).address = first.intro[0].lower()
        if first.intro.start() == seg.start:
            seg.placement = Placement.OPENS
    elif first.kind is IntroKind.TITLE:
        _set_title_and_holder(text, seg, first.intro.start("title"), first.name, words)
        seg.plural = plural_before(text, seg.start, first.start)
    else:
        _set_person(text, seg, first.name, RANK_NAME, confirmed=True, words=words).rank = canonical_rank(first.intro[0])


def _plural_with_title(text: str, seg: Segment) -> bool:
    """``các đồng chí: X, Y và Z`` marks the segment plural; ``các đồng chí Ủy viên Bộ
    Chính trị: X, ...; Y, ...`` also gives the title of every name listed (True then)."""
    p = patterns()
    for intro in p.honorific.finditer(text, seg.start, seg.end):
        if not is_one_of(intro[0], "institutional_honorifics") or not plural_before(text, seg.start, intro.start()):
            continue
        after = skip_space(text, intro.end())
        head = p.head_at_start.match(text, after, seg.end)
        if after >= seg.end:
            seg.plural = True
        elif head is not None:
            seg.plural, seg.title_for_next = True, True
            seg.title = title_span(text, head, seg.end)
            return True
    return False


#: A capitalised syllable and the space before a position.
CAPITAL_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]*\s$")


def _honorific_name(text: str, seg: Segment, words: Words) -> Introduced | None:
    for intro in patterns().honorific.finditer(text, seg.start, seg.end):
        if intro[0] in word_set("names", "honorifics_in_names") \
                and CAPITAL_BEFORE.search(text, max(seg.start, intro.start() - 12), intro.start()):
            continue  # inside a name: "luật sư Nguyễn Anh Thơm" ("Anh" is no "anh")
        name = name_after(text, intro, seg.end, words, reach=0)
        if name is not None:
            return Introduced(intro.start(), IntroKind.HONORIFIC, intro, name)
    return None


def _head_holder(text: str, seg: Segment, words: Words, standing: Standing) -> Introduced | None:
    p = patterns()
    for m in p.head.finditer(text, seg.start, seg.end):
        head = p.head_at_start.match(text, m.start(), seg.end)
        if head is None or is_bare_head(text, head, seg.end):
            continue
        holder = title_holder(text, head, seg.end, words, standing)
        if holder.name and not is_bare_head(text, head, holder.name.start):
            return Introduced(head.start("title"), IntroKind.TITLE, head, holder.name)
    return None


def _rank_name(text: str, seg: Segment, words: Words) -> Introduced | None:
    for m in patterns().rank.finditer(text, seg.start, seg.end):
        name = name_after(text, m, seg.end, words, reach=40)
        if name is not None:
            return Introduced(m.start(), IntroKind.RANK, m, name)
    return None


def _set_title_and_holder(text: str, seg: Segment, title_start: int, name: Span, words: Words) -> None:
    """A title and the name that ends it; a rank just before the name is the person's
    (``Bộ trưởng Bộ Công an Thượng tướng Tô Lâm``), not part of the title."""
    ends = name.start
    rank = patterns().rank_at_end.search(text, title_start, name.start)
    if rank:
        ends = rank.start()
    honorific = patterns().honorific_at_end.search(text, title_start, ends)
    if honorific:  # "Chủ tọa phiên tòa bà Trần Thị Mỹ Hải"
        ends = honorific.start()
    example = patterns().example_marker_at_end.search(text, title_start, ends)
    if example:  # "các đại biểu Quốc hội như Dương Trung Quốc"
        ends = example.start()
    seg.title = trim(text, title_start, ends)
    person = _set_person(text, seg, name, TITLE_NAME, confirmed=True, words=words)
    if rank:
        person.rank = canonical_rank(rank[0])


def _set_person(text: str, seg: Segment, name: Span, rule: str, confirmed: bool, words: Words) -> Person:
    """The segment's person is named at ``name``; what follows the name is read for more people."""
    name = with_particles(text, name, seg.end)
    person = seg.person = Person.at(text, name, rule, confirmed=confirmed)
    if seg.name_at_end(text):
        return person
    rest = name.end
    predicate = patterns().predicate.match(text, skip_space(text, name.end), seg.end)
    if predicate is not None and not is_bare_head(text, predicate, seg.end):
        # "ông X là Giám đốc Sở Y tế": the post right after the name, unless it names
        # someone else ("là con của Chủ tịch xã Y")
        holder = title_holder(text, predicate, seg.end, words, Standing.AFTER_NAME)
        if holder.name is None:
            title = trim(text, predicate.start("title"), holder.title_end)
            person.titles.append(text[title.start:title.end])
            person.confirmed = True
            rest = holder.title_end
    _read_rest(text, seg, rest, words)
    return person


def _set_aside(text: str, seg: Segment, name: Span) -> None:
    """Note that the name of someone who is no official ends ``seg`` (if it does)."""
    seg.set_aside_end = skip_space_back(text, seg.end) == name.end


def _read_rest(text: str, seg: Segment, start: int, words: Words) -> None:
    """More people later in the segment: a rank, a title or ``đồng chí`` with a name."""
    start = skip_space(text, start)
    if start >= seg.end:
        return
    rest = Segment(start, seg.end)
    read_segment(text, rest, words, Standing.FREE)
    if rest.person is not None and rest.person.confirmed:
        if rest.title:
            rest.person.titles.insert(0, text[rest.title.start:rest.title.end])
        rest.person.rank = rest.person.rank or (rest.rank if rest.placement is Placement.OPENS else None)
        seg.extra.append(rest.person)
    elif rest.person is not None and rest.person.address is not None and not rest.extra \
            and skip_space_back(text, seg.end) == rest.person.end:
        # "Chủ tịch UBND tỉnh gặp ông X, Giám đốc Sở Y tế": a name a form of address introduces
        # at the segment's end is kept, to be confirmed by the title after it (``attach``)
        seg.extra.append(rest.person)
    seg.extra.extend(rest.extra)


def _read_listed(text: str, seg: Segment, listing: Segment, words: Words) -> bool:
    """``các đồng chí Trần Tuấn Dung, Hà Văn Thiệu và Trần Quỳnh``: a segment made only of
    full names (joined by ``và``) continues the list; each name gets the list's standing."""
    p = patterns()
    parts, ranks, pos = [], [], seg.start
    cuts = list(p.conjunction.finditer(text, seg.start, seg.end))
    for cut in [*cuts, None]:
        part_end = cut.start() if cut else seg.end
        honorific = p.honorific.match(text, pos, part_end)
        rank = p.rank.match(text, pos, part_end)
        if honorific or rank:  # "... và bà Nguyễn Thị Thùy", "...; Thượng tướng Nguyễn Văn Thành"
            pos = skip_space(text, (honorific or rank).end())
        run = NAME_RUN.match(text, pos, part_end)
        name = run and name_in_run(text, pos, trim_run(text, pos, run.end()), words)
        last = cut is None
        if not name or name.start != pos \
                or (name.end != part_end and not (last and LOWER_NEXT.match(text, name.end, part_end))):
            return False
        parts.append(name)
        ranks.append(canonical_rank(rank[0]) if rank else None)
        pos = cut.end() if cut else seg.end
    confirmed = listing.person.confirmed if listing.person else True
    title = text[listing.title.start:listing.title.end] if listing.title else None
    people = [Person(text[a:b], a, b, PLURAL_NAMES, titles=[title] if title else [], confirmed=confirmed)
              for a, b in parts]
    for person, rank_name in zip(people, ranks):
        person.rank = rank_name
    seg.person, seg.extra, seg.placement = people[0], people[1:], Placement.LISTED
    return True


def _named_in_apposition(text: str, prior: Segment, seg: Segment, words: Words) -> bool:
    """``Bí thư Tỉnh ủy Nghệ An, Nguyễn Đắc Vinh, đã ...``, ``Giám đốc Sở Y tế, ông Nguyễn
    Minh Đức cho biết``: a segment opening with a name (bare, or after a form of address)
    that nothing confirmed yet, right after the sentence's first segment when that segment is
    a title and nothing else (no preposition or verb before it, none closing it): the name
    holds that title."""
    person = seg.person
    if person is None or person.confirmed or seg.title is not None or seg.rank is not None or seg.extra:
        return False
    if prior.person is not None or prior.cut is Cut.DASH or not prior.title_runs_on(text):
        return False
    assert prior.title is not None
    if prior.title.start != trim(text, prior.start, prior.end).start:
        return False  # "Theo Ngoại trưởng Nghị, ông Bình ...": a title after a preposition is no subject
    if words.crosses(person.end):
        return False  # "ông Phùng Quốc Hiển Đánh giá ...": the name ran into a word after it
    if person.address is not None:
        return seg.placement is Placement.OPENS
    return person.start == skip_space(text, seg.start) and skip_space_back(text, seg.end) == person.end


def _name_after_title(text: str, seg: Segment, words: Words) -> None:
    """``Bí thư Tỉnh ủy Nghệ An, Nguyễn Đắc Vinh đã ...``: a full name opening the
    segment after a title is the title's holder."""
    run = NAME_RUN.match(text, seg.start, seg.end)
    if run is None:
        return
    name = name_in_run(text, run.start(), trim_run(text, run.start(), run.end()), words, min_len=2)
    if name and name.start == run.start():
        seg.person = Person.at(text, name, TITLE_COMMA_NAME, confirmed=True)
        seg.placement = Placement.AFTER_TITLE
