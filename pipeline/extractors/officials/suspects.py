"""Excluding suspects: people named as accused, victims or witnesses, or prosecuted in the
sentence, are not acting as officials even when their former post is given."""
from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Iterator

import regex

from ...segment import sentence_end_pattern
from .model import Person, skip_space
from .names import NAME_RUN, country_at, last_run, province_at, word_set
from .patterns import patterns

#: How far after a name (in characters) a verb of prosecution is still its.
VERB_REACH = 120
#: How far after a name its clause's end is looked for: past any chain of names joined by "và"
#: that carries the verb on (``_accused_here``), and not the rest of a megabyte-long sentence.
STOP_HORIZON = 2000


#: The names of the people the article being read marks as accused, victims or witnesses
#: (``gathering_accused``): such a person is no official in any other sentence either.
_ACCUSED: ContextVar[set[str] | None] = ContextVar("accused", default=None)


@contextlib.contextmanager
def gathering_accused() -> Iterator[set[str]]:
    """Gather, while an article is read, the names ``excluded`` and the lists of the
    accused leave out."""
    names: set[str] = set()
    token = _ACCUSED.set(names)
    try:
        yield names
    finally:
        _ACCUSED.reset(token)


def _note_accused(text: str, start: int, end: int) -> None:
    names = _ACCUSED.get()
    if names is None:
        return
    run = last_run(text, max(start, end - 60), end)
    if run is not None and run.end == end and " " in text[run.start:run.end]:
        names.add(text[run.start:run.end])


def excluded(text: str, start: int, segment_start: int, name_end: int) -> bool:
    """Not an official: a place or event word before the mention (the name is a street's or
    a day's), or the person is accused, a victim or a witness (``_accused_here``; the name is
    then noted as such for the whole article, ``gathering_accused``)."""
    if patterns().not_person.search(_before(text, start)):
        return True
    how = _accused_here(text, start, segment_start, name_end)
    if how in ("marker", "after"):
        _note_accused(text, start, name_end)
    return how is not None


def _negated(text: str, position: int) -> bool:
    """A word of negation shortly before ``position`` in its clause ("chưa khởi tố bị can
    đối với ông X", "không bị khởi tố")."""
    return bool(patterns().negation_before.search(text, max(0, position - 100), position))


def _before(text: str, start: int) -> str:
    """The text just before a mention, within its line (a word in the line before, a
    headline, is no context)."""
    before = text[max(0, start - 40):start]
    return before[before.rfind("\n") + 1:]


