"""The pipeline as a spaCy ``Language``.

The tokenizer normalises the text (so ``doc.text`` is what offsets point into), splits
sentences and splits them into syllables; underthesea's word segmenter runs on a sentence
when the officials reader first looks up one of its words (the words stay in the article
view). With ``segment_all`` (every sentence) or ``pos`` (POS tags), the segmenter runs in
the tokenizer and the doc holds its words. Each field (``pipeline/fields.py``) is a component that writes its mentions to
``doc.spans[field]``. Every span's text is its mention's text: where a mention starts or
ends inside a token (the segmenter joined ``Trump lặp`` into one word), the tokens are
split there first, as the tokenizer would have split them. A span carries the mention's
values in ``span._.vnx_data``; ``span._.vnx_value``, ``span._.vnx_kind``, ``span._.vnx_rule``
and the other ``vnx_`` attributes (one per value name of the registry) read from it::

    import pipeline
    nlp = pipeline.load()
    doc = nlp("Ngày 29/11, Trung tướng Nguyễn Ngọc Toàn ...")
    [(s.text, s._.vnx_value) for s in doc.spans["dates"]]
    spacy.displacy.render(doc, style="span", options={"spans_key": "dates"})

The publication date (which completes dates without a year) goes in either way::

    doc = nlp.make_doc(text); doc._.vnx_published = "2021-04-26"; doc = nlp(doc)
    for doc, context in nlp.pipe([(text, {"published": "2021-04-26"})], as_tuples=True): ...

``nlp.to_disk(path)`` saves the pipeline; ``spacy.load(path)`` loads it again (with this
package installed, or after ``import pipeline.nlp``) and gives the same output.
"""
from __future__ import annotations

import bisect
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from . import fields, ner, segment, timings
from .article import ArticleText
from .extractors import officials
from .fields import FIELDS, PROVENANCE, VALUE_NAMES
from .normalize import normalize
from .readers import MAX_TEXT_CHARS

#: the prefix of every extension attribute this package sets on ``Doc`` and ``Span``
NAMESPACE = "vnx_"
SPAN_VALUES: tuple[str, ...] = (*VALUE_NAMES, *(c.name for c in PROVENANCE))

if not Doc.has_extension(f"{NAMESPACE}published"):
    Doc.set_extension(f"{NAMESPACE}published", default=None)
if not Span.has_extension(f"{NAMESPACE}data"):
    Span.set_extension(f"{NAMESPACE}data", default=None)
def _value_getter(key: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        return (span._.vnx_data or {}).get(key)
    return get


for _name in SPAN_VALUES:
    if not Span.has_extension(f"{NAMESPACE}{_name}"):
        Span.set_extension(f"{NAMESPACE}{_name}", getter=_value_getter(_name))


def _add_whitespace(words: list[str], spaces: list[bool], starts: list[bool | int | None], gap: str) -> bool:
    """One space after a token is its trailing space; other whitespace (newlines, runs of
    spaces) is a token of its own, as spaCy keeps it. Whether a token was added."""
    if gap.startswith(" ") and words:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap); spaces.append(False); starts.append(None if len(words) > 1 else True)
    return bool(gap)


def build_doc(vocab: Vocab, text: str, tokens: list[segment.Token], sent_first: set[int]) -> Doc:
    """The ``Doc`` of ``text`` with ``tokens`` (offsets into ``text``, in order), the
    tokens whose index is in ``sent_first`` starting sentences, and their tags."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    starts: list[bool | int | None] = []
    pos = 0
    for i, tok in enumerate(tokens):
        gap = text[pos:tok.start]
        if gap == " " and words:  # the common case, without the call
            spaces[-1] = True
        elif gap and _add_whitespace(words, spaces, starts, gap):
            tags.append("")
        words.append(tok.text); spaces.append(False); tags.append(tok.tag)
        starts.append(i in sent_first)
        pos = tok.end
    _add_whitespace(words, spaces, starts, text[pos:])
    if starts:
        starts[0] = True
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    if any(tags):
        for token, tag in zip(doc, tags):
            if tag:
                token.tag_ = tag
    return doc


def syllable_doc(vocab: Vocab, text: str, sentences: list[tuple[int, int]]) -> tuple[Doc, list[str]]:
    """The doc ``build_doc`` makes of the syllable tokens of ``sentences`` (character
    ranges covering every non-space character of ``text``), made from ``findall``'s
    strings rather than a ``Token`` per syllable; and the syllables."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    syllables: list[str] = []
    pos = 0
    for start, end in sentences:
        parts = segment.syllable_parts(text, start, end)
        if not parts:
            continue  # whitespace by the regex's reckoning, not by str.isspace: part of the gap
        _add_whitespace(words, spaces, starts, text[pos:start])
        first = len(words)
        written, space, more = zip(*parts)
        syllables.extend(written)
        if any(more):  # a run of spaces, or a tab, inside the sentence
            for word, after, rest in parts:
                words.append(word); spaces.append(bool(after)); starts.append(False)
                if rest:
                    words.append(rest); spaces.append(False); starts.append(None)
        else:
            words.extend(written); spaces.extend(map(bool, space)); starts.extend([False] * len(written))
        starts[first] = True
        pos = end
    _add_whitespace(words, spaces, starts, text[pos:])
    if starts:
        starts[0] = True
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts), syllables


