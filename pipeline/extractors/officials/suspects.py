"""Excluding suspects: people named as accused, victims or witnesses, or prosecuted in the
sentence, are not acting as officials even when their former post is given."""
from __future__ import annotations

from .model import Person
from .names import NAME_RUN
from .patterns import patterns


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
    window_end = min([i for i in (text.find(";", name_end), text.find(".", name_end)) if i >= 0] + [name_end + 120])
    other = NAME_RUN.search(text, name_end, window_end)  # the verb may be another person's
    if other is not None and " " in other[0]:
        window_end = other.start()
    return bool(p.prosecuted_after.search(text, name_end, window_end))


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