def _accused_here(text: str, start: int, segment_start: int, name_end: int) -> str | None:
    """How the mention marks an accused person, victim or witness, or None: "marker", a
    marker word right before it that speaks of the person ("bị can X"; not one that speaks
    of this mention only, "tên", a role "vào vai"); "mention", such a word of this mention
    only; "before", a prosecution verb earlier in its segment (``Khởi tố nguyên Phó Chủ tịch
    ... X``, ``bị xử phạt ... có ông X``); "after", ``bị bắt``/``bị khởi tố`` after the
    name. Only "marker" and "after" speak of the person wherever named: a verb before the
    name is often another sentence's, run on where a caption lost its full stop."""
    p = patterns()
    before = _before(text, start)
    marker = p.marker.search(before)
    if marker:
        if _negated(text, start - len(before) + marker.start()):
            return None  # "chưa có văn bản ... khởi tố bị can với ông X": not accused
        return "mention" if p.mention_marker.match(marker[0]) else "marker"
    verb = p.prosecution.search(text, segment_start, start) or p.prosecuted_before.search(text, segment_start, start)
    if verb and not _negated(text, verb.start()):
        return "before"
    if p.coordinated_before.search(text, max(0, start - 20), start):
        # "khởi tố bị can, tạm giam ông A (...) và ông B (...)": B's segment starts at "và";
        # the verb before A is B's too, back to the start of the clause
        clause_start = max(text.rfind(";", 0, start), _sentence_start(text, start))
        if p.prosecution.search(text, clause_start, start):
            return "before"
    particulars = PARTICULARS.match(text, name_end)
    if particulars and p.said_to_be_marked.search(particulars[0]):
        return "marker"  # "ông X (nguyên phó giám đốc Sở ..., cũng là bị can trong vụ án này)"
    if particulars:  # "Đỗ Văn Khạnh (nguyên Tổng Giám đốc PVEP, ...) bị tuyên phạt": read on after the bracket
        name_end = particulars.end()
    said = p.report_verb.search(text, name_end, min(len(text), name_end + VERB_REACH))
    horizon = min(len(text), name_end + STOP_HORIZON)  # not the whole rest of a long text for each name
    sentence_end = sentence_end_pattern().search(text, name_end, horizon)
    stop = min([i for i in (text.find(";", name_end, horizon), text.find(":", name_end, horizon),
                            sentence_end.start() if sentence_end else -1, text.find("\n", name_end, horizon)) if i >= 0]
               + [horizon] + ([said.start()] if said else []))
    window_end = min(stop, name_end + VERB_REACH)
    # The verb may be another person's: the window ends with the sentence, at a semicolon, at a
    # colon or a verb of saying (what follows is said), and at the next name, unless that name
    # is joined to this one by "và" ("A, ... và B, ... cũng bị khởi tố": then it reaches as
    # far past B). A name is a run of capitals from a family name on, not a post, an
    # organisation, a country or a province.
    for other in NAME_RUN.finditer(text, name_end, stop):
        if other.start() >= window_end:
            break
        at = other.start()
        if at < name_end:
            continue  # inside the particulars of a name listed before
        if " " not in other[0] or other[0].split()[0] not in word_set("names", "surnames") \
                or p.head.match(text, at) or p.organisation_head_any_case.match(text, at) or country_at(text, at) or province_at(text, at):
            continue  # no person's name
        if p.coordinated_before.search(text, max(name_end, at - 20), at):
            window_end = min(stop, other.end() + VERB_REACH)
            continue
        listed = PARTICULARS.match(text, other.end())
        if particulars and listed and not text[name_end:at].strip(" ,"):
            # "A (41 tuổi, ...), B (32 tuổi, ...) bị truy tố": a list of people, each with
            # their particulars, carries the verb on as "và" does
            window_end = min(stop, listed.end() + VERB_REACH)
            name_end = listed.end()
            continue
        window_end = at
        break
    verb = p.prosecuted_after.search(text, name_end, window_end)
    if verb is None or p.negation_before.search(text, max(name_end, verb.start() - 100), verb.start()):
        return None  # "... ông Tuân mắc bệnh hiểm nghèo… nên không bị khởi tố": not accused
    return "after"


#: the person's particulars in brackets right after the name
PARTICULARS = regex.compile(r"\s*\([^()]{1,300}\)")


def _note_full_name(text: str, run: regex.Match) -> None:
    """Note a run of capitals as an accused person's name when it is a full Vietnamese name."""
    if " " in run[0] and run[0].split()[0] in word_set("names", "surnames"):
        _note_accused(text, run.start(), run.end())


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (after the last sentence end before it)."""
    last = 0
    for end in sentence_end_pattern().finditer(text, max(0, position - 400), position):
        last = end.end()
    return max(last, text.rfind("\n", 0, position) + 1)


def without_accused_list(text: str, start: int, end: int, people: list[Person]) -> list[Person]:
    """"Các bị can bị khởi tố gồm: A (nguyên ...), B ...": none of those listed after
    the opener; "ba bị cáo A, B và C": none of the names listed after the marker."""
    p = patterns()
    accused = p.accused_list.search(text, start, end)
    if accused is not None and p.head.search(text, accused.start(), accused.end()):
        accused = None  # "đối tượng Lòn, Trưởng công an xã Hương Hòa là Võ Thành Cương": the post's holder
    kept = people
    if accused is not None:
        kept = [person for person in kept if person.start < accused.start()]
        for run in NAME_RUN.finditer(text, accused.end(), end):
            # the full names listed with their particulars, whether or not read as people
            # here ("mở phiên xử Trần Văn Liêm (nguyên ...)" is no official later either)
            if text.startswith("(", skip_space(text, run.end())):
                _note_full_name(text, run)
    for listed in p.accused_names.finditer(text, start, end):
        kept = [person for person in kept if not listed.start() <= person.start < listed.end()]
        for run in NAME_RUN.finditer(text, listed.start(), listed.end()):
            _note_full_name(text, run)
    for marked in p.marker_before_name.finditer(text, start, end):
        # "đồng phạm với bị can Nguyễn Phi Hùng": no official later in the article, though
        # read as no person here (no post nor form of address before the name)
        run = NAME_RUN.match(text, marked.end(), end)
        if run is not None and not _negated(text, marked.start()):
            _note_full_name(text, run)
    kept_ids = {id(person) for person in kept}
    for person in people:
        if id(person) not in kept_ids:
            _note_accused(text, person.start, person.end)
    return kept