def split_at(doc: Doc, cuts: Iterable[int]) -> Doc:
    """``doc`` itself when every offset of ``cuts`` is a token edge; else a doc of the same
    text whose tokens holding one are split there, as the tokenizer makes them where the
    segmenter cuts (whitespace inside a word becomes the space between two tokens). The
    sentences, tags, span groups, extension values and ``as_tuples`` context are kept."""
    wanted = {c for c in cuts if c > 0}
    if not wanted:
        return doc
    offsets = doc.to_array(["IDX", "LENGTH"])  # read in C: iterating the tokens in Python costs more
    edges = set(offsets[:, 0].tolist()) | set((offsets[:, 0] + offsets[:, 1]).tolist())
    if wanted <= edges:
        return doc
    text = doc.text
    inside = sorted(c for c in wanted - edges if c < len(text))
    if not inside:
        return doc
    tokens: list[segment.Token] = []
    sent_first: set[int] = set()
    for token in doc:
        if token.is_space:  # made again from the gaps between tokens
            continue
        start, end = token.idx, token.idx + len(token)
        bounds = inside[bisect.bisect_right(inside, start):bisect.bisect_left(inside, end)]
        first = True
        for a, b in zip([start, *bounds], [*bounds, end]):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                if first and token.is_sent_start:
                    sent_first.add(len(tokens))
                first = False
                tokens.append(segment.Token(text[a:b], a, b, token.tag_))
    new = build_doc(doc.vocab, text, tokens, sent_first)
    new.user_data.update(doc.user_data)  # extension values are keyed by character offsets
    new._context = doc._context
    for key, group in doc.spans.items():
        new.spans[key] = [Span(new, *_token_range(new, s.start_char, s.end_char), label=s.label) for s in group]
    return new


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The tokens of the characters ``start``–``end``; where an edge falls inside
    whitespace (never, for a mention the extractors give), the tokens around it too."""
    span = doc.char_span(start, end) or doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        raise ValueError(f"characters {start}–{end} hold no token")
    return span.start, span.end


class KeptWords:
    """The words whose lexemes outlive a memory zone, made outside it.

    ``nlp.memory_zone()`` frees every string and lexeme made inside it, so that a long
    batch does not grow the vocabulary; but making a lexeme (its attributes are computed
    in Python) costs more than the rest of its token, and each article makes anew some
    300 lexemes its predecessors had already made. Syllables and the words made of them
    are a closed set; numbers, codes and amounts are not. So the words written in letters
    alone (syllables joined by single spaces) and single characters are noted inside a
    zone and made lasting after it, up to ``limit`` words (about 0.4 KB each); everything
    else stays transient. Lexemes are the same either way: only their lifetime differs."""

    def __init__(self, vocab: Vocab, limit: int = 50_000):
        self.vocab = vocab
        self.limit = limit
        self.kept: set[str] = set()
        self.pending: set[str] = set()

    def note(self, words: Iterable[str]) -> None:
        """Note the words of a doc made inside a memory zone (outside one, every lexeme lasts)."""
        if not _in_memory_zone(self.vocab) or len(self.kept) + len(self.pending) >= self.limit:
            return
        for word in set(words) - self.kept:
            if len(word) == 1 or word.replace(" ", "").isalpha():
                self.pending.add(word)

    def keep(self) -> None:
        """Make the noted words lasting (call it outside a memory zone)."""
        if _in_memory_zone(self.vocab):
            return
        for word in self.pending:
            if len(self.kept) >= self.limit:
                break
            self.vocab[word]
            self.kept.add(word)
        self.pending.clear()


def _in_memory_zone(vocab: Vocab) -> bool:
    return bool(vocab.in_memory_zone)  # type: ignore[attr-defined]  # spaCy 3.8, not in its stubs


@contextmanager
def memory_zone(nlp: Language) -> Iterator[None]:
    """``nlp.memory_zone()``, after which the words the zone's docs noted in the
    tokenizer's ``KeptWords`` are made lasting."""
    with nlp.memory_zone():
        yield
    kept = getattr(nlp.tokenizer, "kept_words", None)
    if kept is not None:
        kept.keep()


