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
People after a marker such as ``bị can`` or ``nạn nhân`` are left out, and one entry is
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
from ..segment import Token
from .provinces import gazetteer

SYLLABLE = r"\p{Lu}[\p{Ll}\p{M}]*(?:['’][\p{Lu}\p{Ll}][\p{Ll}\p{M}]*)?"
NAME_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}.])(?:{SYLLABLE})(?:\s(?:{SYLLABLE}))*(?![\p{{L}}\p{{M}}\p{{N}}])")
WORD = regex.compile(r"\S+")
NEXT_WORD = regex.compile(r"\s+(\S+)")
CAPITALISED = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]")
AND_WORD = regex.compile(r"\svà\s+(\S+)")
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
    name_opens: bool = False               # the name opens the segment and holds the title before it


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
    return {
        "rank": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(_rank_table())})(?![\p{{L}}\p{{M}}])"),
        "head": regex.compile(
            rf"(?:(?:{modifiers})\s+)*(?i:{head_alt})(?![\p{{L}}\p{{M}}])"),
        "head_at_start": regex.compile(
            rf"(?:(?:là|kiêm|làm|với cương vị|trên cương vị)\s+)?(?P<title>(?:(?:{modifiers})\s+)*(?i:{head_alt})(?![\p{{L}}\p{{M}}]))"),
        "honorific": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['honorifics'])})(?![\p{{L}}\p{{M}}])"),
        "marker": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['non_official_markers'])})(?:\s+\S+)?\s*$"),
        "not_person": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(d['name_context_not_person'])})\s*$"),
        "stop": regex.compile(rf"\s(?:{alternation(d['title_stop_words'])})(?![\p{{L}}\p{{M}}])"),
        "trigger": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(_rank_table())}|(?i:{head_alt})|{alternation(d['institutional_honorifics'])}|ông|bà)(?![\p{{L}}\p{{M}}])"),
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
    return regex.compile(rf"{SEGMENT_BREAK.pattern}|\s+và\s+(?=(?:{before_person}))")


