"""Attaching and merging: which person each segment's title belongs to, and one entry per
person in the article.

Title segments that follow a name belong to it; title segments left unclaimed before a
person who opens a segment, or who ends a title, belong to that person. A later mention by
given name alone (``ông Chiến``) is the person already named in full.
"""
from __future__ import annotations

import regex

from .clauses import TITLE_COMMA_NAME, Cut, Placement, Segment
from .model import Person, skip_space, skip_space_back
from .names import particle_key
from .patterns import patterns, word_set
from .titles import plural_before

DOT_BEFORE_LETTER = regex.compile(r"\.(?=\p{L})")
DASH_SPACING = regex.compile(r"\s*[-–]\s*")
CAPITAL_AT = regex.compile(r"\s+\p{Lu}")


def attach(text: str, segments: list[Segment]) -> list[Person]:
    """The confirmed people of a read sentence, each with the ranks and titles around them."""
    people: list[Person] = []
    claimed: set[int] = set()  # segments whose title or rank has found its person
    # Titles (and a bare rank) after a name belong to it.
    for i, seg in enumerate(segments):
        if seg.set_aside_end:
            # "việc bắt giữ nhà báo Lê Duy Phong, Trưởng ban Bạn đọc Báo Giáo dục Việt Nam,
            # Trung tướng Đỗ Kim Tuyến, ...": the title is the accused's, no one's here
            claimed.update(_titles_after(text, segments, i))
        if seg.person is None:
            # "... thi hành kỷ luật đối với đại tá X - Trưởng Công an thành phố": a further
            # person who ends a segment with no person of its own takes the titles after it
            ender = _ending_extra(text, seg)
            if ender is not None:
                _give_titles_after(text, segments, i, None, ender, claimed)
            continue
        owner = seg.person
        if seg.placement is Placement.OPENS:
            owner.rank = owner.rank or seg.rank
        if seg.title and seg.placement is not Placement.LISTED:
            owner.titles.insert(0, _text(text, seg))  # before a post given after the name
        claimed.add(i)
        people.append(owner)
        # "... tới thăm Trung tướng Đặng Kinh, năm nay 96 tuổi, nguyên Phó Tổng tham mưu
        # trưởng": a further person who ends the segment takes the titles after it
        ender = owner if seg.name_at_end(text) else _ending_extra(text, seg)
        if ender is not None:
            _give_titles_after(text, segments, i, owner, ender, claimed)
    # Unclaimed titles and ranks right before a person who opens a segment, or who ends
    # a title, belong to that person ("Giám đốc Công an TP Hà Nội, Thiếu tướng X").
    for i, seg in enumerate(segments):
        if seg.person is None or not (seg.person.confirmed or seg.person.apposed) or seg.placement is Placement.LISTED \
                or not (_title_opens(text, seg) or seg.person.apposed
                        or seg.placement in (Placement.AFTER_TITLE, Placement.OPENS)) \
                or seg.cut is Cut.NEW_PERSON:  # "X, Chủ tịch ... và Bộ trưởng Y": the title before "và" is not Y's
            continue
        j = i - 1
        while j >= 0 and j not in claimed and segments[j].is_aside(text):
            j -= 1  # "Trưởng phòng CSGT (CA tỉnh Kon Tum) - Đại tá X": the bracket between
        while j >= 0 and j not in claimed and segments[j].person is None and (segments[j].title or segments[j].rank) \
                and (not segments[j].title or segments[j].title_runs_on(text)):  # not a title a verb closed
            prior = segments[j]
            if prior.title and plural_before(text, prior.start, prior.title.start) \
                    and ":" not in text[prior.title.end:segments[j + 1].start]:  # "các Ủy viên ...: A; B" is theirs
                break  # "phát biểu của các đại biểu cựu Quân tình nguyện ..., Chủ tịch nước X": a group's, not X's
            if prior.title:
                seg.person.titles.insert(0, _text(text, prior))
                if not seg.person.confirmed:  # a name in apposition to the title before it
                    seg.person.confirmed, seg.person.rule = True, TITLE_COMMA_NAME
            seg.person.rank = seg.person.rank or prior.rank
            claimed.add(j)
            j -= 1
    for seg in segments:
        people.extend(seg.extra)
    return [p for p in people if p.confirmed]


def _ending_extra(text: str, seg: Segment) -> Person | None:
    """The further person named last in the segment, when the name ends it."""
    return next((extra for extra in seg.extra[-1:]
                 if seg.placement is not Placement.LISTED and skip_space_back(text, seg.end) == extra.end), None)


