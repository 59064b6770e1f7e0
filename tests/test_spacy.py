"""The spaCy layer behaves like spaCy: each span's text is its mention's, the publication
date goes in through ``nlp(doc)`` or ``nlp.pipe(..., as_tuples=True)``, the pipeline
round-trips through ``to_disk``/``spacy.load`` and ``to_bytes``/``from_bytes``, and its
extension attributes are namespaced."""
import json

import pytest
import spacy
from spacy.tokens import Span

from conftest import GOLD, SEED
from pipeline.fields import FIELDS
from pipeline.readers import read_items
from pipeline.record import process, to_record

NO_YEAR = "Sáng 26/4, Đại tá Nguyễn Văn A, Giám đốc Công an tỉnh Hòa Bình, trao thưởng 50 triệu đồng."


def test_every_span_is_its_mention(nlp):
    """Over the bundled gold articles, a span's text and offsets are its mention's, even
    where a mention ends inside a word the segmenter made."""
    spans = 0
    for item in read_items([GOLD]):
        doc = process(nlp, item.article)
        for f in FIELDS:
            for span in doc.spans[f.name]:
                mention = span._.vnx_data
                assert (span.text, span.start_char, span.end_char) == (mention["text"], mention["start"], mention["end"])
                spans += 1
    assert spans > 500


# (text, the mention; underthesea joins its last syllable with the next word: "Trump lặp")
SPLIT_WORDS = [
    ("Tổng thống Mỹ Donald Trump lặp lại lời cảnh báo.", "Donald Trump"),
]


@pytest.fixture(scope="module")
def nlp_words():
    """The pipeline whose docs hold the segmenter's words (every sentence segmented)."""
    from pipeline.nlp import load
    return load(segment_all=True)


@pytest.mark.parametrize("text,name", SPLIT_WORDS)
def test_tokens_are_split_at_mention_edges(nlp_words, text, name):
    nlp = nlp_words
    before = [t.text for t in nlp.make_doc(text)]
    doc = nlp(text)
    [span] = doc.spans["officials"]
    assert span.text == name and doc.text == text
    assert any(name.split()[-1] in word and word != name.split()[-1] for word in before)  # the word the segmenter made
    assert doc[span.end - 1].text == name.split()[-1] and doc[span.end - 1].whitespace_ == " "
    assert "".join(t.text_with_ws for t in doc) == text


# (an article; the sentences the officials reader reads; those whose words it looks up, with the words)
LAZY_WORDS = [
    ("Thủ tướng phát biểu tại hội nghị. Chủ tịch UBND tỉnh Hà Giang Nguyễn Văn Sơn cho biết thêm.", {0, 1},
     {1: ["Chủ tịch", "UBND", "tỉnh", "Hà Giang", "Nguyễn Văn Sơn", "cho", "biết", "thêm", "."]}),
]


@pytest.mark.parametrize("text,read,looked_up", LAZY_WORDS)
def test_a_sentence_is_segmented_only_when_its_words_are_looked_up(nlp, nlp_words, text, read, looked_up):
    from pipeline.nlp import article_view
    assert nlp.make_doc(text).to_bytes()  # what the tokenizer keeps for later can be serialised
    doc = nlp(text)
    assert set(doc.user_data["segment_later"]) == read
    assert {i: [w.text for w in words] for i, words in article_view(doc).words.items()} == looked_up
    assert all(" " not in token.text for token in doc)  # the doc holds syllables
    everything = nlp_words(text)
    assert set(article_view(everything).words) == {0, 1}
    assert to_record(doc, {"id": "x"}) == to_record(everything, {"id": "x"})


@pytest.mark.parametrize("published,value", [("2021-04-26", "2021-04-26"), ("2019-01-02T08:00:00+07:00", "2019-04-26")])
def test_published_through_nlp_and_pipe(nlp, published, value):
    doc = nlp.make_doc(NO_YEAR)
    doc._.vnx_published = published
    assert [s._.vnx_value for s in nlp(doc).spans["dates"]] == [value]
    [(doc, context)] = list(nlp.pipe([(NO_YEAR, {"published": published, "id": "x"})], as_tuples=True))
    assert context["id"] == "x" and doc._.vnx_published == published
    assert [s._.vnx_value for s in doc.spans["dates"]] == [value]
    plain = nlp(NO_YEAR)
    assert [s._.vnx_value for s in plain.spans["dates"]] == ["XXXX-04-26"]


