"""Segmentation: sentences, then words.

Sentences are split by rule (``rules/segmentation.yaml``). Words come from underthesea's
real word segmenter, run only on the sentences that can hold something an extractor
needs it for (a rank, a title word, an honorific), and there only when the officials
reader looks a word up (``article.ArticleText.tokens``); every other sentence is split into
syllables and punctuation, which costs nothing and is all the regular-expression
extractors need. Every token carries its character offsets into the normalised text.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from . import rules

# A run of letters/digits (one syllable or number) or one other visible character.
_SYLLABLE = regex.compile(r"[\p{L}\p{M}\p{N}_]+|[^\s]")
# A syllable, then the single space after it and any further whitespace (a doc's trailing
# space and whitespace token): ``findall`` splits a sentence for a doc without a Match each.
_SYLLABLE_AND_SPACE = regex.compile(rf"({_SYLLABLE.pattern})( ?)(\s*)")


class Token(NamedTuple):
    """A word or syllable with its offsets (a tuple: an article makes a thousand of them)."""
    text: str
    start: int
    end: int
    tag: str = ""


@functools.cache
def sentence_end_pattern() -> regex.Pattern:
    """The end of a sentence: a full stop (not an abbreviation's, not an initial's) and the
    space before the next one's capital."""
    abbreviations = rules.load("segmentation")["abbreviations"]
    not_after = "".join(rf"(?<!(?:^|[\s(]){regex.escape(a)}\.)" for a in sorted(abbreviations, key=len, reverse=True))
    # not after a lone capital either: "George W. Bush"
    return regex.compile(rf"(?<=[.!?…])(?<!\.\.\.)(?<!(?:^|[\s(])\p{{Lu}}\.){not_after}\s+(?=[\p{{Lu}}\p{{N}}\"“'(\[])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (blank lines give none)."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        pos = line_start
        for cut in sentence_end_pattern().finditer(line):
            _append_stripped(spans, text, pos, line_start + cut.start())
            pos = line_start + cut.end()
        _append_stripped(spans, text, pos, line_start + len(line))
        line_start += len(line) + 1
    return spans


def _append_stripped(spans: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def syllable_tokens(text: str, start: int, end: int) -> list[Token]:
    """Syllables, numbers and single punctuation marks of ``text[start:end]``."""
    return [Token(m[0], m.start(), m.end()) for m in _SYLLABLE.finditer(text, start, end)]


def syllable_parts(text: str, start: int, end: int) -> list[tuple[str, str, str]]:
    """The syllables of ``text[start:end]``, each with the single space after it (or "")
    and the whitespace after that (or "")."""
    return _SYLLABLE_AND_SPACE.findall(text, start, end)


#: Longer "sentences" (a whole body without punctuation, a broken file) are split into
#: syllables only: the segmenter's time grows too fast on them, and no rule needs it there.
MAX_SEGMENTED_CHARS = 3000


def word_tokens(text: str, start: int, end: int, with_tags: bool = False) -> list[Token]:
    """underthesea's words (with POS tags when asked) of ``text[start:end]``, aligned
    to the text. If the segmenter's output cannot be aligned, the syllables are used."""
    from underthesea import pos_tag, word_tokenize

    if end - start > MAX_SEGMENTED_CHARS:
        return syllable_tokens(text, start, end)
    sentence = text[start:end]
    if with_tags:
        tagged = pos_tag(sentence)
    else:
        tagged = [(word, "") for word in word_tokenize(sentence, use_token_normalize=False)]
    tokens: list[Token] = []
    pos = start
    for word, tag in tagged:
        first = None
        for part in word.split(" "):
            while pos < end and text[pos].isspace():
                pos += 1
            if not text.startswith(part, pos):
                return syllable_tokens(text, start, end)
            if first is None:
                first = pos
            pos += len(part)
        if first is not None:
            tokens.append(Token(text[first:pos], first, pos, tag))
    return tokens


#: Clause marks: a comma, semicolon or colon before a space. The segmenter never joins one
#: to a word, so the words between two of them depend only on the syllables from two before
#: the first to two after the last (its features look two syllables each way).
_CLAUSE_MARK = regex.compile(r"[,;:](?=\s)")
#: Syllables segmented beyond each clause mark: more than the features' reach of two.
CLAUSE_MARGIN = 3


def clause_window(text: str, start: int, end: int, offset: int) -> tuple[int, int, list[Token]] | None:
    """The segmenter's words from the clause mark before ``offset`` to the one after it
    (or the sentence's edges), found by segmenting that clause with ``CLAUSE_MARGIN``
    syllables on each side: ``(from, to, words)``, the words lying within ``from``–``to``.
    None when a mark is not a word of its own there (then only the whole sentence will do).
    Only the text near ``offset`` is read, so a sentence of many clauses costs no more per
    lookup than a short one."""
    left = _last_mark(text, start, offset)
    right_mark = _CLAUSE_MARK.search(text, offset, end)
    right = right_mark.start() if right_mark else None
    if left is None and right is None:
        return None
    lo = start if left is None else left
    hi = end if right is None else right + 1
    window_start = _syllables_back(text, start, lo, CLAUSE_MARGIN)
    window_end = _syllables_on(text, hi, end, CLAUSE_MARGIN)
    words = word_tokens(text, window_start, window_end)
    for mark in (left, right):
        if mark is not None and not any(w.start == mark and w.end == mark + 1 for w in words):
            return None
    return lo, hi, [w for w in words if lo <= w.start and w.end <= hi]


def _last_mark(text: str, start: int, offset: int) -> int | None:
    """Where the last clause mark before ``offset`` (and after ``start``) is, or None."""
    span = 256
    while True:
        a = max(start, offset - span)
        marks = [m.start() for m in _CLAUSE_MARK.finditer(text, a, offset)]
        if marks and marks[-1] > a:  # a mark right at the window's edge may need the text before it
            return marks[-1]
        if a == start:
            return marks[-1] if marks else None
        span *= 4


def _syllables_back(text: str, start: int, pos: int, count: int) -> int:
    """Where the ``count``-th syllable before ``pos`` starts (``start``'s first one when
    there are fewer)."""
    span = 64
    while True:
        a = max(start, pos - span)
        starts = [m.start() for m in _SYLLABLE.finditer(text, a, pos)]
        if len(starts) > count or a == start:  # more than count: the first may be cut at a
            return starts[-count] if len(starts) >= count else (starts[0] if starts else pos)
        span *= 4


def _syllables_on(text: str, pos: int, end: int, count: int) -> int:
    """Where the ``count``-th syllable from ``pos`` on ends (the last one's end when there
    are fewer)."""
    span = 64
    while True:
        b = min(end, pos + span)
        ends = [m.end() for m in _SYLLABLE.finditer(text, pos, b)]
        if len(ends) > count or b == end:  # more than count: the last may be cut at b
            return ends[count - 1] if len(ends) >= count else (ends[-1] if ends else pos)
        span *= 4
