"""Vietnamese numbers: ``2.600`` → 2600, ``1,5`` → 1.5, ``năm trăm`` → 500,
``1 tỷ 200 triệu`` → 1_200_000_000. Word lists come from ``rules/numbers.yaml``."""
from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation

import regex

from . import rules


@functools.cache
def data() -> dict:
    return rules.load("numbers")


def multipliers(at_least: int = 1, below: int | None = None) -> list[str]:
    """The multiplier words whose value is at least ``at_least`` (and below ``below``):
    ``multipliers(1000)`` are nghìn, ngàn, triệu, tỷ, tỉ."""
    return [w for w, v in data()["multipliers"].items() if v >= at_least and (below is None or v < below)]


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first, each ending at a word boundary."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Digits as Vietnamese press writes them: grouped thousands with optional decimals, or a
# plain integer with an optional one/two-digit decimal part.
DIGIT_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"


def parse_digits(written: str, before_multiplier: bool = False) -> Decimal | None:
    """The value of a number written in digits, or None when it is not a number.

    ``.`` groups thousands and ``,`` marks decimals; before a multiplier word a lone
    ``.`` followed by one or two digits is a decimal mark too (``1.5 tỷ``)."""
    text = written.strip()
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif regex.fullmatch(r"\d{1,3}(?:,\d{3})+", text) and not before_multiplier:
        text = text.replace(",", "")  # English-style grouping, seen in some foreign-sourced items
    elif regex.fullmatch(r"\d+[.,]\d{1,2}", text):
        text = text.replace(",", ".")
    elif regex.fullmatch(r"\d+,\d+", text):
        text = text.replace(",", ".")
    elif not regex.fullmatch(r"\d+", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


@functools.cache
def word_number_pattern() -> str:
    """Regex for a spelled-out number (``năm trăm``, ``hai mươi lăm``, ``một nghìn hai trăm``)."""
    d = data()
    unit = alternation(list(d["digits"]) + d["ten"] + d["tens"] + d["zero_tens"])
    power = alternation(multipliers(below=1_000_000))
    return rf"(?:(?:{unit}|{power})(?:\s+(?:{unit}|{power}))*)"


@functools.cache
def standalone_word_number_pattern() -> str:
    """Regex for a spelled-out number that stands on its own, with no multiplier after it
    (``mười``, ``ba mươi ba``, ``một nghìn không trăm năm mươi``): it begins with a digit word
    or ``mười``, never with a form used only after ``mươi`` (``tư``, ``lăm``)."""
    d = data()
    first = alternation([w for w in d["digits"] if w not in d["after_tens_only"]] + d["ten"])
    unit = alternation(list(d["digits"]) + d["ten"] + d["tens"] + d["zero_tens"])
    power = alternation(multipliers(below=1_000_000))
    return rf"(?:(?:{first})(?:\s+(?:{unit}|{power}))*)"


def parse_words(written: str) -> int | None:
    """The value of a spelled-out number below a million (``hai trăm năm mươi`` → 250), or None."""
    d = data()
    total = group = 0
    pending: int | None = None  # the digit word waiting for its power; 0 is "không"
    words = written.lower().split()
    if not words:
        return None
    for word in words:
        if word in d["digits"]:
            pending = (pending or 0) + d["digits"][word]
        elif word in d["ten"]:
            group += 10
        elif word in d["tens"]:
            group += (pending or 0) * 10
            pending = None
        elif word in d["zero_tens"]:
            continue
        elif word in multipliers(below=1000):
            # "trăm" alone is one hundred; "không trăm" is no hundreds (một nghìn không trăm năm mươi)
            group += (1 if pending is None else pending) * d["multipliers"][word]
            pending = None
        elif d["multipliers"].get(word) == 1000:
            total += (group + (pending or 0) or 1) * 1000
            group, pending = 0, None
        else:
            return None
    return total + group + (pending or 0)


def scale(value: Decimal, multiplier_words: list[str]) -> Decimal:
    """``value`` times each multiplier word in turn (``nghìn tỷ`` = 10¹²)."""
    for word in multiplier_words:
        value *= data()["multipliers"][word.lower()]
    return value


@functools.cache
def qualifier_table() -> list[tuple[str, str]]:
    """(written qualifier, qualifier name), longest written form first."""
    pairs = [(w, name) for name, words in data()["qualifiers"].items() for w in words]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@functools.cache
def qualifier_pattern() -> str:
    """Qualifiers written before the number, in any letter case ("Hơn 10 tỷ đồng" opening a sentence)."""
    return rf"(?i:{alternation(w for w, _ in qualifier_table())})"


def qualifier_of(written: str | None) -> str:
    if not written:
        return "exact"
    low = " ".join(written.lower().split())
    for word, name in qualifier_table():
        if low == word.lower():
            return name
    return "exact"


@functools.cache
def post_qualifier_pattern() -> str:
    """Qualifiers written after the number (``trở lên``, ``trở xuống``)."""
    return alternation(w for words in data()["post_qualifiers"].values() for w in words)


def post_qualifier_of(written: str) -> str | None:
    low = " ".join(written.lower().split())
    return next((name for name, words in data()["post_qualifiers"].items() if low in (w.lower() for w in words)), None)
