"""Officials: named people with a rank, a post, or introduced as ``đồng chí``.

Only sentences with a rank, a title word or a form of address are read
(``trigger_pattern``). Each is read in four steps, one module each, after the word lists
of ``rules/officials.yaml`` and ``rules/names.yaml`` are compiled (``patterns``):

1. ``clauses``: the sentence is cut into segments at punctuation and spaced dashes, and
   each segment is read for a rank, a title and a name (``names`` finds where a name lies
   in a run of capitals; ``titles`` finds where a title ends and whom it names).
2. ``suspects``: people marked as accused, victims or witnesses, or prosecuted in the
   sentence, are left out as they are read.
3. ``attach``: each title goes to the person it belongs to.
4. ``attach.merge``: one entry per person in the article.

The results passed between the steps are named types (``model``).
"""
from __future__ import annotations

import regex

from ...article import ArticleText
from .attach import attach, merge
from .clauses import read_all, split
from .model import Person
from .names import Words
from .patterns import patterns
from .suspects import without_accused_list


def trigger_pattern() -> regex.Pattern:
    """Sentences matching this are the ones worth word segmentation for officials."""
    return patterns().trigger


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    people: list[Person] = []
    for index, (start, end) in enumerate(article.sentences):
        if not trigger_pattern().search(text, start, end):
            continue
        segments = read_all(text, split(text, start, end), Words(article.tokens(index)))
        people.extend(without_accused_list(text, start, end, attach(text, segments)))
    return [
        {"text": text[p.start:p.end], "name": p.name, "rank": p.rank, "titles": p.titles, "start": p.start, "end": p.end,
         "rule": p.rule}
        for p in merge(people)
    ]
