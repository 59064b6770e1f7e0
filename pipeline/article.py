"""The view of one article that extractors read: normalised text, sentences, words."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from . import timings
from .segment import Token, clause_window, syllable_tokens, word_tokens

if TYPE_CHECKING:
    from .ner import Entity


@dataclass
class ArticleText:
    text: str                                # title + "\n" + body, normalised
    sentences: list[tuple[int, int]]         # character ranges
    published: date | None = None
    words: dict[int, list[Token]] = field(default_factory=dict)  # sentence index → segmenter words
    #: sentences to segment into words when first asked for (``tokens``), not before
    segment_later: set[int] = field(default_factory=set)
    #: the sentences the officials trigger matches, found once by the tokenizer (None: not
    #: known, the officials reader searches them itself)
    triggered: set[int] | None = None
    entities: list[Entity] | None = None     # the name recogniser's, when it runs (``pipeline/ner.py``)
    #: the mentions of the fields extracted so far (field name → mentions), for an extractor
    #: that reads another field's (see :meth:`mentions`)
    found: dict[str, list[dict]] = field(default_factory=dict)

    def mentions(self, name: str) -> list[dict]:
        """The mentions of field ``name`` in this article: those the pipeline found already,
        else extracted now (and kept). Read them; never change them."""
        if name not in self.found:
            from .fields import get
            self.found[name] = get(name).module.extract(self)
        return self.found[name]

    def tokens(self, index: int) -> list[Token]:
        """Words of sentence ``index``: the segmenter's where it ran or is to run (it runs
        now, once), else syllables."""
        if index in self.words:
            return self.words[index]
        if index in self.segment_later:
            with timings.stage("segment"):
                self.words[index] = word_tokens(self.text, *self.sentences[index])
            return self.words[index]
        return syllable_tokens(self.text, *self.sentences[index])

    def words_near(self, index: int, offset: int | None) -> tuple[int, int, list[Token]]:
        """The segmenter's words of the clause of sentence ``index`` that holds ``offset``
        (``segment.clause_window``), as ``(start, end, words)``: the same words as the whole
        sentence's there, for a fraction of the time. The whole sentence's words for no
        offset, when they are made already, or when the clause cannot be segmented alone."""
        start, end = self.sentences[index]
        if offset is None or index in self.words or index not in self.segment_later:
            return start, end, self.tokens(index)
        with timings.stage("segment"):
            window = clause_window(self.text, start, end, offset)
        if window is None:
            return start, end, self.tokens(index)
        lo, hi, tokens = window
        return lo, hi, tokens


def mention(text: str, start: int, end: int, **values) -> dict:
    """One extracted mention: its text and offsets, then the field's values."""
    return {"text": text[start:end], **values, "start": start, "end": end}
