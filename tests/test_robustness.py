"""Extractors never raise on any Unicode text, and every mention's offsets hold."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalize import normalize
from pipeline.record import article_text, extract_article

from pipeline.fields import NAMES as FIELDS
VIETNAMESE_BITS = [
    "Ngày 29/11", "năm 2022", "Đại tá", "Nguyễn Văn A", "Giám đốc Công an tỉnh", "Hoà Bình", "TP.HCM",
    "khen thưởng", "12 tập thể", "trên 500 triệu đồng", "1.000.000.000.000.000", "tỷ", "(", ")", "[[((", "))]]",
    "số 06/QĐ-TTg", "giai đoạn 2022 – 2025", "quý I/2024", ",", ";", " - ", "\n", "đồng chí", "ông", "bà",
    "từ 5 đến 10 triệu USD", "sinh năm 1990", "\u0301", "\u200b", "\x00", "\x07", "𝔸", "中文", "עברית", "🙂",
]
pieces = st.one_of(st.sampled_from(VIETNAMESE_BITS), st.text(max_size=12), st.from_regex(r"\d{1,25}([.,/-]\d{1,6}){0,4}", fullmatch=True))
texts = st.lists(pieces, max_size=40).map(" ".join)


def check(nlp, article):
    record = extract_article(nlp, article)
    text = normalize(article_text(article))
    for field in FIELDS:
        for mention in record[field]:
            assert 0 <= mention["start"] <= mention["end"] <= len(text)
            assert text[mention["start"]:mention["end"]] == mention["text"]
    return record


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=st.one_of(st.none(), texts), body=texts, published=st.sampled_from([None, "2021-04-26", "2013-10-23T18:04:00+07:00", "not a date"]))
def test_any_text(nlp, title, body, published):
    check(nlp, {"id": "x", "title": title, "text": body, "published": published})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_unicode(nlp, body):
    check(nlp, {"id": "x", "title": None, "text": body, "published": None})


@pytest.mark.parametrize("body", [
    "Ngày 29/11 " * 90_000,                                  # a 1 MB line of dates
    "Trung tướng Nguyễn Văn A, " * 40_000,                    # a 1 MB line of officials
    "1" * 1_000_000,                                          # a million-digit number
    "1.000." * 160_000 + " tỷ đồng",
    "(" * 300_000 + "Hà Nội" + ")" * 300_000,
])
def test_megabyte_lines(nlp, body):
    check(nlp, {"id": "x", "title": None, "text": body, "published": "2022-12-01"})
