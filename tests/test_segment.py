"""The segmenter run on one clause gives the words it gives that clause in the whole
sentence (``segment.clause_window``), on real sentences: the officials reader segments
only the clauses it looks words up in, and its output must not change for that."""
import json
from pathlib import Path

import pytest

from pipeline import segment
from pipeline.extractors.officials import trigger_pattern
from pipeline.normalize import normalize

SAMPLE = Path(__file__).parents[1] / "corpus" / "articles" / "sample.jsonl"


def clause_sentences(limit: int = 120) -> list[tuple[str, tuple[int, int]]]:
    """The first sentences of the bundled sample that the officials reader reads and that
    hold a clause mark."""
    found = []
    with SAMPLE.open(encoding="utf-8") as lines:
        for line in lines:
            text = normalize(json.loads(line)["text"])
            for start, end in segment.sentences(text):
                if trigger_pattern().search(text, start, end) and segment._CLAUSE_MARK.search(text, start, end):
                    found.append((text, (start, end)))
                    if len(found) == limit:
                        return found
    return found


@pytest.mark.parametrize("text,span", clause_sentences())
def test_a_clause_alone_gives_the_sentences_words(text, span):
    start, end = span
    whole = segment.word_tokens(text, start, end)
    marks = [m.start() for m in segment._CLAUSE_MARK.finditer(text, start, end)]
    for offset in [start, *(m + 2 for m in marks)]:
        window = segment.clause_window(text, start, end, offset)
        if window is None:
            continue  # a mark the segmenter joins to a word: the whole sentence is used
        lo, hi, words = window
        assert lo <= offset <= hi
        assert words == [w for w in whole if lo <= w.start and w.end <= hi]


def test_no_clause_mark_no_window():
    text = "Chủ tịch UBND tỉnh Hà Giang Nguyễn Văn Sơn cho biết thêm."
    assert segment.clause_window(text, 0, len(text), 10) is None
