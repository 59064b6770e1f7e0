"""Tests for pipeline.encoding: detection and decoding of UTF and legacy Vietnamese text."""
from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.encoding import DecodeError, decode_bytes, is_syllable

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = ROOT / "corpus" / "gold" / "000_b7ebf30e4d42f5af.txt"
LEGACY = ROOT / "tests" / "data" / "legacy"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def original() -> str:
    return ORIGINAL.read_text(encoding="utf-8")


def without_typography(text: str) -> str:
    """The original as the TCVN3 and VNI files write it: no curly quotes, en dash or ellipsis."""
    for fancy, plain in (("“", '"'), ("”", '"'), ("–", "-"), ("…", "...")):
        text = text.replace(fancy, plain)
    return text


def to_cp1258(text: str) -> bytes:
    """Encode as Windows does: precomposed where cp1258 has the letter, else base + combining tone."""
    out = bytearray()
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = "".join(p for p in parts if p in TONES)
            base = nfc("".join(p for p in parts if p not in TONES))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    "filename, encoding, plain_punctuation",
    [
        ("000_b7ebf30e4d42f5af.tcvn3.txt", "tcvn3", True),
        ("000_b7ebf30e4d42f5af.vni.txt", "vni", True),
        ("000_b7ebf30e4d42f5af.cp1258.txt", "cp1258", False),
    ],
)
def test_legacy_files_decode_to_the_original(filename, encoding, plain_punctuation):
    text, name = decode_bytes((LEGACY / filename).read_bytes())
    expected = without_typography(original()) if plain_punctuation else original()
    assert name == encoding
    assert text == nfc(expected)


@pytest.mark.parametrize(
    "encode, encoding",
    [
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8-sig"),
        (lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), "utf-16"),
        (lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16"),
        (lambda s: unicodedata.normalize("NFD", s).encode("utf-8"), "utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-8-nfd"],
)
def test_unicode_round_trip(encode, encoding):
    text, name = decode_bytes(encode(original()))
    assert name == encoding
    assert text == nfc(original())


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", ("", "empty")),
        (b"Hello, SEA Games 31", ("Hello, SEA Games 31", "utf-8")),
        (b"line one\r\nline two\ttab\n", ("line one\r\nline two\ttab\n", "utf-8")),
    ],
)
def test_empty_and_ascii(data, expected):
    assert decode_bytes(data) == expected


PHRASES = [
    "Công an tỉnh Thái Nguyên",
    "Hòa Bình",
    "Hoà Bình",
    "Nguyễn Ngọc Toàn",
    "Quyết định số 06",
    "Đà Nẵng",
    "Thủ tướng Chính phủ",
    "Ủy ban nhân dân",
    "Đắk Lắk",
    "Bắc Kạn",
    "Trường Sa",
    "khen thưởng năm 2022",
    "ĐỒNG NAI",
    "quỹ đầu tư",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_cp1258_phrases(phrase):
    assert decode_bytes(to_cp1258(phrase)) == (nfc(phrase), "cp1258")


@pytest.mark.parametrize(
    "data, expected, encoding",
    [
        (b"H\xdfa B\xd7nh", "Hòa Bình", "tcvn3"),
        (b"Nguy\xd4n Ng\xe4c To\xb5n", "Nguyễn Ngọc Toàn", "tcvn3"),
        (b"Quy\xd5t \xae\xdenh s\xe8 06", "Quyết định số 06", "tcvn3"),
        (b"\xa7\xabng Nam \x83", "Đông Nam Á", "tcvn3"),
        (b"Ho\xf8a B\xecnh", "Hòa Bình", "vni"),
        (b"Nguye\xe3n Ngo\xefc Toa\xf8n", "Nguyễn Ngọc Toàn", "vni"),
        (b"Quye\xe1t \xf1\xf2nh so\xe1 06", "Quyết định số 06", "vni"),
        (b"Tr\xf6\xf4\xf9ng \xd1a\xefi ho\xe4i", "Trướng Đại hội", "vni"),
    ],
)
def test_hand_encoded_legacy_phrases(data, expected, encoding):
    assert decode_bytes(data) == (expected, encoding)


def _png_header() -> bytes:
    return bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096),
        random.Random(1).randbytes(512),
        random.Random(2).randbytes(5000),
        _png_header(),
        b"\x00" * 64,
        b"text\x00with\x00nuls",
        bytes(range(1, 32)) * 20,
        bytes(random.Random(3).choices(range(0x80, 0x100), k=800)),
        codecs.BOM_UTF16_LE + b"\x00\x00" * 40,
    ],
    ids=["urandom", "random-512", "random-5000", "png", "nuls", "nuls-in-text", "controls", "high-bytes", "utf16-nuls"],
)
def test_binary_junk_raises(data):
    with pytest.raises(DecodeError):
        decode_bytes(data)


@pytest.mark.parametrize(
    "word, valid",
    [
        ("nguyễn", True),
        ("hòa", True),
        ("hoà", True),
        ("quốc", True),
        ("giữa", True),
        ("khuỷu", True),
        ("đắk", True),
        ("hóan", False),  # tone on the glide before a final consonant
        ("tàp", False),  # checked final with a grave tone
        ("ngha", False),  # ngh only before i, e, ê
        ("côm©", False),
        ("®ua", False),
    ],
)
def test_syllable_check(word, valid):
    assert is_syllable(word) is valid


def test_deterministic_across_processes():
    files = sorted(LEGACY.glob("*.txt"))
    script = (
        "import json, sys, hashlib\n"
        "from pipeline.encoding import decode_bytes\n"
        "out = []\n"
        "for path in sys.argv[1:]:\n"
        "    text, name = decode_bytes(open(path, 'rb').read())\n"
        "    out.append([name, hashlib.sha256(text.encode()).hexdigest()])\n"
        "print(json.dumps(out))\n"
    )
    runs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run(
            [sys.executable, "-c", script, *map(str, files)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )
        runs.append(json.loads(result.stdout))
    assert runs[0] == runs[1]
    in_process = [decode_bytes(path.read_bytes()) for path in files]
    assert in_process == [decode_bytes(path.read_bytes()) for path in files]