def _segments(text: str, start: int, end: int) -> list[Segment]:
    segments, pos, dash = [], start, False
    for cut in _segment_break().finditer(text, start, end):
        if cut.start() > pos:
            segments.append(Segment(pos, cut.start(), after_dash=dash))
        pos, dash = cut.end(), any(ch in cut[0] for ch in "-–—")
    if pos < end:
        segments.append(Segment(pos, end, after_dash=dash))
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
    return [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def _province_at(text: str, offset: int) -> bool:
    """A province name (of two syllables or more) starts at ``offset``."""
    for alias in gazetteer():
        if " " in alias and text.startswith(alias, offset):
            return True
    return False


def _name_in_run(text: str, run_start: int, run_end: int, words: Words, min_len: int = 2,
                 allow_foreign: bool = False) -> tuple[int, int] | None:
    """The person's name that ends the capitalised run ``text[run_start:run_end]``: the
    longest tail of two to four syllables that starts with a family name, at a word
    boundary and not on a province name. With ``allow_foreign``, a run with no family
    name is taken whole once leading place names are dropped (``Mỹ Donald Trump``)."""
    sylls = _syllables(text, run_start, run_end)
    starts = []
    for i, (s, e) in enumerate(sylls):
        length = len(sylls) - i
        if length > 4 or length < max(min_len, 2) or text[s:e] not in _surnames():
            continue
        if words.crosses(s) or _province_at(text, s) or _organisation_at(text, s):
            continue
        if i == 0 and _names_organisation(text, run_start):
            continue
        starts.append(s)
    if starts:
        # The segmenter's own word for the whole name settles it.
        whole = [s for s in starts if words.spans(s, run_end)]
        if whole:
            return whole[0], run_end
        common = [s for s in starts if text[s:text.find(" ", s) if " " in text[s:run_end] else run_end] in _common_surnames()]
        return (common or starts)[0], sylls[-1][1]
    if allow_foreign:
        i = 0
        while i < len(sylls):
            two = text[sylls[i][0]:sylls[min(i + 1, len(sylls) - 1)][1]]
            if text[sylls[i][0]:sylls[i][1]] in _places_before_names():
                i += 1
            elif two in _places_before_names():
                i += 2
            else:
                break
        rest = sylls[i:]
        if 1 <= len(rest) <= 3 and not _province_at(text, rest[0][0]) and not _org_heads().match(text, rest[0][0]) \
                and not _patterns()["head"].match(text, rest[0][0]) and not _names_organisation(text, rest[0][0]):
            return rest[0][0], rest[-1][1]
    return None


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
    for m in AND_WORD.finditer(text, start, limit):
        following = m[1]
        if _patterns()["head"].match(following) or _patterns()["rank"].match(text, m.start(1)) \
                or _patterns()["honorific"].fullmatch(following):
            return m.start()
    return limit


def _read_segment(text: str, seg: Segment, words: Words, after_name: bool) -> None:
    """Fill in the segment's rank, title and person."""
    p = _patterns()
    body = text[seg.start:seg.end]
    # A rank, possibly after a honorific; a name may follow it.
    rank_match = p["rank"].search(text, seg.start, seg.end)
    if rank_match:
        seg.rank = _rank_table()[rank_match[0]]
    head = p["head_at_start"].match(text, seg.start, seg.end)
    if head is None and rank_match is not None:
        head = p["head_at_start"].match(text, rank_match.end() + 1, seg.end) if rank_match.end() < seg.end else None
    if head is None:
        # A title inside the segment ("Dự có Thủ tướng Nguyễn Xuân Phúc") counts only
        # with the name that ends it.
        head = _head_with_name(text, seg, words)
    if head is not None and _is_bare_head(text, head, seg):
        head = None
    if head is not None:
        title_start = head.start("title")
        title_end = _title_end(text, head.end("title"), seg.end)
        run = _last_run(text, head.end("title"), title_end)
        name = None
        if run and run[1] == title_end:
            name = _name_in_run(text, *run, words, min_len=3 if after_name else 2,
                                allow_foreign=not after_name and run[0] == _skip_space(text, head.end("title")))
        if name and not _excluded(text, title_start, seg.start):
            seg.person = Person(text[name[0]:name[1]], name[0], name[1], confirmed=True)
            seg.name_at_end = True
            seg.title = _trim(text, title_start, name[0])
        else:
            seg.title = _trim(text, title_start, title_end)
        return
    # [honorific | rank] name
    for intro in [rank_match, *p["honorific"].finditer(text, seg.start, seg.end)]:
        if intro is None:
            continue
        name = _name_after(text, intro, seg, words, reach=40 if intro is rank_match else 0)
        if name is None:
            continue
        if _excluded(text, intro.start(), seg.start):
            return
        institutional = intro[0] in _data()["institutional_honorifics"]
        seg.person = Person(text[name[0]:name[1]], name[0], name[1], confirmed=intro is rank_match or institutional)
        seg.name_at_end = _skip_space_back(text, seg.end) == name[1]
        return
    # A bare name at the end of the segment, to be confirmed by a title after it.
    run = _last_run(text, seg.start, seg.end)
    if run and run[1] == seg.end:
        name = _name_in_run(text, *run, words)
        if name and name[0] == run[0] and not _excluded(text, name[0], seg.start):
            seg.person = Person(text[name[0]:name[1]], name[0], name[1])
            seg.name_at_end = True


def _name_after(text: str, intro: regex.Match, seg: Segment, words: Words, reach: int):
    """The name right after a honorific, or within ``reach`` characters after a rank
    (``Đại tá quân đội Mỹ Ryan Dillon``)."""
    for run in NAME_RUN.finditer(text, _skip_space(text, intro.end()), min(seg.end, intro.end() + 1 + reach + 40)):
        if run.start() > intro.end() + 1 + reach:
            return None
        name = _name_in_run(text, run.start(), run.end(), words, min_len=1, allow_foreign=True)
        if name is not None and (name[0] == run.start() or reach):
            return name
        if not reach:
            return None
    return None


def _head_with_name(text: str, seg: Segment, words: Words) -> regex.Match | None:
    for m in _patterns()["head"].finditer(text, seg.start, seg.end):
        head = _patterns()["head_at_start"].match(text, m.start(), seg.end)
        if head is None:
            continue
        title_end = _title_end(text, head.end("title"), seg.end)
        run = _last_run(text, head.end("title"), title_end)
        if run and run[1] == title_end and _name_in_run(
                text, *run, words, allow_foreign=run[0] == _skip_space(text, head.end("title"))):
            return head
    return None


def _is_bare_head(text: str, head: regex.Match, seg: Segment) -> bool:
    """``Trưởng``/``Phó`` alone, or ``đại biểu`` with nothing after it, is no post."""
    word = text[head.start("title"):head.end("title")]
    after = text[head.end("title"):seg.end].strip()
    if word in _data()["heads_needing_tail"] and not after:
        return True
    return False


def _excluded(text: str, start: int, segment_start: int) -> bool:
    """A non-official marker or a place/event word stands right before the mention."""
    before = text[max(0, start - 40):start]
    return bool(_patterns()["marker"].search(before) or _patterns()["not_person"].search(before))


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
    "tỉnh Thừa Thiên - Huế Phan Ngọc Thọ") is joined with what follows and read again."""
    read: list[Segment] = []
    previous_named = False
    for seg in segments:
        prior = read[-1] if read else None
        if prior is not None and seg.after_dash and prior.title and prior.person is None \
                and not _patterns()["head_at_start"].match(text, seg.start, seg.end) \
                and not _patterns()["honorific"].match(text, seg.start, seg.end):
            joined = Segment(prior.start, seg.end, after_dash=prior.after_dash)
            _read_segment(text, joined, words, after_name=False)
            read[-1] = joined
        else:
            _read_segment(text, seg, words, after_name=previous_named)
            if prior is not None and seg.person is None and seg.title is None and seg.rank is None \
                    and prior.title and prior.person is None and not prior.after_dash:
                _name_opens(text, seg, words)
            read.append(seg)
        previous_named = read[-1].person is not None and read[-1].name_at_end
    return read


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
        owner.rank = owner.rank or seg.rank
        if seg.title:
            owner.titles.append(text[seg.title[0]:seg.title[1]])
        seg.claimed = True
        if seg.name_at_end:
            for nxt in segments[i + 1:]:
                if nxt.person is not None or nxt.title is None:
                    break
                owner.titles.append(text[nxt.title[0]:nxt.title[1]])
                owner.rank = owner.rank or nxt.rank
                owner.confirmed = True
                nxt.claimed = True
        people.append(owner)
    # Unclaimed titles and ranks right before a title-name segment belong to that name.
    for i, seg in enumerate(segments):
        if seg.person is None or not seg.person.confirmed or (seg.title is None and not seg.name_opens):
            continue
        j = i - 1
        while j >= 0 and not segments[j].claimed and segments[j].person is None and (segments[j].title or segments[j].rank):
            prior = segments[j]
            if prior.title:
                seg.person.titles.insert(0, text[prior.title[0]:prior.title[1]])
            seg.person.rank = seg.person.rank or prior.rank
            prior.claimed = True
            j -= 1
    return [p for p in people if p.confirmed]


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _merge(people: list[Person]) -> list[Person]:
    merged: dict[str, Person] = {}
    for person in people:
        key = _key(person.name)
        if key not in merged and " " not in key:
            # A given name alone refers to someone already named in full.
            earlier = [p for k, p in merged.items() if k.endswith(" " + key)]
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
        people.extend(_sentence_people(text, start, end, Words(article.tokens(index))))
    return [
        {"text": text[p.start:p.end], "name": p.name, "rank": p.rank, "titles": p.titles, "start": p.start, "end": p.end}
        for p in _merge(people)
    ]