class UndertheseaTokenizer:
    """Normalise, split sentences, and segment words with underthesea where it pays.

    ``segment_all`` runs the word segmenter on every sentence (not only on those with a
    rank, title or honorific); ``pos`` adds underthesea's POS tags as ``token.tag_``.
    """

    def __init__(self, vocab: Vocab, segment_all: bool = False, pos: bool = False):
        self.vocab = vocab
        self.segment_all = segment_all
        self.pos = pos
        self.kept_words = KeptWords(vocab)

    def __call__(self, text: str) -> Doc:
        with timings.stage("normalise"):
            text = normalize(text)
        with timings.stage("segment"):
            spans = segment.sentences(text)
            trigger = officials.trigger_pattern()
            segmented: dict[int, list[segment.Token]] = {}
            later: set[int] = set()
            # Words go into the doc only when asked for (every sentence, or POS tags);
            # otherwise a sentence is segmented when the officials reader first looks up
            # one of its words (``ArticleText.tokens``), and the doc holds its syllables.
            eager = self.segment_all or self.pos
            triggered: list[int] = []  # the sentences that can name an official
            for index, (start, end) in enumerate(spans):
                hit = not self.segment_all and trigger.search(text, start, end)
                if hit:
                    triggered.append(index)
                if eager and (self.segment_all or hit):
                    segmented[index] = segment.word_tokens(text, start, end, with_tags=self.pos)
                elif hit:
                    later.add(index)
        with timings.stage("doc"):
            if eager:
                tokens: list[segment.Token] = []
                sent_first: set[int] = set()
                for index, (start, end) in enumerate(spans):
                    sentence_tokens = segmented[index] if index in segmented else segment.syllable_tokens(text, start, end)
                    if sentence_tokens:
                        sent_first.add(len(tokens))
                    tokens.extend(sentence_tokens)
                self.kept_words.note(token.text for token in tokens)
                doc = build_doc(self.vocab, text, tokens, sent_first)
            else:
                doc, syllables = syllable_doc(self.vocab, text, spans)
                self.kept_words.note(syllables)
        doc.user_data["text"] = text  # the same as doc.text, which joins every token again
        doc.user_data["sentences"] = spans
        doc.user_data["words"] = segmented
        doc.user_data["segment_later"] = sorted(later)  # a list: a doc's user data goes through msgpack
        doc.user_data["triggered"] = None if self.segment_all else triggered
        return doc

    # The tokenizer has no data of its own: its settings are in the pipeline's config.
    # These keep ``nlp.to_disk``/``spacy.load`` and ``to_bytes``/``from_bytes`` working.
    def _settings(self) -> dict:
        return {"segment_all": self.segment_all, "pos": self.pos}

    def _apply(self, settings: dict) -> None:
        self.segment_all = bool(settings.get("segment_all", self.segment_all))
        self.pos = bool(settings.get("pos", self.pos))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._settings())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "UndertheseaTokenizer":
        self._apply(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        srsly.write_json(Path(path), self._settings())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "UndertheseaTokenizer":
        self._apply(srsly.read_json(Path(path)))
        return self


@spacy.registry.tokenizers("vn_extract.underthesea_tokenizer.v1")
def create_tokenizer(segment_all: bool = False, pos: bool = False):
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab, segment_all=segment_all, pos=pos)
    return make


