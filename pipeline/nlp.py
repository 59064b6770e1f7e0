"""The pipeline as a spaCy ``Language``.

The tokenizer normalises the text (so ``doc.text`` is what offsets point into), splits
sentences and runs underthesea's word segmenter on the sentences an extractor needs words
for. Each field is a component that writes its mentions to ``doc.spans[field]``; every
span carries the mention's values in ``span._.data`` (``span._.value``, ``span._.kind`` and
the other field names are shortcuts into it)::

    import pipeline
    nlp = pipeline.load()
    doc = nlp("Ngày 29/11, Trung tướng Nguyễn Ngọc Toàn ...")
    [(s.text, s._.value) for s in doc.spans["dates"]]
    spacy.displacy.render(doc, style="span", options={"spans_key": "dates"})
"""
from __future__ import annotations

from datetime import date, datetime

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from . import fields, segment
from .article import ArticleText
from .extractors import officials
from .fields import FIELDS, VALUE_NAMES
from .normalize import normalize
from .readers import MAX_TEXT_CHARS

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Span.has_extension("data"):
    Span.set_extension("data", default=None)
for _name in VALUE_NAMES:
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=lambda span, key=_name: (span._.data or {}).get(key))


class UndertheseaTokenizer:
    """Normalise, split sentences, and segment words with underthesea where it pays.

    ``segment_all`` runs the word segmenter on every sentence (not only on those with a
    rank, title or honorific); ``pos`` adds underthesea's POS tags as ``token.tag_``.
    """

    def __init__(self, vocab: Vocab, segment_all: bool = False, pos: bool = False):
        self.vocab = vocab
        self.segment_all = segment_all
        self.pos = pos

    def __call__(self, text: str) -> Doc:
        text = normalize(text)
        spans = segment.sentences(text)
        trigger = officials.trigger_pattern()
        tokens: list[segment.Token] = []
        sent_first: set[int] = set()
        segmented: dict[int, list[segment.Token]] = {}
        for index, (start, end) in enumerate(spans):
            if self.segment_all or trigger.search(text, start, end):
                sentence_tokens = segment.word_tokens(text, start, end, with_tags=self.pos)
                segmented[index] = sentence_tokens
            else:
                sentence_tokens = segment.syllable_tokens(text, start, end)
            if sentence_tokens:
                sent_first.add(len(tokens))
            tokens.extend(sentence_tokens)
        doc = self._doc(text, tokens, sent_first)
        doc.user_data["sentences"] = spans
        doc.user_data["words"] = segmented
        return doc

    def _doc(self, text: str, tokens: list[segment.Token], sent_first: set[int]) -> Doc:
        words, spaces, tags, starts = [], [], [], []

        def whitespace(gap: str) -> None:
            """One space after a token is its trailing space; other whitespace (newlines,
            runs of spaces) is a token of its own, as spaCy keeps it."""
            if gap.startswith(" ") and words:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap); spaces.append(False); tags.append(""); starts.append(None if len(words) > 1 else True)

        pos = 0
        for i, tok in enumerate(tokens):
            whitespace(text[pos:tok.start])
            words.append(tok.text); spaces.append(False); tags.append(tok.tag)
            starts.append(i in sent_first)
            pos = tok.end
        whitespace(text[pos:])
        if starts:
            starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts)
        if self.pos:
            for token, tag in zip(doc, tags):
                if tag:
                    token.tag_ = tag
        return doc


@spacy.registry.tokenizers("vn_extract.underthesea_tokenizer.v1")
def create_tokenizer(segment_all: bool = False, pos: bool = False):
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, segment_all=segment_all, pos=pos)
    return make


def article_view(doc: Doc) -> ArticleText:
    """The extractors' view of a doc (made once per doc)."""
    view = doc.user_data.get("article_view")
    if view is None:
        view = ArticleText(doc.text, doc.user_data.get("sentences") or segment.sentences(doc.text),
                           _as_date(doc._.published), doc.user_data.get("words") or {})
        doc.user_data["article_view"] = view
    return view


def _as_date(value) -> date | None:
    """The publication date, or None; a date in the first or last year of the calendar
    is None too, since the year before or after it cannot be reasoned about."""
    if value is None or isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
    else:
        try:
            day = datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
        except ValueError:
            try:
                day = date.fromisoformat(str(value)[:10])
            except ValueError:
                return None
    return day if day is None or date.min.year < day.year < date.max.year else None


def _make_component(field: str):
    extractor = fields.get(field).module

    def component(doc: Doc) -> Doc:
        spans = []
        for found in extractor.extract(article_view(doc)):
            span = doc.char_span(found["start"], found["end"], alignment_mode="expand")
            if span is None:
                continue
            span = Span(doc, span.start, span.end, label=field)
            span._.data = found
            spans.append(span)
        doc.spans[field] = spans
        return doc

    component.__name__ = f"vn_{field}"
    return component


for _field in FIELDS:
    Language.component(f"vn_{_field.name}", func=_make_component(_field.name))


def load(segment_all: bool = False, pos: bool = False) -> Language:
    """The extraction pipeline: underthesea tokenizer and one component per field."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {
        "@tokenizers": "vn_extract.underthesea_tokenizer.v1", "segment_all": segment_all, "pos": pos}}})
    # No parser or NER model runs, so the memory guard against long texts does not apply;
    # the readers limit an article's length themselves.
    nlp.max_length = 10 * MAX_TEXT_CHARS
    for field in FIELDS:
        nlp.add_pipe(f"vn_{field.name}")
    return nlp
