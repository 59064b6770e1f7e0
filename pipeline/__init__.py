"""Structured data from Vietnamese news articles and press releases.

``pipeline.load()`` gives the spaCy pipeline; ``pipeline.extract(article)`` the output
record of one article; ``python -m pipeline extract`` runs a batch.
"""
from __future__ import annotations

import functools

__version__ = "0.1.0"


def load(**options):
    """The spaCy ``Language`` that extracts every field (see :mod:`pipeline.nlp`)."""
    from .nlp import load as load_nlp
    return load_nlp(**options)


@functools.cache
def _default_nlp():
    return load()


def extract(article: dict | str, published: str | None = None) -> dict:
    """The output record of one article: a dict with the spec's input fields, or a text."""
    from .record import extract_article
    if isinstance(article, str):
        article = {"id": None, "title": None, "text": article, "published": published}
    return extract_article(_default_nlp(), article)
