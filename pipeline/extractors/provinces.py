"""Provinces: every province-level unit named, old (63) or current (34), with its
2025 successor (``rules/provinces.yaml``).

A name counts when written with capitals as in the gazetteer, on its own, after
``tỉnh``/``thành phố``/``TP``, or inside an organisation's name. It does not count after a
word that makes it something smaller or other (``huyện Quảng Ninh``, ``đường Hồ Chí Minh``,
``tàu Hòa Bình``), as part of a person's name (``Trương Hòa Bình``), or, for the names the
gazetteer marks ``needs_prefix``, without ``tỉnh``/``thành phố``/``TP`` before it.
"""
from __future__ import annotations

import functools

import regex

from .. import rules
from ..article import ArticleText, mention
from ..normalize import normalize
from ..numbers import alternation


PREVIOUS_WORD = regex.compile(r"(\S+)\s+$")
NEXT_NAME = regex.compile(r"\s+(\p{Lu}\p{Ll}*)")


@functools.cache
def gazetteer() -> dict:
    """alias → (canonical name, current name, needs a prefix)."""
    data = rules.load("provinces")
    table = {}
    for unit in data["provinces"]:
        needs = {normalize(a) for a in unit.get("needs_prefix") or []}
        for alias in [unit["name"], *(unit.get("aliases") or [])]:
            alias = normalize(alias)
            table[alias] = (unit["name"], unit["current"], alias in needs)
    return table


@functools.cache
def _context() -> dict:
    return rules.load("province_context")


@functools.cache
def _pattern() -> regex.Pattern:
    prefixes = alternation(normalize(p) for p in rules.load("provinces")["prefixes"])
    names = alternation(gazetteer())
    return regex.compile(
        rf"(?:(?<![\p{{L}}\p{{N}}])(?P<prefix>{prefixes})\s*)?(?<![\p{{L}}\p{{N}}])(?P<name>{names})(?![\p{{L}}\p{{M}}\p{{N}}])"
    )


@functools.cache
def _person_syllables() -> frozenset[str]:
    names = rules.load("names")
    return frozenset(names["surnames"] + names["middle_names"])


def _previous_word(text: str, start: int) -> str:
    match = PREVIOUS_WORD.search(text, max(0, start - 30), start)
    return match[1] if match else ""


def _rejected(text: str, m: regex.Match, needs_prefix: bool) -> bool:
    if m["prefix"]:
        return False
    if needs_prefix:
        return True
    previous = _previous_word(text, m.start("name"))
    bare = previous.strip("(\"“,").lower()
    if bare in _context()["not_after"]:
        return True
    # "Trương Hòa Bình", "Nguyễn Thị Huế": the name ends a person's name.
    if previous in _person_syllables():
        return True
    following = NEXT_NAME.match(text, m.end(), min(len(text), m.end() + 20))
    if following and following[1] in _context()["person_given_after"]:
        return True
    return False


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    found = []
    for start, end in article.sentences:
        for m in _pattern().finditer(text, start, end):
            name, current, needs_prefix = gazetteer()[m["name"]]
            if _rejected(text, m, needs_prefix):
                continue
            found.append(mention(text, m.start("name"), m.end("name"), name=name, current=current))
    return found
