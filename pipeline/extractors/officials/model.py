"""The named results the officials reader passes around, and small helpers on offsets."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Span(NamedTuple):
    """A character range of the article's text."""
    start: int
    end: int


@dataclass
class Person:
    """One person found in a sentence, with what the sentence says of them."""
    name: str
    start: int
    end: int
    rule: str  # the id of the reading that found the person (``clauses.RANK_NAME`` ...)
    rank: str | None = None
    titles: list[str] = field(default_factory=list)
    confirmed: bool = False  # has a rank, a title or an institutional honorific
    address: str | None = None  # the form of address that introduced the name, in lower case
    apposed: bool = False  # opens a segment right after a bare title: may hold it (``Giám đốc Sở Y tế, ông A``)

    @classmethod
    def at(cls, text: str, name: Span, rule: str, confirmed: bool = False) -> Person:
        return cls(text[name.start:name.end], name.start, name.end, rule, confirmed=confirmed)


def skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def skip_space_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def trim(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` without the spaces and the commas, colons, dashes or ellipsis
    ("Thứ trưởng Bộ Quốc phòng.... cùng nhiều lãnh đạo") that end it."""
    end = skip_space_back(text, end)
    while end > start:
        dots = end - start - len(text[start:end].rstrip("."))
        if text[end - 1] in ",;:-–(…" or dots >= 2:
            end = skip_space_back(text, end - max(dots, 1))
        else:
            break
    return Span(start, end)