def _records(nlp):
    return [to_record(process(nlp, item.article), item.article) for item in read_items([SEED, GOLD / "articles.jsonl"])]


def test_to_disk_and_load_give_the_same_output(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert json.dumps(_records(loaded), ensure_ascii=False) == json.dumps(_records(nlp), ensure_ascii=False)
    again = spacy.blank("vi", config=nlp.config).from_bytes(nlp.to_bytes())
    assert json.dumps(_records(again), ensure_ascii=False) == json.dumps(_records(nlp), ensure_ascii=False)


def test_tokenizer_settings_round_trip(tmp_path):
    import pipeline
    pos = pipeline.load(pos=True)
    pos.to_disk(tmp_path / "pos")
    loaded = spacy.load(tmp_path / "pos")
    assert loaded.tokenizer.pos is True and loaded.tokenizer.to_bytes() == pos.tokenizer.to_bytes()


def test_extensions_are_namespaced(nlp):
    from spacy.tokens.underscore import Underscore
    ours = [*Underscore.doc_extensions, *Underscore.span_extensions]
    assert "vnx_published" in ours and "vnx_data" in ours and "vnx_rule" in ours
    assert all(name.startswith("vnx_") for name in ours)
    for f in FIELDS:
        assert all(Span.has_extension(f"vnx_{value}") for value in f.values)


# (an article; words that outlive its memory zone, the name's syllables as the doc holds them; strings that do not)
KEPT = [
    ("Ông Nguyễn Văn An nhận 25.000 đồng ngày 12/3.", ["Nguyễn", "Văn", "An", "nhận", "."], ["25.000", "12/3"]),
]


@pytest.mark.parametrize("text,kept,freed", KEPT)
def test_words_in_letters_outlive_the_memory_zone_numbers_do_not(text, kept, freed):
    from pipeline.nlp import load
    from pipeline.record import extract_article
    nlp = load()
    extract_article(nlp, {"id": "x", "text": text})
    assert all(word in nlp.vocab for word in kept)
    assert not any(word in nlp.vocab for word in freed)


def test_kept_words_are_bounded():
    from pipeline.nlp import KeptWords, load
    nlp = load()
    nlp.tokenizer.kept_words = KeptWords(nlp.vocab, limit=3)
    from pipeline.record import extract_article
    extract_article(nlp, {"id": "x", "text": "Một hai ba bốn năm sáu bảy tám chín mười."})
    extract_article(nlp, {"id": "y", "text": "Mười một mười hai mười ba."})
    kept = nlp.tokenizer.kept_words.kept
    assert len(kept) == 3 and all(word in nlp.vocab for word in kept)
    assert sum(word in nlp.vocab for word in "Một hai ba bốn năm sáu bảy tám chín mười Mười một .".split()) == 3


def _syllable_texts() -> list[str]:
    from conftest import ROOT
    from pipeline.normalize import normalize
    sample = ROOT / "corpus" / "articles" / "sample.jsonl"
    texts = [normalize(json.loads(line)["text"]) for line in sample.read_text(encoding="utf-8").splitlines()[:60]]
    # whitespace the sentences leave between and inside them
    return texts + ["  Hai  dấu cách.\tMột tab.\n\n Dòng mới ", "", " ", "Ông A.", "\nÔng A \n", "A\x1cB. \x1fC"]


@pytest.mark.parametrize("text", _syllable_texts())
def test_the_syllable_doc_is_the_doc_of_syllable_tokens(nlp, text):
    """The tokenizer's doc of syllables (made from ``findall``) has the tokens, spaces and
    sentence starts ``build_doc`` gives the syllable tokens of the same sentences."""
    from pipeline import segment
    from pipeline.nlp import build_doc, syllable_doc
    spans = segment.sentences(text)
    tokens, first = [], set()
    for start, end in spans:
        first.add(len(tokens))
        tokens.extend(segment.syllable_tokens(text, start, end))
    expected = build_doc(nlp.vocab, text, tokens, first)
    made, syllables = syllable_doc(nlp.vocab, text, spans)
    assert made.text == text
    assert [(t.text, t.whitespace_, t.is_sent_start) for t in made] == \
        [(t.text, t.whitespace_, t.is_sent_start) for t in expected]
    assert syllables == [t.text for t in tokens]