def _give_titles_after(text: str, segments: list[Segment], i: int, owner: Person | None, ender: Person,
                       claimed: set[int]) -> None:
    """The titles in the segments after segment ``i`` go to ``ender``, the person who ends it
    (``owner``, the segment's own person, or a further one), up to a person, a title for the
    next person or a clause a verb closed."""
    seg = segments[i]
    for k in _titles_after(text, segments, i):
        nxt = segments[k]
        if ender is not owner and not nxt.title_runs_on(text):
            break  # "lễ tang Tổng tư lệnh Fidel Castro, Chủ tịch Quốc hội Cuba khẳng định": a new subject
        if owner is not None and _possessor(text, seg, owner) and _said_after(text, nxt):
            break  # "Nhất trí với ý kiến của Chủ tịch Quốc hội X, Chủ tịch Quốc hội Cuba nhấn mạnh"
        if _named_after(text, segments, k):
            named = segments[k + 1].person
            assert named is not None
            named.titles.append(_text(text, nxt))
            named.confirmed, named.rule = True, TITLE_COMMA_NAME
            claimed.add(k)
            break
        ender.titles.append(_text(text, nxt))
        ender.confirmed = True
        claimed.add(k)  # the last of _titles_after is one a verb closed: what follows is another clause


def _title_opens(text: str, seg: Segment) -> bool:
    """The segment opens with its title ("Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh X"), so the
    titles before it may be the same person's; not one whose title comes after other words
    ("Ông ấy là HLV nhiều kinh nghiệm, tôi học hỏi từ HLV X")."""
    return seg.title is not None and not any(c.isalnum() for c in text[seg.start:seg.title.start])


def _possessor(text: str, seg: Segment, person: Person) -> bool:
    """The person's title or form of address follows "của" or "cho" ("Nhất trí với ý kiến của
    Chủ tịch Quốc hội X", "giao nhiệm vụ cho đồng chí Y"): the person is the object of
    another's words or gift (``possessor_markers``)."""
    before = seg.title.start if seg.title is not None and seg.title.end <= person.start else person.start
    honorific = patterns().honorific_before_name.search(text, seg.start, person.start)
    if seg.title is None and honorific is not None:
        before = honorific.start()  # "cho đồng chí X": the word before the form of address
    return bool(patterns().possessor_before.search(text, max(seg.start, before - 10), before))


def _said_after(text: str, seg: Segment) -> bool:
    """A verb of saying closes the segment's title: the title is the subject of what is said."""
    assert seg.title is not None
    return bool(patterns().report_verb.match(text, skip_space(text, seg.title.end), seg.end))


def _named_after(text: str, segments: list[Segment], k: int) -> bool:
    """Segment ``k``'s title is followed by a full name alone between commas, and then by
    a clause with no title of its own: the title is that name's ("Báo cáo Thủ tướng X, Phó
    Chủ tịch Hội người Việt Nam ở Nhật Bản, Nguyễn Minh Đức, cho biết"), not the one before."""
    if k + 2 >= len(segments):
        return False
    title, named, after = segments[k], segments[k + 1], segments[k + 2]
    if not title.title_runs_on(text) or text[title.end:named.start].strip() != "," \
            or text[named.end:after.start].strip() != ",":
        return False  # a verb closed the title, or a bracket or a semicolon stands between
    return named.person is not None and named.title is None and named.rank is None \
        and skip_space(text, named.start) == named.person.start and skip_space_back(text, named.end) == named.person.end \
        and after.title is None and after.person is None and after.rank is None


def _titles_after(text: str, segments: list[Segment], i: int) -> list[int]:
    """The segments after segment ``i`` that hold only a title going on from it, up to
    the first a verb closes."""
    found = []
    for k in range(i + 1, len(segments)):
        nxt = segments[k]
        if nxt.is_aside(text):
            continue
        if nxt.person is not None or nxt.title is None or nxt.title_for_next or nxt.cut is Cut.NEW_PERSON \
                or _heads_a_list(text, nxt) or _addresses_someone(text, nxt):
            break
        found.append(k)
        if not nxt.title_runs_on(text):
            break
    return found


def _heads_a_list(text: str, seg: Segment) -> bool:
    """The segment's post is held by several, listed after a colon ("Thứ trưởng các Bộ:
    Quốc phòng, Ngoại giao"): the post of none of the people before it."""
    assert seg.title is not None
    plural = word_set("officials", "plural_markers")
    return text.startswith(":", skip_space(text, seg.title.end)) \
        and any(word in plural for word in text[seg.title.start:seg.title.end].lower().split())


