"""Excluding suspects: people named as accused, victims or witnesses, or prosecuted in the
sentence, are not acting as officials even when their former post is given."""
from __future__ import annotations

from ...segment import sentence_end_pattern
from .model import Person
from .names import NAME_RUN, country_at, province_at, word_set
from .patterns import patterns

#: How far after a name (in characters) a verb of prosecution is still its.
VERB_REACH = 120


def excluded(text: str, start: int, segment_start: int, name_end: int) -> bool:
    """Not an official: a suspect, victim or witness marker right before the mention, a
    place or event word before it, a prosecution verb earlier in its segment
    (``Khởi tố nguyên Phó Chủ tịch ... X``, ``bị xử phạt ... có ông X``), or
    ``bị bắt``/``bị khởi tố`` after the name."""
    p = patterns()
    before = text[max(0, start - 40):start]
    before = before[before.rfind("\n") + 1:]  # a word in the line before (a headline) is no context
    if p.marker.search(before) or p.not_person.search(before):
        return True
    if p.prosecution.search(text, segment_start, start) or p.prosecuted_before.search(text, segment_start, start):
        return True
    if p.coordinated_before.search(text, max(0, start - 20), start):
        # "khởi tố bị can, tạm giam ông A (...) và ông B (...)": B's segment starts at "và";
        # the verb before A is B's too, back to the start of the clause
        clause_start = max(text.rfind(";", 0, start), _sentence_start(text, start))
        if p.prosecution.search(text, clause_start, start):
            return True
    said = p.report_verb.search(text, name_end, min(len(text), name_end + VERB_REACH))
    sentence_end = sentence_end_pattern().search(text, name_end)
    stop = min([i for i in (text.find(";", name_end), text.find(":", name_end), sentence_end.start() if sentence_end else -1,
                            text.find("\n", name_end)) if i >= 0]
               + [len(text)] + ([said.start()] if said else []))
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
        if " " not in other[0] or other[0].split()[0] not in word_set("names", "surnames") \
                or p.head.match(text, at) or p.organisation_head_any_case.match(text, at) or country_at(text, at) or province_at(text, at):
            continue  # no person's name
        if p.coordinated_before.search(text, max(name_end, at - 20), at):
            window_end = min(stop, other.end() + VERB_REACH)
            continue
        window_end = at
        break
    return bool(p.prosecuted_after.search(text, name_end, window_end))


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
    if accused is not None:
        people = [person for person in people if person.start < accused.start()]
    for listed in p.accused_names.finditer(text, start, end):
        people = [person for person in people if not listed.start() <= person.start < listed.end()]
    return people
