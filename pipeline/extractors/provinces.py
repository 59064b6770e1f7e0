"""Provinces: every province-level unit named, old (63) or current (34), with its
2025 successor (``rules/provinces.yaml``).

A name counts when written with capitals as in the gazetteer, on its own, after
``tỉnh``/``thành phố``/``TP``, or inside an organisation's name. It does not count after a
word that makes it something smaller or other (``huyện Quảng Ninh``, ``đường Hồ Chí Minh``,
``tàu Hòa Bình``, ``cầu Hòa Bình``), as part of a person's name (``Trương Hòa Bình``), in
the author's byline that ends an article (its last sentence when it holds names alone), or,
for the names the gazetteer marks ``needs_prefix``, without ``tỉnh``/``thành phố``/``TP``
before it. Each mention names the rule that found it in ``rule``.
"""
from __future__ import annotations

import functools

import regex

from .. import rules
from ..article import ArticleText, mention
from ..normalize import normalize
from ..numbers import alternation


CAPITALS_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])((?:\p{Lu}[\p{Ll}\p{M}]*\s+){1,2})$")


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


# Rule ids (``rule`` of each mention): a name after tỉnh/thành phố/TP, or on its own.
RULE_PREFIXED = "province after tỉnh/thành phố/TP"
RULE_NAME = "province name"


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


@functools.cache
def _not_after() -> regex.Pattern:
    """A word that makes the name something else, right before it (no punctuation between),
    or a ship's hull number after a ship word."""
    c = _context()
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{alternation(c['not_after'])})\s+$"
                         rf"|(?<![\p{{L}}\p{{M}}])(?i:{alternation(c['ship_words'])})\s+[\p{{Lu}}\d][\p{{Lu}}\d-]*\d\s*[-–]?\s*$")


def _person_before(text: str, start: int) -> bool:
    """The name ends a person's name: the capitalised word or two right before it are
    family or middle names (``Trương Hòa Bình``, ``Nguyễn Thị Huế``), not words of an
    organisation (``Tỉnh Đoàn Nghệ An``)."""
    run = CAPITALS_BEFORE.search(text, max(0, start - 30), start)
    return run is not None and all(w in _person_syllables() for w in run[1].split())


@functools.cache
def _bridge() -> tuple[regex.Pattern, regex.Pattern]:
    """``cầu`` right before the name, and the words that end in it (``yêu cầu``)."""
    c = _context()
    return (regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{alternation(c['bridge_words'])})\s+$"),
            regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{alternation(c['bridge_word_compounds'])})\s+$"))


@functools.cache
def _byline_pattern() -> regex.Pattern:
    """Names alone, joined by dashes or commas, after a credit word if any."""
    c = _context()
    name = r"\p{Lu}[\p{Ll}\p{M}]*(?:\s\p{Lu}[\p{Ll}\p{M}]*){0,3}"
    not_name = rf"(?!(?:{alternation(c['byline_not_names'])})(?![\p{{L}}\p{{M}}]))"
    return regex.compile(rf"(?:(?:{alternation(c['byline_credits'])})\s*)?{not_name}{name}(?:\s*[-–,]\s*{not_name}{name})*")


def _byline(text: str, sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The author's byline: the last sentence, after others, when it holds names alone."""
    if len(sentences) < 2:
        return None
    start, end = sentences[-1]
    return (start, end) if _byline_pattern().fullmatch(text, start, end) else None


def _rejected(text: str, m: regex.Match, needs_prefix: bool, byline: tuple[int, int] | None) -> bool:
    if m["prefix"]:
        return False
    if needs_prefix:
        return True
    start = m.start("name")
    if _not_after().search(text, max(0, start - 30), start):
        return True
    bridge, compound = _bridge()
    if bridge.search(text, max(0, start - 10), start) and not compound.search(text, max(0, start - 20), start):
        return True
    if byline is not None and byline[0] <= start and m.end("name") <= byline[1]:   # the author's byline
        return True
    if _person_before(text, start) and not _known_organisation(text, start, m.end("name")):
        return True
    return False


@functools.cache
def _organisations() -> regex.Pattern:
    names = alternation(normalize(n) for n in _context()["organisations_with_person_names"])
    return regex.compile(rf"(?:{names})$")


def _known_organisation(text: str, start: int, end: int) -> bool:
    """An organisation named after a person and a province (``Hoàng Anh Gia Lai``)."""
    return bool(_organisations().search(text, max(0, start - 40), end))


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    found = []
    byline = _byline(text, article.sentences)
    for start, end in article.sentences:
        for m in _pattern().finditer(text, start, end):
            name, current, needs_prefix = gazetteer()[m["name"]]
            if _rejected(text, m, needs_prefix, byline):
                continue
            found.append(mention(text, m.start("name"), m.end("name"), name=name, current=current,
                                 rule=RULE_PREFIXED if m["prefix"] else RULE_NAME))
    return found