def _as_set(indices: list[int] | None) -> set[int] | None:
    return None if indices is None else set(indices)


def article_view(doc: Doc) -> ArticleText:
    """The extractors' view of a doc (made once per doc). The publication date is
    ``doc._.vnx_published``, else the ``published`` of the context ``nlp.pipe(...,
    as_tuples=True)`` was given (then also set as ``doc._.vnx_published``)."""
    view = doc.user_data.get("article_view")
    if view is None:
        if doc._.vnx_published is None and isinstance(doc._context, dict):
            doc._.vnx_published = doc._context.get("published")
        text = doc.user_data.get("text") or doc.text
        view = ArticleText(text, doc.user_data.get("sentences") or segment.sentences(text),
                           _as_date(doc._.vnx_published), doc.user_data.get("words") or {},
                           segment_later=set(doc.user_data.get("segment_later") or ()),
                           triggered=_as_set(doc.user_data.get("triggered")))
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


def _make_component(field: str) -> Callable[[Doc], Doc]:
    extractor = fields.get(field).module

    def component(doc: Doc) -> Doc:
        view = article_view(doc)
        with timings.stage(field):
            found = extractor.extract(view)
        view.found[field] = found
        with timings.stage("spans"):
            # Most mentions start and end on token edges: then their spans are made at once.
            spans = [doc.char_span(mention["start"], mention["end"], label=field) for mention in found]
            if not all(spans):  # one is not (or is empty): cut the tokens first
                doc = split_at(doc, [edge for mention in found for edge in (mention["start"], mention["end"])])
                spans = []
                for mention in found:
                    try:
                        spans.append(Span(doc, *_token_range(doc, mention["start"], mention["end"]), label=field))
                    except ValueError:  # an empty mention: no token to hold it
                        spans.append(None)
            for span, mention in zip(spans, found):
                if span is not None:
                    span._.vnx_data = mention
            doc.spans[field] = [span for span in spans if span is not None]
        return doc

    component.__name__ = f"vn_{field}"
    return component


for _field in FIELDS:
    Language.component(f"vn_{_field.name}", func=_make_component(_field.name))


class NameRecogniser:
    """The ``vn_ner`` component: the trained PER/ORG model (``pipeline/ner.py``) run on the
    sentences the officials reader reads (``backend="crf"``: underthesea's CRF recogniser
    instead, the alternative it was measured against). Its entities go to ``doc.spans["ner"]`` (labels
    ``PER``, ``ORG``, ``LOC``) and to the officials reader, which runs after it."""

    def __init__(self, model: str | None = None, backend: str = "model"):
        if backend not in ("model", "crf"):
            raise ValueError(f"unknown name recogniser: {backend!r} (model or crf)")
        self.model_path = model
        self.backend = backend

    def __call__(self, doc: Doc) -> Doc:
        view = article_view(doc)
        trigger = officials.trigger_pattern()
        wanted = [(a, b) for a, b in view.sentences if trigger.search(view.text, a, b)]
        if self.backend == "crf":
            view.entities = ner.recognise_crf(view.text, wanted)
        else:
            view.entities = ner.recognise(ner.model(self.model_path), view.text, wanted)
        doc = split_at(doc, [edge for e in view.entities for edge in (e.start, e.end)])
        doc.spans["ner"] = [Span(doc, *_token_range(doc, e.start, e.end), label=e.label) for e in view.entities]
        return doc


@Language.factory("vn_ner", default_config={"model": None, "backend": "model"})
def create_name_recogniser(nlp: Language, name: str, model: str | None, backend: str) -> NameRecogniser:
    return NameRecogniser(model, backend)


def load(segment_all: bool = False, pos: bool = False, ner: bool = False) -> Language:
    """The extraction pipeline: underthesea tokenizer, the name recogniser when ``ner`` is
    true, and one component per field."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {
        "@tokenizers": "vn_extract.underthesea_tokenizer.v1", "segment_all": segment_all, "pos": pos}}})
    # No parser or NER model runs, so the memory guard against long texts does not apply;
    # the readers limit an article's length themselves.
    nlp.max_length = 10 * MAX_TEXT_CHARS
    if ner:
        nlp.add_pipe("vn_ner")
    for field in FIELDS:
        nlp.add_pipe(f"vn_{field.name}")
    return nlp
