"""A statistical name recogniser (PER, ORG, LOC) beside the rules.

The model is a spaCy ``ner`` component trained by ``make train-ner`` (``ner/config.cfg``,
``ner/make_data.py``) and shipped in ``pipeline/ner_model/``. It reads one sentence at a
time, split into syllables and punctuation (``segment.syllable_tokens``), so what it sees
does not depend on the word segmenter; it runs only on the sentences the officials reader
reads (those with a rank, a title word or a form of address), which is where its answers
are used. Its entities are character ranges into the article's text::

    [Entity(start, end, "PER"), Entity(start, end, "ORG"), Entity(start, end, "LOC"), ...]

The officials reader uses them (``extractors/officials/entities.py``): a candidate the model
calls an organisation is dropped, a name the model reads further is widened, and a person
the rules did not find is added where a rank or a post stands right before the name.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import segment

#: where the trained model ships inside the package
MODEL_DIR = Path(__file__).resolve().parent / "ner_model"
LABELS = ("PER", "ORG", "LOC")


class Entity(NamedTuple):
    start: int
    end: int
    label: str


def sentence_doc(vocab: Vocab, text: str, start: int, end: int) -> tuple[Doc, list[segment.Token]]:
    """The model's view of ``text[start:end]``: one token per syllable or punctuation mark,
    with the tokens (their offsets into ``text``) to map entities back."""
    tokens = segment.syllable_tokens(text, start, end)
    spaces = [a.end < b.start for a, b in zip(tokens, tokens[1:])] + [False]
    return Doc(vocab, words=[t.text for t in tokens], spaces=spaces), tokens


def files(path: str | None = None) -> list[Path]:
    """The model's files, in a fixed order (a run's fingerprint reads them)."""
    return sorted(p for p in (Path(path) if path else MODEL_DIR).rglob("*") if p.is_file())


@functools.cache
def model(path: str | None = None) -> Language:
    """The trained recogniser (loaded once per process)."""
    import spacy

    where = Path(path) if path else MODEL_DIR
    if not (where / "meta.json").exists():
        raise FileNotFoundError(f"no trained name recogniser in {where}: run `make train-ner`")
    return spacy.load(where)


def recognise(nlp: Language, text: str, spans: Iterable[tuple[int, int]]) -> list[Entity]:
    """The entities the model finds in the sentences ``spans`` of ``text``."""
    docs, token_lists = [], []
    for start, end in spans:
        if end - start > segment.MAX_SEGMENTED_CHARS:
            continue  # a whole body without punctuation: no sentence to read
        doc, tokens = sentence_doc(nlp.vocab, text, start, end)
        if tokens:
            docs.append(doc)
            token_lists.append(tokens)
    found: list[Entity] = []
    for doc, tokens in zip(nlp.pipe(docs), token_lists):
        for ent in doc.ents:
            if ent.label_ in LABELS:
                found.append(Entity(tokens[ent.start].start, tokens[ent.end - 1].end, ent.label_))
    return found


def recognise_crf(text: str, spans: Iterable[tuple[int, int]]) -> list[Entity]:
    """The same from underthesea's own CRF recogniser (``underthesea.ner``, trained on
    VLSP 2016), run on the same sentences: the alternative the trained model is measured
    against (``bench/ner_models.py``)."""
    from underthesea import ner as crf_ner

    found: list[Entity] = []
    for start, end in spans:
        if end - start > segment.MAX_SEGMENTED_CHARS:
            continue
        pos, current = start, None
        for word, _, _, tag in crf_ner(text[start:end]):
            first = None
            for part in word.split(" "):
                while pos < end and text[pos].isspace():
                    pos += 1
                if not text.startswith(part, pos):
                    break
                first = pos if first is None else first
                pos += len(part)
            else:
                label = tag[2:]
                if tag.startswith("I-") and current is not None and current.label == label:
                    current = Entity(current.start, pos, label)
                    found[-1] = current
                elif tag != "O" and label in LABELS:
                    current = Entity(first if first is not None else pos, pos, label)
                    found.append(current)
                else:
                    current = None
                continue
            break  # the recogniser's words do not align with the text: the rest of the sentence is left
    return found
