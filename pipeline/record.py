"""From a processed doc to the spec's output record."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import timings
from .fields import NAMES as FIELDS

META = ("id", "source", "url", "title", "published")


def article_text(article: dict) -> str:
    """``title + "\\n" + text`` (the title and its newline left out when there is none)."""
    title = article.get("title")
    body = article.get("text") or ""
    return f"{title}\n{body}" if title else body


def process(nlp: Language, article: dict) -> Doc:
    """The processed doc of an article (its ``published`` as ``doc._.vnx_published``)."""
    doc = nlp.make_doc(article_text(article))
    doc._.vnx_published = article.get("published")
    return nlp(doc)


def to_record(doc: Doc, article: dict) -> dict:
    record = {key: article.get(key) for key in META}
    for field in FIELDS:
        record[field] = [dict(span._.vnx_data) for span in doc.spans.get(field, [])]
    return record


def extract_article(nlp: Language, article: dict) -> dict:
    """The output record of one article (a dict with the spec's input fields). The doc's
    new strings are freed afterwards, but for a bounded set of words kept for the next
    articles (``nlp.KeptWords``), so a long batch does not grow the vocabulary."""
    from .nlp import memory_zone
    with memory_zone(nlp):
        doc = process(nlp, article)
        with timings.stage("record"):
            return to_record(doc, article)