def _addresses_someone(text: str, seg: Segment) -> bool:
    """The segment's title holds a form of address, in lower case, before a capital
    ("Ngoại trưởng Astralia bà Julie Bishop"): the post of the one addressed, not of the
    person before it (not "quận Hai Bà Trưng", a place named after a person)."""
    assert seg.title is not None
    return any(m[0].islower() and CAPITAL_AT.match(text, m.end())
               for m in patterns().honorific.finditer(text, seg.title.start, seg.title.end))


def _text(text: str, seg: Segment) -> str:
    """The segment's title as written."""
    assert seg.title is not None
    return text[seg.title.start:seg.title.end]


def name_key(name: str) -> str:
    """A name or title as compared: letter case, spacing, and the space after an initial's
    dot or around a dash as the source happens to write them aside ("George W.Bush" is
    "George W. Bush", "Thi đua- Khen thưởng" is "Thi đua - Khen thưởng")."""
    return particle_key(name) or " ".join(DASH_SPACING.sub(" - ", DOT_BEFORE_LETTER.sub(". ", name)).lower().split())


def merge(people: list[Person]) -> list[Person]:
    """One entry per person: a later mention adds its rank and new titles to the first."""
    merged: dict[str, Person] = {}
    for person in people:
        key = name_key(person.name)
        if key not in merged and " " not in key:
            # A given name alone (or a foreign family name: "HLV Park") refers to someone
            # already named in full.
            earlier = [p for k, p in merged.items() if k.endswith(" " + key) or k.startswith(key + " ")]
            if len(earlier) == 1:
                key = name_key(earlier[0].name)
        elif key not in merged and key.count(" ") == 1:
            # So do a middle and a given name after a Vietnamese full name ("ông Phi Anh"
            # after "ông Võ Phi Anh"; not "Jurgen Stock" after a run-on "Interpol Jurgen Stock").
            earlier = [p for k, p in merged.items() if k.count(" ") >= 2 and k.endswith(" " + key)
                       and p.name.split()[0] in word_set("names", "surnames")]
            if len(earlier) == 1:
                key = name_key(earlier[0].name)
        if key not in merged and " " in key:
            # A lead that names someone by one name before the body names them in full
            # ("Tổng thống Putin đã trao ..." ... "Tổng thống Nga Vladimir Putin"): one
            # person, under the full name.
            words = key.split()
            short = [k for k in dict.fromkeys((words[0], words[-1])) if k in merged]
            if len(short) == 1:
                kept = merged[short[0]]
                kept.name, kept.start, kept.end = person.name, person.start, person.end
                merged = {key if k == short[0] else k: p for k, p in merged.items()}
        if key in merged:
            kept = merged[key]
            kept.rank = kept.rank or person.rank
            for title in person.titles:
                if name_key(title) not in {name_key(t) for t in kept.titles}:
                    kept.titles.append(title)
        else:
            person.titles = list(dict.fromkeys(person.titles))
            merged[key] = person
    given_names = {p.name.split()[-1] for p in merged.values() if " " in p.name}
    result: list[Person] = []
    for person in merged.values():
        whole = [_without_dangling(t) for t in person.titles]
        titles = [t for t in dict.fromkeys(whole) if t and not any(_shortened(t, other) for other in whole)]
        person.titles = [t for t in titles if not _refers_to_person(t, given_names)]
        if person.titles or person.rank or len(person.titles) == len(titles):
            result.append(person)  # not one whose only post was another person named by it
    return result


def _refers_to_person(title: str, given_names: set[str]) -> bool:
    """``title`` is a title head and the given name of a person the article names in full:
    the way the press refers to that person ("Báo cáo với Bí thư Thăng, Chủ tịch UBND quận
    2 Nguyễn Phước Hưng cho biết", "Theo ông Kình, Chủ tịch Chung nói"), not a post."""
    head = patterns().head.match(title)
    return head is not None and title[head.end():].strip() in given_names


def _without_dangling(title: str) -> str:
    """A title never ends in a word that needs another after it ("... hạ lưu và", "... Tổng
    cục Hậu cần của"), whichever reading made it."""
    dangling = patterns().dangling_at_end.search(title)
    return title[:dangling.start()] if dangling else title


def _shortened(title: str, other: str) -> bool:
    """``title`` is ``other`` cut short: its words begin ``other``, or ``other`` after the
    word marking a former post ("Chủ tịch UBND tỉnh" of "Chủ tịch UBND tỉnh Hà Tĩnh",
    "Bộ trưởng" of "nguyên Bộ trưởng Công Thương"), so it adds nothing."""
    short, long = name_key(title).split(), name_key(other).split()
    if len(short) >= len(long):
        return False
    if long[0] in word_set("officials", "former_markers") and short[0] != long[0]:
        long = long[1:]
    return long[:len(short)] == short
