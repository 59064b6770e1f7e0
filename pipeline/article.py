"""The view of one article that extractors read: normalised text, sentences, words."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from . import timings
from .segment import Token, syllable_tokens, word_tokens

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


def mention(text: str, start: int, end: int, **values) -> dict:
    """One extracted mention: its text and offsets, then the field's values."""
    return {"text": text[start:end], **values, "start": start, "end": end}
