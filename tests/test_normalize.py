"""Normalisation: NFC and the traditional tone placement, offsets unchanged in length."""
import unicodedata

import pytest

from pipeline.normalize import normalize

CASES = [
    ("Hoà Bình", "Hòa Bình"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("thuỷ lợi", "thủy lợi"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("THUỶ", "THỦY"),
    ("hoạ sĩ", "họa sĩ"),
    # closed syllables and "qu" keep their marks where they are
    ("hoàng", "hoàng"),
    ("quý", "quý"),
    ("Quảng Ninh", "Quảng Ninh"),
    ("thuyền", "thuyền"),
    ("Huỳnh", "Huỳnh"),
    ("Hòa Bình", "Hòa Bình"),
    ("a\u00a0b", "a b"),
    ("x\r\ny", "x\ny"),
]


@pytest.mark.parametrize("written,expected", CASES)
def test_tone_placement(written, expected):
    assert normalize(written) == expected


@pytest.mark.parametrize("written,expected", CASES)
def test_decomposed_input(written, expected):
    assert normalize(unicodedata.normalize("NFD", written)) == expected
