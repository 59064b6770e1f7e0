"""Normalisation: the text every offset points into.

NFC composition, the traditional tone placement for ``oa``, ``oe``, ``uy`` in open
syllables (``Hoà`` → ``Hòa``, ``thuỷ`` → ``thủy``), ``\\r\\n`` → ``\\n``, invisible
characters removed and odd spaces made plain. The vowel pairs and character lists are
data in ``rules/orthography.yaml``.
"""
from __future__ import annotations

import functools
import unicodedata

import regex

from . import rules

# The five Vietnamese tone marks as combining characters (NFD).
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


@functools.cache
def _pair_pattern() -> tuple[regex.Pattern, frozenset]:
    """Pattern over NFD text: a bare vowel pair, its tone mark, and no letter after."""
    data = rules.load("orthography")
    pairs = data["tone_on_first_vowel"]
    firsts = "".join(a + a.upper() for a, _ in pairs)
    seconds = "".join(b + b.upper() for _, b in pairs)
    onsets = "".join(c + c.upper() for c in data["onset_exceptions"])
    pattern = regex.compile(
        rf"(?<![{onsets}])(?P<v1>[{firsts}])(?P<v2>[{seconds}])(?P<tone>[{TONE_MARKS}])(?![\p{{L}}\p{{M}}])"
    )
    return pattern, frozenset((a, b) for a, b in pairs)


def _move_tone(match: regex.Match) -> str:
    _, pairs = _pair_pattern()
    v1, v2, tone = match["v1"], match["v2"], match["tone"]
    if (v1.lower(), v2.lower()) not in pairs:
        return match[0]
    return v1 + tone + v2


def place_tones(text: str) -> str:
    """Move the tone of open ``oa``/``oe``/``uy`` syllables to the first vowel; NFC result."""
    pattern, _ = _pair_pattern()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", pattern.sub(_move_tone, decomposed))


@functools.cache
def _cleanup_table() -> dict[int, str | None]:
    data = rules.load("orthography")
    table: dict[int, str | None] = {ord(k): v for k, v in data["same_length_replacements"].items()}
    table.update({ord(ch): None for ch in data["drop"]})
    return table


def normalize(text: str) -> str:
    """The normalised form of ``text`` that extraction and offsets use."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_cleanup_table())
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    return place_tones(text)
